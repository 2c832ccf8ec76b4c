import Fluent
import SQLKit
import StyrCore
import Vapor

/// Reading and saving single requests and decisions (the yearly import is `upsert(requests:)`).
extension SettlementStore {
    static func requests(year: Int, kommune: String? = nil, on db: any Database) async throws -> [MunicipalRequest] {
        let sql = try db.sql()
        var q = sql.select().columns(
            "year", "kommune", "requested", "requested_minors", "decided", "decided_minors", "county_recommendation"
        ).from("settlement_requests").where("year", .equal, year)
        if let kommune { q = q.where("kommune", .equal, kommune) }
        return try await q.orderBy("kommune").all(decoding: RequestRow.self).map(\.request)
    }

    /// Years that have requests, newest first.
    static func requestYears(on db: any Database) async throws -> [Int] {
        let sql = try db.sql()
        struct Row: Decodable { let year: Int }
        return try await sql.select().distinct().column("year").from("settlement_requests").orderBy("year", .descending)
            .all(decoding: Row.self).map(\.year)
    }

    /// Parses a requests file and stores it only if every row is valid (`dryRun`: checks only).
    /// Returns the number of rows; a bad file is a 422 listing every bad row.
    static func importRequests(_ text: String, geography: Geography, actor: String, dryRun: Bool = false, on db: any Database)
        async throws -> Int
    {
        let parsed: (rows: [MunicipalRequest], errors: [ImportIssue])
        do { parsed = try RequestsCSV.parse(text, geography: geography) } catch let e as ImportError {
            throw UserError(.unprocessableEntity, e.description, field: "file")
        }
        guard parsed.errors.isEmpty else {
            throw UserError(
                .unprocessableEntity, "\(parsed.errors.count) rader er ugyldige; ingenting er lagret.", field: "file",
                details: parsed.errors.map(\.description))
        }
        if !dryRun { try await upsert(requests: parsed.rows, source: "anmodninger (\(parsed.rows.count) rader)", actor: actor, on: db) }
        return parsed.rows.count
    }

    /// Replaces one request, records the load (freshness) and the change (audit), all or nothing.
    static func save(_ r: MunicipalRequest, before: MunicipalRequest?, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            let sql = try db.sql()
            try await sql.delete(from: "settlement_requests").where("year", .equal, r.year).where("kommune", .equal, r.kommune).run()
            try await insert([r], on: sql)
            try await RegisterLoadModel(register: "bosetting", source: "endring av anmodning/vedtak", rows: 1, actor: actor).create(on: db)
            try await AuditEntryModel(
                actor: actor, action: before == nil ? "ny anmodning" : "endre anmodning/vedtak", entity: "anmodninger og vedtak",
                entityId: "\(r.year)/\(r.kommune)", before: before.map(summary), after: summary(r)
            ).create(on: db)
        }
    }

    static func summary(_ r: MunicipalRequest) -> String {
        "anmodet \(r.requested) (em \(r.requestedMinors)), vedtak \(r.decided.map(String.init) ?? "-") (em \(r.decidedMinors.map(String.init) ?? "-")), fylkets anbefaling \(r.countyRecommendation.map(String.init) ?? "-")"
    }
}

extension SettlementStore.RequestRow {
    var request: MunicipalRequest {
        MunicipalRequest(
            year: year, kommune: kommune, requested: requested, requestedMinors: requestedMinors, decided: decided,
            decidedMinors: decidedMinors, countyRecommendation: countyRecommendation)
    }
}
