import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The national interpreter register: the extract is delivered whole and replaces the stored one in
/// one transaction.
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
            try await sql.delete(from: Row.table).run()
            let rows = parsed.rows.map(Row.init)
            for start in stride(from: 0, to: rows.count, by: 500) {
                try await sql.insert(Array(rows[start..<min(start + 500, rows.count)]))
            }
            try await RegisterLoadModel(register: "tolkeregister", source: source, rows: parsed.rows.count, actor: actor).create(on: db)
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "tolkeregisteret", entityId: source, after: "\(parsed.rows.count) rader"
            ).create(on: db)
        }
        return parsed.rows.count
    }

    /// A row of `interpreter_entries`.
    struct Row: StoredRow {
        static let table = "interpreter_entries"
        var id = UUID()
        var interpreter: String
        var gender: String
        var language: String
        var category: String
        var stateAuthorised: Bool
        var registered: Int
        var removed: Int?

        init(_ e: InterpreterEntry) {
            (interpreter, gender, language, category) = (e.interpreter, e.gender.rawValue, e.language, e.category.rawValue)
            (stateAuthorised, registered, removed) = (e.stateAuthorised, e.registered, e.removed)
        }
    }

    static func entries(on db: any Database) async throws -> [InterpreterEntry] {
        try await db.sql().select(Row.self).rows(Row.self).compactMap { r in
            guard let g = Gender(rawValue: r.gender), let c = InterpreterCategory(rawValue: r.category) else { return nil }
            return InterpreterEntry(
                interpreter: r.interpreter, gender: g, language: r.language, category: c, stateAuthorised: r.stateAuthorised,
                registered: r.registered, removed: r.removed)
        }
    }
}
