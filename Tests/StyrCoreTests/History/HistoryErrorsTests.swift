import Foundation
import Testing

@testable import StyrCore

@Suite struct HistoryErrorsTests {
    /// A cross-table with 60 unknown municipality numbers and one bad cell: 121 problems.
    static func manyBad() -> String {
        var lines = [
            "Region;Navn;Bosetting: Anmodning om bosetting;Bosetting: Faktisk bosetting;", ";;Enhet: Personer;Enhet: Personer;",
            ";;År: 2019;År: 2019;", "K0301;Oslo - Oslove;900;870;", "K3001;Halden;20;tjue;",
        ]
        for i in 0..<60 { lines.append("K\(1300 + i);Ukjent \(i);5;6;") }
        lines.append("K3024;Bærum;60;61;")
        return lines.joined(separator: "\n")
    }

    @Test func aRejectedFileNamesEveryBadCell() throws {
        #expect {
            try HistoryImport.parse(Self.manyBad(), format: nil, geography: HistoryTests.geography, title: "x")
        } throws: { e in
            guard let e = e as? HistoryFileError else { return false }
            let lines = Set(e.issues.compactMap(\.line))
            return e.issues.count == 121 && lines == Set(5...65)
                && e.issues.first
                    == ImportIssue(
                        line: 5,
                        message: "kolonne «Bosetting: Faktisk bosetting, 2019»: «tjue» er ikke et tall, «:» (skjult) eller «.» (mangler)")
                && e.issues.last
                    == ImportIssue(
                        line: 65,
                        message:
                            "kolonne «Bosetting: Faktisk bosetting, 2019»: Ukjent 59 (1359) i 2019: nummeret finnes ikke i kommunehistorikken"
                    )
                && e.description.split(separator: "\n").count == 121
        }
    }

    @Test func skipInvalidImportsTheValidRowsAndListsEverySkippedOne() throws {
        let t = try HistoryImport.parse(Self.manyBad(), format: nil, geography: HistoryTests.geography, title: "x", skipInvalid: true)
        #expect(t.skipped.count == 121)
        // Halden's line had one bad cell: the whole line is left out.
        #expect(Set(t.figures.map(\.code)) == ["0301", "0219"])
        #expect(t.figures.count == 4)
        let header = HistoryTests.imdi.replacingOccurrences(of: "År: 2020;År: 2020;", with: "År: 2020;Ar 2020;")
        #expect(throws: HistoryFileError.self) {
            try HistoryImport.parse(header, format: nil, geography: HistoryTests.geography, title: "x", skipInvalid: true)
        }
    }

    @Test func cellsAsPublished() {
        func value(_ s: String) -> Double?? { HistoryCell.read(s).map { $0?.value } }
        #expect(value("1234") == 1234 && value("12,5") == 12.5 && value("-3") == -3 && value("1 234") == 1234)
        #expect(value("1\u{a0}234,5") == 1234.5 && value(" 7 ") == 7 && value("0") == 0)
        #expect(HistoryCell.read(":")??.status == .suppressed && HistoryCell.read(".")??.status == .missing)
        #expect(HistoryCell.read("-")??.value == 0 && HistoryCell.read("")! == nil)
        #expect(HistoryCell.read("1,2,3") == nil && HistoryCell.read("tolv") == nil && HistoryCell.read("3-4") == nil)
    }

    @Test func theLongFormatTakesAUnitColumn() throws {
        let long = "year,region,measure,value,status,unit\n2019,0301,bosatt,870,,personer\n2019,0301,bosatt,96.7,,prosent\n"
        let t = try HistoryImport.parse(long, format: nil, geography: HistoryTests.geography, title: "x")
        #expect(t.figure("bosatt", 2019, "0301")?.value == 870 && t.figure("bosatt_prosent", 2019, "0301")?.value == 96.7)
        #expect(t.units == ["bosatt": "personer", "bosatt_prosent": "prosent"])
    }

    @Test func givenTotalsAreReportedPerYear() throws {
        let long = """
            year,region,measure,value,status
            2018,0,bosatt,100,
            2018,0301,bosatt,60,
            2018,1201,bosatt,40,
            2019,0,bosatt,100,
            2019,03,bosatt,70,
            2019,0301,bosatt,60,
            2019,4601,bosatt,30,
            """
        let t = try HistoryImport.parse(long, format: nil, geography: HistoryTests.geography, title: "x")
        #expect(
            t.totals == [
                HistoryTotalMismatch(
                    measure: "bosatt", year: 2019, level: .country, code: "0", name: "Hele landet", given: 100, sum: 90, lowerBound: false),
                HistoryTotalMismatch(
                    measure: "bosatt", year: 2019, level: .county, code: "03", name: "03", given: 70, sum: 60, lowerBound: false),
            ])
    }

    /// The benchmark's long file (74 000 rows, the size the speed goal is set for) is read whole.
    /// Its speed is measured by `styr bench history` in a release build, not here.
    @Test func aLongFileImportsEveryRow() throws {
        let full = try HistoryBenchmark.run(rows: 74_000, geography: HistoryTests.geography)
        #expect(full.table.figures.count == 74_000)
    }
}
