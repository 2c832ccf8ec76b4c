import Foundation
import Testing

@testable import StyrCore

/// The third blind test's letters (another ministry each, layouts the importer had not seen):
/// what they claimed to understand while dropping it, and what they listed that is now read.
@Suite struct BlindLetterRound3Tests {
    static func parse(_ name: String) throws -> ParsedDocument {
        let data = try Data(contentsOf: FixtureLetters.dir.appendingPathComponent(name))
        return try LetterParser().parse(HistoryText.decode(data))
    }

    /// «3.2 Fullmakter» lists two fullmakter; they were one «Fullmakter» with the merinntekt lost.
    @Test func eachFullmaktUnderAPluralHeadingIsItsOwn() throws {
        let p = try Self.parse("fin-tildelingsbrev-2025-skatteetaten.txt")
        #expect(p.document.authorizations.map(\.type) == [.overrunAgainstExtraIncome, .orderingAuthority])
        #expect(p.document.authorizations.last?.limitNOK == 250_000_000 && p.document.authorizations.last?.posts == [22])
        #expect(p.document.meetings.compactMap(\.date) == ["2025-06-12", "2025-11-27"])
        #expect(p.reading.everythingUnderstood)
    }

    /// «**Merinntektsfullmakt:** …» and «**Overskridelse til investeringsformål:** …».
    @Test func labelledFullmakterAreSeparate() throws {
        let p = try Self.parse("kdd-tildelingsbrev-2025-statsforvalteren.md")
        #expect(p.document.authorizations.map(\.type) == [.overrunAgainstExtraIncome, .investmentOverrunAgainstSavings])
        #expect(p.document.authorizations.map(\.percentLimit) == [nil, 5])
    }

    /// Meetings under «Etatsstyring» were dropped while full understanding was claimed.
    @Test func meetingsUnderAnEtatsstyringHeading() throws {
        let p = try Self.parse("fin-tildelingsbrev-2025-etatsstyring.txt")
        #expect(p.document.meetings.compactMap(\.date) == ["2025-06-12", "2025-11-27"])
        // A date in a meeting section that no meeting holds is listed.
        let text = try String(
            contentsOf: FixtureLetters.dir.appendingPathComponent("fin-tildelingsbrev-2025-etatsstyring.txt"), encoding: .utf8)
        let odd = try LetterParser().parse(
            text.replacingOccurrences(of: "Det vil bli avholdt", with: "Forrige referat ble godkjent 3. mars 2025. Det vil bli avholdt"))
        #expect(odd.reading.notUnderstood.contains { $0.reason.contains("2025-03-03") })
    }

    /// Windows-1252, «• Oppdrag 2025-1: …» bullets, rows «  01 Driftsutgifter   2 412 650» under
    /// «3. Budsjett (i 1 000 kroner)» without a header row.
    @Test func bulletedAssignmentsAndAlignedRowsWithoutHeader() throws {
        let p = try Self.parse("nfd-tildelingsbrev-2025-kystverket-cp1252.txt")
        #expect(p.document.assignments.map(\.id) == ["2025-01", "2025-02", "2025-03"])
        #expect(p.document.assignments.map { $0.deadlines.compactMap(\.date) } == [["2025-05-01"], ["2025-10-01"], []])
        let posts = p.document.budget.flatMap { c in c.posts.map { "\(c.chapter)/\($0.post)=\($0.amountNOK ?? -1)" } }
        #expect(posts == ["1360/1=2412650000", "1360/21=18900000", "1360/30=735400000", "1360/60=92000000", "4360/2=41200000"])
        #expect(p.document.meetings.compactMap(\.date) == ["2025-06-04"])
    }

    /// «O-1 Utrede …» items with «Frist:» lines below; «O-5 … Frist: i forbindelse med årsrapporten».
    @Test func letterPrefixedAssignmentNumbers() throws {
        let p = try Self.parse("jd-tildelingsbrev-2025-udi-o-nummer.txt")
        #expect(p.document.assignments.map(\.id) == ["O-1", "O-2", "O-3", "O-4", "O-5"])
        #expect(
            p.document.assignments.prefix(4).map { $0.deadlines.compactMap(\.date) } == [
                ["2025-04-01"], ["2025-08-15"], ["2025-02-10"], ["2025-12-01"],
            ])
        #expect(p.document.assignments.last?.deadlines.first?.label == "årsrapport")
    }

    /// «2.1 Oppdrag 1 – Eiendomsstrategi for Ørland flystasjon» (CRLF): assignments under numbered headings.
    @Test func assignmentsUnderNumberedHeadings() throws {
        let p = try Self.parse("fd-tildelingsbrev-2025-forsvarsbygg-crlf.txt")
        #expect(
            p.document.assignments.map(\.title) == [
                "Eiendomsstrategi for Ørland flystasjon", "Energieffektivisering", "Avhending av overflødig eiendom",
            ])
        #expect(p.document.assignments.prefix(2).map { $0.deadlines.compactMap(\.date) } == [["2025-06-01"], ["2025-10-15"]])
    }

    /// A renumbering clause wrapped so that the new number opens a line: no new assignment, and
    /// the deadline change belongs to the new number.
    @Test func wrappedRenumberingOpensNoAssignment() throws {
        let p = try Self.parse("lmd-tillegg-3-2025-landbruksdirektoratet.md")
        #expect(p.document.assignments.map(\.id) == ["TB2025-07"])
        #expect(p.document.renumberings.map { "\($0.from)>\($0.to)" } == ["TB2025-06>TB2025-05", "TB2025-07>TB2025-06"])
        #expect(p.document.deadlineChanges.map { "\($0.assignmentId) \($0.deadline.date ?? "-")" } == ["TB2025-06 2025-12-01"])
        #expect((p.document.closedAssignments ?? []).map(\.id) == ["TB2025-05", "TB2025-02"])
    }

    /// «Til: Direktoratet for utviklingssamarbeid (Norad)».
    @Test func recipientFromATilField() throws {
        let p = try Self.parse("ud-tildelingsbrev-2025-norad.md")
        #expect(p.recipients == ["Direktoratet for utviklingssamarbeid (Norad)"] && p.issuer?.short == "UD")
        #expect(!p.reading.absent.contains("mottaker"))
    }
}
