import Testing

@testable import StyrCore

/// The 2021 letter's «Rapportering:» blocks as reporting demands, with the report, deadline and
/// section that answers them; the reporting calendar's reports as demands of their own.
@Suite struct ReportingDemandsTests {
    @Test func theLettersTwelveReportingBlocksBecomeDemands() throws {
        let doc = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        let withText = doc.goals.flatMap { g in [g.reportingDemand] + g.steeringParameters.map(\.reportingDemand) }.compactMap { $0 }
        #expect(withText.count == 12, "\(withText.count)")
        #expect(withText.allSatisfy { !$0.hasPrefix("en ") }, "«Rapporteringen skal …» kept whole")
        let sp31 = try #require(doc.goals.flatMap(\.steeringParameters).first { $0.number == "3.1" })
        #expect(sp31.reportingDemand?.hasPrefix("IMDi skal gi en samlet vurdering") == true)

        let demands = ReportingDemands.of(doc, year: 2021)
        let sp31Demands = demands.filter { $0.ref == "SP 3.1" }
        #expect(sp31Demands.map(\.report) == [.halvaar, .aar])
        #expect(sp31Demands.map(\.section) == ["sammendrag", "resultater"])
        #expect(sp31Demands.first { $0.report == .aar }?.deadline == "2022-03-15")
        #expect(sp31Demands.first { $0.report == .halvaar }?.deadline == "2021-08-20")
        #expect(Set(sp31Demands.map(\.key)) == ["krav-SP3.1"])
        // The reports of the calendar are demands too, answered by the whole report.
        let reports = demands.filter { $0.section == nil }
        #expect(reports.count == doc.reporting.count && reports.contains { $0.deadline == "2022-03-15" })
    }

    @Test func aGoalWithOnlyAChannelStillGetsADemand() {
        let letter = SteeringDocument(
            kind: .tildelingsbrev, year: 2022, goals: [Goal(number: "1", title: "Rask bosetting", reports: [.aar])])
        let d = ReportingDemands.of(letter, year: 2022)
        #expect(d.map(\.ref) == ["Mål 1"] && d[0].text == "Måloppnåelsen for Mål 1 rapporteres i årsrapport." && d[0].deadline == nil)
    }
}
