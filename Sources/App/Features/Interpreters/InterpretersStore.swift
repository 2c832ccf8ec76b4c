import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

enum InterpretersStore {
    static func importFile(_ text: String, source: String, actor: String, dryRun: Bool, on db: any Database) async throws -> Int {
        let parsed: (rows: [InterpreterEntry], errors: [ImportIssue])
        do { parsed = try InterpreterCSV.parse(text) } catch let e as ImportError {
            throw UserError(.unprocessableEntity, "\(source): \(e.description)", field: "file")
        }
        guard parsed.errors.isEmpty else {
            throw UserError(
                .unprocessableEntity, "\(source): \(parsed.errors.count) rader er ugyldige; ingenting er lagret.", field: "file",
                details: parsed.errors.prefix(200).map(\.description))
        }
        if dryRun { return parsed.rows.count }
        try await db.transaction { db in
            let sql = try db.sql()
            try await sql.delete(from: "interpreter_entries").run()
            for start in stride(from: 0, to: parsed.rows.count, by: 500) {
                let rows = parsed.rows[start..<min(start + 500, parsed.rows.count)].map { e -> [any SQLExpression] in
                    [
                        SQLBind(UUID()), SQLBind(e.interpreter), SQLBind(e.gender.rawValue), SQLBind(e.language),
                        SQLBind(e.category.rawValue),
                        SQLBind(e.stateAuthorised), SQLBind(e.registered), SQLBind(e.removed),
                    ]
                }
                try await sql.insert(into: "interpreter_entries")
                    .columns("id", "interpreter", "gender", "language", "category", "state_authorised", "registered", "removed").rows(rows)
                    .run()
            }
            try await RegisterLoadModel(register: "tolkeregister", source: source, rows: parsed.rows.count, actor: actor).create(on: db)
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "tolkeregisteret", entityId: source, after: "\(parsed.rows.count) rader"
            ).create(on: db)
        }
        return parsed.rows.count
    }

    struct Row: Decodable {
        let interpreter: String
        let gender: String
        let language: String
        let category: String
        let state_authorised: Bool
        let registered: Int
        let removed: Int?
    }

    static func entries(on db: any Database) async throws -> [InterpreterEntry] {
        try await db.sql().select()
            .columns("interpreter", "gender", "language", "category", "state_authorised", "registered", "removed").from(
                "interpreter_entries"
            )
            .all(decoding: Row.self).compactMap { r in
                guard let g = Gender(rawValue: r.gender), let c = InterpreterCategory(rawValue: r.category) else { return nil }
                return InterpreterEntry(
                    interpreter: r.interpreter, gender: g, language: r.language, category: c, stateAuthorised: r.state_authorised,
                    registered: r.registered, removed: r.removed)
            }
    }
}
