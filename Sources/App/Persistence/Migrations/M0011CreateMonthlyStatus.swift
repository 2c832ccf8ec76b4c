import Fluent

/// Monthly status reports for designated assignments (one per assignment and month; a new one replaces).
struct M0011CreateMonthlyStatus: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("monthly_status")
            .id()
            .field("year", .int, .required)
            .field("assignment_id", .string, .required)
            .field("month", .int, .required)
            .field("purpose", .string, .required)
            .field("progress", .string, .required)
            .field("cost", .string, .required)
            .field("quality", .string, .required)
            .field("deviations", .string, .required)
            .field("risk", .string, .required)
            .field("author", .string, .required)
            .unique(on: "year", "assignment_id", "month")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("monthly_status").delete() }
}
