import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The artskonto lines of the annual accounts: imported per year from the accounting system,
/// read back as the statement and notes 1–8 of the annual report's part VI.
enum ArtskontoStore {
    /// A row of `artskonto_lines`.
    struct LineRow: StoredRow {
        static let table = "artskonto_lines"
        var id = UUID()
        var importId: UUID
        var year: Int
        var note: String
        var groupKey: String
        var text: String
        var amountOre: Int64
        var position: Int
    }

    /// Reads a file of artskonto lines and replaces the years it holds, all or nothing.
    static func importFile(_ text: String, source: String, actor: String, dryRun: Bool = false, on db: any Database) async throws
        -> AccountsStore.Imported
    {
        let lines = try AccountsStore.rowsOrRefusal(source) { try ArtskontoCSV.parse(text) }
        let years = Array(Set(lines.map(\.year))).sorted()
        let result = AccountsStore.Imported(rows: lines.count, replaced: years.map { "\($0) artskonto" }, years: years)
        if dryRun { return result }
        try await db.transaction { db in
            let sql = try db.sql()
            try await sql.delete(from: LineRow.table).where("year", .in, years).run()
            let load = AccountsStore.ImportRow(
                source: source, rows: lines.count, scope: result.replaced.joined(separator: ", "), importedAt: Date(),
                importedBy: actor)
            try await sql.insert([load])
            let rows = lines.map {
                LineRow(
                    importId: load.id, year: $0.year, note: $0.note, groupKey: $0.group, text: $0.text, amountOre: Int64($0.amountOre),
                    position: $0.position)
            }
            for start in stride(from: 0, to: rows.count, by: 500) {
                try await sql.insert(Array(rows[start..<min(start + 500, rows.count)]))
            }
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "artskonto", entityId: years.map(String.init).joined(separator: ","),
                after: "\(lines.count) rader fra \(source)"
            ).create(on: db)
        }
        return result
    }

    /// The statement of `year` beside the year before; nil when the year has no lines.
    static func statement(year: Int, on db: any Database) async throws -> ArtskontoStatement? {
        let rows = try await db.sql().select(LineRow.self).where("year", .in, [year - 1, year]).rows(LineRow.self)
        let lines = rows.map {
            ArtskontoLine(
                year: $0.year, note: $0.note, group: $0.groupKey, text: $0.text, amountOre: Int($0.amountOre), position: $0.position)
        }
        return ArtskontoStatement.build(lines, year: year)
    }
}

extension AccountsStore {
    /// A file from the accounting system: artskonto lines when its header names `note` and
    /// `linje`, the ledger per chapter and post otherwise.
    static func importFile(_ text: String, source: String, actor: String, dryRun: Bool = false, on db: any Database) async throws
        -> Imported
    {
        let header = text.prefix { $0 != "\n" && $0 != "\r" }
        return ArtskontoCSV.matches(header: String(header))
            ? try await ArtskontoStore.importFile(text, source: source, actor: actor, dryRun: dryRun, on: db)
            : try await importLedger(text, source: source, actor: actor, dryRun: dryRun, on: db)
    }
}
