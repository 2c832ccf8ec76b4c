import Testing

@testable import StyrCore

@Suite struct GrantsTests {
    static func schemes2021() throws -> [GrantScheme] {
        let letter = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        return GrantSchemes.derive(from: letter, year: 2021)
    }

    @Test func schemesFromTheLetter2021() throws {
        let s = try Self.schemes2021()
        let byName = Dictionary(s.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["Integreringstilskudd, kan overføres"]?.basis == .perCapita)
        #expect(byName["Jobbsjansen"].map { $0.basis == .application && $0.budgetNOK == 110_300_000 && $0.post == 62 } == true)
        let named = try #require(s.first { $0.basis == .named && $0.post == 71 })
        #expect(named.budgetNOK == 37_510_000 && named.recipients.count == 14)
        #expect(
            !s.contains { $0.post == 71 && $0.budgetNOK == 37_500_000 }, "the earmark for all named recipients is not a scheme of its own")
        #expect(byName["Peace Painting"]?.basis == .named)
        #expect(s.first { $0.name.contains("tilskuddsordning for økt etnisk mangfold") }?.basis == .application)
        #expect(Set(s.map(\.code)).count == s.count)
        #expect(s.allSatisfy { (60...89).contains($0.post) })
    }

    @Test func decisionLettersWaitFourteenDaysAfterTheNotice() {
        let scheme = GrantScheme(code: "291-62-x", year: 2021, name: "X", chapter: 291, post: 62, basis: .application, budgetNOK: 1_000_000)
        var a = GrantApplication(id: "a1", schemeCode: scheme.code, applicant: "Bergen", amountApplied: 500_000, received: "2021-02-01")
        let day = CivilDate(iso: "2021-04-20")!
        #expect(GrantRules.checkSend(a, scheme: scheme, notices: [], on: day) == .undecided)
        a.amountGranted = 400_000
        #expect(GrantRules.checkSend(a, scheme: scheme, notices: [], on: day) == .noNotice)
        let notice = GrantNotice(id: "n1", schemeCode: scheme.code, sent: "2021-04-10", applicationIDs: ["a1"], text: "")
        #expect(GrantRules.checkSend(a, scheme: scheme, notices: [notice], on: day) == .tooEarly(CivilDate(iso: "2021-04-24")!))
        #expect(GrantRules.checkSend(a, scheme: scheme, notices: [notice], on: CivilDate(iso: "2021-04-24")!) == nil)
        // A notice for other applications does not cover this one.
        let other = GrantNotice(id: "n2", schemeCode: scheme.code, sent: "2021-03-01", applicationIDs: ["a2"], text: "")
        #expect(GrantRules.checkSend(a, scheme: scheme, notices: [other], on: day) == .noNotice)
        // Per-capita and named grants need no notice.
        var perCapita = scheme
        perCapita.basis = .perCapita
        #expect(GrantRules.checkSend(a, scheme: perCapita, notices: [], on: day) == nil)
        a.letterSent = "2021-04-24"
        #expect(GrantRules.checkSend(a, scheme: scheme, notices: [notice], on: day) == .alreadySent)
        let text = GrantRules.noticeText(scheme: scheme, applications: [a], sent: CivilDate(iso: "2021-04-10")!)
        #expect(text.contains("Bergen: 400 000 kr") && text.contains("24. april 2021"))
    }

    @Test func demoApplicationsRespectTheRule() throws {
        let s = try Self.schemes2021()
        let (apps, notices) = GrantDemo.applications(s, municipalities: ["Oslo", "Bergen", "Trondheim"])
        #expect(!apps.isEmpty && !notices.isEmpty)
        let byCode = Dictionary(uniqueKeysWithValues: s.map { ($0.code, $0) })
        for a in apps where a.letterSent != nil {
            var before = a
            before.letterSent = nil
            #expect(
                GrantRules.checkSend(before, scheme: byCode[a.schemeCode]!, notices: notices, on: CivilDate(iso: a.letterSent!)!) == nil)
        }
    }
}

@Suite struct RiskTests {
    @Test func levelsAndRules() throws {
        #expect(RiskLevel(score: 4) == .low && RiskLevel(score: 5) == .medium && RiskLevel(score: 10) == .high)
        let goals: Set<String> = ["Mål 3", "SP 3.1"]
        var r = Risk(id: "R1", year: 2021, goalRef: "SP 3.1", title: "Færre plasser", likelihood: 4, consequence: 3)
        #expect(RiskRules.validate(r, goals: goals)?.fields["measures"] != nil, "high risk without measures")
        r.measures = "Tett dialog med kommunene."
        #expect(RiskRules.validate(r, goals: goals) == nil)
        r.goalRef = "SP 9.9"
        r.likelihood = 6
        let f = try #require(RiskRules.validate(r, goals: goals)).fields
        #expect(f["goalRef"] != nil && f["likelihood"] != nil)
        let letter = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        #expect(RiskRules.goalRefs(letter).contains("SP 3.1") && RiskRules.goalRefs(letter).contains("Mål 1"))
        let items = [
            ControlItem(id: "F1", year: 2021, kind: .riksrevisjonen, title: "a", action: "b", due: "2021-06-30"),
            ControlItem(id: "F2", year: 2021, kind: .internkontroll, title: "a", action: "b", due: "2021-06-30", closed: "2021-06-01"),
            ControlItem(id: "F3", year: 2021, kind: .internkontroll, title: "a", action: "b", due: "2021-12-31"),
        ]
        #expect(RiskRules.overdue(items, at: CivilDate(iso: "2021-07-01")!).map(\.id) == ["F1"])
    }
}

@Suite struct TargetTrendTests {
    static let rising: [(year: Int, value: Double)] = [(2016, 60), (2017, 63), (2018, 65), (2019, 69), (2020, 71)]

    @Test func targetsAgainstTheTrend() {
        // Trend ≈ +2.8 a year → about 74 in 2021.
        let ok = TargetTrend.assess(history: Self.rising, target: 74, comparison: .atLeast, year: 2021, unit: "percent")
        #expect(ok.verdict == .reachable && abs(ok.projected! - 73.9) < 0.2)
        let far = TargetTrend.assess(history: Self.rising, target: 90, comparison: .atLeast, year: 2021, unit: "percent")
        #expect(far.verdict == .outOfReach && far.message.contains("utenfor"))
        let easy = TargetTrend.assess(history: Self.rising, target: 60, comparison: .atLeast, year: 2021, unit: "percent")
        #expect(easy.verdict == .belowTrend)
        // For "at most" targets (waiting time) the direction turns.
        let waits: [(year: Int, value: Double)] = [(2017, 6), (2018, 5.5), (2019, 5.2), (2020, 4.8)]
        #expect(TargetTrend.assess(history: waits, target: 2, comparison: .atMost, year: 2021, unit: "months").verdict == .outOfReach)
        #expect(
            TargetTrend.assess(history: [(2019, 1), (2020, 2)], target: 3, comparison: .atLeast, year: 2021, unit: "count").verdict
                == .unknown)
    }
}

@Suite struct MonthlyTests {
    @Test func designatedMissingAndRules() throws {
        let letter = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        #expect(MonthlyRules.designated(letter.assignments).map(\.id).contains("2021-18"))
        let reports = [1, 2, 4].map {
            MonthlyStatus(assignmentId: "2021-18", year: 2021, month: $0, progress: .green, cost: .green, quality: .green)
        }
        #expect(MonthlyRules.missing(reports, year: 2021, today: CivilDate(iso: "2021-06-10")!) == [3, 5])
        #expect(MonthlyRules.missing(reports, year: 2021, today: CivilDate(iso: "2022-01-02")!).count == 9)
        var red = MonthlyStatus(assignmentId: "2021-18", year: 2021, month: 3, progress: .red, cost: .green, quality: .yellow)
        #expect(red.overall == .red && MonthlyRules.validate(red)?.fields["deviations"] != nil)
        red.deviations = "Forsinket leveranse."
        #expect(MonthlyRules.validate(red) == nil)
    }
}
