import Fluent

/// Status notes carry the evidence that closes an assignment.
struct M0010AddStatusEvidence: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("status_notes").field("evidence", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("status_notes").deleteField("evidence").update()
    }
}
