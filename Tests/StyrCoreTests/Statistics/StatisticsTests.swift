import Foundation
import Testing

@testable import StyrCore

@Suite struct StatisticsTests {
    static let geography = try! GeographyTests.load()

    static func table(_ no: String, unit: StatUnit = .national, period: Period = .year) throws -> StatTable {
        try SettlementTables.build(
            no, register: SettlementTests.register, year: 2017, period: period, unit: unit, unitLabel: "x", geography: geography)
    }

    @Test(arguments: SettlementTables.numbers)
    func everyTableBuildsAndRendersForTheCountry(no: String) throws {
        let t = try Self.table(no)
        #expect(t.cells.count == t.dimensions.reduce(1) { $0 * $1.size })
        let json = try #require(
            try JSONSerialization.jsonObject(with: StatRendering.jsonStat(t, updated: "2018-01-01T00:00:00Z")) as? [String: Any])
        #expect(json["version"] as? String == "2.0" && json["class"] as? String == "dataset")
        #expect((json["value"] as? [Any])?.count == (json["size"] as? [Int])?.reduce(1, *))
        #expect(StatRendering.csv(t).components(separatedBy: "\r\n").count == t.cells.count + 3)
        #expect(StatRendering.pivot(t).rows.count * t.dimensions.last!.size == t.cells.count)
    }

    @Test func tablesAgreeWithKeyFiguresAndIndicators() throws {
        let k = SettlementKeyFigures.compute(SettlementTests.register, year: 2017)
        #expect(try Self.table("16")["mottak", "total"].value == Double(k.waitingInReceptionYearEnd))
        #expect(try Self.table("19")["total", "total", "total", "antall"].value == Double(k.settledTotal))
        #expect(try Self.table("19")["overforing", "total", "total", "antall"].value == Double(k.resettlementRefugees))
        #expect(try Self.table("20")["0", "total"].value == Double(k.settledTotal))
        #expect(try Self.table("24")["mottak", "total", "12", "antall"].value == Double(k.waitingInReceptionOver12mYearEnd))
        let t21 = try Self.table("21")
        #expect(t21["total", "over12", "antall"].value == 296)
        #expect(t21["total", "6", "prosent"].value!.rounded() == 76)
        #expect(try Self.table("22")["2017", "vedtatt"].value == 12_158)
        #expect((try Self.table("18")["mottak", "total"].value! * 10).rounded() == 49)
    }

    @Test func allTablesForAllUnitsAreTheSameAsOneByOne() async throws {
        let years = 2016...2017
        let cube = SettlementCube(SettlementTests.register, years: years)
        let all = try await SettlementTables.buildAll(cube: cube, years: years, geography: Self.geography) { t in
            t.number == "19" && t.year == 2017 && t.period == .year ? Int(t.cells.last { $0.isCount }?.value ?? 0) : 0
        }
        let expected = years.map { y in
            let d = Self.geography.division(for: y)
            return 2 * (SettlementTables.numbers.count + (d.counties.count + d.municipalities.count) * 5)
        }.reduce(0, +)
        #expect(all.tables == expected)
        // Table 19's grand total, summed over the country, every county and every municipality of 2017.
        let k = SettlementKeyFigures.compute(SettlementTests.register, year: 2017)
        // Persons settled in an unknown municipality count only for the country.
        let unknown = SettlementTests.register.settled(in: 2017).filter {
            ($0.settledKommune ?? Geography.unknownMunicipality) == Geography.unknownMunicipality
        }.count
        #expect(all.sum == 3 * k.settledTotal - 2 * unknown)
    }

    @Test func waitingTablesAreNationalOnly() {
        #expect(throws: SettlementTables.TableError.nationalOnly("16")) { try Self.table("16", unit: .municipality("0301")) }
        #expect(throws: SettlementTables.TableError.unknown("99")) { try Self.table("99") }
    }

    @Test func smallCountsAreSuppressedSoThatTheyCannotBeRecomputed() throws {
        var t = StatTable(
            number: "x", title: "x", year: 2017, period: .year, unitLabel: "x", source: "x",
            dimensions: [
                StatDimension(id: "a", label: "A", categories: [("1", "1"), ("2", "2"), ("3", "3"), ("t", "I alt")], totalCode: "t"),
                StatDimension(id: "b", label: "B", categories: [("x", "x"), ("y", "y"), ("t", "I alt")], totalCode: "t"),
            ])
        let grid = [[3, 10, 13], [20, 30, 50], [0, 7, 7], [23, 47, 70]]
        for (i, a) in ["1", "2", "3", "t"].enumerated() {
            for (j, b) in ["x", "y", "t"].enumerated() { t[a, b] = .count(grid[i][j]) }
        }
        let p = DisclosureControl(threshold: 4).apply(t)
        #expect(p.status[p.index(["1", "x"])] == ":")
        // In every row and column with a shown total, the hidden cells are none or at least two.
        for d in p.dimensions.indices {
            for group in DisclosureControl().groups(p, varying: d) {
                let totalIdx = group.first { p.dimensions[d].codes[p.coordinates($0)[d]] == "t" }!
                guard p.status[totalIdx] == nil else { continue }
                let hidden = group.filter { $0 != totalIdx && p.status[$0] == ":" }
                #expect(hidden.count != 1, "group \(group)")
            }
        }
        #expect(p.status[p.index(["3", "x"])] == nil)  // zero is not hidden
        #expect(p.published(p.index(["1", "x"])) == nil)
        let json = try JSONSerialization.jsonObject(with: StatRendering.jsonStat(p, updated: "x")) as! [String: Any]
        #expect((json["status"] as? [String: String])?[String(p.index(["1", "x"]))] == ":")
        #expect((json["value"] as! [Any])[p.index(["1", "x"])] is NSNull)
    }

    @Test func sharesAreHiddenWithTheirCounts() throws {
        let t = DisclosureControl(threshold: 4).apply(try Self.table("21", unit: .municipality("1902")))
        for (i, c) in t.cells.enumerated() where !c.isCount && c.derivedFrom.contains(where: { t.status[$0] == ":" }) {
            #expect(t.status[i] == ":")
        }
    }
}
