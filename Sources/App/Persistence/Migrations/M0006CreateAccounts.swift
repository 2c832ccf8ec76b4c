import Fluent

/// The ledger: one row per import of an accounting extract, the booked/forecast rows per import.
struct M0006CreateAccounts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("ledger_imports")
            .id()
            .field("source", .string, .required)
            .field("rows", .int, .required)
            .field("scope", .string, .required)
            .field("imported_at", .datetime, .required)
            .field("imported_by", .string, .required)
            .create()
        try await db.schema("ledger_entries")
            .id()
            .field("import_id", .uuid, .required, .references("ledger_imports", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("month", .int, .required)
            .field("chapter", .int, .required)
            .field("post", .int, .required)
            .field("kind", .string, .required)
            .field("amount_ore", .int64, .required)
            .field("text", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("ledger_entries").delete()
        try await db.schema("ledger_imports").delete()
    }
}
