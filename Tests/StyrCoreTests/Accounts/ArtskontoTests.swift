import Foundation
import Testing

@testable import StyrCore

/// The artskonto statement and notes 1–8 from the accounting system's lines.
@Suite struct ArtskontoTests {
    /// The 2017 and 2016 lines of the annual report 2017, as shipped with the demo.
    static func fixture() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/App/Resources/Accounts/artskonto-2017.csv")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func kroner(_ s: ArtskontoStatement, _ text: String) -> [Int] {
        guard let row = s.rows.first(where: { $0.text == text }) else { return [] }
        return row.values.map { v in v.map(kroner(fromOre:)) ?? 0 }
    }

    @Test func theStatementOf2017IsThePrintedOne() throws {
        let (lines, errors) = try ArtskontoCSV.parse(try Self.fixture())
        #expect(errors.isEmpty, "\(errors)")
        let s = try #require(ArtskontoStatement.build(lines, year: 2017))
        #expect(s.years == [2017, 2016])
        // Every sum as the report prints it (part VI, «Oppstilling av artskontorapportering for 2017»).
        let printed: [(String, [Int])] = [
            ("Sum innbetalinger fra drift", [2_011_373, 905_797]),
            ("Utbetalinger til lønn", [174_430_429, 157_501_483]),
            ("Andre utbetalinger til drift", [135_707_826, 130_176_078]),
            ("Sum utbetalinger til drift", [310_138_254, 287_677_561]),
            ("Netto rapporterte driftsutgifter", [308_126_881, 286_771_764]),
            ("Sum investerings- og finansutgifter", [6_990_095, 4_819_362]),
            ("Netto rapporterte investerings- og finansutgifter", [6_990_095, 4_819_362]),
            ("Sum innkrevingsvirksomhet og andre overføringer til staten", [7_540_091, 11_908_578]),
            ("Sum tilskuddsforvaltning og andre overføringer fra staten", [17_993_633_072, 12_792_673_061]),
            ("Netto rapporterte utgifter på felleskapitler", [-1_529_925, -416_172]),
            ("Netto rapportert til bevilgningsregnskapet", [18_299_680_032, 13_071_939_438]),
            ("Sum mellomværende med statskassen", [-6_611_768, -6_688_636]),
        ]
        for (text, values) in printed { #expect(Self.kroner(s, text) == values, "\(text)") }
        // Notes 1–8, each with its lines in the file's order and its sums.
        #expect(s.notes.map(\.number) == ["1", "2", "3", "4", "5", "6", "7", "8"])
        let note2 = try #require(s.notes.first { $0.number == "2" })
        #expect(
            note2.rows.map(\.text) == [
                "Lønn", "Arbeidsgiveravgift", "Pensjonsutgifter", "Sykepenger og andre refusjoner(-)", "Andre ytelser",
                "Sum utbetalinger til lønn",
            ])
        let note1 = try #require(s.notes.first { $0.number == "1" })
        #expect(note1.rows.first?.kind == .heading && note1.rows.last?.text == "Sum innbetalinger fra drift")
        #expect(note1.rows.filter { $0.kind == .heading }.map(\.text).count == 4)
        // A year with no lines has no statement; a year without the year before has one column.
        #expect(ArtskontoStatement.build(lines, year: 2018) == nil)
        #expect(ArtskontoStatement.build(lines, year: 2016)?.years == [2016])
    }

    @Test func everyRowThatDoesNotFitIsNamedWithItsLine() throws {
        let text = """
            aar;note;gruppe;linje;belop
            2021;2;;Lønn;100 000
            2021;1;renter;Renteinntekter;5
            2021;9;;Noe;5
            2021;3;;Husleie;mye
            20x1;3;;Husleie;1
            2021;2;lonn;lønn;7
            2021;felles;merverdiavgift;;1 000,50
            2021;3;;;3
            """
        let (rows, errors) = try ArtskontoCSV.parse(text)
        #expect(rows.map(\.text) == ["Lønn", "Nettoføringsordning for merverdiavgift konto 1987 (ref. kap. 1633, utgift)"])
        #expect(rows.last?.amountOre == 100_050)
        #expect(errors.map(\.line) == [3, 4, 5, 6, 7, 9])
        #expect(errors[0].message.contains("gruppe «renter» finnes ikke i note 1 (gebyrer, tilskudd, salg, andre)"))
        #expect(errors[1].message.contains("note «9» må være 1–8 eller felles"))
        #expect(errors[2].message.contains("belop «mye»"))
        #expect(errors[3].message.contains("aar «20x1»"))
        #expect(errors[4].message.contains("står alt på linje 2"))
        #expect(errors[5].message.contains("linje er tom"))
    }

    @Test func theHeaderTellsArtskontoFromTheLedger() {
        #expect(ArtskontoCSV.matches(header: "aar;note;gruppe;linje;belop"))
        #expect(ArtskontoCSV.matches(header: "\u{FEFF}\"AAR\",\"NOTE\",\"LINJE\",\"BELOP\""))
        #expect(!ArtskontoCSV.matches(header: "aar;maaned;kapittel;post;belop;art;tekst"))
        // A file with `tekst` for `linje` is still this format, and is told that `linje` is missing.
        #expect(ArtskontoCSV.matches(header: "aar;note;gruppe;tekst;belop"))
        #expect(throws: ImportError.self) { try ArtskontoCSV.parse("aar;note;gruppe;tekst;belop\n2021;2;;Lønn;1\n") }
    }

    @Test func headersMayBeWrittenInNorwegian() throws {
        #expect(ArtskontoCSV.matches(header: "År;Note;Gruppe;Linje;Beløp"))
        #expect(!ArtskontoCSV.matches(header: "År;Måned;Kapittel;Post;Beløp"))
        let (rows, errors) = try ArtskontoCSV.parse("År;Note;Gruppe;Linje;Beløp\n2021;2;;Lønn;(1 000)\n")
        #expect(errors.isEmpty && rows.first?.year == 2021 && rows.first?.amountOre == -100_000)
        let ledger = try LedgerCSV.parse("ÅR;MÅNED;Kapittel;Post;Beløp;Art\n2021;3;291;1;1 234,50-;regnskap\n")
        #expect(ledger.errors.isEmpty && ledger.rows.first?.month == 3 && ledger.rows.first?.amountOre == -123_450)
    }

    @Test func aQuoteInsideAFieldIsText() throws {
        let (rows, errors) = try ArtskontoCSV.parse(
            "aar;note;gruppe;linje;belop\n2021;2;;Lønn \"fast\";100\n2021;2;;\"Lønn; variabel\";5\n")
        #expect(errors.isEmpty && rows.map(\.text) == ["Lønn \"fast\"", "Lønn; variabel"])
    }

    @Test func tabSeparatedFilesAreRead() throws {
        let (rows, errors) = try ArtskontoCSV.parse("aar\tnote\tgruppe\tlinje\tbelop\n2021\t2\t\tLønn, fast\t1 000\n")
        #expect(errors.isEmpty && rows.first?.text == "Lønn, fast" && rows.first?.amountOre == 100_000)
    }
}
