import Fluent
import StyrCore
import Vapor

/// Indicator time series that join the settlement register's years with imported history for
/// the years the register does not cover, each point with its source.
struct SeriesService {
    let memo: IndicatorMemo
    let registerYears: [Int]
    let history: [SourcedFigure]
    let historyYears: [Int]
    let geography: Geography
    /// The other registers (NIR, survey, Jobbsjansen, interpreters) and their indicators.
    let qualification: QualificationMemo

    /// `qualification`: also the other registers' indicators (the settlement pages do without, and
    /// skip reading those registers' versions).
    static func load(_ app: Application, on db: any Database, qualification: Bool = false) async throws -> SeriesService {
        let memo = try await app.registerCache.indicators(on: db)
        let registerYears = try await app.registerCache.settledYears(on: db)
        let historyYears = try await app.historyCache.years(on: db)
        let history = try await app.historyCache.active(years: historyYears.filter { !registerYears.contains($0) }, on: db)
        return SeriesService(
            memo: memo, registerYears: registerYears, history: history, historyYears: historyYears, geography: app.geography,
            qualification: qualification
                ? try await app.qualificationCache.memo(app, on: db) : QualificationMemo(registers: QualificationRegisters()))
    }

    /// The years either source has, up to `year`, the last `count` of them.
    func years(upTo year: Int, count: Int) -> [Int] {
        Array(Set(registerYears + historyYears).filter { $0 <= year }.sorted().suffix(count))
    }

    /// Every indicator's series for `years`; `unit` is given in `unitYear`'s division and mapped
    /// to each year's. Half-year series use the register only (history is yearly).
    /// `publicVersion`: the register's figures as published (`IndicatorMemo.published`); a withheld
    /// point has status ":".
    func series(indicators: [String], years: [Int], unit: StatUnit, unitYear: Int, period: Period, publicVersion: Bool = false) -> [String:
        [SeriesPoint]]
    {
        let covered = Set(registerYears)
        var computed: [Int: [String: Double?]] = [:]
        var suppressed: [Int: Set<String>] = [:]
        var units: [Int: StatUnit] = [:]
        for y in years {
            let u = unit.mapped(from: unitYear, to: y, geography: geography)
            units[y] = u
            if covered.contains(y) {
                let v = memo.values(year: y, period: period, unit: u, unsuppressed: !publicVersion)
                computed[y] = v.values
                suppressed[y] = v.suppressed
            }
        }
        let settlementIDs = Set(SettlementIndicators.catalogue.map(\.id))
        var out: [String: [SeriesPoint]] = [:]
        let qualificationIDs = Set(QualificationIndicators.catalogue.map(\.id))
        var qualification: [Int: [String: Double?]] = [:]
        if unit == .national && period == .year && indicators.contains(where: qualificationIDs.contains) {
            for y in years { qualification[y] = self.qualification.values(year: y) }
        }
        for id in indicators {
            if qualificationIDs.contains(id) {
                let source = IndicatorCatalogue.definition(id)?.sources.first ?? "registrene"
                out[id] = years.sorted().compactMap { y in
                    if let v = qualification[y]?[id] ?? nil {
                        return SeriesPoint(year: y, value: v, status: "", source: source, imported: false)
                    }
                    guard period == .year,
                        let row = IndicatorSeries.imported(history, indicator: id, year: y, unit: units[y] ?? unit, geography: geography)
                    else { return nil }
                    return SeriesPoint(year: y, value: row.value, status: row.status, source: row.source, imported: true)
                }
                continue
            }
            out[id] = IndicatorSeries.merge(
                years: years, registerYears: settlementIDs.contains(id) ? covered : [],
                register: { computed[$0]?[id] ?? nil },
                imported: { y in
                    period == .year
                        ? IndicatorSeries.imported(history, indicator: id, year: y, unit: units[y] ?? unit, geography: geography) : nil
                }
            ).map { p in
                var p = p
                if !p.imported, suppressed[p.year]?.contains(id) == true { p.status = ":" }
                return p
            }
        }
        return out
    }

    /// The register's values for a year (national), for report comments.
    func figures(year: Int, publicVersion: Bool = false) -> [String: Double?] {
        (registerYears.contains(year) ? memo.values(year: year, unsuppressed: !publicVersion).values : [:]).merging(
            qualification.values(year: year)
        ) {
            a, _ in a
        }
    }
}
