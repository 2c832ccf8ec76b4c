import Foundation
import Testing

@testable import StyrCore

/// One published table (settlement 2020) in every layout and encoding it is downloaded in
/// (Fixtures/varianter, written by lag-varianter.py): each imports to the same figures.
@Suite struct HistoryVariantTests {
    static let variants = [
        "download-utf8-bom-crlf-semikolon-til-slutt.csv", "download-iso-8859-1-sitert.csv", "download-kolonnerekkefolge.csv",
        "alle-kommuner-en-overskrift-iso-8859-1.csv", "alle-kommuner-to-overskrifter-windows-1252.csv",
        "alle-kommuner-tre-overskrifter-utf8-bom-sitert.csv", "alle-kommuner-fire-overskrifter-uten-semikolon.csv",
        "indikator-bosatt_anmodede-2020.csv",
    ]

    /// Measure, level, number → value (nil for «:») and status; a missing figure («.», «NA») is
    /// the same as none.
    static func figures(_ name: String) throws -> [String: String] {
        let t = try HistoryFixtures.table("varianter/\(name)")
        var out: [String: String] = [:]
        for f in t.figures where f.status != .missing {
            out["\(f.measure) \(f.year) \(f.level.rawValue) \(f.code)"] =
                "\(f.value.map { IndicatorNumber.plain($0) } ?? "-") \(String(describing: f.status))"
        }
        return out
    }

    @Test(arguments: variants) func eachVariantImportsTheSameFigures(_ name: String) throws {
        let t = try HistoryFixtures.table("varianter/\(name)")
        #expect(Set(t.measures.keys) == ["anmodning", "vedtak", "bosatt"], "\(name)")
        #expect(t.skipped.isEmpty && t.totals.isEmpty, "\(name)")
        let expected = try Self.figures(Self.variants[0])
        #expect(expected.count == 17)
        #expect(expected["bosatt 2020 kommune 3001"] == "14 exact")
        #expect(expected["bosatt 2020 kommune 3024"] == "- suppressed" && expected["anmodning 2020 land 0"] == "1165 exact")
        #expect(try Self.figures(name) == expected, "\(name)")
    }

    /// A note under a cross table (only its first cell filled) is listed as a warning, not refused.
    @Test func aNoteBelowTheTableIsListed() throws {
        let text = HistoryText.decode(try HistoryFixtures.data("varianter/alle-kommuner-en-overskrift-iso-8859-1.csv"))
        let t = try HistoryImport.parse(
            text + "\r\nKilde: IMDi;;;\r\n", format: nil, geography: HistoryTests.geography, title: "x")
        #expect(t.warnings == ["linje 9: merknad under tabellen, ikke tall: «Kilde: IMDi»"] && t.figures.count == 18)
        #expect(throws: HistoryFileError.self) {
            try HistoryImport.parse(text + "\r\nKilde: IMDi;;5;\r\n", format: nil, geography: HistoryTests.geography, title: "x")
        }
    }
}
