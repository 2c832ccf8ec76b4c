/// A published figure with the source it was imported from.
public struct SourcedFigure: Sendable, Equatable {
    public var figure: HistoryFigure
    public var source: String
    public init(_ figure: HistoryFigure, source: String) {
        self.figure = figure
        self.source = source
    }
}

/// One answer row of `styr history query`: the year's own number ("0" for the country), the
/// value (nil when suppressed or missing) and its status: "" exact, ":" suppressed, "." missing,
/// "lower_bound" for a sum that includes suppressed cells.
public struct HistoryRow: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var value: Double?
    public var status: String
    public var source: String

    enum CodingKeys: String, CodingKey { case code, name, value, status, source }

    /// `value` is written as null when there is none (the command contract's shape).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(value, forKey: .value)
        try c.encode(status, forKey: .status)
        try c.encode(source, forKey: .source)
    }
}

/// Reads imported history for a measure, year and level. County and national figures are the
/// file's own when it gives them, otherwise sums of the year's municipalities; computed measures:
/// `municipalities_settled` (a suppressed settled count means at least one) and `utnyttelse`
/// (settled / decided places, percent).
public enum HistoryQuery {
    public static let computed = ["municipalities_settled", "utnyttelse"]

    public static func rows(_ all: [SourcedFigure], measure: String, year: Int, level: HistoryLevel, geography: Geography) -> [HistoryRow] {
        let division = geography.division(for: year)
        let units: [(code: String, name: String, contains: (HistoryFigure) -> Bool)]
        switch level {
        case .country, .unknown: units = [("0", "Hele landet", { $0.level == .municipality || $0.level == .unknown })]
        case .county:
            units = division.counties.map { c in (c.code, c.name, { division.municipality($0.code)?.countyCode == c.code }) }
        case .municipality:
            units = division.municipalities.map { m in (m.code, m.name, { $0.code == m.code }) }
        }
        let yearFigures = all.filter { $0.figure.year == year }
        func own(_ m: String, _ code: String) -> SourcedFigure? {
            yearFigures.first { $0.figure.measure == m && $0.figure.level == level && $0.figure.code == code }
        }
        func parts(_ m: String, _ contains: (HistoryFigure) -> Bool) -> [SourcedFigure] {
            yearFigures.filter {
                $0.figure.measure == m && ($0.figure.level == .municipality || $0.figure.level == .unknown) && contains($0.figure)
            }
        }
        func sum(_ m: String, _ code: String, _ name: String, _ contains: (HistoryFigure) -> Bool) -> HistoryRow? {
            if level != .municipality, let given = own(m, code) { return row(given, code: code, name: name) }
            let p = parts(m, contains)
            if level == .municipality { return p.first.map { row($0, code: code, name: name) } }
            // Shares and rates are never summed over municipalities.
            guard !p.isEmpty, HistoryMeasures.isAdditive(m) else { return nil }
            let known = p.compactMap(\.figure.value).reduce(0, +)
            let hidden = p.contains { $0.figure.status == .suppressed }
            return HistoryRow(code: code, name: name, value: known, status: hidden ? "lower_bound" : "", source: sources(p))
        }
        return units.compactMap { unit in
            switch measure {
            case "municipalities_settled":
                let p = parts("bosatt", unit.contains).filter { $0.figure.level == .municipality }
                guard !p.isEmpty else { return nil }
                let n = p.filter { $0.figure.status == .suppressed || ($0.figure.value ?? 0) > 0 }.count
                return HistoryRow(code: unit.code, name: unit.name, value: Double(n), status: "", source: sources(p))
            case "utnyttelse":
                guard let settled = sum("bosatt", unit.code, unit.name, unit.contains),
                    let decided = sum("vedtak", unit.code, unit.name, unit.contains)
                else { return nil }
                // A suppressed settled count is at least one.
                let s = settled.status == ":" ? 1 : settled.value
                guard let s, let d = decided.value, d > 0, decided.status == "" else {
                    return HistoryRow(code: unit.code, name: unit.name, value: nil, status: ".", source: settled.source)
                }
                let status = settled.status == "" ? "" : "lower_bound"
                return HistoryRow(code: unit.code, name: unit.name, value: 100 * s / d, status: status, source: settled.source)
            default:
                return sum(measure, unit.code, unit.name, unit.contains)
            }
        }
    }

    static func row(_ f: SourcedFigure, code: String, name: String) -> HistoryRow {
        HistoryRow(code: code, name: name, value: f.figure.value, status: f.figure.status.rawValue, source: f.source)
    }

    static func sources(_ p: [SourcedFigure]) -> String { Array(Set(p.map(\.source))).sorted().joined(separator: "; ") }

    /// Totals a file gives that differ from the sum of its municipalities (where that sum is exact,
    /// or is a lower bound already above the given total).
    public static func mismatches(_ table: HistoryTable, geography: Geography) -> [String] {
        totalMismatches(table, geography: geography).map(describe)
    }

    /// The given national and county totals, per measure and year, that the municipalities'
    /// figures contradict. Only additive units (counts, kroner) are checked. Linear in the figures.
    public static func totalMismatches(_ table: HistoryTable, geography: Geography) -> [HistoryTotalMismatch] {
        struct Sum {
            var value = 0.0
            var hidden = false
            var count = 0
        }
        let given = table.figures.filter { ($0.level == .country || $0.level == .county) && $0.value != nil }
        guard !given.isEmpty else { return [] }
        let checked = Set(given.map(\.measure)).filter { HistoryUnit.isAdditive(table.units[$0] ?? "") }
        var sums: [String: Sum] = [:]
        for f in table.figures where (f.level == .municipality || f.level == .unknown) && checked.contains(f.measure) {
            var keys = ["\(f.measure)|\(f.year)|0"]
            if f.level == .municipality, let county = geography.division(for: f.year).municipality(f.code)?.countyCode {
                keys.append("\(f.measure)|\(f.year)|\(county)")
            }
            for k in keys {
                sums[k, default: Sum()].value += f.value ?? 0
                sums[k, default: Sum()].count += 1
                if f.status == .suppressed { sums[k, default: Sum()].hidden = true }
            }
        }
        var out: [HistoryTotalMismatch] = []
        for g in given where checked.contains(g.measure) {
            guard let value = g.value, let s = sums["\(g.measure)|\(g.year)|\(g.level == .country ? "0" : g.code)"], s.count > 0 else {
                continue
            }
            if (!s.hidden && abs(s.value - value) > 1e-9) || (s.hidden && s.value > value + 1e-9) {
                out.append(
                    HistoryTotalMismatch(
                        measure: g.measure, year: g.year, level: g.level, code: g.code, name: g.name, given: value, sum: s.value,
                        lowerBound: s.hidden))
            }
        }
        return out.sorted { ($0.year, $0.measure, $0.code) < ($1.year, $1.measure, $1.code) }
    }

    static func describe(_ m: HistoryTotalMismatch) -> String {
        "\(m.measure) \(m.year) \(m.name) (\(m.code)): filen oppgir \(IndicatorNumber.plain(m.given)), kommunene summerer til \(IndicatorNumber.plain(m.sum))\(m.lowerBound ? " eller mer" : "")"
    }
}

enum IndicatorNumber {
    static func plain(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

/// What changed between two versions of the same table.
public struct HistoryDiff: Codable, Sendable, Equatable {
    public var added: Int
    public var removed: Int
    public var changed: [String]

    public init(old: [HistoryFigure], new: [HistoryFigure]) {
        let before = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        added = after.keys.filter { before[$0] == nil }.count
        removed = before.keys.filter { after[$0] == nil }.count
        changed = after.compactMap { k, f -> String? in
            guard let o = before[k], o.value != f.value || o.status != f.status else { return nil }
            func show(_ x: HistoryFigure) -> String { x.value.map(IndicatorNumber.plain) ?? x.status.rawValue }
            return "\(f.measure) \(f.year) \(f.name) (\(f.code)): \(show(o)) → \(show(f))"
        }.sorted()
    }
}
