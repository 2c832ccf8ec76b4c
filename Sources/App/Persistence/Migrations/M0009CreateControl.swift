import Fluent

/// The risk register (ROS) and follow-up items (the National Audit Office's remarks, internal control).
struct M0009CreateControl: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("risks")
            .id()
            .field("risk_id", .string, .required)
            .field("year", .int, .required)
            .field("goal_ref", .string, .required)
            .field("title", .string, .required)
            .field("likelihood", .int, .required)
            .field("consequence", .int, .required)
            .field("measures", .string, .required)
            .field("owner", .string, .required)
            .field("closed", .bool, .required)
            .unique(on: "year", "risk_id")
            .create()
        try await db.schema("control_items")
            .id()
            .field("item_id", .string, .required)
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("action", .string, .required)
            .field("due", .string)
            .field("closed", .string)
            .unique(on: "year", "item_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("control_items").delete()
        try await db.schema("risks").delete()
    }
}
