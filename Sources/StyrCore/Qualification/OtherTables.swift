/// The appendix tables from the smaller registers: complaints (13), supervision (14), advisers'
/// gatherings (15) and cases (32), cultural orientation (25, 26) and interpreting (28A–31).
struct OtherTables {
    let context: TableContext
    var r: QualificationRegisters { context.registers }
    static let governors = "Fylkesmennenes årsrapporter (sammenstilt av IMDi)"
    static let interpreterSource = "Integrerings- og mangfoldsdirektoratet (Nasjonalt tolkeregister)"

    /// Tables of yearly registers. The half-year report shows the previous full year (the county
    /// governors report once a year, by 1 March).
    func yearly(_ n: String, title: String, unitLabel: String) -> StatTable? {
        let last = context.period == .half ? context.year - 1 : context.year
        let years = Array((last - 4)...last)
        let note =
            context.period == .half ? ["Halvårsrapporten viser tallene for hele \(last), som fylkesmennene rapporterer innen 1. mars."] : []
        var table: StatTable?
        switch n {
        case "13":
            let subject = StatDimension(
                id: "Innhold", label: "Hva det klages på",
                categories: ComplaintSubject.allCases.map { ($0.rawValue, $0.label) } + [("0", "I alt")],
                totalCode: "0")
            let outcome = StatDimension(
                id: "Utfall", label: "Utfall", categories: ComplaintOutcome.allCases.map { ($0.rawValue, $0.label) } + [("0", "I alt")],
                totalCode: "0")
            let complaints = r.complaints
            table = CountTable<Complaint>(
                number: n, title: title, source: Self.governors,
                breakdowns: [
                    Breakdown(subject) { c, _ in c.subject.rawValue }, Breakdown(outcome) { c, _ in c.outcome.rawValue },
                    Breakdown(Dimensions.gender) { c, _ in c.gender.rawValue },
                ], share: .ofTotal("Utfall"), notes: note
            ) { y, _ in complaints.filter { $0.year == y } }.build(years: years, period: .year, unitLabel: unitLabel)
        case "14":
            let dim = StatDimension(id: "Tall", label: "Tall", categories: [("tilsyn", "Tilsyn"), ("lovbrudd", "Lovbrudd")])
            let list = r.supervisions
            table = CountTable<(Supervision, String)>(
                number: n, title: title, source: Self.governors, breakdowns: [Breakdown(dim) { s, _ in s.1 }], notes: note,
                weight: { $0.1 == "tilsyn" ? 1 : $0.0.breaches }
            ) { y, _ in list.filter { $0.year == y }.flatMap { [($0, "tilsyn"), ($0, "lovbrudd")] } }
            .build(years: years, period: .year, unitLabel: unitLabel)
        case "15":
            let dim = StatDimension(id: "Tall", label: "Tall", categories: [("samlinger", "Fagverksteder"), ("deltakere", "Deltakere")])
            let list = r.workshops
            table = CountTable<(Workshop, String)>(
                number: n, title: title, source: "Integrerings- og mangfoldsdirektoratet", breakdowns: [Breakdown(dim) { w, _ in w.1 }],
                weight: { $0.1 == "samlinger" ? 1 : $0.0.participants }
            ) { y, range in
                list.filter { range.contains($0.date) && $0.year == y }.flatMap { [($0, "samlinger"), ($0, "deltakere")] }
            }.build(years: Array((context.year - 4)...context.year), period: context.period, unitLabel: unitLabel)
        case "32":
            table = advisers(title: title, unitLabel: unitLabel)
        default: return nil
        }
        return table
    }

    func advisers(title: String, unitLabel: String) -> StatTable {
        let year = context.year
        let cases = r.adviserCases.filter { $0.year == year }
        var frequency: [String: Int] = [:]
        for c in cases { frequency[c.background, default: 0] += 1 }
        let top = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10).map(\.key)
        let topSet = Set(top)
        let kind = StatDimension(
            id: "Radgiver", label: "Rådgiver",
            categories: [("minoritetsradgiver", "Minoritetsrådgivere"), ("integreringsradgiver", "Integreringsrådgivere"), ("0", "I alt")],
            totalCode: "0")
        let category = StatDimension(
            id: "Kategori", label: "Sakskategori",
            categories: AdviserCaseCategory.allCases.map { ($0.rawValue, $0.label) } + [("0", "I alt")],
            totalCode: "0")
        let age = StatDimension(
            id: "Alder", label: "Alder",
            categories: [("under18", "Under 18 år"), ("18-25", "18–25 år"), ("over25", "Over 25 år"), ("0", "I alt")],
            totalCode: "0")
        let background = StatDimension(
            id: "Landbakgrunn", label: "Landbakgrunn", categories: top.map { ($0, $0) } + [("annet", "Andre land"), ("0", "I alt")],
            totalCode: "0")
        return CountTable<AdviserCase>(
            number: "32", title: title, source: "Integrerings- og mangfoldsdirektoratet (rådgivernes saksrapportering)",
            breakdowns: [
                Breakdown(kind) { c, _ in c.adviser.rawValue }, Breakdown(category) { c, _ in c.category.rawValue },
                Breakdown(Dimensions.gender) { c, _ in c.gender.rawValue }, Breakdown(age) { c, _ in c.ageGroup },
                Breakdown(background) { c, _ in topSet.contains(c.background) ? c.background : "annet" },
            ]
        ) { _, _ in cases }.build(years: [year], period: .year, unitLabel: unitLabel)
    }

    /// 25: resettlement refugees settled in the period who had the cultural orientation programme;
    /// 26: of those who did not, who had other relevant information.
    func orientation(_ n: String, title: String) -> CountTable<Int32> {
        let persons = context.settlement.persons
        let other = n == "26"
        let dim = Dimensions.yesNo(
            "Fikk", other ? "Annen relevant informasjon" : "Kulturorienteringsprogram",
            yes: other ? "Fikk annen informasjon" : "Fikk programmet", no: other ? "Fikk ikke" : "Fikk ikke programmet")
        return CountTable(
            number: n, title: title, source: "Integrerings- og mangfoldsdirektoratet (bosettingsregisteret)",
            breakdowns: [
                Breakdown(
                    dim,
                    position: { i, _ in
                        Int(Dimensions.position(yes: other ? persons[Int(i)].otherInformation : persons[Int(i)].culturalOrientation))
                    }),
                Breakdown(Dimensions.gender, position: { i, _ in Int(Dimensions.position(persons[Int(i)].gender)) }),
            ],
            share: .ofTotal("Fikk"),
            notes: other ? ["Grunnlaget er bosatte overføringsflyktninger som ikke fikk kulturorienteringsprogrammet."] : []
        ) { _, range in
            let settled = context.settlement.resettled(in: range)
            return other ? settled.filter { !persons[Int($0)].culturalOrientation } : settled
        }
    }

    /// 28A: interpreters by best category and gender; 28B: interpreter × language in the 30
    /// largest languages, by the category for that language.
    func interpreters(_ n: String, title: String, unitLabel: String) -> StatTable {
        let entries = r.interpreters
        let categories = StatDimension(
            id: "Kategori", label: "Kvalifikasjonskategori",
            categories: (1...5).map { (String($0), "Kategori \($0) / \(["A", "B", "C", "D", "E"][$0 - 1])") } + [("0", "I alt")],
            totalCode: "0")
        let asOf = context.period == .half ? "per 30.06" : "per 31.12"
        if n == "28A" {
            struct Best: Sendable {
                let rank: Int
                let gender: Gender
            }
            return CountTable<Best>(
                number: n, title: "\(title) \(asOf)", source: Self.interpreterSource,
                breakdowns: [Breakdown(categories) { b, _ in String(b.rank) }, Breakdown(Dimensions.gender) { b, _ in b.gender.rawValue }],
                share: .ofTotal("Kategori"), notes: ["En tolk telles én gang, i sin høyeste kategori."]
            ) { _, range in
                var best: [String: Best] = [:]
                for e in entries where e.active(at: range.upperBound) {
                    let prior = best[e.interpreter]?.rank ?? 9
                    best[e.interpreter] = Best(rank: min(prior, e.category.rank), gender: e.gender)
                }
                return Array(best.values)
            }.build(years: Array((context.year - 4)...context.year), period: context.period, unitLabel: unitLabel)
        }
        let day = context.period.range(context.year).upperBound
        let active = entries.filter { $0.active(at: day) }
        var frequency: [String: Int] = [:]
        for e in active { frequency[e.language, default: 0] += 1 }
        let top = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(30).map(\.key)
        let language = StatDimension(
            id: "Sprak", label: "Språk",
            categories: top.map { ($0, $0.prefix(1).uppercased() + $0.dropFirst()) } + [("0", "I alt (30 største)")],
            totalCode: "0")
        let topSet = Set(top)
        return CountTable<InterpreterEntry>(
            number: n, title: "\(title) \(asOf)", source: Self.interpreterSource,
            breakdowns: [
                Breakdown(language) { e, _ in e.language }, Breakdown(categories) { e, _ in String(e.category.rank) },
                Breakdown(Dimensions.gender) { e, _ in e.gender.rawValue },
            ], notes: ["En tolk med flere språk telles i hvert språk."]
        ) { _, _ in active.filter { topSet.contains($0.language) } }.build(
            years: [context.year], period: context.period, unitLabel: unitLabel)
    }

    func interpreterEvents(_ n: String, title: String, unitLabel: String) -> StatTable? {
        let events = r.interpreterEvents
        let years = Array((context.year - 4)...context.year)
        switch n {
        case "29": return licences(title: title, years: years, unitLabel: unitLabel)
        case "30":
            let months = StatDimension(
                id: "Maaned", label: "Måned", categories: (1...12).map { (String($0), Self.monthNames[$0 - 1]) } + [("0", "Hele året")],
                totalCode: "0")
            return CountTable<InterpreterEvent>(
                number: n, title: title, source: Self.interpreterSource,
                breakdowns: [Breakdown(months) { e, _ in String(CivilDate(dayNumber: e.date).month) }], weight: { $0.count }
            ) { _, range in events.filter { $0.kind == .search && range.contains($0.date) } }
            .build(years: years, period: .year, unitLabel: unitLabel)
        case "31":
            let kind = StatDimension(
                id: "Type", label: "Type", categories: [("tospraktest", "Tospråktesten"), ("tao", "TAO (tolking i offentlig sektor)")])
            let result = StatDimension(
                id: "Resultat", label: "Resultat", categories: [("bestatt", "Bestått"), ("ikke_bestatt", "Ikke bestått"), ("0", "I alt")],
                totalCode: "0")
            let period = context.period
            let current = events.filter { e in period.range(context.year).contains(e.date) && (e.kind == .bilingualTest || e.kind == .tao) }
            let languages = [InterpreterEventKind.bilingualTest, .tao].map { k in
                "\(k == .tao ? "TAO" : "Tospråktesten") i \(context.year): \(Set(current.filter { $0.kind == k }.map(\.language)).count) språk."
            }
            return CountTable<InterpreterEvent>(
                number: n, title: title, source: Self.interpreterSource,
                breakdowns: [
                    Breakdown(kind) { e, _ in e.kind.rawValue }, Breakdown(result) { e, _ in (e.result ?? .passed).rawValue },
                    Breakdown(Dimensions.gender) { e, _ in e.gender?.rawValue },
                ], share: .ofTotal("Resultat"), notes: languages + ["TAO uten registrert resultat telles som bestått."]
            ) { _, range in events.filter { ($0.kind == .bilingualTest || $0.kind == .tao) && range.contains($0.date) } }
            .build(years: years, period: period, unitLabel: unitLabel)
        default: return nil
        }
    }

    static let monthNames = [
        "Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember",
    ]

    /// 29: new licences in the period, licences in total, languages of the new ones, women's share.
    func licences(title: String, years: [Int], unitLabel: String) -> StatTable {
        let measures = StatDimension(
            id: "ContentsCode", label: "Måltall",
            categories: [
                ("nye", "Nye bevillinger"), ("totalt", "Bevillinger totalt"), ("sprak", "Språk (nye)"), ("kvinner", "Kvinner (prosent)"),
            ],
            role: .metric, units: ["nye": "antall", "totalt": "antall", "sprak": "antall", "kvinner": "prosent"])
        let time = StatDimension(id: "Tid", label: "År", categories: years.map { (String($0), String($0)) }, role: .time)
        var t = StatTable(
            number: "29", title: title, year: context.year, period: context.period, unitLabel: unitLabel, source: Self.interpreterSource,
            dimensions: [time, measures])
        let authorisations = r.interpreterEvents.filter { $0.kind == .authorisation }
        for (i, y) in years.enumerated() {
            let range = context.period.range(y)
            let new = authorisations.filter { range.contains($0.date) }
            let total = authorisations.filter { $0.date <= range.upperBound }.reduce(0) { $0 + $1.count }
            let count = new.reduce(0) { $0 + $1.count }
            let women = new.filter { $0.gender == .female }.reduce(0) { $0 + $1.count }
            t.cells[i * 4] = .count(count)
            t.cells[i * 4 + 1] = StatCell(value: Double(total), isCount: false, derivedFrom: [], basis: nil)
            t.cells[i * 4 + 2] = StatCell(value: Double(Set(new.map(\.language)).count), isCount: false, derivedFrom: [], basis: nil)
            t.cells[i * 4 + 3] = .derived(count == 0 ? nil : Double(women) * 100 / Double(count), from: [i * 4])
        }
        return t
    }
}
