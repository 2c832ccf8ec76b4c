import StyrCore
import Vapor

/// The results table ("Resultatkrav i tildelingsbrevet YYYY") as a page and as JSON.
struct ResultsRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.results, use: page)
        api.on(.apiResults, use: apiTable)
    }

    struct Cell: Encodable {
        let text: String
        let source: String
        let imported: Bool
    }

    struct RowView: Encodable {
        let id: String
        let requirement: String
        let target: String
        let before: [Cell]
        let current: Cell
        let met: String?
        let comment: String
        let indicatorLink: String?
    }

    struct GoalView: Encodable {
        let title: String
        let rows: [RowView]
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let earlier: [Int]
        let basis: String
        let goals: [GoalView]
        let hasImported: Bool
        /// Next year's proposals against the trend: for staff, when the year's letter is stored.
        let targetDraftLink: String?
    }

    func page(req: Request) async throws -> View {
        let year = try req.yearParameter()
        let table = try await ResultsService.table(
            year: year, app: req.application, on: req.db, publicVersion: !StatisticsRoutes.seesUnsuppressed(req))
        func cell(_ r: ResultRow, _ y: Int) -> Cell {
            let source = r.sources[String(y)] ?? ""
            return Cell(
                text: r.text(year: y), source: source,
                imported: r.imported.contains(String(y)))
        }
        var goals: [GoalView] = []
        for r in table.rows {
            let view = RowView(
                id: r.id, requirement: r.requirement, target: r.targetText.isEmpty ? "–" : r.targetText,
                before: table.years.dropLast().map { cell(r, $0) }, current: cell(r, year),
                met: r.met.map { $0 ? "Nådd" : "Ikke nådd" }, comment: r.comment,
                indicatorLink: ResultsService.indicatorLink(r.indicator, year: year))
            if goals.last?.title == r.goal {
                goals[goals.count - 1] = GoalView(title: r.goal, rows: goals[goals.count - 1].rows + [view])
            } else {
                goals.append(GoalView(title: r.goal, rows: [view]))
            }
        }
        let imported = goals.contains { $0.rows.contains { $0.before.contains(where: \.imported) || $0.current.imported } }
        let hasLetter = try await req.application.steeringCache.amendedYear(year, asOf: nil, on: req.db) != nil
        let draftLink = hasLetter && Endpoint.targetDraft.roles.contains(req.role) ? Endpoint.targetDraft.url(year) : nil
        return try await req.view.render(
            "reports/results",
            Page(
                page: PageContext(req, title: "Resultatkrav i tildelingsbrevet \(year)"), year: year, earlier: table.years.dropLast(),
                basis: table.basis, goals: goals, hasImported: imported, targetDraftLink: draftLink))
    }

    struct APITable: Content {
        let year: Int
        let years: [Int]
        let basis: String
        let rows: [ResultRow]
    }

    func apiTable(req: Request) async throws -> APITable {
        let year = try req.yearParameter()
        let t = try await ResultsService.table(
            year: year, app: req.application, on: req.db, publicVersion: !StatisticsRoutes.seesUnsuppressed(req))
        return APITable(year: t.year, years: t.years, basis: t.basis, rows: t.rows)
    }
}

extension ResultRow: Content {}
