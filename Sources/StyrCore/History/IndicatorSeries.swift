/// One year of an indicator's time series and where its figure comes from: the register, or a
/// published (imported) table for a year the register does not cover.
public struct SeriesPoint: Codable, Sendable, Equatable {
    public var year: Int
    public var value: Double?
    /// "" exact, ":" suppressed, "." missing, "lower_bound" for a sum over suppressed cells.
    public var status: String
    public var source: String
    /// Whether the figure is imported history rather than computed from register rows.
    public var imported: Bool

    public init(year: Int, value: Double?, status: String, source: String, imported: Bool) {
        self.year = year
        self.value = value
        self.status = status
        self.source = source
        self.imported = imported
    }
}

/// Joins register-computed values and imported history into one series per indicator.
public enum IndicatorSeries {
    /// The register's name as a source.
    public static let registerSource = "Bosettingsregisteret"

    /// Published measures that carry an indicator: the indicator's own id (a long CSV may use it)
    /// and the settlement downloads' short names.
    public static func historyMeasures(for indicator: String) -> [String] {
        let aliases: [String: String] = [
            "settled_total": "bosatt", "requested": "anmodning", "decided_places": "vedtak", "place_utilisation": "utnyttelse",
        ]
        return [indicator] + (aliases[indicator].map { [$0] } ?? [])
    }

    /// The imported figure for an indicator, year and unit (the unit in that year's division), or nil.
    public static func imported(
        _ figures: [SourcedFigure], indicator: String, year: Int, unit: StatUnit, geography: Geography
    ) -> HistoryRow? {
        for measure in historyMeasures(for: indicator) {
            if let row = imported(figures, measure: measure, year: year, unit: unit, geography: geography) { return row }
        }
        return nil
    }

    static func imported(_ figures: [SourcedFigure], measure: String, year: Int, unit: StatUnit, geography: Geography) -> HistoryRow? {
        switch unit {
        case .national:
            return HistoryQuery.rows(figures, measure: measure, year: year, level: .country, geography: geography).first
        case .county(let c):
            return HistoryQuery.rows(figures, measure: measure, year: year, level: .county, geography: geography).first { $0.code == c }
        case .municipality(let k):
            return HistoryQuery.rows(figures, measure: measure, year: year, level: .municipality, geography: geography).first {
                $0.code == k
            }
        case .municipalities(let set):
            // A mapped area: only counts add up across municipalities.
            guard !HistoryQuery.computed.contains(measure) || measure == "municipalities_settled" else { return nil }
            let parts = HistoryQuery.rows(figures, measure: measure, year: year, level: .municipality, geography: geography).filter {
                set.contains($0.code)
            }
            guard !parts.isEmpty else { return nil }
            let hidden = parts.contains { $0.status == HistoryStatus.suppressed.rawValue || $0.status == "lower_bound" }
            return HistoryRow(
                code: "", name: "", value: parts.compactMap(\.value).reduce(0, +), status: hidden ? "lower_bound" : "",
                source: Array(Set(parts.map(\.source))).sorted().joined(separator: "; "))
        }
    }

    /// The series for `years`: the register's value where the register covers the year, else the
    /// imported figure; years with neither are left out.
    public static func merge(
        years: [Int], registerYears: Set<Int>, register: (Int) -> Double?, imported: (Int) -> HistoryRow?
    ) -> [SeriesPoint] {
        years.sorted().compactMap { y in
            if registerYears.contains(y) {
                return SeriesPoint(year: y, value: register(y), status: "", source: registerSource, imported: false)
            }
            guard let row = imported(y) else { return nil }
            return SeriesPoint(year: y, value: row.value, status: row.status, source: row.source, imported: true)
        }
    }
}
