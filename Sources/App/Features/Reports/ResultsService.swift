import Fluent
import StyrCore
import Vapor

/// The results table of a year ("Resultatkrav i tildelingsbrevet YYYY"): the stored letter's
/// requirements (else the ones a published report gives), measured by the registers and, for
/// years they do not cover, by imported history.
enum ResultsService {
    struct Table: Encodable {
        let year: Int
        let years: [Int]
        /// Where the requirements come from: the letter(s), or a published report.
        let basis: String
        let rows: [ResultRow]
    }

    /// `publicVersion`: the register's figures as published (disclosure control), for roles
    /// without access to unsuppressed figures.
    /// The indicators page's section for a requirement's indicator, when that page shows it (the
    /// settlement indicators; the others are figures of their statistics tables).
    static func indicatorLink(_ indicator: String?, year: Int) -> String? {
        guard let indicator, SettlementIndicators.catalogue.contains(where: { $0.id == indicator }) else { return nil }
        return Endpoint.indicators.url(query: [("aar", String(year))], fragment: indicator)
    }

    /// Whether `year` has a results table: a stored letter with requirements, or the annual report's own.
    static func exists(year: Int, app: Application, on db: any Database) async throws -> Bool {
        if let amended = try await app.steeringCache.amendedYear(year, asOf: nil, on: db),
            !RequirementSpec.from(goals: amended.letter.goals).isEmpty
        {
            return true
        }
        return PublishedRequirements.byYear[year] != nil
    }

    static func table(year: Int, app: Application, on db: any Database, publicVersion: Bool = false) async throws -> Table {
        var requirements: [RequirementSpec] = []
        var basis = ""
        if let amended = try await app.steeringCache.amendedYear(year, asOf: nil, on: db) {
            requirements = RequirementSpec.from(goals: amended.letter.goals)
            basis = "Tildelingsbrev \(year) med tillegg"
        }
        if requirements.isEmpty, let published = PublishedRequirements.byYear[year] {
            requirements = published
            basis = "Resultatkrav slik årsrapporten \(year) gjengir dem"
        }
        guard !requirements.isEmpty else {
            throw UserError(.notFound, "Fant ingen resultatkrav for \(year): importer tildelingsbrevet først.", field: "year")
        }
        let service = try await SeriesService.load(app, on: db, qualification: true)
        let years = ResultsTable.years(for: year)
        let series = service.series(
            indicators: Array(Set(requirements.compactMap(\.indicator))), years: years, unit: .national, unitYear: year, period: .year,
            publicVersion: publicVersion)
        let rows = ResultsTable.build(
            year: year, requirements: requirements, series: { series[$0] ?? [] },
            figures: service.figures(year: year, publicVersion: publicVersion))
        return Table(year: year, years: years, basis: basis, rows: rows)
    }
}
