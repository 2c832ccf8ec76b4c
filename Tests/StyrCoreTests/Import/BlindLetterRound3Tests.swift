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

    /// `pdftotext -layout`: were refused («fant verken mål, oppdrag eller budsjett»). An
    /// assignments table «Nr. Oppdrag Frist» with wrapped cells and a page footer between its rows,
    /// chapter rows «710   Folkehelseinstituttet» in a «Kap. Post Betegnelse Beløp» table, a meeting
    /// sentence below the reporting calendar, a tilsagn frame in a bestillingsfullmakt.
    @Test func aPdftotextLetterWithTablesAcrossAPageBreak() throws {
        let p = try Self.parse("hod-tildelingsbrev-2025-fhi-pdftotext.txt")
        let a = p.document.assignments
        #expect(a.map(\.id) == ["1", "2", "3", "4"])
        #expect(a[0].title == "Utarbeide oppdatert folkehelserapport om psykisk helse blant unge voksne.")
        #expect(a.map { $0.deadlines.first?.date } == ["2025-06-01", "2025-10-15", "2026-03-15", nil])
        #expect(a[2].deadlines.first?.text == "I forbindelse med årsrapporten" && a[3].deadlines.first?.kind == .continuous)
        let posts = p.document.budget.flatMap { c in c.posts.map { "\(c.chapter)/\($0.post)=\($0.amountNOK ?? -1)" } }
        #expect(posts == ["710/1=1285640000", "710/21=215320000", "710/45=45000000", "3710/2=112300000", "3710/3=165800000"])
        #expect(p.document.meetings.compactMap(\.date) == ["2025-05-05", "2025-11-03"])
        #expect(p.document.reporting.map(\.deadline) == ["2025-05-15", "2025-09-15", "2026-03-15"])
        #expect(p.document.authorizations.map(\.type) == [.overrunAgainstExtraIncome, .orderingAuthority])
        #expect(p.reading.everythingUnderstood, "\(p.reading.notUnderstood)")
    }

    /// Unnumbered headings directly followed by their content («Oppdrag» / «O-1 …», «Budsjett» /
    /// «Kap. 490 …»), amounts wrapped below their post, a «Møteplan» of rows.
    @Test func unnumberedHeadingsAndWrappedAmounts() throws {
        let p = try Self.parse("jd-tildelingsbrev-2025-udi-uten-nummer.txt")
        #expect(p.document.assignments.map(\.id) == ["O-1", "O-2", "O-3", "O-4", "O-5"])
        let posts = p.document.budget.flatMap { c in c.posts.map { "\(c.chapter)/\($0.post)=\($0.amountNOK ?? -1)" } }
        #expect(
            posts == [
                "490/1=1244860000", "490/21=3912400000", "490/22=52300000", "490/45=31750000", "490/60=412000000", "3490/1=12800000",
            ])
        #expect(p.document.meetings.compactMap(\.date) == ["2025-05-08", "2025-11-06"])
        #expect(p.reading.everythingUnderstood, "\(p.reading.notUnderstood)")
    }

    /// «… post 09. Direktoratet kan gi tilsagn om tilskudd … 140 mill. kroner.»: two fullmakter in
    /// one paragraph; the frame was the merinntekt's.
    @Test func aSecondFullmaktStartingMidLine() throws {
        let text = """
            Klima- og miljødepartementet

            Tildelingsbrev 2027 – Miljødirektoratet

            Oslo, 18. desember 2026

            3. Budsjett

            Kap. 1420 Miljødirektoratet
            Post 01 Driftsutgifter: 1 020,4 mill. kroner

            4. Fullmakter

            Miljødirektoratet gis fullmakt til å overskride kap. 1420 post 23 mot tilsvarende
            merinntekter under kap. 4420 post 09. Direktoratet kan gi tilsagn om tilskudd
            under kap. 1420 post 69 utover gitt bevilgning, men slik at samlet ramme for nye
            tilsagn og gammelt ansvar ikke overstiger 140 mill. kroner.
            """
        let a = try LetterParser().parse(text).document.authorizations
        #expect(a.map(\.type) == [.overrunAgainstExtraIncome, .commitmentAuthority])
        #expect(a.map(\.limitNOK) == [nil, 140_000_000] && a.map(\.posts) == [[9, 23], [69]])
    }

    /// A refusal says what was seen and what would have been read.
    @Test func aRefusalNamesTheSectionsItFound() throws {
        let text =
            "Helse- og omsorgsdepartementet\n\nTildelingsbrev 2025 til Folkehelseinstituttet\n\nOslo, 1. januar 2025\n\n1. Innledning\n\nTekst.\n"
        #expect {
            try LetterParser().parse(text)
        } throws: { error in
            "\(error)".contains("Avsnitt funnet: «1 Innledning»") && "\(error)".contains("«Kap. 490 …»")
        }
    }
}
