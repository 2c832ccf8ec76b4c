import Fluent
import Vapor

/// `styr backup --out FILE` writes a backup of the database in use (`--db` or `DATABASE_URL`).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "Filen sikkerhetskopien skrives til")
        var out: String?
    }

    var help: String { "Tar sikkerhetskopi av hele databasen (SQLite: VACUUM INTO, PostgreSQL: pg_dump)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out, !out.isEmpty else { throw UserError(.badRequest, "Mangler --out FIL.", field: "out") }
        guard let settings = context.application.storage[SettingsKey.self] else { return }
        let kind = try await Backup.backup(settings.database, to: out)
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        printErr("Sikkerhetskopi (\(kind.rawValue)) av \(settings.databaseDescription) skrevet til \(out) (\(size / 1024) KiB).")
    }
}

/// `styr restore --in FILE` replaces the database with a backup, then migrates it to this version.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "in", help: "Sikkerhetskopien som skal leses inn")
        var input: String?
    }

    var help: String { "Gjenoppretter databasen fra en sikkerhetskopi (alt eller ingenting). Stopp serverne først." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let input = signature.input, !input.isEmpty else { throw UserError(.badRequest, "Mangler --in FIL.", field: "in") }
        let app = context.application
        guard let settings = app.storage[SettingsKey.self] else { return }
        try await Backup.restore(settings.database, from: input)
        // A backup from an older Styr gets the newer migrations.
        try await app.autoMigrate()
        try await AuditEntryModel(actor: "styr", action: "gjenopprett", entity: "database", entityId: input).create(on: app.db)
        printErr("Gjenopprettet \(settings.databaseDescription) fra \(input).")
    }
}
