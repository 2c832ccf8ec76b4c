import Fluent

/// A tildelingsbrev drafted in Styr: when the ministry shared the draft with the directorate for
/// review, and the comments both sides write on it, section by section.
struct M0035CreateLetterDrafts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("documents").field("review_shared_at", .datetime).update()
        try await db.schema("document_comments")
            .field("id", .string, .required)
            .field("document_id", .string, .required)
            .field("section", .string, .required)
            .field("author", .string, .required)
            .field("role", .string, .required)
            .field("text", .string, .required)
            .field("written_at", .string, .required)
            .unique(on: "id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("document_comments").delete()
        try await db.schema("documents").deleteField("review_shared_at").update()
    }
}
