import Testing

@testable import StyrCore

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
