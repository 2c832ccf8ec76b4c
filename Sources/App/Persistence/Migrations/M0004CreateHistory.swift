import Fluent

/// Imported published statistics: one row per import (a version of a table), figures per import.
struct M0004CreateHistory: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("history_imports")
            .id()
            .field("identity", .string, .required)
            .field("format", .string, .required)
            .field("title", .string, .required)
            .field("source", .string, .required)
            .field("measures", .string, .required)
            .field("imported_at", .datetime, .required)
            .field("imported_by", .string, .required)
            .field("active", .bool, .required)
            .create()
        try await db.schema("history_figures")
            .id()
            .field("import_id", .uuid, .required, .references("history_imports", "id", onDelete: .cascade))
            .field("measure", .string, .required)
            .field("year", .int, .required)
            .field("level", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("value", .double)
            .field("status", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("history_figures").delete()
        try await db.schema("history_imports").delete()
    }
}
