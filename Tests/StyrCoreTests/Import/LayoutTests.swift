import Foundation
import Testing

@testable import StyrCore

/// Markdown from PDF converters and `pdftotext -layout` text read like the plain letters.
@Suite struct LayoutTests {
    @Test func markdownOfThe2021LetterReadsToTheSameModel() throws {
        let plain = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt"))
        let md = try LetterParser().parse(try FixtureLetters.text("tildelingsbrev-2021.md"))
        #expect(LetterParserRobustnessTests.fingerprint(md.document) == LetterParserRobustnessTests.fingerprint(plain.document))
        #expect(md.document.issuer == plain.document.issuer)
        #expect(md.document.signatories == plain.document.signatories)
        #expect(md.document.authorizations.count == plain.document.authorizations.count)
        #expect(md.document.reporting == plain.document.reporting)
        #expect(md.document.meetings.count == plain.document.meetings.count)
        #expect(
            md.document.budget.flatMap(\.posts).flatMap(\.earmarks).count
                == plain.document.budget.flatMap(\.posts).flatMap(\.earmarks).count)
        #expect(md.kind == .tildelingsbrev)
        for l in md.reading.notUnderstood { print("md:\(l.line): \(l.reason) | \(l.text.prefix(90))") }
        #expect(md.reading.everythingUnderstood)
    }

    @Test func markdownLinesBecomePlainLinesWithTheirNumbers() {
        let lines = SourceText.lines("## 4\\. Mål og oppdrag\n\n| **Oppdrag nr. 2021- 01** | Tittel |\n|---|---|\n* punkt\n")
            .filter { !$0.isBlank }
        #expect(lines.map(\.text) == ["4. Mål og oppdrag", "Oppdrag nr. 2021- 01\tTittel", "- punkt"])
        #expect(lines.map(\.number) == [1, 3, 5])
        #expect(lines[0].headingLevel == 2)
    }
}

/// `pdftotext -layout` output: page headers and footers, form feeds, hyphenation, aligned tables.
@Suite struct PdfLayoutTests {
    let parsed: ParsedDocument
    init() throws { parsed = try LetterParser().parse(try FixtureLetters.text("aid-tillegg-2-2025-layout.txt")) }

    @Test func header() {
        let d = parsed.document
        #expect(parsed.kind == .tillegg)
        #expect(d.number == 2)
        #expect(d.year == 2025)
        #expect(d.date == "2025-05-28")
        #expect(parsed.issuer == Issuer(name: "Arbeids- og inkluderingsdepartementet", short: "AID"))
        #expect(parsed.recipients == ["Integrerings- og mangfoldsdirektoratet"])
    }

    @Test func pageFurnitureIsTakenOutWithLineNumbersKept() {
        let source = SourceText.read(try! FixtureLetters.text("aid-tillegg-2-2025-layout.txt"))
        // Footers on pages 1–3 and the running header on pages 2–3; "Side N av 3" too.
        #expect(source.furniture.map(\.number) == [28, 29, 30, 51, 52, 53, 66, 67])
        #expect(!source.lines.contains { $0.text.contains("Postadresse") })
        #expect(source.lines.first { $0.text.contains("Oppdrag 4") }?.number == 32)
    }

    @Test func hyphenatedWordsAreJoined() throws {
        let a = try #require(parsed.document.assignments.first)
        #expect(
            a.description
                == "IMDi skal utarbeide veiledning til kommunene om tilpasset introduksjonsprogram\nfor personer med kollektiv beskyttelse."
        )
    }

    @Test func assignmentsAndDeadlines() {
        let d = parsed.document
        #expect(d.assignments.map(\.id) == ["3", "4"])
        #expect(d.assignments.map { $0.deadlines.compactMap(\.date) } == [["2025-09-01"], ["2025-11-15"]])
        // The running header between the pages is not part of assignment 3.
        #expect(d.assignments[0].description?.contains("tillegg nr. 2") == false)
    }

    @Test func budgetTableInMillionsWithAWrappedName() {
        let d = parsed.document
        #expect(BudgetChangeTableTests.amounts(d) == ["291/60:5914630000", "291/62:245410000"])
        #expect(BudgetChangeTableTests.deltas(d) == ["291/60:-120500000", "291/62:15000000"])
        #expect(d.budget.first?.posts.first?.name == "Integreringstilskudd, kan overføres")
        #expect(d.budget.first?.posts.first?.flags == [.kanOverfores])
        #expect(parsed.warnings.isEmpty)
    }

    @Test func everythingIsAccountedFor() {
        for l in parsed.reading.notUnderstood { print("layout:\(l.line): \(l.reason) | \(l.text.prefix(90))") }
        #expect(parsed.reading.everythingUnderstood)
        #expect(parsed.reading.coverage == 1)
    }
}

/// Smaller layout variants seen in real letters.
@Suite struct LayoutVariantTests {
    @Test func tableHeaderOverTwoLinesAndTitleYearOnTheNextLine() throws {
        let text = """
            Helse- og omsorgsdepartementet

            Supplerende tildelingsbrev nr. 4 –
            2026

            1. Oppdrag

            TB2026-80: Evaluering av tilsynsmetodikk
            Helsetilsynet skal evaluere metodikken. Frist for oppdraget er 1. juni 2026.

            2. Budsjett

            Kap. 721 Statens helsetilsyn
            (i 1 000 kr)
            Post  Betegnelse              Tidligere      Ny             Sum
                                          tildeling      tildeling      tildeling
            01    Driftsutgifter            182 950        1 000          183 950
            """
        let p = try LetterParser().parse(text)
        #expect(p.document.year == 2026)
        #expect(p.document.number == 4)
        #expect(p.document.assignments.map(\.id) == ["TB2026-80"])
        #expect(p.document.assignments.first?.deadlines.compactMap(\.date) == ["2026-06-01"])
        #expect(BudgetChangeTableTests.deltas(p.document) == ["721/01:1000000"])
        #expect(BudgetChangeTableTests.amounts(p.document) == ["721/01:183950000"])
        #expect(p.reading.everythingUnderstood)
    }
}
