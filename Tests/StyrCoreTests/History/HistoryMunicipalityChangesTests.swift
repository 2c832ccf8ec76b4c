import Foundation
import Testing

@testable import StyrCore

/// Downloads that cross the municipality changes of 1995–2013: every figure under the number valid
/// in its year; a municipality that others were merged into is one municipality with a changed
/// extent, never a duplicate.
@Suite struct HistoryMunicipalityChangesTests {
    let geography = HistoryTests.geography

    @Test func survivorsAndMergedAwayNumbers() {
        #expect(geography.continuation(of: "1729", in: 2012) == "1756")  // Inderøy, Mosvik merged in
        #expect(geography.continuation(of: "1723", in: 2012) == nil)  // Mosvik
        #expect(geography.continuation(of: "1214", in: 2003) == "1159")  // Ølen renumbered (to Rogaland)
        #expect(geography.continuation(of: "1214", in: 2006) == nil)  // … and merged into Vindafjord
        #expect(geography.continuation(of: "1154", in: 2006) == "1160")
        #expect(geography.continuation(of: "1804", in: 2005) == "1804")  // Bodø kept its number
        #expect(geography.continuation(of: "1901", in: 2013) == "1903")
        #expect(geography.mergedAway("1723", by: 2012)?.into == "1756")
        #expect(geography.mergedAway("1214", by: 2006)?.into == "1160" && geography.mergedAway("1214", by: 2006)?.year == 2006)
        #expect(geography.mergedAway("1729", by: 2012) == nil && geography.mergedAway("1723", by: 2011) == nil)
    }

    /// A cross table downloaded in 2019: rows under the later numbers (Inderøy K1756 also for
    /// 2004–2011, when it was 1729), merged-away municipalities «(t.o.m. ÅÅÅÅ)»; Windows-1252, CRLF.
    @Test func aRealDownloadIsPlacedUnderTheNumbersOfEachYear() throws {
        let t = try HistoryFixtures.table("alle-kommuner-sammenslaainger-2004-2013.csv")
        #expect(t.format == .imdi)
        #expect(t.figures.count == 61)
        for f in t.figures where f.level == .municipality {
            #expect(geography.division(for: f.year).municipality(f.code) != nil, "\(f.year) \(f.code) \(f.name)")
        }
        let expected: [(Int, String, Double?)] = [
            (2004, "1804", 40), (2005, "1804", 45), (2004, "1842", nil), (2007, "1503", 20), (2008, "1505", 26), (2007, "1556", 5),
            (2005, "1569", nil), (2007, "1576", 5), (2005, "1572", 0), (2011, "1729", 6), (2012, "1756", 7), (2011, "1723", 0),
            (2012, "1901", 30), (2013, "1903", 32), (2012, "1915", 0), (2005, "1154", 8), (2007, "1160", 15), (2005, "1159", 7),
        ]
        for (year, code, value) in expected {
            let f = t.figure("bosatt", year, code)
            #expect(f != nil && f?.value == value, "\(year) \(code)")
        }
        #expect(t.figure("bosatt", 2012, "1729") == nil && t.figure("bosatt", 2011, "1756") == nil)
    }

    /// The demo's generated history for 2011–2013 (the years of the Inderøy and Harstad mergers)
    /// imports without duplicates.
    @Test func theDemoHistoryOverTheMergersImports() throws {
        let text = HistoryDemo.imdiCrossTable(years: [2011, 2012, 2013], geography: geography, seed: 1)
        #expect(text.contains("K1723;Mosvik (t.o.m. 2011);") && text.contains("K1756;Inderøy;"))
        let t = try HistoryImport.parse(text, format: nil, geography: geography, title: "demo.csv")
        #expect(t.figure("bosatt", 2011, "1729") != nil && t.figure("bosatt", 2012, "1756") != nil)
        #expect(t.figure("bosatt", 2011, "1723") != nil && t.figure("bosatt", 2012, "1723") == nil)
        #expect(t.figure("bosatt", 2012, "1901") != nil && t.figure("bosatt", 2012, "1915") != nil)
        #expect(t.figure("bosatt", 2013, "1903") != nil && t.figure("bosatt", 2013, "1915") == nil)
        for year in [2011, 2012, 2013] {
            let codes = Set(t.figures.filter { $0.year == year && $0.measure == "bosatt" }.map(\.code))
            #expect(codes == Set(geography.division(for: year).municipalities.map(\.code)), "\(year)")
        }
    }

    /// A file written with the old numbers for every year: the survivor's old number is the
    /// municipality after the merger (Inderøy 1729 in 2012 is 1756); a figure on the row of one
    /// merged away is an error naming the merger, not a duplicate.
    @Test func oldNumbersAfterAMerger() throws {
        let text = """
            Enhet;År;Kommunenummer;Kommune;Bosetting;Antall
            Personer;2012;1729;Inderøy;Faktisk bosetting;7
            Personer;2012;1723;Mosvik;Faktisk bosetting;1
            Personer;2013;1901;Harstad;Faktisk bosetting;32
            """
        #expect {
            try HistoryImport.parse(text, format: nil, geography: geography, title: "x")
        } throws: { e in
            (e as? HistoryFileError)?.issues == [
                ImportIssue(
                    line: 3,
                    message:
                        "kolonne «Antall»: Mosvik (1723) i 2012: kommunen ble slått sammen med Inderøy (1756) fra 2012; tallet hører til på den kommunens rad"
                )
            ]
        }
        let t = try HistoryImport.parse(text, format: nil, geography: geography, title: "x", skipInvalid: true)
        #expect(t.figure("bosatt", 2012, "1756")?.value == 7 && t.figure("bosatt", 2013, "1903")?.value == 32)
        #expect(t.figures.count == 2 && t.skipped.count == 1)
    }
}
