import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

enum QualificationStore {
    struct Row: Decodable {
        let kind: String
        let content: String
    }

    /// Every register besides settlement, parsed from the stored extracts (the interpreter
    /// entries from their own table).
    static func load(geography: Geography, on db: any Database) async throws -> QualificationRegisters {
        var registers = try await load(ExtractKind.allCases, into: QualificationRegisters(), geography: geography, on: db)
        registers.interpreters = try await InterpretersStore.entries(on: db)
        return registers
    }

    /// Reads the stored extracts of `kinds` into `registers` (each replacing what it held).
    static func load(_ kinds: [ExtractKind], into registers: QualificationRegisters, geography: Geography, on db: any Database)
        async throws -> QualificationRegisters
    {
        var registers = registers
        guard !kinds.isEmpty else { return registers }  // PostgreSQL refuses an empty IN ().
        for kind in kinds { registers.clear(kind) }
        let rows = try await db.sql().select().columns("kind", "content").from("register_extracts")
            .where("kind", .in, kinds.map(\.rawValue)).all(decoding: Row.self)
        for row in rows {
            guard let kind = ExtractKind(rawValue: row.kind) else { continue }
            // Stored extracts were validated on the way in; a row that no longer reads is a bug.
            let loaded = try registers.load(kind, text: row.content, geography: geography)
            if !loaded.errors.isEmpty {
                throw UserError(.internalServerError, "Det lagrede uttrekket \(kind.rawValue) kan ikke leses: \(loaded.errors[0])")
            }
        }
        return registers
    }

    struct Summary: Content {
        let kind: String
        let rows: Int
        let total: Int
        let dryRun: Bool
    }

    /// Checks a file of `kind` and merges it into the stored extract (a year's rows replace that
    /// year; person registers are replaced whole). A file with any bad row stores nothing.
    /// `pseudonymizer` turns identity numbers in the mapping interviews into the settlement
    /// register's pseudonyms (without it such rows are refused).
    static func importFile(
        _ kind: ExtractKind, text: String, source: String, actor: String, dryRun: Bool, geography: Geography,
        pseudonymizer: Pseudonymizer? = nil, on db: any Database
    ) async throws -> Summary {
        try await db.transaction { db in
            var registers = QualificationRegisters()
            // Person registers are delivered whole: the stored extract is not read to be replaced.
            if !kind.replacedWhole,
                let stored = try await db.sql().select().columns("kind", "content").from("register_extracts")
                    .where("kind", .equal, kind.rawValue).first(decoding: Row.self)
            {
                _ = try registers.load(kind, text: stored.content, geography: geography)
            }
            let result: (rows: Int, errors: [ImportIssue])
            do {
                result = try registers.load(
                    kind, text: text, geography: geography, pseudonym: pseudonymizer.map { p in { p.pseudonym($0) } })
            } catch let e as ImportError {
                throw UserError(.unprocessableEntity, "\(source): \(e.description)", field: "file")
            }
            guard result.errors.isEmpty else {
                throw UserError(
                    .unprocessableEntity, "\(source): \(result.errors.count) rader er ugyldige; ingenting er lagret.", field: "file",
                    details: result.errors.prefix(200).map(\.description))
            }
            if dryRun { return Summary(kind: kind.rawValue, rows: result.rows, total: registers.count(kind), dryRun: true) }
            return try await store(kind, registers, read: result.rows, source: source, actor: actor, on: db)
        }
    }

    /// Writes the register `kind` of `registers` as its stored extract, with a load record and an
    /// audit entry (inside the caller's transaction).
    static func store(
        _ kind: ExtractKind, _ registers: QualificationRegisters, read: Int, source: String, actor: String, on db: any Database
    ) async throws -> Summary {
        let total = registers.count(kind)
        let sql = try db.sql()
        try await sql.delete(from: "register_extracts").where("kind", .equal, kind.rawValue).run()
        try await sql.insert(into: "register_extracts").columns("kind", "source", "rows", "content", "loaded_at")
            .values(SQLBind(kind.rawValue), SQLBind(source), SQLBind(total), SQLBind(registers.csv(kind)), SQLBind(Date())).run()
        try await RegisterLoadModel(register: kind.rawValue, source: source, rows: total, actor: actor).create(on: db)
        try await AuditEntryModel(
            actor: actor, action: "import", entity: kind.rawValue, entityId: source, after: "\(read) rader lest, \(total) i registeret"
        ).create(on: db)
        return Summary(kind: kind.rawValue, rows: read, total: total, dryRun: false)
    }

    struct Loaded: Content {
        let kind: String
        let label: String
        let personal: Bool
        let rows: Int
        let source: String?
        let loadedAt: String?
        let columns: [String]
    }

    /// What each register holds and when it was last loaded.
    static func overview(on db: any Database) async throws -> [Loaded] {
        struct Meta: Decodable {
            let kind: String
            let source: String
            let rows: Int
            let loadedAt: Date

            /// The JSON and column names stay snake_case (the command contract).
            enum CodingKeys: String, CodingKey {
                case kind
                case source
                case rows
                case loadedAt = "loaded_at"
            }
        }
        let meta = try await db.sql().select().columns("kind", "source", "rows", "loaded_at").from("register_extracts")
            .all(decoding: Meta.self)
        return ExtractKind.allCases.map { k in
            let m = meta.first { $0.kind == k.rawValue }
            return Loaded(
                kind: k.rawValue, label: k.label, personal: k.personal, rows: m?.rows ?? 0, source: m?.source,
                loadedAt: m.map { Clock.stamp($0.loadedAt) }, columns: k.columns)
        }
    }

    /// Fills every register with the demo data (through the importer, like a real delivery).
    static func fillDemo(_ app: Application, seed: Int, scale: Double = 1) async throws {
        var generated = QualificationDemo.generate(seed: UInt64(seed), geography: app.geography, scale: scale)
        // Mapping interviews for part of the households that became ready in the register's last year.
        let persons = try await SettlementStore.load(on: app.db).persons
        if let last = persons.compactMap({ $0.readyDay }).max() {
            let year = CivilDate(dayNumber: last).year
            generated.interviews = MappingInterviewDemo.generate(
                persons: persons, codes: app.geography.division(for: year).municipalities.map(\.code), seed: UInt64(seed),
                fromDay: CivilDate(year: year, month: 1, day: 1)!.dayNumber)
        }
        let demo = generated
        for kind in ExtractKind.allCases {
            let source = "demo-\(kind.rawValue).csv"
            let actor = "styr demo-data"
            // A register delivered whole is stored as generated (its rows are valid by construction,
            // and writing 287 000 NIR rows out to read them back costs seconds); the others go through
            // the importer, which keeps the years the demo does not cover.
            let s =
                kind.replacedWhole
                ? try await app.db.transaction { db in
                    try await store(kind, demo, read: demo.count(kind), source: source, actor: actor, on: db)
                }
                : try await importFile(
                    kind, text: demo.csv(kind), source: source, actor: actor, dryRun: false, geography: app.geography, on: app.db)
            printErr("\(kind.label): \(s.total) rader")
        }
    }
}
