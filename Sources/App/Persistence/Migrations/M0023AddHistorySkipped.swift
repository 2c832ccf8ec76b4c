import Fluent

/// An imported history table keeps the lines `--skip-invalid` left out, one problem a line
/// ("linje 12: kolonne «…»: …"), so the history page can show them with the version.
struct M0023AddHistorySkipped: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("history_imports").field("skipped", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("history_imports").deleteField("skipped").update()
    }
}
