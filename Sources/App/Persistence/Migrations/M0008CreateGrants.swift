import Fluent

/// Grant schemes per year, applications with decisions and follow-up, and the notices to the ministry.
struct M0008CreateGrants: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("grant_schemes")
            .id()
            .field("code", .string, .required)
            .field("year", .int, .required)
            .field("name", .string, .required)
            .field("chapter", .int, .required)
            .field("post", .int, .required)
            .field("basis", .string, .required)
            .field("budget", .int64, .required)
            .field("recipients", .string, .required)
            .unique(on: "year", "code")
            .create()
        try await db.schema("grant_applications")
            .id()
            .field("app_id", .string, .required)
            .field("year", .int, .required)
            .field("scheme_code", .string, .required)
            .field("applicant", .string, .required)
            .field("amount_applied", .int64, .required)
            .field("received", .string, .required)
            .field("amount_granted", .int64)
            .field("letter_sent", .string)
            .field("paid", .int64, .required)
            .field("report_due", .string)
            .field("report_received", .string)
            .unique(on: "year", "app_id")
            .create()
        try await db.schema("grant_notices")
            .id()
            .field("notice_id", .string, .required)
            .field("year", .int, .required)
            .field("scheme_code", .string, .required)
            .field("sent", .string, .required)
            .field("application_ids", .string, .required)
            .field("text", .string, .required)
            .field("created_by", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for t in ["grant_notices", "grant_applications", "grant_schemes"] { try await db.schema(t).delete() }
    }
}
