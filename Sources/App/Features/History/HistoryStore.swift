import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Stores imported history: a new download of the same table (same measures and levels, sharing
/// years) becomes the active version; the earlier one is kept (inactive) and the difference is
/// reported. The same table for other years only stays in use beside it.
enum HistoryStore {
    struct Saved: Content {
        let id: UUID
        let identity: String
        let figures: Int
        let years: [Int]
        let measures: [String]
        let levels: [String]
        let replaced: HistoryDiff?
        let warnings: [String]
        /// Problems of the lines left out under --skip-invalid (every one).
        var skipped: [String] = []
        /// National figures compared with the annual report's, per measure and year.
        var published: [HistoryPublishedCheck] = []
    }

    /// What reading (and, unless a dry run, saving) a file gave.
    struct Imported: Content {
        let summary: String
        let format: String
        let figures: Int
        let years: [Int]
        let measures: [String]
        let warnings: [String]
        let saved: Saved?
        /// Problems of the lines left out under --skip-invalid (every one).
        var skipped: [String] = []
        /// Given national and county totals that disagree with the municipalities, per year.
        var totals: [HistoryTotalMismatch] = []
        /// National figures compared with the annual report's (the seeds), per measure and year.
        var published: [HistoryPublishedCheck] = []
    }

    /// Reads a published file (format detected unless given) and saves it as the table's new
    /// active version. A bad file throws a `UserError` whose details name every bad row and
    /// column; nothing is stored then.
    static func importFile(
        _ text: String, name: String, format: String?, dryRun: Bool, skipInvalid: Bool = false, actor: String, geography: Geography,
        on db: any Database
    ) async throws -> Imported {
        var forced: HistoryFormat?
        if let f = format, !f.isEmpty {
            guard let known = HistoryFormat(rawValue: f) else {
                throw UserError(.badRequest, "Ukjent format «\(f)»; \(HistoryImport.formatHelp).", field: "format")
            }
            forced = known
        }
        let table: HistoryTable
        do {
            table = try HistoryImport.parse(text, format: forced, geography: geography, title: name, skipInvalid: skipInvalid)
        } catch let e as HistoryFileError {
            var error = UserError(.unprocessableEntity, "\(name): \(e.issues.count) feil; ingenting er lagret.", field: "file")
            // Every bad cell, never only the first few.
            error.details = e.issues.map(\.description)
            throw error
        }
        let levels = Set(table.figures.map(\.level.rawValue)).sorted().joined(separator: ", ")
        let summary =
            "\(name): \(table.format.rawValue), \(table.figures.count) tall, år \(table.years.first.map(String.init) ?? "–")–\(table.years.last.map(String.init) ?? "–"), nivå \(levels), mål \(table.measures.keys.sorted().joined(separator: ", "))."
        var saved = dryRun ? nil : try await save(table, source: name, actor: actor, on: db)
        saved?.skipped = table.skipped.map(\.description)
        saved?.published = table.published
        let skipped = table.skipped.isEmpty ? "" : " \(table.skipped.count) feil i linjer som er hoppet over."
        return Imported(
            summary: summary + skipped, format: table.format.rawValue, figures: table.figures.count, years: table.years,
            measures: table.measures.keys.sorted(), warnings: table.warnings, saved: saved, skipped: table.skipped.map(\.description),
            totals: table.totals, published: table.published)
    }

    static func save(_ table: HistoryTable, source: String, actor: String, on db: any Database) async throws -> Saved {
        try await db.transaction { db in
            let sql = try db.sql()
            struct Prev: Decodable { let id: UUID }
            let previous = try await sql.select().column("id").from("history_imports")
                .where("identity", .in, SQLBind.group([table.identity, table.legacyIdentity]))
                .where("active", .equal, true).all(decoding: Prev.self)
            // The same table replaces the active versions whose years it shares; one of other years
            // only (the 2020 table beside the one for 2011–2013) is another period, kept in use.
            let years = Set(table.years)
            var replaced: [HistoryFigure] = []
            var diff: HistoryDiff?
            for p in previous {
                let old = try await figures(importID: p.id, on: sql)
                guard !years.isDisjoint(with: old.map(\.year)) else { continue }
                replaced += old
                diff = HistoryDiff(old: replaced, new: table.figures)
                try await sql.update("history_imports").set("active", to: false).where("id", .equal, p.id).run()
            }
            let id = UUID()
            // "id=label", a tab and the unit when it has one.
            let measures: String = table.measures.sorted { $0.key < $1.key }.map { m -> String in
                let unit = table.units[m.key] ?? ""
                return "\(m.key)=\(m.value)" + (unit.isEmpty ? "" : "\t\(unit)")
            }.joined(separator: "\n")
            try await sql.insert(into: "history_imports")
                .columns(
                    "id", "identity", "format", "title", "source", "measures", "imported_at", "imported_by", "active", "skipped"
                )
                .values(
                    SQLBind(id), SQLBind(table.identity), SQLBind(table.format.rawValue), SQLBind(table.title), SQLBind(source),
                    SQLBind(measures), SQLBind(Date()), SQLBind(actor), SQLBind(true),
                    // The lines --skip-invalid left out, one problem a line.
                    SQLBind(table.skipped.map(\.description).joined(separator: "\n"))
                ).run()
            for start in stride(from: 0, to: table.figures.count, by: 500) {
                let rows = table.figures[start..<min(start + 500, table.figures.count)].map { f -> [any SQLExpression] in
                    [
                        SQLBind(UUID()), SQLBind(id), SQLBind(f.measure), SQLBind(f.year), SQLBind(f.level.rawValue), SQLBind(f.code),
                        SQLBind(f.name), SQLBind(f.value), SQLBind(f.status.rawValue),
                    ]
                }
                try await sql.insert(into: "history_figures")
                    .columns("id", "import_id", "measure", "year", "level", "code", "name", "value", "status").rows(rows).run()
            }
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "publisert statistikk", entityId: table.identity,
                after: "\(table.figures.count) tall fra \(source)"
            ).create(on: db)
            return Saved(
                id: id, identity: table.identity, figures: table.figures.count, years: table.years, measures: table.measures.keys.sorted(),
                levels: Set(table.figures.map(\.level.rawValue)).sorted(), replaced: diff, warnings: table.warnings)
        }
    }

    struct FigureRow: Decodable {
        let measure: String
        let year: Int
        let level: String
        let code: String
        let name: String
        let value: Double?
        let status: String
        var figure: HistoryFigure {
            HistoryFigure(
                measure: measure, year: year, level: HistoryLevel(rawValue: level) ?? .municipality, code: code, name: name,
                value: value, status: HistoryStatus(rawValue: status) ?? .exact)
        }
    }

    static func figures(importID: UUID, on sql: any SQLDatabase) async throws -> [HistoryFigure] {
        try await sql.select().columns("measure", "year", "level", "code", "name", "value", "status").from("history_figures")
            .where("import_id", .equal, importID).all(decoding: FigureRow.self).map(\.figure)
    }

    /// The active figures for a year (all measures), each with its source line.
    static func active(year: Int, on db: any Database) async throws -> [SourcedFigure] {
        try await active(years: [year], on: db)
    }

    /// The active figures for some years (all measures), each with its source line.
    static func active(years: [Int], on db: any Database) async throws -> [SourcedFigure] {
        guard !years.isEmpty else { return [] }
        let sql = try db.sql()
        struct Source: Decodable {
            let title: String
            let source: String
            let imported_at: Date
        }
        let rows = try await sql.select()
            .columns(
                SQLColumn("measure", table: "f"), SQLColumn("year", table: "f"), SQLColumn("level", table: "f"),
                SQLColumn("code", table: "f"), SQLColumn("name", table: "f"), SQLColumn("value", table: "f"),
                SQLColumn("status", table: "f"), SQLColumn("title", table: "i"), SQLColumn("source", table: "i"),
                SQLColumn("imported_at", table: "i")
            )
            .from(SQLAlias(SQLIdentifier("history_figures"), as: SQLIdentifier("f")))
            .join(
                SQLAlias(SQLIdentifier("history_imports"), as: SQLIdentifier("i")), on: SQLColumn("import_id", table: "f"), .equal,
                SQLColumn("id", table: "i")
            )
            .where(SQLColumn("active", table: "i"), .equal, SQLBind(true)).where(SQLColumn("year", table: "f"), .in, SQLBind.group(years))
            .all()
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "Europe/Oslo")
        return try rows.map { row in
            let figure = try row.decode(model: FigureRow.self).figure
            let r = try row.decode(model: Source.self)
            let label = r.title.isEmpty ? r.source : r.title
            return SourcedFigure(figure, source: "\(label) (importert \(day.string(from: r.imported_at)))")
        }
    }

    /// One measure of the active imports: `styr history measures --json`.
    struct MeasureInfo: Content, Equatable {
        let id: String
        let label: String
        let unit: String
        let years: [Int]
    }

    /// The measures of the active imports with their label, unit and years, by id.
    static func measures(on db: any Database) async throws -> [MeasureInfo] {
        let sql = try db.sql()
        struct Import: Decodable { let measures: String }
        var labels: [String: (label: String, unit: String)] = [:]
        for i in try await sql.select().column("measures").from("history_imports").where("active", .equal, true).all(decoding: Import.self)
        {
            for line in i.measures.split(separator: "\n") {
                guard let eq = line.firstIndex(of: "=") else { continue }
                let id = String(line[..<eq])
                let rest = line[line.index(after: eq)...].split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                let label = String(rest.first ?? "")
                let unit = rest.count > 1 ? String(rest[1]) : ""
                if labels[id] == nil || labels[id]?.unit == "" { labels[id] = (label, unit) }
            }
        }
        struct MY: Decodable {
            let measure: String
            let year: Int
        }
        let rows = try await sql.raw(
            "SELECT DISTINCT f.measure AS measure, f.year AS year FROM history_figures f JOIN history_imports i ON f.import_id = i.id WHERE i.active = \(bind: true)"
        ).all(decoding: MY.self)
        var years: [String: Set<Int>] = [:]
        for r in rows { years[r.measure, default: []].insert(r.year) }
        return years.keys.sorted().map { id in
            MeasureInfo(id: id, label: labels[id]?.label ?? id, unit: labels[id]?.unit ?? "", years: years[id]!.sorted())
        }
    }

    /// The years that have active imported figures, ascending.
    static func years(on db: any Database) async throws -> [Int] {
        let sql = try db.sql()
        struct Y: Decodable { let year: Int }
        return try await sql.raw(
            "SELECT DISTINCT f.year AS year FROM history_figures f JOIN history_imports i ON f.import_id = i.id WHERE i.active = \(bind: true) ORDER BY f.year"
        ).all(decoding: Y.self).map(\.year)
    }

    /// One imported table version, for the history page.
    struct ImportSummary: Decodable, Encodable {
        let id: UUID
        let title: String
        let source: String
        let format: String
        let imported_at: Date
        let imported_by: String
        let active: Bool
        let figures: Int
        /// The problems of the lines left out under --skip-invalid, one a line (nil before M0023).
        let skipped: String?
    }

    /// Every imported version, newest first, with its figure count.
    static func imports(on db: any Database) async throws -> [ImportSummary] {
        let sql = try db.sql()
        return try await sql.raw(
            """
            SELECT i.id AS id, i.title AS title, i.source AS source, i.format AS format, i.imported_at AS imported_at,
            i.imported_by AS imported_by, i.active AS active, COUNT(f.id) AS figures, i.skipped AS skipped
            FROM history_imports i LEFT JOIN history_figures f ON f.import_id = i.id
            GROUP BY i.id, i.title, i.source, i.format, i.imported_at, i.imported_by, i.active, i.skipped ORDER BY i.imported_at DESC
            """
        ).all(decoding: ImportSummary.self)
    }
}
