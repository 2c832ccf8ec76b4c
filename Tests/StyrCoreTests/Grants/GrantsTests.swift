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
