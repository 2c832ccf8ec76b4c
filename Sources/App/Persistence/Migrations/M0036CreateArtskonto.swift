import Fluent

/// The artskonto lines of each year (artskontorapportering and notes 1–8 of the annual accounts);
/// the file they came from is a row of `ledger_imports`.
struct M0036CreateArtskonto: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("artskonto_lines")
            .id()
            .field("import_id", .uuid, .required, .references("ledger_imports", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("note", .string, .required)
            .field("group_key", .string, .required)
            .field("text", .string, .required)
            .field("amount_ore", .int64, .required)
            .field("position", .int, .required)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("artskonto_lines").delete() }
}
