import Testing

@testable import StyrCore

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
