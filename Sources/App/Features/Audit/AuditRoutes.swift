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

    /// Every entry that matches the filter, oldest first, written to the response in batches of
    /// `exportBatch` rows: the whole log, never held in memory at once.
    static let exportBatch = 1000

    static func csvCell(_ s: String?) -> String { "\"" + CSVCell.safe(s ?? "").replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func csvExport(_ req: Request) -> Response {
        let actor = ((try? req.query.get(String.self, at: "bruker")) ?? "").trimmingCharacters(in: .whitespaces)
        let action = ((try? req.query.get(String.self, at: "handling")) ?? "").trimmingCharacters(in: .whitespaces)
        let db = req.db
        let body = Response.Body(asyncStream: { writer in
            do {
                try await writer.writeBuffer(ByteBuffer(string: "tidspunkt;bruker;handling;objekt;id;før;etter\r\n"))
                let fmt = ISO8601DateFormatter()
                var offset = 0
                while true {
                    var q = AuditEntryModel.query(on: db)
                    if !actor.isEmpty { q = q.filter(\.$actor == actor) }
                    if !action.isEmpty { q = q.filter(\.$action == action) }
                    let batch = try await q.sort(\.$at, .ascending).sort(\.$id, .ascending).range(offset..<(offset + exportBatch)).all()
                    var csv = ""
                    for m in batch {
                        csv +=
                            [fmt.string(from: m.at), m.actor, m.action, m.entity, m.entityId, m.before, m.after].map(Self.csvCell).joined(
                                separator: ";") + "\r\n"
                    }
                    if !csv.isEmpty { try await writer.writeBuffer(ByteBuffer(string: csv)) }
                    if batch.count < exportBatch { break }
                    offset += exportBatch
                }
                try await writer.write(.end)
            } catch {
                try? await writer.write(.error(error))
            }
        })
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"revisjonslogg.csv\"")
        return Response(status: .ok, headers: headers, body: body)
    }

    func page(req: Request) async throws -> Response {
        if ((try? req.query.get(String.self, at: "format")) ?? "") == "csv" { return Self.csvExport(req) }
        let r = try await Self.rows(req)
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
