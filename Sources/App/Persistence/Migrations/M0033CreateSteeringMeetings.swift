import Fluent

/// Etatsstyringsmøter: each meeting as one JSON document with a version for optimistic updates.
struct M0033CreateSteeringMeetings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("steering_meetings")
            .field("id", .string, .identifier(auto: false))
            .field("year", .int, .required)
            .field("date", .string, .required)
            .field("version", .int, .required)
            .field("body", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("steering_meetings").delete() }
}
