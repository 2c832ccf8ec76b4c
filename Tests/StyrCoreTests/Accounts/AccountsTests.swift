import Testing

@testable import StyrCore

@Suite struct AccountsTests {
    /// The 2017 letter's posts that Note A/B of the annual report 2017 explain.
    static let letter2017 = SteeringDocument(
        kind: .tildelingsbrev, year: 2017,
        budget: [
            BudgetChapter(
                chapter: 495, name: "Integrerings- og mangfoldsdirektoratet",
                posts: [BudgetPost(post: 1, name: "Driftsutgifter", amountNOK: 262_848_000)]),
            BudgetChapter(
                chapter: 496, name: "Bosetting av flyktninger og tiltak for innvandrere",
                posts: [
                    BudgetPost(post: 21, name: "Spesielle driftsutgifter", amountNOK: 14_025_000, flags: [.kanOverfores]),
                    BudgetPost(post: 61, name: "Særskilt tilskudd", amountNOK: 3_347_366_000, flags: [.overslagsbevilgning]),
                    BudgetPost(post: 62, name: "Kommunale innvandrertiltak", amountNOK: 166_959_500),
                ]),
        ])

    /// A year's amount booked as twelve monthly rows that sum exactly to it.
    static func booked(_ total: Int, _ chapter: Int, _ post: Int, year: Int = 2017, months: Int = 12) -> [LedgerEntry] {
        let ore = total * 100
        return (1...months).map { m in
            let share = ore / months + (m == months ? ore % months : 0)
            return LedgerEntry(year: year, month: m, chapter: chapter, post: post, amountOre: share)
        }
    }

    static let ledger2017: [LedgerEntry] =
        booked(264_400_288, 495, 1) + booked(14_412_914, 496, 21) + booked(3_290_165_674, 496, 61) + booked(166_643_425, 496, 62)
        + booked(2_011_373, 3495, 1) + booked(700_000, 540, 25) + [
            LedgerEntry(year: 2017, month: 1, chapter: 495, post: 1, amountOre: 12_689_000_00, kind: .overfort),
            LedgerEntry(year: 2017, month: 1, chapter: 496, post: 21, amountOre: 1_225_000_00, kind: .overfort),
        ]

    @Test func noteAAndBReproduceTheAnnualReport2017() {
        let s = Appropriation.statement(
            year: 2017, letter: Self.letter2017, entries: Self.ledger2017, previousAllocation: [PostRef(496, 21): 14_000_000])
        let drift = s.post(495, 1)!
        #expect(drift.carriedOver == 12_689_000 && drift.allocation == 262_848_000 && drift.total == 275_537_000)
        #expect(drift.actual == 264_400_288 && drift.difference == 11_136_712)
        #expect(s.post(496, 21)!.difference == 837_086)
        #expect(s.post(496, 61)!.difference == 57_200_326)
        #expect(s.post(496, 62)!.difference == 316_075)
        // Charge authorization received: booked, no allocation.
        #expect(s.post(540, 25).map { !$0.inLetter && $0.actual == 700_000 } == true)
        #expect(s.totalIncome == 2_011_373)
        #expect(s.bookedThroughMonth == 12)

        let noteB = Dictionary(uniqueKeysWithValues: s.carryOver.map { ($0.key, $0) })
        #expect(noteB["495/01"]?.extraIncome == 2_011_373)
        #expect(noteB["495/01"]?.basis == 13_148_085)
        #expect(noteB["495/01"]?.maximum == 13_142_400)
        #expect(noteB["495/01"]?.possible == 13_142_400)
        #expect(noteB["496/21"]?.possible == 837_086 && noteB["496/21"]?.maximum == 28_025_000)
        #expect(noteB["496/61"]?.basis == nil && noteB["496/61"]?.flag == "«overslagsbevilgning»")
        #expect(noteB["496/62"] == nil, "grant posts without «kan overføres» carry nothing over")
    }

    @Test func projectionUsesForecastThenStraightLine() {
        var entries = Self.booked(60_000_000, 495, 1, months: 6)  // 10 mill. a month through June
        entries.append(LedgerEntry(year: 2017, month: 7, chapter: 495, post: 1, amountOre: 30_000_000_00, kind: .prognose))
        let s = Appropriation.statement(year: 2017, letter: Self.letter2017, entries: entries)
        let p = s.post(495, 1)!
        #expect(s.bookedThroughMonth == 6)
        #expect(p.actual == 60_000_000)
        #expect(p.forecastByMonth[6] == 30_000_000 && p.forecastByMonth[7] == 10_000_000)
        #expect(p.projected == 60_000_000 + 30_000_000 + 5 * 10_000_000)
        #expect(p.extrapolated)
        #expect(p.projectedDifference == 262_848_000 - 140_000_000)
    }

    static func authorization(_ type: AuthorizationType, percent: Double?, posts: [Int] = [1, 21]) -> Authorization {
        Authorization(type: type, title: type.label, percentLimit: percent, posts: posts)
    }

    static func check(_ type: AuthorizationType, percent: Double? = nil, _ entries: [LedgerEntry]) -> AuthorizationCheck {
        let s = Appropriation.statement(year: 2017, letter: letter2017, entries: entries)
        return Fullmakter.evaluate([authorization(type, percent: percent)], statement: s, entries: entries)[0]
    }

    @Test func overrunAgainstExtraIncome() {
        // 262 848 000 allocated; 2 % = 5 256 960.
        let covered = Self.booked(265_000_000, 495, 1) + Self.booked(3_000_000, 3495, 1)
        #expect(Self.check(.overrunAgainstExtraIncome, percent: 2, covered).status == .ok, "2.15 mill. over, 3 mill. income")
        let near = Self.booked(265_000_000, 495, 1) + Self.booked(2_300_000, 3495, 1)
        #expect(Self.check(.overrunAgainstExtraIncome, percent: 2, near).status == .warning, "94 % of the cover used")
        let uncovered = Self.booked(265_000_000, 495, 1) + Self.booked(1_000_000, 3495, 1)
        let c = Self.check(.overrunAgainstExtraIncome, percent: 2, uncovered)
        #expect(c.status == .breached)
        #expect(c.figures[0].used == 2_152_000 && c.figures[0].limit == 1_000_000)
        #expect(Self.check(.overrunAgainstExtraIncome, percent: 2, Self.booked(200_000_000, 495, 1)).status == .ok)
        // Half a year at a pace that overruns by year end: warning before the limit is passed.
        let pace = Self.booked(140_000_000, 495, 1, months: 6)
        let w = Self.check(.overrunAgainstExtraIncome, percent: 2, pace)
        #expect(w.status == .warning && w.figures[0].used == 0 && w.figures[0].projected == 280_000_000 - 262_848_000)
    }

    @Test func equipmentSalesReallocationAndCarryOver() {
        let base = Self.booked(250_000_000, 495, 1)
        let sales = [LedgerEntry(year: 2017, month: 3, chapter: 495, post: 1, amountOre: 14_000_000_00, kind: .utstyrssalg)]
        #expect(Self.check(.netBudgetingEquipmentSales, percent: 5, base + sales).status == .breached)
        #expect(Self.check(.netBudgetingEquipmentSales, percent: 5, base).status == .ok)

        var letter = Self.letter2017
        letter.budget[1].posts.append(BudgetPost(post: 45, name: "Utstyr", amountNOK: 40_000_000, flags: [.kanOverfores]))
        let moved = [LedgerEntry(year: 2017, month: 11, chapter: 496, post: 45, amountOre: 5_000_000_00, kind: .omdisponering)]
        let s = Appropriation.statement(year: 2017, letter: letter, entries: base + moved)
        let checks = Fullmakter.evaluate(
            [Authorization(type: .reallocateOperatingToInvestment, title: "Omdisponering", percentLimit: 5, posts: [1], targetPost: 45)],
            statement: s, entries: base + moved)
        #expect(checks[0].status == .breached && checks[0].message.contains("ingen post 01"), "chapter 496 has no post 01")

        // 250 mill. spent of 262.8: 12.8 mill. unspent is under 5 % (13.1 mill.) → ok; 240 mill. → warning.
        #expect(Self.check(.carryOverUnspent, percent: 5, base).status == .ok)
        let low = Self.check(.carryOverUnspent, percent: 5, Self.booked(240_000_000, 495, 1))
        #expect(low.status == .warning && low.figures[0].projected == 22_848_000)
    }

    @Test func multiYearContractsAgainstUnchangedAppropriation() {
        let contracts = [
            LedgerEntry(year: 2018, month: 1, chapter: 495, post: 1, amountOre: 100_000_000_00, kind: .forpliktelse, text: "Husleie"),
            LedgerEntry(year: 2019, month: 1, chapter: 495, post: 1, amountOre: 250_000_000_00, kind: .forpliktelse, text: "Husleie"),
        ]
        let c = Self.check(.multiYearContracts, contracts)
        #expect(c.status == .warning && c.figures[0].used == 250_000_000 && c.message.contains("2019"))
        let more = contracts + [LedgerEntry(year: 2019, month: 1, chapter: 495, post: 1, amountOre: 20_000_000_00, kind: .forpliktelse)]
        #expect(Self.check(.multiYearContracts, more).status == .breached)
    }

    @Test func ledgerCSVValidatesEveryLine() throws {
        let text = """
            aar;maaned;kapittel;post;belop;art;tekst
            2021;1;290;1;"25 000 000,50";;Lønn januar
            2021;13;290;1;100;;
            2021;2;290;1;12,345;;
            2021;2;3290;1;5000;utstyrssalg;
            2021;2;291;60;100;omdisponering;
            2021;2;291;45;100;omdisponering
            2021;3;291;45;-100;prognose;korrigering
            """
        let r = try LedgerCSV.parse(text)
        #expect(r.rows.count == 2)
        #expect(r.rows[0].amountOre == 2_500_000_050 && r.rows[0].kind == .regnskap && r.rows[0].text == "Lønn januar")
        #expect(r.rows[1].amountOre == -10_000 && r.rows[1].kind == .prognose)
        let byLine = Dictionary(uniqueKeysWithValues: r.errors.map { ($0.line!, $0.message) })
        #expect(byLine[3]?.contains("maaned") == true)
        #expect(byLine[4]?.contains("belop") == true)
        #expect(byLine[5]?.contains("utstyrssalg") == true)
        #expect(byLine[6]?.contains("post 45") == true)
        #expect(byLine[7]?.contains("felt") == true)
        #expect(throws: ImportError.self) { try LedgerCSV.parse("aar;maaned;kapittel;post\n2021;1;290;1") }
        #expect(LedgerCSV.ore("1 234,5") == 123_450 && LedgerCSV.ore("−7") == -700 && LedgerCSV.ore("1.2.3") == nil)
        // Spaces group kroner in threes only; the sign stands once.
        #expect(LedgerCSV.ore("100 200") == 10_020_000 && LedgerCSV.ore("1\u{00A0}234\u{202F}567") == 123_456_700)
        #expect(LedgerCSV.ore("- 5") == -500 && LedgerCSV.ore("+12,05") == 1205)
        // Accounting systems' negatives: in parentheses or with the minus last.
        #expect(LedgerCSV.ore("(1 234,50)") == -123_450 && LedgerCSV.ore("1 234,50-") == -123_450 && LedgerCSV.ore("( 5 )") == -500)
        for bad in [
            "--5", "−−5", "-−5", "+-5", "1 234 5,67", "0,1 0", "12 34", "1234 567", "(-5)", "-5-", "+5-", "(5", "5)", "()", "-",
            "1,234,567.89",
        ] {
            #expect(LedgerCSV.ore(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct DeviationsTests {
    @Test func missedTargetsAndPassedDeadlinesOpenDeviations() {
        let rows = [
            ResultRow(
                id: "SP 3.1", goal: "3", requirement: "Bosetting innen 3 måneder", indicator: "x", unit: "percent", target: 70,
                targetText: "70 %", results: ["2021": 61], sources: [:], met: false, comment: ""),
            ResultRow(
                id: "SP 3.2", goal: "3", requirement: "Annet", indicator: nil, unit: nil, target: nil, targetText: "øker", results: [:],
                sources: [:], met: nil, comment: ""),
        ]
        let assignments = [
            Assignment(id: "2021-01", title: "Levert", deadlines: [Deadline(date: "2021-03-01", text: "1. mars 2021", kind: .date)]),
            Assignment(
                id: "2021-02", title: "Sent", deadlines: [Deadline(date: "2021-05-01", text: "1. mai 2021", kind: .date, parts: ["2"])]),
            Assignment(id: "2021-03", title: "Senere", deadlines: [Deadline(date: "2021-09-01", text: "1. september 2021", kind: .date)]),
        ]
        let found = Deviations.detect(
            year: 2021, results: rows, assignments: assignments, statuses: ["2021-01": .levert, "2021-02": .pagar],
            asOf: CivilDate(iso: "2021-06-30")!)
        #expect(found.map(\.ref) == ["SP 3.1", "2021-02"])
        #expect(found[0].detail == "Resultat 61 % mot krav 70 %.")
        #expect(found[1].detail.contains("1. mai 2021 (del 2)") && found[1].detail.contains("Pågår"))
        #expect(found[1].key == "avvik-2021-02" && found[0].key == "avvik-sp3.1")
        // Every key is a storable section key (lower case, digits, ".", "_", "-"), whatever the ref.
        for ref in ["SP2.2(3)", "SP 3.1 (bosatt)", "08/2019", "Mål ø"] {
            let key = Deviation(kind: .requirement, ref: ref, title: "", detail: "").key
            #expect(key.range(of: #"^[a-z0-9_\-\.]{1,80}$"#, options: .regularExpression) != nil, "\(ref) → \(key)")
        }
        #expect(Deviation(kind: .requirement, ref: "SP2.2(3)", title: "", detail: "").key == "avvik-sp2.2-3")
    }
}
