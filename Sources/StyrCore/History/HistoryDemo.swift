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
        for y in years {
            for m in measures {
                header.append("Bosetting: \(m)")
                units.append("Enhet: Personer")
                yearRow.append("År: \(y)")
            }
        }
        // Municipalities of the earliest year's division; a later year uses the same numbers
        // (the demo stays before the 2020 reform).
        let municipalities = geography.division(for: years.min() ?? 2013).municipalities
        var cells: [String: [String]] = [:]
        for y in years {
            let total = settledByYear[y] ?? 5_500
            let weights = municipalities.map { m -> Double in
                m.code == "0301" ? 60 : (m.code.hasSuffix("01") ? 8 : random.double(0.05..<3))
            }
            let sum = weights.reduce(0, +)
            for (i, m) in municipalities.enumerated() {
                let settled = Int((Double(total) * weights[i] / sum).rounded())
                let decided = settled == 0 ? (random.chance(0.7) ? 0 : 5) : settled + random.int(0...max(1, settled / 8))
                let requested = decided + random.int(0...max(1, decided / 6))
                func cell(_ v: Int) -> String { (1...4).contains(v) ? ":" : String(v) }
                cells[m.code, default: []] += [cell(requested), cell(decided), cell(settled)]
            }
        }
        var lines = [header.joined(separator: ";") + ";", units.joined(separator: ";") + ";", yearRow.joined(separator: ";") + ";"]
        for m in municipalities { lines.append((["K\(m.code)", m.name] + (cells[m.code] ?? [])).joined(separator: ";") + ";") }
        return lines.joined(separator: "\n")
    }
}
