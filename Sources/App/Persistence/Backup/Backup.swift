import FluentSQLiteDriver
import Foundation

/// Whole-database backup and restore. SQLite: a consistent snapshot taken with `VACUUM INTO`
/// (safe while the server runs). PostgreSQL: a custom-format `pg_dump`. Restore is all or nothing:
/// the SQLite file is swapped in by one rename after its integrity is checked; PostgreSQL is
/// restored by `psql` in one transaction that first empties the schema.
enum Backup {
    enum Kind: String, Sendable {
        case sqlite, postgres
    }

    /// What kind of backup a file is, from its first bytes.
    static func kind(ofFile path: String) throws -> Kind {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw UserError(.notFound, "Fant ikke sikkerhetskopien \(path).", field: "in")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.starts(with: Data("SQLite format 3".utf8)) { return .sqlite }
        if head.starts(with: Data("PGDMP".utf8)) { return .postgres }
        throw UserError(
            .unprocessableEntity, "\(path) er ikke en sikkerhetskopi fra styr backup (verken SQLite-fil eller pg_dump-fil).", field: "in")
    }

    /// Writes a backup of `database` to `out`. The file appears only when it is complete.
    static func backup(_ database: Settings.Database, to out: String) async throws -> Kind {
        let target = URL(fileURLWithPath: out)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).part")
        defer { try? FileManager.default.removeItem(at: partial) }
        let kind: Kind
        switch database {
        case .sqliteFile(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw UserError(.notFound, "Fant ikke databasen \(path).", field: "db")
            }
            let connection = try await SQLiteConnection.open(storage: .file(path: path))
            do {
                _ = try await connection.query("VACUUM INTO ?", [.text(partial.path)])
                try await connection.close()
            } catch {
                try? await connection.close()
                throw UserError(.internalServerError, "Sikkerhetskopien feilet: \(error)")
            }
            kind = .sqlite
        case .sqliteMemory:
            throw UserError(.badRequest, "En database i minnet kan ikke sikkerhetskopieres.", field: "db")
        case .postgres(let url):
            let result = try tool(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--dbname=\(url)", "--file=\(partial.path)"])
            guard result.status == 0 else { throw UserError(.internalServerError, "pg_dump feilet: \(result.stderr.prefix(500))") }
            kind = .postgres
        }
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
        try FileManager.default.moveItem(at: partial, to: target)
        return kind
    }

    /// Replaces the whole database with the backup in `file`. Nothing changes if the file is
    /// damaged, of the other database kind, or not a Styr database. Stop the servers first.
    static func restore(_ database: Settings.Database, from file: String) async throws {
        let kind = try kind(ofFile: file)
        switch (database, kind) {
        case (.sqliteFile(let path), .sqlite):
            try await restoreSQLite(path: path, from: file)
        case (.postgres(let url), .postgres):
            try restorePostgres(url: url, from: file)
        case (.sqliteMemory, _):
            throw UserError(.badRequest, "Kan ikke gjenopprette til en database i minnet.", field: "db")
        case (.sqliteFile, .postgres):
            throw UserError(
                .unprocessableEntity, "Filen er en PostgreSQL-kopi (pg_dump); sett DATABASE_URL for å gjenopprette den.", field: "in")
        case (.postgres, .sqlite):
            throw UserError(.unprocessableEntity, "Filen er en SQLite-kopi; gjenopprett den med --db FIL uten DATABASE_URL.", field: "in")
        }
    }

    private static func restoreSQLite(path: String, from file: String) async throws {
        let target = URL(fileURLWithPath: path)
        let fm = FileManager.default
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staged = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).restore")
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: staged.path + suffix) } }
        try fm.copyItem(at: URL(fileURLWithPath: file), to: staged)
        try await verifySQLite(staged.path)
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
        // rename(2) replaces the old file in one step: readers see the old or the new database.
        guard rename(staged.path, path) == 0 else {
            throw UserError(
                .internalServerError, "Kunne ikke legge den gjenopprettede filen på plass (\(String(cString: strerror(errno)))).")
        }
    }

    /// The staged copy must pass SQLite's integrity check and hold Styr's migration table.
    private static func verifySQLite(_ path: String) async throws {
        let connection: SQLiteConnection
        do { connection = try await SQLiteConnection.open(storage: .file(path: path)) } catch {
            throw UserError(.unprocessableEntity, "Sikkerhetskopien kan ikke åpnes som SQLite: \(error)", field: "in")
        }
        do {
            let check = try await connection.query("PRAGMA integrity_check", [])
            let verdict = check.first?.columns.first?.data.string ?? ""
            guard verdict == "ok" else {
                throw UserError(.unprocessableEntity, "Sikkerhetskopien er skadet (integrity_check: \(verdict.prefix(200))).", field: "in")
            }
            let tables = try await connection.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'", [])
            guard !tables.isEmpty else {
                throw UserError(.unprocessableEntity, "Filen er en SQLite-database, men ikke en Styr-database.", field: "in")
            }
            try await connection.close()
        } catch let error as UserError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw UserError(.unprocessableEntity, "Sikkerhetskopien er skadet: \(error)", field: "in")
        }
    }

    private static func restorePostgres(url: String, from file: String) throws {
        let listing = try tool(["pg_restore", "--list", file])
        guard listing.status == 0 else {
            throw UserError(.unprocessableEntity, "Sikkerhetskopien er skadet: \(listing.stderr.prefix(300))", field: "in")
        }
        guard String(decoding: listing.stdout, as: UTF8.self).contains("_fluent_migrations") else {
            throw UserError(.unprocessableEntity, "Filen er en PostgreSQL-kopi, men ikke av en Styr-database.", field: "in")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("restore.sql").path
        let plain = try tool(["pg_restore", "--no-owner", "--no-acl", "--file=\(script)", file])
        guard plain.status == 0 else {
            throw UserError(.unprocessableEntity, "Sikkerhetskopien er skadet: \(plain.stderr.prefix(300))", field: "in")
        }
        // One transaction: empty the schema, then load the dump; any error rolls all of it back.
        let result = try tool([
            "psql", "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--dbname=\(url)",
            "--command=DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", "--file=\(script)",
        ])
        guard result.status == 0 else {
            throw UserError(.internalServerError, "Gjenopprettingen feilet og ble rullet tilbake: \(result.stderr.prefix(500))")
        }
    }

    private static func tool(_ arguments: [String]) throws -> ExternalTool.Output {
        do { return try ExternalTool.run(arguments) } catch {
            throw UserError(.internalServerError, "Fant ikke \(arguments[0]); installer PostgreSQL-klienten (scripts/setup.sh).")
        }
    }
}
