import Fluent

/// A proposal's case keeps what its profile rests on (`kartlegging` or `generert`) and why it
/// goes where it is proposed, in words (allocations from the register).
struct M0015AddMatchExplanations: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // SQLite adds one column per statement.
        try await db.schema("match_cases").field("basis", .string).update()
        try await db.schema("match_cases").field("explanation", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("match_cases").deleteField("explanation").update()
        try await db.schema("match_cases").deleteField("basis").update()
    }
}
