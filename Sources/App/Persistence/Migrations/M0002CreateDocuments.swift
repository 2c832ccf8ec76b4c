import Fluent

struct M0002CreateDocuments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("documents")
            .id()
            .field("year", .int)
            .field("kind", .string, .required)
            .field("number", .int)
            .field("date", .string)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("content", .string, .required)
            .field("source_text", .string)
            .field("source_hash", .string)
            .field("content_hash", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("published_at", .datetime)
            .unique(on: "source_hash")
            .create()
        try await db.schema("status_notes")
            .id()
            .field("year", .int, .required)
            .field("assignment_id", .string, .required)
            .field("status", .string, .required)
            .field("note", .string, .required)
            .field("date", .string, .required)
            .field("author", .string, .required)
            .field("created_at", .datetime)
            .create()
        // The audit log survives a revert (below and `M0021AuditAppendOnly`): kept if it is there.
        try await db.schema("audit_log")
            .ignoreExisting()
            .id()
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("status_notes").delete()
        try await db.schema("documents").delete()
    }
}
