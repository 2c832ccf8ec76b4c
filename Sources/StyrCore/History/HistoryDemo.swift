/// Demo history: a generated "Alle kommuner" download (requests, decisions, settled) for years
/// before the demo register, in the directorate's cross-table format, so the demo shows imported
/// years beside register years. The figures are generated, not published ones.
public enum HistoryDemo {
    /// Settled persons per year the generated file adds up to (plausible, not published).
    static let settledByYear: [Int: Int] = [2011: 5_200, 2012: 5_600, 2013: 5_900]

    public static func imdiCrossTable(years: [Int], geography: Geography, seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        let measures = ["Anmodning om bosetting", "Vedtak om bosetting", "Faktisk bosetting"]
        var header = ["Region;Navn"], units = [";"], yearRow = [";"]
        for y in years.sorted() {
            for m in measures {
                header.append("Bosetting: \(m)")
                units.append("Enhet: Personer")
                yearRow.append("År: \(y)")
            }
        }
        // Rows as the directorate publishes them: every municipality under its number in the
        // last year (Inderøy K1756 also for 2011, when it was 1729 and smaller), and one merged
        // away under its old number, named "… (t.o.m. ÅÅÅÅ)", empty after it.
        let sortedYears = years.sorted()
        let last = sortedYears.last ?? 2013
        var order: [String] = []
        var names: [String: String] = [:]
        var cells: [String: [Int: [String]]] = [:]
        for y in sortedYears {
            let total = settledByYear[y] ?? 5_500
            let municipalities = geography.division(for: y).municipalities
            let weights = municipalities.map { m -> Double in
                m.code == "0301" ? 60 : (m.code.hasSuffix("01") ? 8 : random.double(0.05..<3))
            }
            let sum = weights.reduce(0, +)
            for (i, m) in municipalities.enumerated() {
                let key: String
                if let later = geography.continuation(of: m.code, in: last) {
                    key = later
                    names[key] = geography.division(for: last).municipality(later)?.name ?? m.name
                } else {
                    key = m.code
                    let end = geography.mergedAway(m.code, by: last)?.year ?? last + 1
                    names[key] = "\(m.name) (t.o.m. \(end - 1))"
                }
                if cells[key] == nil { order.append(key) }
                let settled = Int((Double(total) * weights[i] / sum).rounded())
                let decided = settled == 0 ? (random.chance(0.7) ? 0 : 5) : settled + random.int(0...max(1, settled / 8))
                let requested = decided + random.int(0...max(1, decided / 6))
                func cell(_ v: Int) -> String { (1...4).contains(v) ? ":" : String(v) }
                cells[key, default: [:]][y] = [cell(requested), cell(decided), cell(settled)]
            }
        }
        var lines = [header.joined(separator: ";") + ";", units.joined(separator: ";") + ";", yearRow.joined(separator: ";") + ";"]
        for key in order.sorted() {
            let row = sortedYears.flatMap { cells[key]?[$0] ?? ["", "", ""] }
            lines.append((["K\(key)", names[key] ?? key] + row).joined(separator: ";") + ";")
        }
        return lines.joined(separator: "\n")
    }
}
