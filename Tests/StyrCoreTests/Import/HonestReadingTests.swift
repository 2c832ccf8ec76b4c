import Foundation
import Testing

@testable import StyrCore

/// Letters written blind in the genre whose budget text the importer does not (yet) read: the
/// reading report lists every such line with its amount instead of saying it understood all.
@Suite struct HonestReadingTests {
    static func listed(_ name: String) throws -> (ParsedDocument, [Int: String]) {
        let p = try LetterParser().parse(try FixtureLetters.text(name))
        return (p, Dictionary(p.reading.notUnderstood.map { ($0.line, $0.reason) }, uniquingKeysWith: { a, _ in a }))
    }

    @Test func budgetChangesUnderAnUnnumberedHeadingAreListed() throws {
        let (p, listed) = try Self.listed("nfd-tillegg-5-2027-endringer.txt")
        #expect(!p.reading.everythingUnderstood)
        // The unnumbered headings open their sections: the changes are read, the new assignment too.
        #expect(
            p.document.budgetChanges.map { "\($0.chapter)/\($0.post) \($0.deltaNOK)" } == [
                "917/1 3200000", "917/21 -750000", "917/22 1500000",
            ])
        #expect(p.document.assignments.map(\.id) == ["TB2027-19"])
        #expect(p.document.assignments.first?.responsible == "Kontrollavdelingen")
        let text = try FixtureLetters.text("nfd-tillegg-5-2027-endringer.txt").components(separatedBy: "\n")
        for (k, line) in text.enumerated() where line.contains("økes med") || line.contains("reduseres med") || line.contains("NOK") {
            let placed = p.document.budgetChanges.contains { c in line.lowercased().contains("post \(String(format: "%02d", c.post))") }
            #expect(placed || listed[k + 1] != nil, "linje \(k + 1) «\(line)» er verken plassert eller listet")
        }
    }

    @Test func currencyBeforeTheNumberIsTheAmount() throws {
        let text = """
            Nærings- og fiskeridepartementet

            Fiskeridirektoratet

            Tillegg nr. 5 til tildelingsbrev for 2027 – Fiskeridirektoratet

            1. Budsjettendringer

            Kap. 917 post 22 økes med kr 1 500 000.
            Det stilles i tillegg NOK 2,5 mill. til disposisjon på kap. 919 post 75.
            """
        let p = try LetterParser().parse(text)
        #expect(p.document.budgetChanges.first { $0.chapter == 917 && $0.post == 22 }?.deltaNOK == 1_500_000)
        #expect(p.reading.notUnderstood.contains { $0.text.contains("NOK 2,5 mill.") })
        #expect(NorwegianText.amountsNOK(in: "kr 1 500 000 og NOK 2,5 mill. og 3 kroner") == [1_500_000, 2_500_000, 3])
        // The chapter and post inside the sentence: «Bevilgningen på kap. 917 post 01 økes med …».
        let inline = try LetterParser().parse(
            text.replacingOccurrences(
                of: "Kap. 917 post 22 økes med kr 1 500 000.",
                with: "Bevilgningen på kap. 917 post 01 økes med 3 200 000 kroner til kontroll.\nPost 21 reduseres med 750 000 kr."))
        #expect(inline.document.budgetChanges.map { "\($0.chapter)/\($0.post) \($0.deltaNOK)" } == ["917/1 3200000", "917/21 -750000"])
    }

    @Test func aMarkdownChangeTableThatGaveNothingIsListed() throws {
        let (p, listed) = try Self.listed("jd-supplerende-nr-1-2024-tabell.md")
        if p.document.budgetChanges.count < 3 {
            #expect(listed.values.filter { $0.contains("tabellraden") }.count == 3 - p.document.budgetChanges.count)
        }
        #expect(p.document.assignments.map(\.id) == ["1", "2"])
    }

    @Test func postRowsWithSingleSpacesAreListedWhenNotRead() throws {
        let (p, listed) = try Self.listed("dfd-tildelingsbrev-2025-enkle-rader.txt")
        if p.document.budget.isEmpty {
            #expect(listed[19]?.contains("402 318 000") == true && listed[20]?.contains("96 750 000") == true)
        }
    }

    @Test func aSumInProseThatTheModelDoesNotHoldIsListed() throws {
        let (p, listed) = try Self.listed("kud-instruks-medietilsynet-2024.txt")
        let text = try FixtureLetters.text("kud-instruks-medietilsynet-2024.txt").components(separatedBy: "\n")
        let line = try #require(text.firstIndex { $0.contains("5 mill. kroner") }) + 1
        #expect(p.document.kind == .instruks)
        #expect(listed[line]?.contains("beløp 5 000 000") == true)
    }

    @Test func chapterAndPostOnOneLineWithTheAmountLast() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("hod-oppdragsdokument-2026.txt"))
        let posts = p.document.budget.first { $0.chapter == 732 }?.posts ?? []
        // «(i 1 000 kr)» above the rows: the amounts are thousands.
        #expect(posts.map(\.post) == [72, 76, 86])
        #expect(posts.map(\.amountNOK) == [89_412_300_000, 27_315_000_000, 1_200_000_000])
        #expect(posts.first?.name == "Basisbevilgning Helse Sør-Øst RHF")
        #expect(p.kind == .oppdragsdokument)
        // A numbered list's items keep the deadlines written in them («… Frist: 1. juli 2026.»).
        #expect(p.document.assignments.map { $0.deadlines.compactMap(\.date) } == [[], ["2026-07-01"], ["2026-10-01"], ["2026-11-15"]])
    }

    /// The second blind test's probes: letters with every flagged line taken out, which then
    /// claimed full understanding while rows, dates and a fullmakt's frame were dropped.
    @Test func assignmentRowsWithoutTheWordOppdragAreRead() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("jd-tildelingsbrev-2024-oppdragstabell.txt"))
        // «Nr. | Oppdrag | Frist | Ansvarlig»: each row an assignment with its deadline and unit.
        #expect(p.document.assignments.map(\.id) == ["2024-01", "2024-02", "2024-03"])
        #expect(p.document.assignments.map { $0.deadlines.compactMap(\.date) } == [["2024-04-01"], ["2024-11-30"], ["2024-06-15"]])
        #expect(p.document.assignments.allSatisfy { $0.responsible == "Politiavdelingen" })
        #expect(p.document.assignments.first?.title == "Plan for økt politikraft i distriktene")
        // A calendar without a header row under «5 Rapportering».
        #expect(p.document.reporting.map(\.deadline) == ["2024-05-20", "2024-09-20", "2025-03-15"])
        #expect(p.reading.everythingUnderstood)
    }

    /// Header-less rows the earlier readings listed: posts with the amount after a colon, a
    /// chapter line carrying the unit, a header with the unit, the calendar under «Rapporteringskalender».
    @Test func budgetLinesInTheLayoutsOfTheBlindLetters() throws {
        let colon = """
            Kunnskapsdepartementet

            Tildelingsbrev til Havforskningsinstituttet 2025

            Oslo, 10. januar 2025

            3 Budsjett

            Kap. 927 Havforskningsinstituttet

            Post 01 Driftsutgifter: 612,4 mill. kroner
            Post 21 Spesielle driftsutgifter: 158,75 mill. kroner

            Kap. 740 Helsedirektoratet (i 1 000 kr)

            Post\tBetegnelse\tTildeling 2025
            01\tDriftsutgifter\t1 412 350
            Sum\t\t1 412 350

            Kap. 3927 Havforskningsinstituttet (inntekter)
            Post\tBetegnelse\tAnslag 2025 (i 1 000 kr)
            01\tOppdragsinntekter\t210 000

            5. Rapporteringskalender

              Hva                                   Frist
              Halvårsrapport                        25. august 2025
              Årsrapport                            15. mars 2026
            """
        let p = try LetterParser().parse(colon)
        let posts = p.document.budget.map { c in
            "\(c.chapter) \(c.name): " + c.posts.map { "\($0.post)=\($0.amountNOK ?? -1)" }.joined(separator: " ")
        }
        #expect(
            posts == [
                "927 Havforskningsinstituttet: 1=612400000 21=158750000", "740 Helsedirektoratet: 1=1412350000",
                "3927 Havforskningsinstituttet (inntekter): 1=210000000",
            ])
        #expect(p.document.reporting.map(\.deadline) == ["2025-08-25", "2026-03-15"])
        #expect(p.recipients == ["Havforskningsinstituttet"])
        #expect(p.reading.notUnderstood.isEmpty, "\(p.reading.notUnderstood)")
    }

    @Test func recipientsInCapitalsOrOnTheirOwnLine() throws {
        let body = "\n1 Oppdrag\n\nTB2025-12 Kunnskapsgrunnlag for havvind\nFrist: 30. september 2025.\n"
        let shouted = "Kunnskapsdepartementet\n\nTILDELINGSBREV TIL HAVFORSKNINGSINSTITUTTET 2025\n\nOslo, 10. januar 2025\n" + body
        #expect(try LetterParser().parse(shouted).recipients == ["Havforskningsinstituttet"])
        let below = "Helse- og omsorgsdepartementet\n\nOPPDRAGSDOKUMENT 2026\n\nHelse Sør-Øst RHF\n\nOslo, 22. januar 2026\n" + body
        #expect(try LetterParser().parse(below).recipients == ["Helse Sør-Øst RHF"])
    }

    @Test func aReportingCalendarInAlignedColumnsIsReadOrListed() throws {
        let (p, listed) = try Self.listed("kld-tildelingsbrev-2027-kalender.txt")
        for (line, iso) in [(31, "2027-02-01"), (32, "2027-08-25"), (33, "2028-03-15")] {
            #expect(p.document.reporting.contains { $0.deadline == iso } || listed[line]?.contains(iso) == true, "\(iso)")
        }
        #expect(p.document.authorizations.contains { $0.limitNOK == 140_000_000 })
    }

    @Test func aFullmaktsFrameIsItsLimit() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("nfd-tildelingsbrev-2025-fullmaktsramme.txt"))
        #expect(p.document.authorizations.first { $0.type == .multiYearContracts }?.limitNOK == 45_000_000)
        #expect(p.reading.everythingUnderstood)
    }

    @Test func aNumberedListItemEndsTheFristBlockAbove() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("kld-tildelingsbrev-2027-pdftotext.txt"))
        #expect(p.document.assignments.map(\.id) == ["1", "2", "3"])
        #expect(p.document.assignments.map { $0.deadlines.compactMap(\.date) } == [["2027-06-01"], ["2027-09-15"], ["2027-11-01"]])
    }

    /// Clauses about earlier assignments are their changes, not new assignments or deadlines of
    /// the assignment above them.
    @Test(arguments: [
        ("kd-tillegg-3-2026-frister.txt", ["2026-14", "2026-15"], ["2026-04 2026-11-01"], ["2026-06"]),
        ("sd-tillegg-2-2024.md", ["2024-21", "2024-22"], ["2024-07 2024-12-01"], ["2024-09"]),
        ("lmd-supplerende-nr-1-2027-crlf.txt", ["2027-08"], ["2027-02 2027-06-30", "2027-05 2027-09-01"], ["2027-03"]),
    ])
    func changeClausesInSupplements(name: String, new: [String], changed: [String], closed: [String]) throws {
        let p = try LetterParser().parse(try FixtureLetters.text(name))
        #expect(p.document.assignments.map(\.id) == new)
        #expect(p.document.deadlineChanges.map { "\($0.assignmentId) \($0.deadline.date ?? "-")" } == changed)
        #expect((p.document.closedAssignments ?? []).map(\.id) == closed)
        let changedDates = Set(p.document.deadlineChanges.compactMap(\.deadline.date))
        #expect(p.document.assignments.allSatisfy { a in a.deadlines.allSatisfy { !changedDates.contains($0.date ?? "") } })
    }

    /// The header as letters write it, read from the blind test's letters: a title under its own
    /// label, the issuer in a «**Fra:**» field, an instruks dated by «Fastsatt …», and an
    /// oppdragsdokument named as one in the summary.
    @Test func titleLabelIsNotPartOfTheTitle() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("kd-tillegg-3-2026-frister.txt"))
        #expect(
            p.document.assignments.map(\.title) == [
                "Kompetanseløft i spesialpedagogikk – evaluering", "Nasjonale prøver i engelsk – ny digital plattform",
            ])
    }

    @Test func issuerFromAFraField() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("sd-tillegg-2-2024.md"))
        #expect(p.issuer == Issuer(name: "Samferdselsdepartementet", short: "SD"))
    }

    @Test func anInstruksIsDatedWhenItIsLaidDown() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("kud-instruks-medietilsynet-2024.txt"))
        #expect(p.document.date == "2024-05-02" && p.document.year == 2024)
    }

    @Test func anOppdragsdokumentIsNamedAsOne() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("hod-oppdragsdokument-2026.txt"))
        #expect(p.summary.hasPrefix("Oppdragsdokument 2026 datert"))
    }

    /// A Markdown letter from a PDF converter: the letterhead on one line with «·», the
    /// assignments as a table, one more assignment in bold, the allocation under «## Tildeling»
    /// with «1471/01» cells.
    @Test func aMarkdownLetterWithTablesReadsWhole() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("kld-tildelingsbrev-2027-tabell.md"))
        #expect(p.document.date == "2026-12-18" && p.issuer?.short == "KLD" && p.recipients == ["Norsk Polarinstitutt"])
        #expect(p.document.assignments.map(\.id) == ["2027-01", "2027-02", "2027-03", "2027-04"])
        #expect(p.document.assignments.last?.title == "Ekspedisjonsfartøy")
        #expect(
            p.document.assignments.map { $0.deadlines.compactMap(\.date) } == [
                ["2027-04-01"], ["2027-06-15"], ["2027-11-01"], ["2027-09-01"],
            ])
        #expect(p.document.budget.first?.posts.map(\.amountNOK) == [298_450_000, 62_100_000, 1_250_000])
        #expect(p.document.budget.first?.chapter == 1471)
        #expect(p.reading.everythingUnderstood, "\(p.reading.notUnderstood)")
    }
}
