import Testing

@testable import StyrCore

@Suite struct PivotPagingTests {
    /// Municipality × gender, the shape of tables 1A and 3A.
    static func table() -> StatTable {
        let kommuner = (1...250).map { (String(format: "%02d%02d", 3 + $0 % 3, $0), "Kommune \($0)") } + [("0", "Hele landet")]
        var t = StatTable(
            number: "T", title: "Test", year: 2021, period: .year, unitLabel: "x", source: "s",
            dimensions: [
                StatDimension(id: "Region", label: "Vertskommune", categories: kommuner, role: .geo, totalCode: "0"),
                StatDimension(id: "Kjonn", label: "Kjønn", categories: [("k", "Kvinner"), ("m", "Menn"), ("0", "I alt")], totalCode: "0"),
                StatDimension(id: "M", label: "Mål", categories: [("n", "Antall")]),
            ])
        for i in t.cells.indices { t.cells[i] = .count(i) }
        return t
    }

    @Test func pagesOfAHundredRowsCoverEveryRowOnce() {
        let p = StatRendering.pivot(Self.table())
        #expect(p.rows.count == 753)
        let first = StatRendering.page(p)
        #expect(first.pages == 8 && first.rows.count == 100 && first.first == 1 && first.last == 100)
        let last = StatRendering.page(p, page: 99)
        #expect(last.page == 8 && last.rows.count == 53 && last.last == 753)
        let all = (1...8).flatMap { StatRendering.page(p, page: $0).rows.map(\.codes) }
        #expect(all == p.rows.map(\.codes))
    }

    @Test func aCountyKeepsItsMunicipalitiesAndTheTotal() {
        let p = StatRendering.pivot(Self.table())
        #expect(StatRendering.regionPicker(p.rowDimensions[0]))
        let shown = StatRendering.page(p, filter: PivotFilter(region: "03"), size: 1000)
        #expect(shown.rows.allSatisfy { $0.codes[0].hasPrefix("03") || $0.codes[0] == "0" })
        #expect(shown.rowCount == (250 / 3) * 3 + 3 && shown.tableRows == 753)
        let women = StatRendering.page(p, filter: PivotFilter(codes: ["Kjonn": "k"]), size: 1000)
        #expect(women.rowCount == 251 && women.rows.allSatisfy { $0.headers[1] == "Kvinner" })
    }

    @Test func weightedSumsAreWholeNumbers() {
        var t = Self.table()
        t.cells[0] = .sum(18078)
        #expect(StatRendering.text(t, 0) == "18 078")
        #expect(StatRendering.csv(t).contains(";18078;"))
    }
}
