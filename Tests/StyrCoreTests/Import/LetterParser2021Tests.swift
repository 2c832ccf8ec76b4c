import Foundation
import Testing

@testable import StyrCore

@Suite struct LetterParser2021Tests {
    let parsed: ParsedDocument
    var doc: SteeringDocument { parsed.document }

    init() throws {
        parsed = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt"))
    }

    @Test func header() {
        #expect(doc.kind == .tildelingsbrev)
        #expect(doc.year == 2021)
        #expect(doc.date == "2021-01-06")
        #expect(doc.issuer == "Kunnskapsdepartementet (KD)")
        #expect(doc.recipient == "Integrerings- og mangfoldsdirektoratet (IMDi)")
        #expect(
            doc.signatories == [
                Signatory(name: "Lisbeth Frønsdatter Røren", title: "ekspedisjonssjef"),
                Signatory(name: "Toril Melander Stene", title: "avdelingsdirektør"),
            ])
    }

    @Test func goalsAndSteeringParameters() {
        #expect(doc.goals.map(\.number) == ["1", "2", "3", "4"])
        let sps = doc.goals.flatMap { $0.steeringParameters.map(\.number) }
        #expect(sps == ["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"])
        #expect(doc.goals[2].title == "Bosettingen er rask og treffsikker")
        #expect(doc.goals[2].reports == [.halvaar, .aar])
        #expect(doc.goals[0].reports == [.aar])
    }

    @Test func resultRequirementsWithTargets() throws {
        let sp22 = try #require(doc.goals[1].steeringParameters.first { $0.number == "2.2" })
        #expect(sp22.resultRequirements.count == 3)
        let seventy = try #require(sp22.resultRequirements.last?.target)
        #expect(seventy.comparison == .atLeast && seventy.value == 70 && seventy.unit == "percent")
        #expect(seventy.breakdown == ["kjønn"])
        #expect(sp22.resultRequirements[0].target?.comparison == .increases)
        let sp24 = try #require(doc.goals[1].steeringParameters.first { $0.number == "2.4" })
        #expect(sp24.resultRequirements.first?.target?.value == 70)
        let sp31 = try #require(doc.goals[2].steeringParameters.first { $0.number == "3.1" })
        #expect(sp31.resultRequirements.first?.target?.unit == "months")
        let sp33 = try #require(doc.goals[2].steeringParameters.first { $0.number == "3.3" })
        #expect(sp33.resultRequirements.count == 3)
    }

    @Test func everyAssignmentWithItsDeadlines() throws {
        #expect(doc.assignments.map(\.id) == (1...18).map { String(format: "2021-%02d", $0) })
        func a(_ id: String) throws -> Assignment { try #require(doc.assignments.first { $0.id == id }) }
        #expect(try a("2021-01").deadlines.map(\.date) == ["2021-08-20"])
        #expect(try a("2021-01").goalRef == "Mål 1")
        #expect(try a("2021-04").goalRef == "SP 2.1")
        let a04 = try a("2021-04")
        #expect(a04.parts.map(\.number) == ["1", "2", "3", "4"])
        #expect(a04.deadlines.map(\.parts) == [["1"], ["2"], ["3"], ["4"]])
        #expect(a04.deadlines[0].kind == .continuous)
        #expect(a04.deadlines.compactMap(\.date) == ["2021-07-01", "2021-09-01", "2021-12-31"])
        let a07 = try a("2021-07")
        #expect(a07.deadlines.map(\.parts) == [["1"], ["2", "3"]])
        let a03 = try a("2021-03")
        #expect(a03.deadlines.map(\.label) == ["plan", nil])
        let a11 = try a("2021-11")
        #expect(a11.deadlines.map(\.date) == ["2021-05-15", "2021-09-01"])
        #expect(try a("2021-14").deadlines.first?.kind == .month)
        #expect(try a("2021-14").deadlines.first?.date == "2021-12-31")
        #expect(try a("2021-09").deadlines.first?.kind == .text)
        let a02 = try a("2021-02")
        #expect(a02.deadlines.contains { $0.frequency == "quarterly" && $0.date == "2021-03-15" })
        #expect(a02.deadlines.contains { $0.kind == .recurring && $0.frequency == "monthly" })
        let a18 = try a("2021-18")
        #expect(a18.deadlines.contains { $0.label == "mandat" && $0.date == "2021-04-30" })
        #expect(a18.deadlines.contains { $0.kind == .recurring && $0.frequency == "monthly" })
        #expect(try a("2021-16").financing.first?.chapter == 291)
        // Every deadline keeps its original text.
        #expect(doc.assignments.allSatisfy { $0.deadlines.allSatisfy { !$0.text.isEmpty } })
    }

    @Test func carriedOverAssignments() throws {
        let ids = doc.carriedOverAssignments.map(\.id)
        #expect(
            ids == [
                "2020-001", "2020-003", "2020-005", "2020-007", "2020-013", "2020-014", "2020-015", "2020-016",
                "2020-017", "2020-018", "2020-019", "2020-021", "2020-022", "2020-023", "2020-026", "08/2019",
            ])
        let c23 = try #require(doc.carriedOverAssignments.first { $0.id == "2020-023" })
        #expect(c23.source == "tillegg nr. 5 til tildelingsbrev 2020")
        #expect(c23.parts.map(\.number) == ["1", "2", "3"])
        #expect(c23.deadlines.map(\.date) == ["2020-11-01", "2021-06-30", "2021-04-01"])
        #expect(doc.carriedOverAssignments.first { $0.id == "2020-001" }?.deadlines.first?.date == "2022-01-01")
        #expect(doc.referencedAssignments.count == 16)
    }

    @Test func budgetChaptersPostsAndEarmarks() throws {
        #expect(doc.budget.map(\.chapter) == [290, 291, 292])
        #expect(doc.budget[0].posts.map(\.amountNOK) == [305_600_000])
        #expect(doc.budget[1].posts.map(\.post) == [21, 45, 60, 61, 62, 70, 71, 72, 73])
        #expect(doc.budget[1].totalNOK == 7_553_880_000)
        #expect(doc.budget[2].totalNOK == 1_061_060_000)
        let p60 = try #require(doc.budget[1].posts.first { $0.post == 60 })
        #expect(p60.amountNOK == 6_035_130_000 && p60.flags == [.kanOverfores])
        let p61 = try #require(doc.budget[1].posts.first { $0.post == 61 })
        #expect(p61.flags == [.overslagsbevilgning])
        let p21 = try #require(doc.budget[1].posts.first { $0.post == 21 })
        #expect(p21.appropriationNOK == 70_000_000 && p21.undisposedNOK == 15_000_000)
        #expect(p21.flags == [.kanOverfores])
        #expect(p21.earmarks.count == 12)
        #expect(p21.earmarks.filter { $0.assignmentRefs == ["2021-17"] }.count == 3)
        let p62 = try #require(doc.budget[1].posts.first { $0.post == 62 })
        #expect(p62.earmarkedNOK == 230_400_000)
        let p71 = try #require(doc.budget[1].posts.first { $0.post == 71 })
        let recipients = p71.earmarks.filter { $0.recipient != nil }
        #expect(recipients.count == 14)
        #expect(recipients.compactMap(\.amountNOK).reduce(0, +) == 37_510_000)
        #expect(recipients.first?.recipient == "Antirasistisk senter (ARS)")
        let p73 = try #require(doc.budget[1].posts.first { $0.post == 73 })
        #expect(p73.earmarks.contains { $0.amountNOK == 464_000 })
        #expect(doc.budget[0].posts[0].earmarks.count == 5)
    }

    @Test func authorizationsReportingMeetings() {
        let types = doc.authorizations.map(\.type)
        #expect(
            types == [
                .netBudgetingEquipmentSales, .multiYearContracts, .overrunAgainstExtraIncome,
                .reallocateOperatingToInvestment, .investmentOverrunAgainstSavings, .carryOverUnspent,
            ])
        let overrun = doc.authorizations[2]
        #expect(overrun.percentLimit == 2 && overrun.posts == [1, 21])
        #expect(doc.authorizations[3].targetPost == 45 && doc.authorizations[3].percentLimit == 5)
        #expect(doc.authorizations[5].posts == [1, 21])
        #expect(doc.reporting.map(\.deadline) == ["2021-03-15", "2021-08-20", "2022-03-15"])
        #expect(doc.reporting.map(\.countDate) == ["2020-12-31", "2021-06-30", "2021-12-31"])
        #expect(doc.meetings.map(\.type) == ["Etatsstyringsmøte", "Strategimøte", "Ledersamling", "Fagmøte"])
        #expect(doc.meetings[0].count == 2 && doc.meetings[0].minutes)
    }

    @Test func nothingLeftUnderstoodAsAWarning() {
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
    }
}
