import Fluent
import Foundation
import StyrCore

struct M0005CreateMatching: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("match_runs")
            .id()
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("objective", .double, .required)
            .field("bound", .double, .required)
            .field("persons", .int, .required)
            .field("municipalities", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_by", .string)
            .field("confirmed_at", .datetime)
            .create()
        try await db.schema("match_cases")
            .id()
            .field("run_id", .uuid, .required, .references("match_runs", "id", onDelete: .cascade))
            .field("case_id", .string, .required)
            .field("size", .int, .required)
            .field("minors", .int, .required)
            .field("needs", .string, .required)
            .field("week", .int, .required)
            .field("proposed", .string)
            .field("chosen", .string)
            .field("reason", .string)
            .field("decided_by", .string)
            .field("alternatives", .string, .required)
            .field("allowed", .string, .required)
            .unique(on: "run_id", "case_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("match_cases").delete()
        try await db.schema("match_runs").delete()
    }
}
