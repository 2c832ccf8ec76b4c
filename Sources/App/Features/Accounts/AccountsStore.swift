import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The ledger in the database: an import replaces the rows of the same year and kind (a new
/// extract of 2021's bookings replaces the old one; the forecast is kept), all or nothing.
enum AccountsStore {
    struct Imported: Content {
        let rows: Int
        /// "2021 regnskap", "2021 prognose" …: what the file replaced.
        let replaced: [String]
        let years: [Int]
    }

    static func importLedger(_ text: String, source: String, actor: String, dryRun: Bool = false, on db: any Database) async throws
        -> Imported
    {
        let parsed: (rows: [LedgerEntry], errors: [ImportIssue])
        do { parsed = try LedgerCSV.parse(text) } catch let e as ImportError {
            throw UserError(.unprocessableEntity, "\(source): \(e.description)", field: "file")
        }
        guard parsed.errors.isEmpty else {
            throw UserError(
                .unprocessableEntity, "\(source): \(parsed.errors.count) rader er ugyldige; ingenting er lagret.", field: "file",
                details: parsed.errors.prefix(200).map(\.description))
        }
        guard !parsed.rows.isEmpty else { throw UserError(.unprocessableEntity, "\(source): filen har ingen rader.", field: "file") }
        let scope = Set(parsed.rows.map { Scope(year: $0.year, kind: $0.kind) }).sorted()
        let result = Imported(rows: parsed.rows.count, replaced: scope.map(\.label), years: Array(Set(scope.map(\.year))).sorted())
        if dryRun { return result }
        try await db.transaction { db in
            let sql = try db.sql()
            for s in scope {
                try await sql.delete(from: "ledger_entries").where("year", .equal, s.year).where("kind", .equal, s.kind.rawValue).run()
            }
            let id = UUID()
            try await sql.insert(into: "ledger_imports").columns("id", "source", "rows", "scope", "imported_at", "imported_by")
                .values(
                    SQLBind(id), SQLBind(source), SQLBind(parsed.rows.count), SQLBind(result.replaced.joined(separator: ", ")),
                    SQLBind(Date()),
                    SQLBind(actor)
                ).run()
            for start in stride(from: 0, to: parsed.rows.count, by: 500) {
                let rows = parsed.rows[start..<min(start + 500, parsed.rows.count)].map { e -> [any SQLExpression] in
                    [
                        SQLBind(UUID()), SQLBind(id), SQLBind(e.year), SQLBind(e.month), SQLBind(e.chapter), SQLBind(e.post),
                        SQLBind(e.kind.rawValue), SQLBind(Int64(e.amountOre)), SQLBind(e.text),
                    ]
                }
                try await sql.insert(into: "ledger_entries")
                    .columns("id", "import_id", "year", "month", "chapter", "post", "kind", "amount_ore", "text").rows(rows).run()
            }
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "regnskap", entityId: result.years.map(String.init).joined(separator: ","),
                after: "\(parsed.rows.count) rader fra \(source) (erstatter \(result.replaced.joined(separator: ", ")))"
            ).create(on: db)
        }
        return result
    }

    struct Scope: Hashable, Comparable {
        let year: Int
        let kind: LedgerKind
        var label: String { "\(year) \(kind.rawValue)" }
        static func < (a: Scope, b: Scope) -> Bool { (a.year, a.kind.rawValue) < (b.year, b.kind.rawValue) }
    }

    struct Row: Decodable {
        let year: Int
        let month: Int
        let chapter: Int
        let post: Int
        let kind: String
        let amount_ore: Int64
        let text: String
    }

    /// The rows of a year, plus commitments falling in later years.
    static func entries(year: Int, on db: any Database) async throws -> [LedgerEntry] {
        let sql = try db.sql()
        let rows = try await sql.select().columns("year", "month", "chapter", "post", "kind", "amount_ore", "text").from("ledger_entries")
            .where("year", .equal, year)
            .orWhere(group: { $0.where("year", .greaterThan, year).where("kind", .equal, LedgerKind.forpliktelse.rawValue) })
            .orderBy("year").orderBy("chapter").orderBy("post").orderBy("month")
            .all(decoding: Row.self)
        return rows.compactMap { r in
            LedgerKind(rawValue: r.kind).map {
                LedgerEntry(
                    year: r.year, month: r.month, chapter: r.chapter, post: r.post, amountOre: Int(r.amount_ore), kind: $0, text: r.text)
            }
        }
    }

    /// The ledger rows behind one post (for tracing a figure to its source).
    static func rows(year: Int, chapter: Int, post: Int, on db: any Database) async throws -> [LedgerEntry] {
        try await entries(year: year, on: db).filter { $0.chapter == chapter && $0.post == post }
    }

    /// The year's statement and fullmakt checks from the published letter and the ledger.
    static func evaluate(year: Int, through: Int? = nil, app: Application, on db: any Database) async throws
        -> (statement: AppropriationStatement, checks: [AuthorizationCheck])
    {
        guard let amended = try await app.steeringCache.amendedYear(year, asOf: nil, on: db), !amended.letter.budget.isEmpty else {
            throw UserError(.notFound, "Fant ingen tildeling for \(year): importer tildelingsbrevet først.", field: "year")
        }
        var previous: [PostRef: Int] = [:]
        if let last = try await app.steeringCache.amendedYear(year - 1, asOf: nil, on: db) {
            for c in last.letter.budget { for p in c.posts { previous[PostRef(c.chapter, p.post)] = p.amountNOK } }
        }
        return Fullmakter.evaluate(
            year: year, letter: amended.letter, entries: try await entries(year: year, on: db), previousAllocation: previous,
            through: through)
    }
}
