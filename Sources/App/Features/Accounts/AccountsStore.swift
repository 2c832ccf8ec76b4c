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
        let entries = try rowsOrRefusal(source) { try LedgerCSV.parse(text) }
        let scope = Set(entries.map { Scope(year: $0.year, kind: $0.kind) }).sorted()
        let result = Imported(rows: entries.count, replaced: scope.map(\.label), years: Array(Set(scope.map(\.year))).sorted())
        if dryRun { return result }
        try await db.transaction { db in
            let sql = try db.sql()
            for s in scope {
                try await sql.delete(from: EntryRow.table).where("year", .equal, s.year).where("kind", .equal, s.kind.rawValue).run()
            }
            let load = ImportRow(
                source: source, rows: entries.count, scope: result.replaced.joined(separator: ", "), importedAt: Date(),
                importedBy: actor)
            try await sql.insert([load])
            let rows = entries.map { EntryRow($0, importId: load.id) }
            for start in stride(from: 0, to: rows.count, by: 500) {
                try await sql.insert(Array(rows[start..<min(start + 500, rows.count)]))
            }
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "regnskap", entityId: result.years.map(String.init).joined(separator: ","),
                after: "\(entries.count) rader fra \(source) (erstatter \(result.replaced.joined(separator: ", ")))"
            ).create(on: db)
        }
        return result
    }

    /// The rows of a file from the accounting system, or the refusal of all of it: one bad row
    /// names every bad row with its line, and nothing is stored; an empty file is refused.
    static func rowsOrRefusal<Row>(_ source: String, parse: () throws -> (rows: [Row], errors: [ImportIssue])) throws -> [Row] {
        let parsed: (rows: [Row], errors: [ImportIssue])
        do { parsed = try parse() } catch let e as ImportError {
            throw UserError(.unprocessableEntity, "\(source): \(e.description)", field: "file")
        }
        guard parsed.errors.isEmpty else {
            throw UserError(
                .unprocessableEntity, "\(source): \(parsed.errors.count) rader er ugyldige; ingenting er lagret.", field: "file",
                details: parsed.errors.prefix(200).map(\.description))
        }
        guard !parsed.rows.isEmpty else { throw UserError(.unprocessableEntity, "\(source): filen har ingen rader.", field: "file") }
        return parsed.rows
    }

    struct Scope: Hashable, Comparable {
        let year: Int
        let kind: LedgerKind
        var label: String { "\(year) \(kind.rawValue)" }
        static func < (a: Scope, b: Scope) -> Bool { (a.year, a.kind.rawValue) < (b.year, b.kind.rawValue) }
    }

    /// A row of `ledger_imports`: one loaded file.
    struct ImportRow: StoredRow {
        static let table = "ledger_imports"
        var id = UUID()
        var source: String
        var rows: Int
        var scope: String
        var importedAt: Date
        var importedBy: String
    }

    /// A row of `ledger_entries`.
    struct EntryRow: StoredRow {
        static let table = "ledger_entries"
        var id = UUID()
        var importId: UUID
        var year: Int
        var month: Int
        var chapter: Int
        var post: Int
        var kind: String
        var amountOre: Int64
        var text: String

        init(_ e: LedgerEntry, importId: UUID) {
            (self.importId, year, month, chapter, post) = (importId, e.year, e.month, e.chapter, e.post)
            (kind, amountOre, text) = (e.kind.rawValue, Int64(e.amountOre), e.text)
        }
    }

    /// The rows of a year, plus commitments falling in later years.
    static func entries(year: Int, on db: any Database) async throws -> [LedgerEntry] {
        let sql = try db.sql()
        let rows = try await sql.select(EntryRow.self).where("year", .equal, year)
            .orWhere(group: { $0.where("year", .greaterThan, year).where("kind", .equal, LedgerKind.forpliktelse.rawValue) })
            .orderBy("year").orderBy("chapter").orderBy("post").orderBy("month")
            .rows(EntryRow.self)
        return rows.compactMap { r in
            LedgerKind(rawValue: r.kind).map {
                LedgerEntry(
                    year: r.year, month: r.month, chapter: r.chapter, post: r.post, amountOre: Int(r.amountOre), kind: $0, text: r.text)
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
        let amended = try await app.steeringCache.amendedYear(year, asOf: nil, on: db)
        let entries = try await entries(year: year, on: db)
        guard let chosen = AllocationFromAccounts.letter(stored: amended?.letter, entries: entries, year: year) else {
            throw UserError(
                .notFound,
                "Fant ingen tildeling for \(year): importer tildelingsbrevet, eller regnskapet med årets tildeling per post (art tildeling).",
                field: "year")
        }
        var previous: [PostRef: Int] = [:]
        if let last = try await app.steeringCache.amendedYear(year - 1, asOf: nil, on: db) {
            for c in last.letter.budget { for p in c.posts { previous[PostRef(c.chapter, p.post)] = p.amountNOK } }
        }
        return Fullmakter.evaluate(
            year: year, letter: chosen.letter, entries: entries, previousAllocation: previous, through: through, source: chosen.source)
    }
}
