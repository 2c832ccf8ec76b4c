import Fluent

/// A proposal's case records the day it was turned into a request to its municipality
/// (ÅÅÅÅ-MM-DD; empty until then).
struct M0031AddMatchRequests: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("match_cases").field("requested_on", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("match_cases").deleteField("requested_on").update()
    }
}
