import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Monthly status for the assignments the letter asks monthly reporting for: a month × dimension
/// grid of traffic lights, months without a report marked, and the directorate's form.
struct MonthlyRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.monthly, use: page)
        web.on(.monthlySave, use: save)
        api.on(.apiMonthly, use: apiList)
    }

    struct Cell: Encodable {
        let month: Int
        let light: String?
        let label: String
        let missing: Bool
    }

    struct AssignmentRow: Encodable {
        let id: String
        let slug: String
        let title: String
        let cells: [Cell]
        let latest: [Detail]
        let missing: String
    }

    struct Detail: Encodable {
        let month: String
        let purpose: String
        let progress: String
        let cost: String
        let quality: String
        let deviations: String
        let risk: String
        let author: String
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let months: [String]
        let rows: [AssignmentRow]
        let options: [SelectOption]
        let lights: [SelectOption]
        let monthOptions: [SelectOption]
        let canEdit: Bool
        let message: String?
        let errors: [String]
    }

    func render(_ req: Request, message: String? = nil, errors: [String] = []) async throws -> View {
        let y = try await req.amendedYear()
        let designated = MonthlyRules.designated(y.letter.assignments)
        let reports = try await MonthlyStore.reports(year: y.year, on: req.db)
        let today = req.today
        let rows = designated.map { a -> AssignmentRow in
            let mine = reports.filter { $0.assignmentId == a.id }
            let missing = MonthlyRules.missing(mine, year: y.year, today: today)
            return AssignmentRow(
                id: a.id, slug: AssignmentSlug.encode(a.id), title: a.title,
                cells: (1...12).map { m in
                    let r = mine.first { $0.month == m }
                    return Cell(
                        month: m, light: r?.overall.rawValue, label: r?.overall.label ?? (missing.contains(m) ? "mangler" : ""),
                        missing: missing.contains(m))
                },
                latest: mine.sorted { $0.month > $1.month }.map { r in
                    Detail(
                        month: NorwegianText.monthNames[r.month], purpose: r.purpose, progress: r.progress.label, cost: r.cost.label,
                        quality: r.quality.label, deviations: r.deviations, risk: r.risk, author: r.author)
                }, missing: missing.map { NorwegianText.monthNames[$0] }.joined(separator: ", "))
        }
        return try await req.view.render(
            "monthly/monthly",
            Page(
                page: PageContext(req, title: "Månedlig status \(y.year)", year: y.year), year: y.year,
                months: (1...12).map { String(NorwegianText.monthNames[$0].prefix(3)) }, rows: rows,
                options: designated.map { SelectOption(value: $0.id, label: "\($0.id) \($0.title)", selected: false) },
                lights: StatusLight.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == .green) },
                monthOptions: (1...12).map {
                    SelectOption(value: String($0), label: NorwegianText.monthNames[$0], selected: $0 == max(1, today.month - 1))
                }, canEdit: Endpoint.monthlySave.roles.contains(req.role), message: message, errors: errors))
    }

    func page(req: Request) async throws -> View { try await render(req) }

    struct Form: Content {
        var assignment: String?
        var month: Int?
        var purpose: String?
        var progress: String?
        var cost: String?
        var quality: String?
        var deviations: String?
        var risk: String?
    }

    func save(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let f = try req.content.decode(Form.self)
        return try await FormAction.run(
            req, redirect: Endpoint.monthly.url(y.year), render: { try await render(req, message: $0, errors: $1) }
        ) {
            guard MonthlyRules.designated(y.letter.assignments).contains(where: { $0.id == f.assignment }) else {
                throw UserError(.unprocessableEntity, "Oppdraget har ikke månedlig rapportering i \(y.year).", field: "assignment")
            }
            func light(_ s: String?, _ field: String) throws -> StatusLight {
                guard let l = StatusLight(rawValue: s ?? "") else {
                    throw UserError(.unprocessableEntity, "Velg grønn, gul eller rød.", field: field)
                }
                return l
            }
            let s = MonthlyStatus(
                assignmentId: f.assignment!, year: y.year, month: f.month ?? 0, purpose: f.purpose ?? "",
                progress: try light(f.progress, "progress"),
                cost: try light(f.cost, "cost"), quality: try light(f.quality, "quality"), deviations: f.deviations ?? "",
                risk: f.risk ?? "",
                author: req.actor)
            try await MonthlyStore.store(s, actor: req.actor, on: req.db)
            return "Månedsstatus for \(s.assignmentId), \(NorwegianText.monthNames[s.month]), er lagret."
        }
    }

    func apiList(req: Request) async throws -> [MonthlyStatus] {
        try await MonthlyStore.reports(year: try req.yearParameter(), on: req.db)
    }
}

extension MonthlyStatus: Content {}
