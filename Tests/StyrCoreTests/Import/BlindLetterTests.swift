import Foundation
import Testing

@testable import StyrCore

/// Letters in the genre that the importer was never tuned on (a blind tester's letters from other
/// ministries, kept as fixtures with their expected readings), and the silent misses they found.
@Suite struct BlindLetterTests {
    static func parse(_ name: String) throws -> ParsedDocument { try LetterParser().parse(try FixtureLetters.text(name)) }

    // MARK: Numbered lists under an «Oppdrag» heading; an oppdragsdokument to a state enterprise

    @Test func oppdragsdokumentWithNumberedListReads() throws {
        let p = try Self.parse("sd-oppdragsdokument-2025.txt")
        #expect(p.kind == .oppdragsdokument)
        #expect(p.document.year == 2025)
        #expect(p.document.date == "2024-12-18")
        #expect(p.issuer?.short == "SD")
        #expect(p.recipients == ["Bane NOR SF"])
        let a = p.document.assignments
        #expect(a.map(\.id) == ["1", "2", "3", "4"])
        #expect(a.map(\.printedId) == ["1.", "2.", "3.", "4."])
        #expect(a[0].title == "Plan for bedre punktlighet på Østlandet")
        #expect(a.prefix(3).map { $0.deadlines.first?.date } == ["2025-03-01", "2025-09-01", "2025-11-15"])
        // «Redegjørelsen inngår i årsrapporten for 2025»: a deadline in words, kept as text, dated by
        // the letter's own «årsrapporten for 2025 … innen 1. april 2026».
        let last = try #require(a[3].deadlines.first)
        #expect(last.kind == .text && last.label == "årsrapport" && last.text.hasPrefix("Redegjørelsen inngår"))
        #expect(last.date == "2026-04-01")
        // «4. Rapportering» after item 3 is the next section, not item 4.
        #expect(p.document.sections.map(\.title).contains("Rapportering"))
        #expect(p.document.reporting.map(\.deadline) == ["2026-04-01"])
        #expect(p.reading.everythingUnderstood)
    }

    @Test func listItemsInOtherStyles() throws {
        for (marks, ids) in [(["1)", "2)"], ["1", "2"]), (["a)", "b)"], ["a", "b"])] {
            let text = """
                Kunnskapsdepartementet

                Tildelingsbrev til Direktoratet for IKT og fellestjenester for 2025

                1. Oppdrag

                \(marks[0]) Kartlegge bruken av skytjenester
                Rapporten leveres innen 1. juni 2025.

                \(marks[1]) Vurdere nye fellestjenester
                Frist: 1. oktober 2025

                2. Rapportering

                Årsrapport for 2025 sendes departementet innen 15. mars 2026.
                """
            let p = try LetterParser().parse(text)
            #expect(p.document.assignments.map(\.id) == ids)
            #expect(p.document.assignments.flatMap(\.deadlines).compactMap(\.date) == ["2025-06-01", "2025-10-01"])
            #expect(p.document.reporting.map(\.deadline) == ["2026-03-15"])
        }
    }

    @Test func numberedListsInsideNumberedAssignmentsStayText() throws {
        // The seed's «Oppdrag nr. 2021-17» has «a. … b. …» in its text: no new assignments.
        let p = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt"))
        #expect(p.document.assignments.count == 18)
    }

    @Test func emptyOppdragsdokumentNamesItsKind() throws {
        let text = """
            Samferdselsdepartementet

            Oppdragsdokument 2025 – Nye Veier AS

            Departementet har ingen nye oppdrag til selskapet i 2025.
            """
        #expect {
            try LetterParser().parse(text)
        } throws: { error in
            "\(error)".contains("oppdragsdokumentet")
        }
    }

    // MARK: Deadlines as words

    @Test func deadlinesInWords() {
        let tertial = NorwegianText.deadline("innen utgangen av 2. tertial", year: 2025)
        #expect(tertial.date == "2025-08-31" && tertial.kind == .month)
        #expect(NorwegianText.deadline("innen utgangen av første halvår", year: 2025).date == "2025-06-30")
        #expect(NorwegianText.deadline("innen 1. mars", year: 2025).date == "2025-03-01")
        let annual = NorwegianText.deadline("i forbindelse med årsrapporten", year: 2025)
        #expect(annual.date == nil && annual.kind == .text && annual.label == "årsrapport")
        #expect(NorwegianText.deadline("i forbindelse med halvårsrapporten", year: 2025).label == "halvårsrapport")
        #expect(NorwegianText.deadline("Løpende", year: 2025).kind == .continuous)
        // Without a year, a tertial's end stays text, never dropped.
        let noYear = NorwegianText.deadline("innen utgangen av 2. tertial")
        #expect(noYear.date == nil && noYear.text == "innen utgangen av 2. tertial")
    }

    @Test func deadlinesInWordsInAnAssignment() throws {
        let text = """
            Helse- og omsorgsdepartementet

            Tildelingsbrev 2025 – Folkehelseinstituttet

            1. Oppdrag

            TB2025-01 Kunnskapsoppsummering om skjermbruk
            FHI skal levere oppsummeringen innen utgangen av 2. tertial.

            TB2025-02 Status for vaksineberedskap
            Det rapporteres i forbindelse med halvårsrapporten.

            TB2025-03 Overvåking av antibiotikaresistens
            Vesentlige funn rapporteres løpende.
            """
        let a = try LetterParser().parse(text).document.assignments
        #expect(a.map { $0.deadlines.first?.date } == ["2025-08-31", nil, nil])
        #expect(a[1].deadlines.first?.label == "halvårsrapport")
        #expect(a[2].deadlines.first?.kind == .continuous)
    }

    // MARK: Fullmakter in short letters

    @Test func fullmaktGivenInASentence() throws {
        let md = try Self.parse("aid-tildelingsbrev-2022.md")
        #expect(md.document.authorizations.map(\.type) == [.overrunAgainstExtraIncome])
        #expect(md.document.authorizations.first?.posts == [1])
        let kld = try Self.parse("kld-tildelingsbrev-2022-feil.txt")
        #expect(kld.document.authorizations.map(\.type) == [.overrunAgainstExtraIncome])
        // «5.1 Merinntektsfullmakt» and «5.2 Andre fullmakter» as sub-headings: a plural heading
        // lists fullmakter, each named by its own sentence.
        let hod = try Self.parse("hod-tildelingsbrev-2023.txt")
        #expect(hod.document.authorizations.map(\.title) == ["Merinntektsfullmakt", "Fullmakt til å inngå avtaler utover budsjettåret"])
        #expect(hod.document.authorizations.map(\.type) == [.overrunAgainstExtraIncome, .multiYearContracts])
    }

    @Test func fullmaktInTheBudgetSection() throws {
        let text = """
            Kunnskapsdepartementet

            Tildelingsbrev til Statped for 2025

            1. Tildeling av midler

            Kap. 230 Statlig spesialpedagogisk tjeneste
            Post 01 Driftsutgifter    612 300 000
            Statped kan overskride bevilgningen under kap. 230 post 01 mot tilsvarende merinntekter under kap. 3230 post 01.
            """
        let p = try LetterParser().parse(text)
        #expect(p.document.authorizations.map(\.type) == [.overrunAgainstExtraIncome])
        #expect(p.document.authorizations.first?.title == "Merinntektsfullmakt")
    }

    // MARK: Totals checked against their posts

    @Test func chapterSumThatDoesNotAddUpIsWarnedAndListed() throws {
        let p = try Self.parse("kld-tildelingsbrev-2022-feil.txt")
        #expect(p.reading.warnings.contains { $0.line == 48 && $0.message.contains("Summen for kap. 1420") })
        let listed = try #require(p.reading.notUnderstood.first { $0.line == 48 })
        #expect(listed.reason.contains("stemmer ikke med postene"))
        #expect(!p.reading.everythingUnderstood)
        // The impossible deadlines are warnings, never dates.
        #expect(p.reading.warnings.filter { $0.message.hasPrefix("Umulig dato") }.map(\.line) == [27, 35])
        #expect(p.document.assignments.first?.deadlines.compactMap(\.date) == [])
    }

    @Test func tableWithChapterAndPostInCellsIsReadAndItsSumChecked() throws {
        let p = try Self.parse("aid-tildelingsbrev-2022.md")
        #expect(
            BudgetChangeTableTests.amounts(p.document).sorted() == [
                "670/01:319800000", "671/21:31450000", "671/60:5872210000", "671/62:241000000", "672/60:1187640000",
            ])
        #expect(p.issuer?.short == "AID")
        #expect(p.reading.everythingUnderstood)
    }

    // MARK: Reporting calendars as tables and as sentences

    @Test func reportingCalendarAsPipeTable() throws {
        let p = try Self.parse("aid-tildelingsbrev-2022.md")
        #expect(p.document.reporting.map(\.deadline) == ["2022-03-15", "2022-08-20", "2023-02-01", "2023-03-15"])
        #expect(p.document.reporting.first?.type == "Årsrapport 2021")
        #expect(p.document.assignments.flatMap(\.deadlines).compactMap(\.date) == ["2022-10-01", "2022-05-15"])
    }

    @Test func reportingInSentences() throws {
        let kld = try Self.parse("kld-tildelingsbrev-2022-feil.txt")
        #expect(kld.document.reporting.map(\.type) == ["Årsrapport", "Halvårsrapport"])
        #expect(kld.document.reporting.map(\.deadline) == ["2023-03-15", "2022-08-20"])
        // «6. Styringsdialog og rapportering»: the reports' deadlines, with the counting date.
        let hod = try Self.parse("hod-tildelingsbrev-2023.txt")
        #expect(hod.document.reporting.map(\.deadline) == ["2023-08-20", "2024-03-15"])
        #expect(hod.document.reporting.first?.countDate == "2023-06-30")
    }

    @Test func rapporteringBlock() throws {
        let text = """
            Kunnskapsdepartementet

            Tildelingsbrev til Statped for 2025

            1. Styring og oppfølging

            Direktoratet skal følge opp målene i dette brevet.

            Oppdrag 2025-01 Kartlegging av ventetider
            Frist: 1. mai 2025

            1.1 Oppfølging

            Rapportering:
            - Halvårsrapport: 20. august 2025
            - Årsrapport 2025: 15. mars 2026
            """
        let p = try LetterParser().parse(text)
        #expect(p.document.reporting.map(\.deadline) == ["2025-08-20", "2026-03-15"])
        #expect(p.reading.notUnderstood.isEmpty)
    }

    // MARK: A supplement's clauses about earlier assignments

    @Test func renumberingClosureAndDeadlineChangeClauses() throws {
        let p = try Self.parse("aid-tillegg-2-2023-omnummerering.txt")
        let d = p.document
        #expect(d.kind == .tillegg && d.number == 2)
        #expect(d.assignments.map(\.id) == ["2023-10"])
        #expect(d.renumberings == [Renumbering(from: "2023-04", to: "2023-09")])
        #expect(d.closedAssignments?.map(\.id) == ["2023-02"])
        #expect(d.deadlineChanges.map(\.assignmentId) == ["2023-05"])
        #expect(d.deadlineChanges.first?.deadline.date == "2023-12-01")
        #expect(BudgetChangeTableTests.deltas(d).sorted() == ["291/60:12500000", "670/01:-3200000"])
        // «oppdrag 2023-06» is named but nothing in the model holds it: listed, not dropped.
        #expect(p.reading.notUnderstood.map(\.line) == [14])
    }

    @Test func closuresAreInTheContract() throws {
        let p = try Self.parse("aid-tillegg-2-2023-omnummerering.txt")
        let data = try JSONEncoder().encode(ImportContract(p))
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let closed = try #require(obj["closedAssignments"] as? [[String: Any]])
        #expect(closed.first?["id"] as? String == "2023-02")
        let back = try ImportContract.document(from: data)
        #expect(back.closedAssignments?.map(\.id) == ["2023-02"])
    }

    // MARK: Supplements from another ministry: prose changes and a change table

    @Test func supplementWithProseChangesAndChangeTable() throws {
        for name in ["kd-supplerende-nr-3-2024.txt", "kd-supplerende-nr-3-2024-layout.txt"] {
            let p = try Self.parse(name)
            #expect(p.kind == .tillegg && p.document.number == 3)
            #expect(BudgetChangeTableTests.deltas(p.document).sorted() == ["256/01:8500000", "256/21:3000000", "257/70:-15000000"])
            #expect(
                BudgetChangeTableTests.amounts(p.document).sorted() == [
                    "256/01:620845000", "256/21:48200000", "257/70:1005000000",
                ])
            #expect(p.recipients == ["Direktoratet for høyere utdanning og kompetanse"])
            #expect(p.issuer?.short == "KD")
            #expect(p.document.assignments.map(\.title).last == "Forvaltning av tilskudd til bransjeprogram for kompetanseutvikling")
            // Page footers, «Side 3 av 4», the two-line column label and the unit line are all read.
            #expect(p.reading.notUnderstood.isEmpty)
        }
    }

    // MARK: Required fields

    @Test func instruksRecipientFromItsTitle() throws {
        let p = try Self.parse("jd-instruks-dsb-2022.txt")
        #expect(p.kind == .instruks)
        #expect(p.recipients == ["Direktoratet for samfunnssikkerhet og beredskap"])
        #expect(p.issuer?.short == "JD")
        #expect(p.reading.missing.isEmpty)
    }

    @Test func missingRecipientIsNeverFullUnderstanding() throws {
        let text = """
            Justis- og beredskapsdepartementet

            Instruks for Statens vegvesen

            Fastsatt 1. mars 2024.

            1. Innledning

            Instruksen gjelder fra 1. april 2024.
            """
        let p = try LetterParser().parse(text)
        // Read when the title names the body the way instructions do («… økonomistyring i Statens vegvesen»).
        let named = text.replacingOccurrences(of: "Instruks for Statens", with: "Instruks for økonomistyring i Statens")
        #expect(try LetterParser().parse(named).recipients == ["Statens vegvesen"])
        #expect(p.reading.missing == ["mottaker"])
        #expect(!p.reading.everythingUnderstood)
        #expect(p.reading.coverage < 1)
        #expect(p.reading.notUnderstood.first?.reason.contains("«mottaker»") == true)
    }

    @Test func fieldsTheLetterDoesNotStateAreReportedNotHeldAgainstIt() throws {
        // The seed supplement names no date and no ministry in its head or signature.
        let p = try LetterParser().parse(try Fixtures.text("tillegg-4-2020.txt"))
        #expect(p.reading.absent == ["utsteder", "dato"])
        #expect(p.recipients == ["Integrerings- og mangfoldsdirektoratet"])
        #expect(p.reading.missing.isEmpty)
        #expect(p.reading.everythingUnderstood)
    }

    // MARK: Meetings with dates

    @Test(arguments: [
        "Etatsstyringsmøtene i 2025 holdes 12. mars, 10. juni, 15. september og 1. desember.",
        """
        | Møte | Dato |
        |---|---|
        | Etatsstyringsmøte 1 | 12. mars 2025 |
        | Etatsstyringsmøte 2 | 10. juni 2025 |
        | Etatsstyringsmøte 3 | 15. september 2025 |
        | Etatsstyringsmøte 4 | 1. desember 2025 |
        """,
    ])
    func meetingsWithDatesInASentenceAndInATable(body: String) throws {
        let text = """
            # Tildelingsbrev til Statped for 2025

            **Kunnskapsdepartementet**

            ## 1. Oppdrag

            Oppdrag 2025-01 Kartlegging av ventetider
            Frist: 1. mai 2025

            ## 2. Styringsdialog

            """ + body
        let p = try LetterParser().parse(text)
        #expect(p.document.meetings.map(\.date) == ["2025-03-12", "2025-06-10", "2025-09-15", "2025-12-01"])
        #expect(p.document.meetings.allSatisfy { $0.type == "Etatsstyringsmøte" })
        #expect(p.reading.notUnderstood.isEmpty)
    }

    @Test func meetingsUnderAStyringsdialogHeading() throws {
        let p = try Self.parse("kld-tildelingsbrev-2022-feil.txt")
        #expect(p.document.meetings.map(\.type) == ["Etatsstyringsmøte"])
        #expect(p.document.meetings.first?.text?.contains("mai og november 2022") == true)
    }

    // MARK: Appendices

    @Test func appendicesAreListed() throws {
        let seed = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt"))
        #expect(seed.document.appendices?.map(\.number) == ["1", "2", "3"])
        #expect(seed.document.appendices?.map(\.title).last == "Kalender for styringsdialogen")
        let md = try Self.parse("aid-tildelingsbrev-2022.md")
        #expect(
            md.document.appendices?.map(\.title) == ["Instruks for økonomi- og virksomhetsstyring i IMDi", "Statistikkrapportering 2022"])
    }

    @Test func statisticsAppendixAsItsTableList() throws {
        let text = """
            Kunnskapsdepartementet

            Tildelingsbrev til Integrerings- og mangfoldsdirektoratet for 2025

            1. Oppdrag

            Oppdrag 2025-01 Kartlegging av ventetider
            Frist: 1. mai 2025

            Vedlegg 2: Statistikkrapportering
            Tabell 1A Deltakere i norskopplæring for asylsøkere i mottak
            Tabell 1B Deltakere i samfunnskunnskap i mottak
            Tabell 7: Personer i introduksjonsprogrammets målgruppe per 31.12
            """
        let p = try LetterParser().parse(text)
        let a = try #require(p.document.appendices?.first)
        #expect(a.number == "2" && a.title == "Statistikkrapportering")
        #expect(a.tables.map { $0.split(separator: " ").first.map(String.init) } == ["1A", "1B", "7"])
        #expect(p.reading.notUnderstood.isEmpty)
    }

    // MARK: Seed variants

    @Test(arguments: [
        ("tillegg-4-2020-pdftotext.txt", "tillegg-4-2020.txt"), ("instruks-pdftotext.txt", "instruks.txt"),
    ])
    func pdftotextVariantReadsAsTheSeed(variant: String, seed: String) throws {
        let v = try Self.parse(variant)
        let s = try LetterParser().parse(try Fixtures.text(seed))
        #expect(v.document.assignments.map(\.id) == s.document.assignments.map(\.id))
        #expect(v.document.assignments.map(\.title) == s.document.assignments.map(\.title))
        #expect(v.document.assignments.map { $0.deadlines.map(\.date) } == s.document.assignments.map { $0.deadlines.map(\.date) })
        #expect(v.document.budget == s.document.budget)
        #expect(v.document.budgetChanges.map(\.deltaNOK) == s.document.budgetChanges.map(\.deltaNOK))
        #expect(v.document.renumberings == s.document.renumberings)
        #expect(v.document.authorizations.map(\.type) == s.document.authorizations.map(\.type))
        #expect(v.recipients == s.recipients)
        #expect(v.reading.everythingUnderstood)
    }
}
