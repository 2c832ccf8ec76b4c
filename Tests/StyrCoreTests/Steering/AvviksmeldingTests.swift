import Testing

@testable import StyrCore

@Suite struct AvviksmeldingTests {
    static let today = CivilDate(year: 2021, month: 9, day: 1)!
    static func subjects() throws -> [AvviksmeldingSubject] {
        AvviksmeldingRules.subjects(try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document)
    }

    @Test func subjectsAreTheLettersRequirementsAndAssignmentsIncludingCarriedOver() throws {
        let s = try Self.subjects()
        #expect(s.contains { $0.kind == .requirement && $0.ref == "SP 3.1" && $0.title == "Bosettingen skjer raskt" })
        #expect(s.contains { $0.kind == .requirement && $0.ref.hasPrefix("SP 2.2 ") }, "the three requirements of SP 2.2 each")
        #expect(s.contains { $0.value == "oppdrag:2021-04" })
        #expect(s.contains { $0.value == "oppdrag:2020-021" })
        #expect(Set(s.map(\.value)).count == s.count)
    }

    @Test func aNoticeNamesItsSubjectRiskAndMeasures() throws {
        let ok = AvviksmeldingRules.notice(
            id: "n1", year: 2021, subject: "oppdrag:2021-04", risk: " Leverandøren er forsinket. ", measures: "Ny plan.",
            proposedDate: "2021-12-01", subjects: try Self.subjects(), sentBy: "direktorat", today: Self.today)
        let notice = try ok.get()
        #expect(notice.subjectRef == "2021-04" && notice.subjectKind == .assignment && notice.risk == "Leverandøren er forsinket.")
        #expect(notice.proposedDate == "2021-12-01" && notice.sentOn == "2021-09-01" && !notice.isAnswered)
    }

    @Test(arguments: [
        ("oppdrag:2099-01", "risk", "tiltak", "", "subject"),
        ("oppdrag:2021-04", "  ", "tiltak", "", "risk"),
        ("oppdrag:2021-04", "risk", "", "", "measures"),
        ("oppdrag:2021-04", "risk", "tiltak", "2021-02-31", "proposedDate"),
        ("oppdrag:2021-04", "risk", "tiltak", "snart", "proposedDate"),
        ("oppdrag:2021-04", "risk", "tiltak", "2021-08-31", "proposedDate"),
    ])
    func aNoticeMissingAPartIsRefusedNamingTheField(subject: String, risk: String, measures: String, date: String, field: String)
        throws
    {
        let r = AvviksmeldingRules.notice(
            id: "n", year: 2021, subject: subject, risk: risk, measures: measures, proposedDate: date,
            subjects: try Self.subjects(), sentBy: "d", today: Self.today)
        guard case .failure(let e) = r else {
            Issue.record("accepted \(subject) \(date)")
            return
        }
        #expect(e.fields.keys.contains(field), "\(e.fields)")
    }

    @Test func theMinistryAnswersOnceAndApprovesANewDeadlineOnlyWhenOneWasAskedFor() throws {
        let subjects = try Self.subjects()
        let withDate = try AvviksmeldingRules.notice(
            id: "a", year: 2021, subject: "resultatkrav:SP 3.1", risk: "r", measures: "m", proposedDate: "2021-12-01",
            subjects: subjects, sentBy: "d", today: Self.today
        ).get()
        let answered = try AvviksmeldingRules.answer(
            withDate, decision: "ny_frist_godkjent", text: "Godkjent.", by: "departement", today: Self.today
        ).get()
        #expect(answered.decision == .newDeadline && answered.answeredOn == "2021-09-01" && answered.isAnswered)
        guard
            case .failure(let again) = AvviksmeldingRules.answer(
                answered, decision: "tatt_til_orientering", text: "x", by: "k", today: Self.today)
        else {
            Issue.record("answered twice")
            return
        }
        #expect(again.fields["decision"] == "Meldingen er allerede besvart.")

        var withoutDate = withDate
        withoutDate.proposedDate = nil
        guard
            case .failure(let e) = AvviksmeldingRules.answer(
                withoutDate, decision: "ny_frist_godkjent", text: "ok", by: "k", today: Self.today)
        else {
            Issue.record("approved a deadline nobody asked for")
            return
        }
        #expect(e.fields["decision"]?.contains("ikke bedt om ny frist") == true)
        guard case .failure(let empty) = AvviksmeldingRules.answer(withDate, decision: "noe", text: " ", by: "k", today: Self.today) else {
            Issue.record("accepted an empty answer")
            return
        }
        #expect(Set(empty.fields.keys) == ["decision", "answer"])
    }
}
