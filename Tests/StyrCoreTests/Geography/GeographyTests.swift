import Foundation
import Testing

@testable import StyrCore

@Suite struct GeographyTests {
    static let dir = Fixtures.lettersDir.deletingLastPathComponent().appendingPathComponent("Geography")
    static func load() throws -> Geography {
        try GeographyLoader.load(
            kommunerCSV: String(contentsOf: dir.appendingPathComponent("kommuner.csv"), encoding: .utf8),
            historyCSV: String(contentsOf: dir.appendingPathComponent("kommunenummer-2013-2020.csv"), encoding: .utf8))
    }

    @Test func divisionsPerYear() throws {
        let g = try Self.load()
        #expect(g.division(for: 2024).municipalities.count == 357)
        #expect(g.division(for: 2024).counties.count == 15)
        #expect(g.division(for: 2021).municipalities.count == 356)
        #expect(g.division(for: 2021).counties.count == 11)
        #expect(g.division(for: 2017).municipality("0101")?.name == "Halden")
        #expect(g.division(for: 2017).municipality("0101")?.countyName == "Østfold")
        #expect(g.division(for: 2018).counties.contains { $0.code == "50" })
        #expect(g.division(for: 2017).municipality(Geography.unknownMunicipality) == nil)
    }

    @Test func codesMapAcrossReforms() throws {
        let g = try Self.load()
        #expect(g.currentCodes(for: "0101", year: 2017) == ["3101"])
        #expect(g.currentCodes(for: "3001", year: 2020) == ["3101"])
        #expect(g.currentCodes(for: "1534", year: 2017) == ["1508", "1580"])  // Haram: merged into Ålesund 2020, split out 2024
        #expect(g.code("3001", validIn: 2017) == ["0101"])  // Halden labelled with its newer number
        #expect(g.code("0301", validIn: 2017) == ["0301"])
        // Every 2020 municipality maps to at least one 2024 municipality.
        for m in g.division(for: 2020).municipalities { #expect(!g.currentCodes(for: m.code, year: 2020).isEmpty, "\(m.code) \(m.name)") }
    }
}

@Suite struct UnitMappingTests {
    @Test func haldenAcrossReforms() throws {
        let g = try GeographyTests.load()
        #expect(StatUnit.municipality("3101").mapped(from: 2024, to: 2017, geography: g) == .municipalities(["0101"]))
        #expect(StatUnit.municipality("0101").mapped(from: 2017, to: 2021, geography: g) == .municipalities(["3001"]))
        // Ålesund 2021 covers what became Ålesund and Haram in 2024, and five municipalities of 2017.
        if case .municipalities(let s) = StatUnit.municipality("1507").mapped(from: 2021, to: 2017, geography: g) {
            #expect(s.isSuperset(of: ["1504", "1534"]))
        } else {
            Issue.record("expected a set")
        }
        #expect(StatUnit.national.mapped(from: 2024, to: 2017, geography: g) == .national)
    }
}
