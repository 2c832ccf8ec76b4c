import Foundation

/// A benchmark hook: a generated long download (`Enhet;År;Kommunenummer;Kommune;Bosetting;Antall`,
/// every municipality under its own year's number, counts and per cent) and its import timed.
/// The figures are generated, not published ones.
public enum HistoryBenchmark {
    /// A download_csv text of `rows` data rows (years from 1995 on, as many as needed).
    public static func downloadCSV(rows: Int, geography: Geography) -> String {
        var out = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n"
        out.reserveCapacity(rows * 48)
        let measures = [
            ("Personer", "Anmodning om bosetting"), ("Personer", "Vedtak om bosetting"), ("Personer", "Faktisk bosetting"),
            ("Prosent", "Vedtak om bosetting"), ("Prosent", "Faktisk bosetting"),
        ]
        var n = 0
        var year = 1995
        var i = 0
        while n < rows {
            for m in geography.division(for: year).municipalities {
                for (unit, measure) in measures where n < rows {
                    i &+= 7_919
                    let value = unit == "Prosent" ? "\(50 + i % 50),\(i % 10)" : (i % 11 == 0 ? ":" : String(5 + i % 90))
                    out += "\(unit);\(year);\(m.code);\(m.name);\(measure);\(value)\n"
                    n += 1
                }
            }
            year += 1
        }
        return out
    }

    /// Imports a generated file of `rows` rows; the table and the seconds the import took
    /// (parsing and placing only, not generating).
    public static func run(rows: Int = 74_000, geography: Geography) throws -> (table: HistoryTable, seconds: Double) {
        let text = downloadCSV(rows: rows, geography: geography)
        let start = Date()
        let table = try HistoryImport.parse(text, format: nil, geography: geography, title: "benchmark.csv")
        return (table, Date().timeIntervalSince(start))
    }

    /// The baseline for the same file: only splitting it into lines and `;`-separated fields (the
    /// least any reader must do); the seconds it took.
    public static func splitBaseline(rows: Int = 74_000, geography: Geography) -> Double {
        let text = downloadCSV(rows: rows, geography: geography)
        let start = Date()
        var fields = 0
        for line in text.split(separator: "\n") { fields &+= line.split(separator: ";", omittingEmptySubsequences: false).count }
        let seconds = Date().timeIntervalSince(start)
        return fields == 0 ? .infinity : seconds
    }
}
