import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Loads the National interpreter register's extract and stores it in one transaction; a new
/// extract replaces the old one (the register is delivered whole).
struct M0012CreateInterpreterRegister: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("interpreter_entries")
            .id()
            .field("interpreter", .string, .required)
            .field("gender", .string, .required)
            .field("language", .string, .required)
            .field("category", .string, .required)
            .field("state_authorised", .bool, .required)
            .field("registered", .int, .required)
            .field("removed", .int)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("interpreter_entries").delete() }
}

enum InterpreterStore {
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

/// `styr register interpreters FILE [--dry-run]`.
struct InterpreterImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV: tolk_id;kjonn;sprak;kategori;registrert[;statsautorisert;avregistrert]")
        var file: String
        @Flag(name: "dry-run", help: "Kontroller filen uten å lagre")
        var dryRun: Bool
    }

    var help: String { "Importerer uttrekket fra Nasjonalt tolkeregister (erstatter forrige uttrekk)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let name = URL(fileURLWithPath: signature.file).lastPathComponent
        let n = try await InterpreterStore.importFile(
            try readTextFile(signature.file), source: name, actor: "styr register interpreters", dryRun: signature.dryRun,
            on: context.application.db)
        printErr("\(signature.dryRun ? "Kontrollert" : "Lagret") \(n) rader fra \(name).")
    }
}
