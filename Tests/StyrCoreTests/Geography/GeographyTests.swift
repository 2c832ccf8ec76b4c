import Foundation
import Testing

@testable import StyrCore

@Suite struct GeographyTests {
    static let dir = Fixtures.lettersDir.deletingLastPathComponent().appendingPathComponent("Geography")
    static func load() throws -> Geography {
        try GeographyLoader.load(
            kommunerCSV: String(contentsOf: dir.appendingPathComponent("kommuner.csv"), encoding: .utf8),
            historyCSV: String(contentsOf: dir.appendingPathComponent("kommunenummer-2013-2020.csv"), encoding: .utf8),
            changesCSV: String(contentsOf: dir.appendingPathComponent("kommuneendringer-1995-2013.csv"), encoding: .utf8))
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

@Suite struct MunicipalityHistoryTests {
    /// The municipality counts Statistics Norway gives for each division from 1995.
    @Test func countsPerDivisionFrom1995() throws {
        let g = try GeographyTests.load()
        let counts = [
            1995: 435, 2001: 435, 2002: 434, 2004: 434, 2005: 433, 2006: 431, 2007: 431, 2008: 430, 2011: 430, 2012: 429, 2013: 428,
        ]
        for (year, n) in counts { #expect(g.division(for: year).municipalities.count == n, "\(year)") }
        #expect(g.division(for: 1990).municipalities.count == 435)  // before the history: its first division
    }

    @Test func mergersAndRenumberingsBefore2013() throws {
        let g = try GeographyTests.load()
        #expect(g.division(for: 2001).municipality("1214")?.countyName == "Hordaland")  // Ølen, moved to Rogaland 2002
        #expect(g.division(for: 2003).municipality("1159")?.name == "Ølen")
        #expect(g.division(for: 2003).municipality("1214") == nil)
        #expect(g.currentCodes(for: "1214", year: 2001) == ["1160"])  // Ølen → Vindafjord (2006)
        #expect(g.currentCodes(for: "0718", year: 2001) == ["3905"])  // Ramnes → Re (2002) → Tønsberg
        #expect(g.currentCodes(for: "1901", year: 2012) == ["5503"] && g.currentCodes(for: "1915", year: 2012) == ["5503"])
        #expect(g.currentCodes(for: "1723", year: 2011) == ["5053"])  // Mosvik → Inderøy
        #expect(g.currentCodes(for: "1556", year: 2007) == ["1505"])  // Frei → Kristiansund
        #expect(g.division(for: 2012).municipality("1903") == nil && g.division(for: 2013).municipality("1901") == nil)
        // Harstad labelled with its 2013 number in a 2012 figure: Harstad and Bjarkøy became it.
        #expect(g.code("1903", validIn: 2012) == ["1901", "1915"])
        // Every municipality of every division maps to a 2024 municipality.
        for year in g.years where year < 2024 {
            for m in g.division(for: year).municipalities {
                #expect(!g.currentCodes(for: m.code, year: year).isEmpty, "\(year) \(m.code) \(m.name)")
            }
        }
    }

    @Test func samiNamesAreSpelledCorrectly() throws {
        let g = try GeographyTests.load()
        let names = Set(g.years.flatMap { g.division(for: $0).municipalities.map(\.name) })
        for part in [
            "Porsáŋgu", "Guovdageaidnu", "Kárášjohka", "Unjárga", "Deatnu", "Gáivuotna", "Loabák", "Snåase", "Raarvihke", "Aarborte",
            "Hábmer", "Divtasvuodna", "Dielddanuorri", "Evenášši",
        ] {
            #expect(names.contains { $0.contains(part) }, "\(part)")
        }
        #expect(!names.contains { $0.contains("?") || $0.contains("Porsángu") })
    }

    @Test func aBrokenChangeListNamesItsLine() throws {
        let dir = GeographyTests.dir
        #expect {
            try GeographyLoader.load(
                kommunerCSV: String(contentsOf: dir.appendingPathComponent("kommuner.csv"), encoding: .utf8),
                historyCSV: String(contentsOf: dir.appendingPathComponent("kommunenummer-2013-2020.csv"), encoding: .utf8),
                changesCSV: "# x\når;endring;fra_nummer;fra_navn;til_nummer;til_navn\n2012;sammenslått;1723;Mosvik;1799;Inderøy\n")
        } throws: { e in
            String(describing: e) == "kommuneendringer-1995-2013.csv linje 3: 1799 finnes ikke i inndelingen fra 2012"
        }
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
