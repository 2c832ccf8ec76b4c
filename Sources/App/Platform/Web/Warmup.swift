import StyrCore
import Vapor

/// Fills the caches the first visits need when `styr serve` starts: the settlement register, its
/// indicators and key figures, the other registers and their indicators, the series and the report drafts' appendices, so that the first visit to
/// /statistikk is as fast as the next (it took 5.4 s in release when it loaded them itself, and 4 s
/// when it came while a background warm-up ran). Done before the server listens: the first visitor
/// finds the caches full; the server answers a few seconds later instead (/health included).
struct Warmup: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        let arguments = app.environment.arguments.dropFirst()
        guard app.environment != .testing, arguments.first.map({ $0 == "serve" || $0.hasPrefix("-") }) ?? true else { return }
        await Self.run(app)
    }

    static func run(_ app: Application) async {
        let started = ContinuousClock.now
        do {
            let db = app.db
            let years = try await app.registerCache.settledYears(on: db)
            let letters = try await SteeringStore.years(on: db)
            let memo = try await app.registerCache.indicators(on: db)
            let year = DefaultYear.pick(letters: letters, statistics: years, today: app.clock.today()) ?? app.clock.today().year
            for y in Set([year] + years.suffix(1)) {
                _ = memo.keyFigures(year: y)
                _ = memo.published(year: y)
                _ = try await KeyFiguresService.qualification(year: y, app: app, on: db)
            }
            _ = try await SeriesService.load(app, on: db)
            // The other registers' indicators for the decade the results table and the proposals page show.
            let qualification = try await app.qualificationCache.memo(app, on: db)
            for y in (year - 9)...year { _ = qualification.values(year: y) }
            // The default year's report drafts: their appendices and key figures are kept per load.
            for kind in ReportKind.allCases {
                _ = try? await ReportBuilder.build(kind, year: year, app: app, on: db)
            }
            app.logger.notice(
                "Hurtigbuffer fylt på \(started.duration(to: .now)) (registre, hovedtall, serier og rapportutkast for \(year)).")
        } catch {
            app.logger.warning("Hurtigbufferet ble ikke fylt ved oppstart: \(error)")
        }
    }
}
