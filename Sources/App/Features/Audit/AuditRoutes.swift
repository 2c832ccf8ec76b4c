import Fluent
import Foundation
import StyrCore
import Vapor

/// The append-only audit log: every write and every read of a person record, newest first,
/// filterable, and exportable as CSV.
struct AuditRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.auditLog, use: page)
        api.on(.apiAuditLog, use: apiList)
    }

    struct Row: Content {
        let at: String
        let actor: String
        let action: String
        let entity: String
        let entityId: String
        let before: String?
        let after: String?
    }

    static let pageSize = 200

    static func rows(_ req: Request) async throws -> (rows: [Row], actor: String, action: String, page: Int, total: Int) {
        let actor = ((try? req.query.get(String.self, at: "bruker")) ?? "").trimmingCharacters(in: .whitespaces)
        let action = ((try? req.query.get(String.self, at: "handling")) ?? "").trimmingCharacters(in: .whitespaces)
        let page = req.pageNumber
        var q = AuditEntryModel.query(on: req.db)
        if !actor.isEmpty { q = q.filter(\.$actor == actor) }
        if !action.isEmpty { q = q.filter(\.$action == action) }
        let total = try await q.count()
        let fmt = ISO8601DateFormatter()
        let models = try await q.sort(\.$at, .descending).range(((page - 1) * pageSize)..<(page * pageSize)).all()
        let rows = models.map {
            Row(
                at: fmt.string(from: $0.at), actor: $0.actor, action: $0.action, entity: $0.entity, entityId: $0.entityId,
                before: $0.before, after: $0.after)
        }
        return (rows, actor, action, page, total)
    }

    struct Page: Encodable {
        let page: PageContext
        let rows: [Row]
        let actor: String
        let action: String
        let total: Int
        let pageNumber: Int
        let query: String
    }

    func page(req: Request) async throws -> Response {
        let r = try await Self.rows(req)
        if ((try? req.query.get(String.self, at: "format")) ?? "") == "csv" {
            func cell(_ s: String?) -> String { "\"" + CSVCell.safe(s ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            var csv = "tidspunkt;bruker;handling;objekt;id;før;etter\r\n"
            for row in r.rows {
                csv +=
                    [row.at, row.actor, row.action, row.entity, row.entityId, row.before, row.after].map(cell).joined(separator: ";")
                    + "\r\n"
            }
            return StatisticsRoutes.download(csv, type: "text/csv; charset=utf-8", name: "revisjonslogg.csv")
        }
        let query =
            "bruker=\(r.actor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&handling=\(r.action.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        return try await req.view.render(
            "audit/audit",
            Page(
                page: PageContext(req, title: "Revisjonslogg"), rows: r.rows, actor: r.actor, action: r.action, total: r.total,
                pageNumber: r.page,
                query: query)
        ).encodeResponse(for: req)
    }

    struct APIOut: Content {
        let total: Int
        let page: Int
        let entries: [Row]
    }

    func apiList(req: Request) async throws -> APIOut {
        let r = try await Self.rows(req)
        return APIOut(total: r.total, page: r.page, entries: r.rows)
    }
}
