import Foundation
import StyrCore
import Vapor

/// Drafting next year's result requirements: every measurable requirement of the year with the
/// indicator's history, its trend to next year, and a warning when the proposed target is out of
/// reach of the trend (or no stretch at all). Proposals are form fields (`krav_<n>`), nothing is stored.
struct TargetDraftRoutes {
    func register(web: any RoutesBuilder) {
        web.on(.targetDraft, use: page)
    }

    struct Row: Encodable {
        let field: String
        let id: String
        let text: String
        let indicator: String
        let indicatorName: String
        let current: String
        let proposed: String
        let unit: String
        let chart: String
        let verdict: String
        let message: String
        let history: String
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let nextYear: Int
        let rows: [Row]
    }

    func page(req: Request) async throws -> View {
        let year = try req.yearParameter()
        guard let amended = try await req.application.steeringCache.amendedYear(year, asOf: nil, on: req.db) else {
            throw UserError(.notFound, "Ingen publiserte styringsdokumenter for \(year).")
        }
        let specs = RequirementSpec.from(goals: amended.letter.goals).filter { $0.indicator != nil }
        let service = try await SeriesService.load(req.application, on: req.db, qualification: true)
        let years = Array((year - 9)...year)
        let series = service.series(
            indicators: Array(Set(specs.compactMap(\.indicator))), years: years, unit: .national, unitYear: year, period: .year)
        let next = year + 1
        var rows: [Row] = []
        for (n, spec) in specs.enumerated() {
            let id = spec.indicator!
            let unit = spec.unit ?? IndicatorCatalogue.definition(id)?.unit ?? "count"
            let field = "krav_\(n)"
            let asked = (try? req.query.get(String.self, at: field)).map { $0.replacingOccurrences(of: ",", with: ".") }
            let proposed = asked.flatMap(Double.init) ?? spec.target
            let history = (series[id] ?? []).compactMap { p in p.value.map { (year: p.year, value: $0) } }
            let comparison: Comparison = [.atMost, .decreases].contains(spec.comparison) ? .atMost : .atLeast
            let assessment = proposed.map {
                TargetTrend.assess(history: history, target: $0, comparison: comparison, year: next, unit: unit)
            }
            let first = history.map(\.year).min() ?? year
            let points =
                years.filter { $0 >= first }.map { y in Charts.Point(year: y, value: history.first { $0.year == y }?.value) }
                + [Charts.Point(year: next, value: assessment?.projected, imported: true)]
            rows.append(
                Row(
                    field: field, id: spec.id, text: spec.text, indicator: id,
                    indicatorName: IndicatorCatalogue.definition(id)?.name ?? id,
                    current: spec.targetText, proposed: proposed.map { IndicatorFormat.decimal($0, unit == "count" ? 0 : 1) } ?? "",
                    unit: unit,
                    chart: Charts.timeSeries(
                        points, target: proposed, unit: unit, title: "\(spec.id): historikk, trend og forslag", targetLabel: "Forslag",
                        hollowNote: " (trend)"),
                    verdict: assessment?.verdict.rawValue ?? "unknown",
                    message: assessment?.message ?? "Skriv inn et tallfestet forslag for å vurdere det mot trenden.",
                    history: history.map { "\($0.year): \(ResultsTable.format($0.value, unit: unit))" }.joined(separator: ", ")))
        }
        return try await req.view.render(
            "reports/target-draft",
            Page(
                page: PageContext(req, title: "Resultatkrav for \(next): forslag mot trend", year: year), year: year, nextYear: next,
                rows: rows))
    }
}
