import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Runs the `styr` command line: `--db PATH` is taken out before Vapor sees the arguments;
/// migrations run automatically for every command that uses the database. A dry run or a help
/// text writes nothing: without an existing database file it reads an empty one in memory, and no
/// pseudonym key file is made. Log lines go to stderr, so that stdout holds only the command's
/// data (`--json`).
public enum StyrMain {
    public static func run(arguments: [String]) async -> Int32 {
        var args = arguments
        var dbPath: String?
        if let i = args.firstIndex(of: "--db"), i + 1 < args.count {
            dbPath = args[i + 1]
            args.removeSubrange(i...(i + 1))
        }
        let command = args.count > 1 ? args[1] : "serve"
        // Commands other than serve keep stderr for their own progress: only warnings are logged.
        if command != "serve" && !args.contains("--log") && ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil {
            args += ["--log", "warning"]
        }
        var settings = Settings.fromEnvironment(dbPath: dbPath)
        let writesNothing = args.contains("--dry-run") || args.contains("--help") || args.contains("-h") || command == "help"
        if writesNothing {
            settings.keepsPseudonymKey = false
            if case .sqliteFile(let p) = settings.database, !FileManager.default.fileExists(atPath: p) {
                settings.database = .sqliteMemory
            }
        }
        if !["serve", "--help", "-h", "help"].contains(command) && !args.contains("--help") {
            // Say which database a command reads and writes, above all when none was named.
            printErr("Styr bruker \(settings.databaseDescription)\(dbPath == nil ? " (ingen --db oppgitt)" : "").")
        }
        if command == "serve" || command == "demo", case .sqliteFile(let p) = settings.database {
            let dir = URL(fileURLWithPath: p).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if command == "demo" {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + suffix) }
            }
        }
        do {
            var env = try Environment.detect(arguments: args)
            if command == "serve" {
                try LoggingSystem.bootstrap(from: &env)
            } else {
                try LoggingSystem.bootstrap(from: &env) { level in
                    { label in
                        var handler = StreamLogHandler.standardError(label: label)
                        handler.logLevel = level
                        return handler
                    }
                }
            }
            let app = try await Application.make(env)
            do {
                try await configure(app, settings: settings)
                if !["routes", "migrate", "restore", "backup", "--help", "-h"].contains(command) {
                    if command == "demo", case .postgres = settings.database { try await app.autoRevert() }
                    try await app.autoMigrate()
                    if !writesNothing { try await useWriteAheadLog(app, settings: settings) }
                }
                if command == "serve" { printErr("Styr bruker \(settings.databaseDescription).") }
                try await app.execute()
                try await app.asyncShutdown()
                return 0
            } catch {
                printErr("Feil: \(describe(error))")
                try? await app.asyncShutdown()
                return 1
            }
        } catch {
            printErr("Feil: \(describe(error))")
            return 1
        }
    }

    /// SQLite in write-ahead-log mode: readers never wait for the writer and the writer never waits
    /// for readers (the setting is kept in the file). Commits stay durable.
    static func useWriteAheadLog(_ app: Application, settings: Settings) async throws {
        guard case .sqliteFile = settings.database, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let e as UserError: ([e.reason] + e.details.prefix(50).map { "  - \($0)" }).joined(separator: "\n")
        case let e as ImportError: e.description
        default: String(describing: error)
        }
    }
}
