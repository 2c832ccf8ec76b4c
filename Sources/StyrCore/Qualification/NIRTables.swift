/// The appendix tables 1A–12 from the introduction register, counted on its columns.
struct NIRTables {
    let context: TableContext
    /// The register's columns (fetched once: the memo behind them takes a lock).
    let c: NIRColumns

    init(context: TableContext) {
        self.context = context
        c = context.registers.nirColumns
    }

    static let timeSeries: Set<String> = ["1A", "1B", "2A", "2B", "3A", "3B", "5b", "6A", "6B", "7", "9", "10", "11A", "11B"]
    static let source = "Integrerings- og mangfoldsdirektoratet (Nasjonalt introduksjonsregister, NIR)"

    /// A breakdown by the position `code` gives a person.
    func by(_ dimension: StatDimension, _ code: @escaping @Sendable (NIRColumns, Int) -> Int?) -> Breakdown<Tagged> {
        let c = c
        return Breakdown(dimension, position: { t, _ in code(c, Int(t.i)) })
    }

    var byTag: (StatDimension) -> Breakdown<Tagged> { { Breakdown($0, position: { t, _ in Int(t.tag) }) } }

    var gender: Breakdown<Tagged> { by(Dimensions.gender) { c, i in Int(c.gender[i]) } }

    /// A breakdown by municipality, each of the register's municipality numbers mapped once.
    func byKommune(_ dimension: StatDimension, _ map: [String: String]) -> Breakdown<Tagged> {
        let positions = dimension.positions
        let table = c.kommuner.map { map[$0].flatMap { positions[$0] } }
        return by(dimension) { c, i in table[Int(c.kommune[i])] }
    }

    var county: Breakdown<Tagged> {
        let year = context.year
        let map = Dimensions.countyMap(Set(c.kommuner), geography: context.geography, year: year)
        return byKommune(Dimensions.counties(context.geography, year: year), map)
    }

    /// The reception centres' host municipalities that occur, in the table year's numbers.
    var host: Breakdown<Tagged> {
        let division = context.geography.division(for: context.year)
        var mapping: [String: String] = [:]
        for code in c.hostKommuner { mapping[code] = context.geography.municipality(code, in: context.year)?.code }
        let used = Set(mapping.values).sorted().compactMap(division.municipality)
        let dim = StatDimension(
            id: "Region", label: "Vertskommune", categories: used.map { ($0.code, "\($0.code) \($0.name)") } + [("0", "Hele landet")],
            role: .geo, totalCode: "0")
        return byKommune(dim, mapping)
    }

    /// The period's first and last day as column values.
    static func days(_ r: ClosedRange<Int>) -> (Int32, Int32) { (Int32(r.lowerBound), Int32(r.upperBound)) }

    /// An asylum seeker in reception at some time in the period.
    func inReception(_ i: Int, _ from: Int32, _ to: Int32) -> Bool { c.targetFrom[i] <= to && c.targetTo[i] >= from }

    /// The asylum seekers who came to reception this year or the year before, with the group
    /// `tag` gives each.
    func arrived(year: Int, _ r: ClosedRange<Int>, _ tag: (Int) -> UInt8) -> [Tagged] {
        let from = Int32(Period.year.range(year - 1).lowerBound)
        let to = Int32(r.upperBound)
        let c = c
        return c.scan(c.asylumByArrival.within(from, to), tag)
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

    /// The position in `startDimension` of a start on `start` for person `i` (arrived on `targetFrom`).
    func startGroup(_ i: Int, start: Int32, end: Int32) -> UInt8 {
        guard start <= end else { return 4 }
        if start <= c.targetFrom3[i] { return 0 }
        if start <= c.targetFrom6[i] { return 1 }
        if start <= c.targetFrom12[i] { return 2 }
        return 3
    }

    func table(_ n: String, title: String) -> CountTable<Tagged>? {
        let src = Self.source
        let c = c
        switch n {
        case "1A", "1B":
            let social = n == "1B"
            return CountTable(
                number: n, title: title, source: src, breakdowns: [host, gender],
                share: .ofBase(label: "Asylsøkere i mottak") { _, r in
                    let (from, to) = Self.days(r)
                    return c.select(c.asylumByArrival.upTo(to)) { inReception($0, from, to) }
                }
            ) { _, r in
                let (from, to) = Self.days(r)
                return c.select(c.asylumByArrival.upTo(to)) { i in
                    inReception(i, from, to)
                        && (social ? c.socialStart[i] <= to && c.socialCompleted[i] >= from : c.inTraining(i, from, to))
                }
            }
        case "2A", "2B":
            let social = n == "2B"
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(startDimension("Oppstart")), gender], share: .ofTotal("Oppstart")
            ) { y, r in
                let end = Int32(r.upperBound)
                return arrived(year: y, r) { i in startGroup(i, start: social ? c.socialStart[i] : c.trainingStart[i], end: end) }
            }
        case "3A", "3B":
            let social = n == "3B"
            let dim = Dimensions.yesNo(
                "Fullfort", "Fullført", yes: social ? "Fullført samfunnskunnskap" : "Fullført 175 timer", no: "Ikke fullført")
            return CountTable(number: n, title: title, source: src, breakdowns: [byTag(dim), host, gender], share: .ofTotal("Fullfort")) {
                y, r in
                let end = Int32(r.upperBound)
                return arrived(year: y, r) { i in Dimensions.position(yes: (social ? c.socialCompleted[i] : c.completed175[i]) <= end) }
            }
        case "4":
            let dim = StatDimension(
                id: "Kartlegging", label: "Kartlegging", categories: [("6", "Kartlagt etter § 6"), ("10", "Kartlagt etter § 10")])
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), gender],
                share: .ofBase(label: "Kom i målgruppen i perioden") { _, r in
                    let (from, to) = Self.days(r)
                    let all = c.tagged(c.programmeByEntry.within(from, to))
                    return all + all.map { Tagged(i: $0.i, tag: 1) }
                },
                notes: [
                    "Grunnlaget er personer som kom i målgruppen for introduksjonsprogram (bosatte fra mottak og overføringsflyktninger) i perioden."
                ]
            ) { _, r in
                let (from, to) = Self.days(r)
                let entered = c.programmeByEntry.within(from, to)
                return c.select(entered, tag: 0) { c.mapped6[$0] <= to } + c.select(entered, tag: 1) { c.mapped10[$0] <= to }
            }
        case "5":
            return CountTable(
                number: n, title: title, source: src, breakdowns: [gender],
                share: .ofBase(label: "Deltakere i introduksjonsprogram") { _, r in
                    let (from, to) = Self.days(r)
                    return c.select(c.programmeByStart.upTo(to)) { c.participated($0, from, to) }
                }
            ) { _, r in
                let (from, to) = Self.days(r)
                return c.select(c.programmeByStart.upTo(to)) { c.participated($0, from, to) && c.careerGuidance[$0] <= to }
            }
        case "5b":
            let codes: [TrainingRight] = [.rightAndDuty, .duty, .right, .none]
            let dim = StatDimension(
                id: "Rettighet", label: "Rettighetskode", categories: codes.map { ($0.rawValue, $0.label) } + [("0", "I alt")],
                totalCode: "0")
            let position = TrainingRight.allCases.map { codes.firstIndex(of: $0) }
            return CountTable(
                number: n, title: title, source: src, breakdowns: [by(dim) { c, i in position[Int(c.right[i])] }, gender],
                share: .ofTotal("Rettighet")
            ) { _, r in
                let (from, to) = Self.days(r)
                return c.select(c.rightsByTrainingStart.upTo(to)) { c.inTraining($0, from, to) }
            }
        case "6A", "6B":
            let right = NIRColumns.code(n == "6A" ? .rightAndDuty : .duty)
            let dim = Dimensions.yesNo("Innen3", "I opplæring innen tre måneder", yes: "Innen tre måneder", no: "Ikke innen tre måneder")
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), gender], share: .ofTotal("Innen3"),
                notes: ["Personer som kom inn under ordningen i perioden; tallene for siste periode er foreløpige."]
            ) { _, r in
                let (from, to) = Self.days(r)
                return c.scan(c.rightsByEntry.within(from, to)) { i in
                    guard c.right[i] == right else { return nil }
                    return Dimensions.position(yes: c.trainingStart[i] <= c.targetFrom3[i])
                }
            }
        case "7":
            return CountTable(number: n, title: title, source: src, breakdowns: [county, gender]) { _, r in
                let day = Int32(r.upperBound)
                return c.select(c.programmeByRightFrom.upTo(day)) { c.introRightTo[$0] > day }
            }
        case "8":
            let dim = StatDimension(
                id: "Gruppe", label: "Gruppe", categories: [("deltakere", "Deltakere i løpet av året"), ("startet", "Startet i året")])
            return CountTable(number: n, title: title, source: src, breakdowns: [byTag(dim), county, gender]) { _, r in
                let (from, to) = Self.days(r)
                return c.select(c.programmeByStart.upTo(to), tag: 0) { c.participated($0, from, to) }
                    + c.tagged(c.programmeByStart.within(from, to), tag: 1)
            }
        case "9":
            let dim = Dimensions.yesNo("Innen3", "Startet innen tre måneder", yes: "Innen tre måneder", no: "Ikke innen tre måneder")
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), gender], share: .ofTotal("Innen3"),
                notes: ["Personer med rett og plikt som kom i målgruppen fra 1. oktober året før til 30. september."]
            ) { y, _ in
                let from = Int32(CivilDate(year: y - 1, month: 10, day: 1)!.dayNumber)
                let to = Int32(CivilDate(year: y, month: 9, day: 30)!.dayNumber)
                return c.scan(c.programmeByEntry.within(from, to)) { i in
                    // The right and duty from the target-group date (not from the start).
                    guard c.introRightFrom[i] != NIRColumns.absent else { return nil }
                    return Dimensions.position(yes: c.introStart[i] <= c.introTargetFrom3[i])
                }
            }
        case "10":
            return CountTable(number: n, title: title, source: src, breakdowns: [county, gender]) { _, r in
                let day = Int32(r.upperBound)
                return c.select(c.programmeByStart.upTo(day)) { c.participant($0, at: day) }
            }
        case "11A", "11B":
            let dim = StatDimension(
                id: "Sluttarsak", label: "Sluttårsak", categories: EndReason.allCases.map { ($0.rawValue, $0.label) } + [("0", "I alt")],
                totalCode: "0")
            return CountTable(
                number: n, title: title, source: src,
                breakdowns: [by(dim) { c, i in c.endReason[i] == 255 ? nil : Int(c.endReason[i]) }, county, gender],
                share: n == "11B" ? .ofTotal("Sluttarsak") : .none
            ) { _, r in
                let (from, to) = Self.days(r)
                return c.tagged(c.programmeByEnd.within(from, to))
            }
        case "12":
            let dim = StatDimension(id: "Tiltak", label: "Tiltak", categories: Measure.allCases.map { ($0.rawValue, $0.label) })
            let measures = UInt8(Measure.allCases.count)
            return CountTable(
                number: n, title: title, source: src, breakdowns: [byTag(dim), county, gender],
                share: .ofBase(label: "Deltakere") { _, r in
                    let (from, to) = Self.days(r)
                    let all = c.select(c.programmeByStart.upTo(to)) { c.participated($0, from, to) }
                    return (0..<measures).flatMap { m in all.map { Tagged(i: $0.i, tag: m) } }
                },
                notes: ["En deltaker kan ha flere tiltak; andelen er av alle deltakere i året."]
            ) { _, r in
                let (from, to) = Self.days(r)
                var out: [Tagged] = []
                for p in c.select(c.programmeByStart.upTo(to), { c.participated($0, from, to) }) {
                    let bits = c.measureBits[Int(p.i)]
                    for m in 0..<measures where bits & (1 << UInt16(m)) != 0 { out.append(Tagged(i: p.i, tag: m)) }
                }
                return out
            }
        default: return nil
        }
    }
}
