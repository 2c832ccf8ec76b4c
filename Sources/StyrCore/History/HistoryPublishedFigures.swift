/// The national settlement figures the directorate printed in its annual report (the seeds), to
/// reconcile an imported table with: requests, decisions and settled persons, and the same for
/// unaccompanied minors.
public struct HistoryPublishedFigure: Sendable, Equatable {
    public var measure: String
    public var year: Int
    public var value: Double
    /// «om lag 12 700»: printed rounded to this (a difference within half of it agrees).
    public var roundedTo: Double
    public var source: String
}

/// One measure and year in both the import and the annual report.
public struct HistoryPublishedCheck: Codable, Sendable, Equatable {
    public var measure: String
    public var year: Int
    /// The file's national figure: its «Hele landet» row, else the sum of its municipalities.
    public var imported: Double
    public var published: Double
    public var source: String
    /// True when the sum includes hidden («:») cells, so it is a lower bound.
    public var lowerBound: Bool
    public var agrees: Bool
    public var difference: Double { imported - published }
}

public enum HistoryPublishedFigures {
    static let report2017 = "Årsrapport 2017"
    /// From the annual report 2017 (seeds/arsrapport-2017.txt): «Hovedtall» (settled persons and
    /// unaccompanied minors 2014–2017) and chapter 3 (requests «om lag 12 700» and decisions
    /// 12 158 for 2017; for 2018 «4 400» requested, 200 of them unaccompanied minors).
    public static let all: [HistoryPublishedFigure] = {
        var out: [HistoryPublishedFigure] = []
        let hovedtall = "\(report2017), Hovedtall"
        for (year, settled, minors) in [(2014, 7_784, 536), (2015, 11_342, 691), (2016, 15_291, 1_599), (2017, 11_078, 759)] {
            out.append(HistoryPublishedFigure(measure: "bosatt", year: year, value: Double(settled), roundedTo: 1, source: hovedtall))
            out.append(HistoryPublishedFigure(measure: "bosatt_em", year: year, value: Double(minors), roundedTo: 1, source: hovedtall))
        }
        let chapter3 = "\(report2017), kapittel 3"
        out += [
            HistoryPublishedFigure(measure: "anmodning", year: 2017, value: 12_700, roundedTo: 100, source: chapter3),
            HistoryPublishedFigure(measure: "vedtak", year: 2017, value: 12_158, roundedTo: 1, source: chapter3),
            HistoryPublishedFigure(measure: "anmodning", year: 2018, value: 4_400, roundedTo: 100, source: chapter3),
            HistoryPublishedFigure(measure: "anmodning_em", year: 2018, value: 200, roundedTo: 1, source: chapter3),
        ]
        return out
    }()

    /// The published figures the table also has, compared per measure and year (linear). The
    /// national figure is the file's «Hele landet» row, else the sum of its municipalities when
    /// they are every municipality of the year (a file of one county is not the country).
    public static func check(_ table: HistoryTable, geography: Geography, published: [HistoryPublishedFigure] = all)
        -> [HistoryPublishedCheck]
    {
        let wanted = Dictionary(published.map { ("\($0.measure)|\($0.year)", $0) }, uniquingKeysWith: { a, _ in a })
        var given: [String: Double] = [:]
        var sums: [String: (value: Double, hidden: Bool)] = [:]
        var covered: [String: Set<String>] = [:]
        for f in table.figures {
            let key = "\(f.measure)|\(f.year)"
            guard wanted[key] != nil else { continue }
            switch f.level {
            case .country: if let v = f.value { given[key] = v }
            case .municipality, .unknown:
                if f.level == .municipality { covered[key, default: []].insert(f.code) }
                var s = sums[key] ?? (0, false)
                s.value += f.value ?? 0
                if f.status == .suppressed { s.hidden = true }
                sums[key] = s
            case .county: break
            }
        }
        var out: [HistoryPublishedCheck] = []
        for (key, p) in wanted {
            let imported: Double
            var lowerBound = false
            if let g = given[key] {
                imported = g
            } else if let s = sums[key],
                geography.division(for: p.year).municipalities.allSatisfy({ covered[key]?.contains($0.code) ?? false })
            {
                imported = s.value
                lowerBound = s.hidden
            } else {
                continue
            }
            let tolerance = p.roundedTo / 2
            let agrees = abs(imported - p.value) <= tolerance || (lowerBound && imported <= p.value + tolerance)
            out.append(
                HistoryPublishedCheck(
                    measure: p.measure, year: p.year, imported: imported, published: p.value, source: p.source, lowerBound: lowerBound,
                    agrees: agrees))
        }
        return out.sorted { ($0.year, $0.measure) < ($1.year, $1.measure) }
    }

    /// "bosatt 2016: filen har 15 280 for hele landet, Årsrapport 2017, Hovedtall har 15 291 (avvik -11)".
    public static func describe(_ c: HistoryPublishedCheck) -> String {
        let printed = IndicatorNumber.plain(c.published)
        return
            "\(c.measure) \(c.year): filen har \(IndicatorNumber.plain(c.imported))\(c.lowerBound ? " eller mer" : "") for hele landet, \(c.source) har \(printed) (avvik \(IndicatorNumber.plain(c.difference)))"
    }
}
