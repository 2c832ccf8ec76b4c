/// A person counted in an appendix table, with the group it is counted in when a person can
/// count in several (measures, kinds of mapping).
struct Tagged: Sendable {
    let i: Int32
    let tag: String
}

/// The appendix tables 1A–12 from the introduction register.
struct NIRTables {
    let context: TableContext
    static let timeSeries: Set<String> = ["1A", "1B", "2A", "2B", "3A", "3B", "5b", "6A", "6B", "7", "9", "10", "11A", "11B"]
    static let source = "Integrerings- og mangfoldsdirektoratet (Nasjonalt introduksjonsregister, NIR)"

    var nir: [NIRPerson] { context.registers.nir }

    /// The persons that pass `include`, as indices (tables count indices, not copies).
    func select(_ include: (NIRPerson) -> Bool, _ tag: String = "") -> [Tagged] { tagging { include($0) ? tag : nil } }

    /// The persons `tag` gives a group, with it (nil: not counted).
    func tagging(_ tag: (NIRPerson) -> String?) -> [Tagged] {
        var out: [Tagged] = []
        // Through the buffer: each person is read in place, not copied.
        nir.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                if let t = tag(buffer[i]) { out.append(Tagged(i: Int32(i), tag: t)) }
            }
        }
        return out
    }

    /// A breakdown of persons by `code`.
    func by(_ dimension: StatDimension, _ code: @escaping @Sendable (NIRPerson) -> String?) -> Breakdown<Tagged> {
        let nir = nir
        return Breakdown(dimension) { t, _ in nir.withUnsafeBufferPointer { code($0[Int(t.i)]) } }
    }

    var byTag: (StatDimension) -> Breakdown<Tagged> { { Breakdown($0) { t, _ in t.tag } } }

    var gender: Breakdown<Tagged> { by(Dimensions.gender) { $0.gender.rawValue } }

    var county: Breakdown<Tagged> {
        let year = context.year
        let map = Dimensions.countyMap(context.geography.allCodes, geography: context.geography, year: year)
        return by(Dimensions.counties(context.geography, year: year)) { map[$0.kommune] }
    }

    /// The reception centres' host municipalities that occur, in the table year's numbers.
    var host: Breakdown<Tagged> {
        let division = context.geography.division(for: context.year)
        var mapping: [String: String] = [:]
        for code in Set(nir.filter { $0.right == .asylumSeeker }.map(\.kommune)) {
            if let m = division.municipality(code)
                ?? context.geography.code(code, validIn: context.year).first.flatMap(division.municipality)
            {
                mapping[code] = m.code
            }
        }
        let map = mapping
        let used = Set(map.values).sorted().compactMap(division.municipality)
        let dim = StatDimension(
            id: "Region", label: "Vertskommune", categories: used.map { ($0.code, "\($0.code) \($0.name)") } + [("0", "Hele landet")],
            role: .geo, totalCode: "0")
        return by(dim) { map[$0.kommune] }
    }

    func inReception(_ p: NIRPerson, _ range: ClosedRange<Int>) -> Bool { p.right == .asylumSeeker && p.inTargetGroup(range) }

    /// An asylum seeker who came to reception this year or the year before.
    static func arrived(_ p: NIRPerson, year: Int, _ range: ClosedRange<Int>) -> Bool {
        let from = Period.year.range(year - 1).lowerBound
        return p.right == .asylumSeeker && p.targetFrom.map { $0 >= from && $0 <= range.upperBound } == true
    }

    /// When training started, counted from arrival: within 3, 3–6, 6–12, over 12 months, not (yet).
    func startDimension(_ id: String) -> StatDimension {
        StatDimension(
            id: id, label: "Oppstart etter ankomst",
            categories: [
                ("0-3", "Innen 3 måneder"), ("3-6", "3–6 måneder"), ("6-12", "6–12 måneder"), ("12+", "Over 12 måneder"),
                ("ikke", "Ikke startet"), ("0", "I alt"),
            ], totalCode: "0")
    }

    static func startGroup(from: Int, start: Int?, end: Int) -> String {
        guard let s = start, s <= end else { return "ikke" }
        if s <= Months.add(3, to: from) { return "0-3" }
        if s <= Months.add(6, to: from) { return "3-6" }
        if s <= Months.add(12, to: from) { return "6-12" }
        return "12+"
    }

    func table(_ n: String, title: String) -> CountTable<Tagged>? {
        let src = Self.source
        switch n {
        case "1A", "1B":
            let social = n == "1B"
            return CountTable(
                number: n, title: title, source: src, breakdowns: [host, gender],
                share: .ofBase(label: "Asylsøkere i mottak") { _, r in select { inReception($0, r) } }
            ) { _, r in
                select { p in
                    inReception(p, r)
                        && (social
                            ? (p.socialStart.map { $0 <= r.upperBound } == true && (p.socialCompleted ?? .max) >= r.lowerBound)
                            : p.inTraining(r))
                }
            }
        case "2A", "2B":
            let social = n == "2B"
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(startDimension("Oppstart")), gender], share: .ofTotal("Oppstart")
            ) { y, r in
                tagging { p in
                    Self.arrived(p, year: y, r)
                        ? Self.startGroup(from: p.targetFrom!, start: social ? p.socialStart : p.trainingStart, end: r.upperBound) : nil
                }
            }
        case "3A", "3B":
            let social = n == "3B"
            let dim = Dimensions.yesNo(
                "Fullfort", "Fullført", yes: social ? "Fullført samfunnskunnskap" : "Fullført 175 timer", no: "Ikke fullført")
            return CountTable(number: n, title: title, source: src, breakdowns: [byTag(dim), host, gender], share: .ofTotal("Fullfort")) {
                y, r in
                tagging { p in
                    guard Self.arrived(p, year: y, r) else { return nil }
                    return (social ? p.socialCompleted : p.completed175).map { $0 <= r.upperBound } == true ? "ja" : "nei"
                }
            }
        case "4":
            let dim = StatDimension(
                id: "Kartlegging", label: "Kartlegging", categories: [("6", "Kartlagt etter § 6"), ("10", "Kartlagt etter § 10")])
            let entered: @Sendable (NIRPerson, ClosedRange<Int>) -> Bool = { p, r in p.introTargetFrom.map { r.contains($0) } == true }
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), gender],
                share: .ofBase(label: "Kom i målgruppen i perioden") { _, r in
                    select({ entered($0, r) }, "6") + select({ entered($0, r) }, "10")
                },
                notes: [
                    "Grunnlaget er personer som kom i målgruppen for introduksjonsprogram (bosatte fra mottak og overføringsflyktninger) i perioden."
                ]
            ) { _, r in
                select({ p in entered(p, r) && p.mapped6.map { $0 <= r.upperBound } == true }, "6")
                    + select({ p in entered(p, r) && p.mapped10.map { $0 <= r.upperBound } == true }, "10")
            }
        case "5":
            return CountTable(
                number: n, title: title, source: src, breakdowns: [gender],
                share: .ofBase(label: "Deltakere i introduksjonsprogram") { _, r in select { $0.participated(r) } }
            ) { _, r in select { p in p.participated(r) && p.careerGuidance.map { $0 <= r.upperBound } == true } }
        case "5b":
            let codes: [TrainingRight] = [.rightAndDuty, .duty, .right, .none]
            let dim = StatDimension(
                id: "Rettighet", label: "Rettighetskode", categories: codes.map { ($0.rawValue, $0.label) } + [("0", "I alt")],
                totalCode: "0")
            return CountTable(
                number: n, title: title, source: src, breakdowns: [by(dim) { $0.right.rawValue }, gender], share: .ofTotal("Rettighet")
            ) { _, r in select { $0.right != .asylumSeeker && $0.inTraining(r) } }
        case "6A", "6B":
            let right: TrainingRight = n == "6A" ? .rightAndDuty : .duty
            let dim = Dimensions.yesNo("Innen3", "I opplæring innen tre måneder", yes: "Innen tre måneder", no: "Ikke innen tre måneder")
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), gender], share: .ofTotal("Innen3"),
                notes: ["Personer som kom inn under ordningen i perioden; tallene for siste periode er foreløpige."]
            ) { _, r in
                tagging { p in
                    guard p.right == right, let from = p.targetFrom, r.contains(from) else { return nil }
                    return p.trainingStart.map { $0 <= Months.add(3, to: from) } == true ? "ja" : "nei"
                }
            }
        case "7":
            return CountTable(number: n, title: title, source: src, breakdowns: [county, gender]) { _, r in
                select { $0.introTargetGroup(at: r.upperBound) }
            }
        case "8":
            let dim = StatDimension(
                id: "Gruppe", label: "Gruppe", categories: [("deltakere", "Deltakere i løpet av året"), ("startet", "Startet i året")])
            return CountTable(number: n, title: title, source: src, breakdowns: [byTag(dim), county, gender]) { _, r in
                select({ $0.participated(r) }, "deltakere") + select({ $0.introStart.map { r.contains($0) } == true }, "startet")
            }
        case "9":
            let dim = Dimensions.yesNo("Innen3", "Startet innen tre måneder", yes: "Innen tre måneder", no: "Ikke innen tre måneder")
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), gender], share: .ofTotal("Innen3"),
                notes: ["Personer med rett og plikt som kom i målgruppen fra 1. oktober året før til 30. september."]
            ) { y, _ in
                let from = CivilDate(year: y - 1, month: 10, day: 1)!.dayNumber
                let to = CivilDate(year: y, month: 9, day: 30)!.dayNumber
                return tagging { p in
                    guard p.introRight == .rightAndDuty, let entered = p.introTargetFrom, entered >= from && entered <= to else {
                        return nil
                    }
                    return p.introStart.map { $0 <= Months.add(3, to: entered) } == true ? "ja" : "nei"
                }
            }
        case "10":
            return CountTable(number: n, title: title, source: src, breakdowns: [county, gender]) { _, r in
                select { $0.participant(at: r.upperBound) }
            }
        case "11A", "11B":
            let dim = StatDimension(
                id: "Sluttarsak", label: "Sluttårsak", categories: EndReason.allCases.map { ($0.rawValue, $0.label) } + [("0", "I alt")],
                totalCode: "0")
            return CountTable(
                number: n, title: title, source: src, breakdowns: [by(dim) { $0.endReason?.rawValue }, county, gender],
                share: n == "11B" ? .ofTotal("Sluttarsak") : .none
            ) { _, r in select { $0.introEnd.map { r.contains($0) } == true } }
        case "12":
            let dim = StatDimension(id: "Tiltak", label: "Tiltak", categories: Measure.allCases.map { ($0.rawValue, $0.label) })
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), county, gender],
                share: .ofBase(label: "Deltakere") { _, r in
                    let all = select { $0.participated(r) }
                    return Measure.allCases.flatMap { m in all.map { Tagged(i: $0.i, tag: m.rawValue) } }
                },
                notes: ["En deltaker kan ha flere tiltak; andelen er av alle deltakere i året."]
            ) { _, r in
                Measure.allCases.flatMap { m in select({ $0.participated(r) && $0.has(m) }, m.rawValue) }
            }
        default: return nil
        }
    }
}
