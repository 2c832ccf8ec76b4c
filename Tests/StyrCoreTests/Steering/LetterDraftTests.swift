import Testing

@testable import StyrCore

/// Next year's tildelingsbrev started from this year's: read back by the importer, it keeps the
/// goals, budget, fullmakter and calendar, leaves last year's assignments out and carries the open
/// ones over with their original numbers and deadlines.
@Suite struct LetterDraftTests {
    static func letter2021() throws -> (String, SteeringDocument) {
        let text = try Fixtures.text("tildelingsbrev-2021.txt")
        return (text, try LetterParser().parse(text).document)
    }

    static let open = [
        LetterDraft.OpenAssignment(
            id: "2021-04", title: "Kompetansekartlegging", source: "tildelingsbrev 2021",
            parts: [AssignmentPart(number: "3", text: "IMDi bes utrede mulighetsrommet for større dataintegrasjon")],
            deadlines: [
                Deadline(date: "2021-12-31", text: "31. desember 2021", kind: .date),
                Deadline(date: "2021-09-01", text: "1. september 2021", kind: .date, parts: ["3"]),
            ], status: .forsinket),
        LetterDraft.OpenAssignment(
            id: "2020-013", title: "Kunnskapsutvikling om innsats mot negativ sosial kontroll",
            source: "tillegg nr. 1 til tildelingsbrev 2020", status: .pagar),
    ]

    @Test func theDraftReadsBackAsNextYearsLetterWithTheSameStructure() throws {
        let (text, old) = try Self.letter2021()
        let draft = LetterDraft.start(year: 2022, previous: old, previousText: text, open: Self.open, recipient: nil)
        let parsed = try LetterParser().parse(draft)
        let d = parsed.document
        #expect(d.kind == .tildelingsbrev)
        #expect(d.year == 2022)
        #expect(d.date == nil, "the date is set when the letter is published")
        #expect(d.goals.map(\.number) == old.goals.map(\.number))
        #expect(d.goals.flatMap(\.steeringParameters).map(\.number) == old.goals.flatMap(\.steeringParameters).map(\.number))
        #expect(
            d.goals.flatMap { $0.steeringParameters.flatMap(\.resultRequirements) }.count
                == old.goals.flatMap { $0.steeringParameters.flatMap(\.resultRequirements) }.count)
        #expect(d.assignments.isEmpty, "\(d.assignments.map(\.id))")
        #expect(d.budget.flatMap(\.posts).map(\.amountNOK) == old.budget.flatMap(\.posts).map(\.amountNOK))
        #expect(d.budget.flatMap(\.posts).flatMap(\.earmarks).count == old.budget.flatMap(\.posts).flatMap(\.earmarks).count)
        #expect(d.authorizations.count == old.authorizations.count)
        // The calendar moved on a year: the 2022 annual report is due 15 March 2023.
        #expect(d.reporting.map(\.deadline) == old.reporting.map { $0.deadline.map { "\(Int($0.prefix(4))! + 1)\($0.dropFirst(4))" } })
        // Carried over with number, source and deadlines, parts included.
        #expect(d.carriedOverAssignments.map(\.id) == ["2021-04", "2020-013"])
        let k = try #require(d.carriedOverAssignments.first)
        #expect(k.source == "tildelingsbrev 2021")
        #expect(k.deadlines.contains { $0.date == "2021-12-31" })
        #expect(k.deadlines.contains { $0.date == "2021-09-01" && $0.parts == ["3"] })
        #expect(k.parts.map(\.number) == ["3"])
        // Nothing from last year's assignment blocks is left unread.
        #expect(!draft.contains("Oppdrag nr. 2021"))
        #expect(draft.contains("4.2. Oppdrag gitt i tillegg til tildelingsbrev 2021\n"))
        // The table of contents names the headings as the draft writes them.
        #expect(draft.contains("4.2.\tOppdrag gitt i tillegg til tildelingsbrev 2021\t25"), "\(draft.prefix(1500))")
        #expect(draft.contains("4.3\tOppdrag gitt tidligere år som videreføres i 2022\t25"))
        #expect(!draft.contains("videreføres i 2021") && !draft.contains("i tillegg til tildelingsbrev 2020"))
        let review = LetterDraft.review(parsed, text: draft, year: 2022)
        #expect(review.blocking.isEmpty, "\(review.blocking)")
    }

    @Test func aNewAssignmentWrittenUnderAGoalIsReadWithItsDeadline() throws {
        let (text, old) = try Self.letter2021()
        var draft = LetterDraft.start(year: 2022, previous: old, previousText: text, open: [], recipient: nil)
        let anchor = try #require(draft.range(of: "STYRINGSPARAMETER 3.2"))
        draft.insert(
            contentsOf:
                "Oppdrag nr. 2022-01\tRask bosetting av enslige mindreårige\nBakgrunn Ventetiden er for lang.\nBeskrivelse av oppdraget IMDi skal foreslå tiltak.\nFrist:\t1. mars 2022\n\n",
            at: anchor.lowerBound)
        let d = try LetterParser().parse(draft).document
        let a = try #require(d.assignments.first)
        #expect(d.assignments.count == 1)
        #expect(a.id == "2022-01")
        #expect(a.goalRef == "SP 3.1")
        #expect(a.deadlines.first?.date == "2022-03-01")
        #expect(d.carriedOverAssignments.isEmpty)

        // A deadline without a year is read in the letter's year, and the review says so.
        let yearless = draft.replacingOccurrences(of: "Frist:\t1. mars 2022", with: "Frist:\t1. mars")
        let parsed = try LetterParser().parse(yearless)
        #expect(parsed.document.assignments.first?.deadlines.first?.date == "2022-03-01")
        let notes = LetterDraft.review(parsed, text: yearless, year: 2022).notes
        #expect(notes.contains { $0.contains("fristen «1. mars» har ikke år og er lest som 1. mars 2022") }, "\(notes)")
        #expect(!LetterDraft.review(try LetterParser().parse(draft), text: draft, year: 2022).notes.contains { $0.contains("har ikke år") })
    }

    @Test func theReviewRefusesLastYearsNumbersAndAWrongYear() throws {
        let (text, old) = try Self.letter2021()
        let untouched = try LetterParser().parse(text)
        let review = LetterDraft.review(untouched, text: text, year: 2022)
        #expect(review.blocking.contains { $0.contains("ikke 2022") })
        #expect(review.blocking.contains { $0.contains("fjorårets nummer") && $0.contains("2021-01") })
        // Written from structure alone (a letter sent as JSON has no text): still a letter.
        let skeleton = LetterDraft.start(year: 2022, previous: old, previousText: nil, open: Self.open, recipient: "IMDi")
        let parsed = try LetterParser().parse(skeleton)
        #expect(parsed.document.kind == .tildelingsbrev && parsed.document.year == 2022)
        #expect(parsed.document.goals.count == old.goals.count)
        #expect(parsed.document.budget.flatMap(\.posts).map(\.amountNOK) == old.budget.flatMap(\.posts).map(\.amountNOK))
        #expect(parsed.document.carriedOverAssignments.map(\.id) == ["2021-04", "2020-013"])
        #expect(parsed.document.budget.flatMap(\.posts).flatMap(\.earmarks).count == old.budget.flatMap(\.posts).flatMap(\.earmarks).count)
        #expect(parsed.document.meetings.count == old.meetings.count)
        #expect(parsed.document.signatories.count == old.signatories.count)
        #expect(!skeleton.contains("kan overføres, kan overføres"))
        let fromJSON = LetterDraft.review(parsed, text: skeleton, year: 2022, previous: old)
        #expect(fromJSON.blocking.isEmpty, "\(fromJSON.blocking)")
        #expect(!fromJSON.notes.contains { $0.contains("fjorårets hadde") }, "\(fromJSON.notes)")
    }

    @Test func whatWouldBeWrongInTheSentLetterStopsPublishing() throws {
        let (text, old) = try Self.letter2021()
        var draft = LetterDraft.start(year: 2022, previous: old, previousText: text, open: [], recipient: nil)
        let anchor = try #require(draft.range(of: "STYRINGSPARAMETER 3.2"))
        draft.insert(
            contentsOf: "Oppdrag nr. 2022-01\tA\nBeskrivelse av oppdraget X.\nFrist:\t31. juni 2022\n\n"
                + "Oppdrag nr. 2022-01\tB\nBeskrivelse av oppdraget Y.\nFrist:\t1. mars 2021\n\n", at: anchor.lowerBound)
        // Fullmakter taken out: a note, not a refusal.
        if let f = draft.range(of: "\n6 Fullmakter\n"), let end = draft.range(of: "\n7. Fellesføringer\n") {
            draft.removeSubrange(f.upperBound..<end.lowerBound)
        }
        let review = LetterDraft.review(try LetterParser().parse(draft), text: draft, year: 2022, previous: old)
        #expect(review.blocking.contains { $0.contains("Umulig dato") }, "\(review.blocking)")
        #expect(review.blocking.contains { $0.contains("hvert sitt nummer") })
        #expect(review.notes.contains { $0.contains("fullmakter, fjorårets hadde 6") }, "\(review.notes)")
        let sums = draft.replacingOccurrences(of: "Post 01\tDriftsutgifter\t305,6", with: "Post 01\tDriftsutgifter\t320,0")
        let sumReview = LetterDraft.review(try LetterParser().parse(sums), text: sums, year: 2022, previous: old)
        #expect(sumReview.blocking.contains { $0.contains("stemmer ikke") }, "\(sumReview.blocking)")
    }

    @Test func openAssignmentsAreThoseNotDelivered() {
        let letter = SteeringDocument(
            kind: .tildelingsbrev, year: 2021,
            assignments: [
                Assignment(id: "2021-01", title: "A", parts: [], deadlines: []),
                Assignment(id: "2021-02", title: "B", parts: [], deadlines: []),
            ],
            carriedOverAssignments: [CarriedOverAssignment(id: "2020-001", title: "C", source: "tildelingsbrev 2020")])
        let year = AmendedYear(year: 2021, asOf: nil, documents: [], letter: letter, history: [], aliases: [:])
        let open = LetterDraft.openAssignments(of: year, statuses: ["2021-01": .levert, "2020-001": .forsinket])
        #expect(open.map(\.id) == ["2021-02", "2020-001"])
        #expect(open.map(\.source) == ["tildelingsbrev 2021", "tildelingsbrev 2020"])
        #expect(open.map(\.status) == [.ikkeStartet, .forsinket])
    }

    @Test func yearsMoveOnOnlyWithinTheRange() {
        #expect(LetterDraft.shiftYears("Innen 15. mars 2022 (2019)", from: 2020, through: 2022) == "Innen 15. mars 2023 (2019)")
        #expect(LetterDraft.shiftYears("kr 120210", from: 2020, through: 2022) == "kr 120210")
    }
    @Test func theLetterIsLaidOutInItsOwnStructure() throws {
        let (text, old) = try Self.letter2021()
        let blocks = LetterLayout.blocks(text: text, sections: old.sections)
        #expect(blocks.first?.kind == "title")
        #expect(blocks.first?.text == "Tildelingsbrev til Integrerings- og mangfoldsdirektoratet for 2021")
        let h2 = blocks.filter { $0.kind == "h2" }
        #expect(h2.contains { $0.text == "1. Innledning" && $0.anchor == "s-1" })
        #expect(blocks.contains { $0.kind == "h3" && $0.text.hasPrefix("MÅL 1") })
        #expect(blocks.filter { $0.kind == "h4" }.count == old.assignments.count)
        let budget = try #require(blocks.first { b in b.kind == "table" && b.rows.contains { $0.first == "Post 60" } })
        #expect(budget.rows.contains { $0 == ["Post 60", "Integreringstilskudd, kan overføres", "6 035,13"] })
        #expect(blocks.contains { $0.kind == "list" && $0.items.contains("10 mill. kroner til minoritetsrådgiverordningen.") })
        #expect(!blocks.contains { $0.text.contains("<p>") || $0.items.contains { $0.contains("<p>") } })
    }
}

/// Reporting duties given in the letter's prose with a deadline (issue 25, item 6): the grant
/// report and the proposal for the national resource centres, both due 1 June 2021.
@Suite struct ReportingDutiesTests {
    @Test func theTwoDutiesOfSection413AreRead() throws {
        let doc = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        let duties = doc.duties ?? []
        let grants = try #require(duties.first { $0.text.contains("mer detaljert rapport") })
        #expect(grants.deadline == "2021-06-01" && grants.section == "4.1.3 Tilskuddsforvaltning" && grants.concernsGrants)
        #expect(duties.contains { $0.text.contains("forslag til fordeling") && $0.deadline == "2021-06-01" })
        #expect(!duties.contains { $0.text.hasPrefix("Oppdrag") }, "assignments keep their own deadlines")
        let events = DeadlineCalendar.events(doc).filter { $0.date == "2021-06-01" && $0.kind == .reporting }
        #expect(events.count == 2, "\(events.map(\.title))")
    }
}
