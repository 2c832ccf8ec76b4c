import Fluent

/// Report texts people write per section, submitted (frozen) versions, and the ministry's comments.
struct M0007CreateReports: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("report_texts")
            .id()
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("section", .string, .required)
            .field("text", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "year", "kind", "section")
            .create()
        try await db.schema("report_versions")
            .id()
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("version", .int, .required)
            .field("content", .string, .required)
            .field("html", .string, .required)
            .field("content_hash", .string, .required)
            .field("submitted_by", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("received_by", .string)
            .field("received_at", .datetime)
            .unique(on: "year", "kind", "version")
            .create()
        try await db.schema("report_comments")
            .id()
            .field("version_id", .uuid, .required, .references("report_versions", "id", onDelete: .cascade))
            .field("section", .string, .required)
            .field("text", .string, .required)
            .field("author", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("report_comments").delete()
        try await db.schema("report_versions").delete()
        try await db.schema("report_texts").delete()
    }
}
