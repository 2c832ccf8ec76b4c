import Testing

@testable import StyrCore

/// A fødselsnummer never appears in an import message, even when the columns are shifted.
@Suite struct IdentityMaskingTests {
    @Test func shiftedColumnsShowNoIdentityNumber() throws {
        // The identity number column is missing its value: every field moves one column left, and
        // the number lands in sak_id, kategori … (a second row carries it in a later column).
        let text = [
            SettlementCSVTests.header,
            "S1;01010150074;mottak;m;1990;Syria;2017-01-10;0301;2017-03-01;nei",
            "01010150074;S2;15076500565;m;1990;Syria;2017-01-10;0301;2017-03-01;nei",
            "41010150068;S3;mottak;m;1990;Syria;2017-01-10;150765 00565;2017-03-01;nei",
        ].joined(separator: "\n")
        let r = try SettlementCSV.parse(text, geography: GeographyTests.load())
        #expect(r.errors.count == 3)
        let all = r.errors.map(\.description).joined(separator: "\n")
        for n in ["01010150074", "15076500565", "150765 00565"] { #expect(!all.contains(n), "\(all)") }
        #expect(all.contains("150765*****"), "\(all)")
    }

    @Test func theMaskingRule() {
        #expect(IdentityNumbers.masked(in: "kategori «01010150074» er feil") == "kategori «010101*****» er feil")
        #expect(IdentityNumbers.masked(in: "150765 00565") == "150765*****")
        // Longer and shorter digit runs are not identity numbers.
        #expect(IdentityNumbers.masked(in: "123456789012 og 0301 og 2017") == "123456789012 og 0301 og 2017")
        #expect(ImportError(line: 3, "verdi 01010150074").message == "verdi 010101*****")
    }
}
