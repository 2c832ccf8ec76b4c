import Fluent
import SQLKit

struct M0003CreateSettlementRegister: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("settlement_persons")
            .field("person_id", .string, .identifier(auto: false))
            .field("case_id", .string, .required)
            .field("category", .string, .required)
            .field("gender", .string, .required)
            .field("birth_year", .int, .required)
            .field("nationality", .string, .required)
            .field("uma", .bool, .required)
            .field("family", .bool, .required)
            .field("permit_date", .string, .required)
            .field("ready_date", .string)
            .field("limited_permit", .bool, .required)
            .field("competence_mapped", .bool, .required)
            .field("cultural_orientation", .bool, .required)
            .field("other_information", .bool, .required)
            .field("allocated_kommune", .string)
            .field("allocated_date", .string)
            .field("settled_kommune", .string)
            .field("settled_date", .string)
            .field("self_settled", .bool, .required)
            .field("settled_by_bufetat", .bool, .required)
            .create()
        try await db.schema("settlement_requests")
            .id()
            .field("year", .int, .required)
            .field("kommune", .string, .required)
            .field("requested", .int, .required)
            .field("requested_minors", .int, .required)
            .field("decided", .int)
            .field("decided_minors", .int)
            .field("county_recommendation", .int)
            .unique(on: "year", "kommune")
            .create()
        try await db.schema("register_loads")
            .id()
            .field("register", .string, .required)
            .field("source", .string, .required)
            .field("rows", .int, .required)
            .field("loaded_at", .datetime, .required)
            .field("loaded_by", .string, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "settlement_persons_settled").on("settlement_persons").column("settled_date").run()
            try await sql.create(index: "settlement_persons_kommune").on("settlement_persons").column("settled_kommune").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("register_loads").delete()
        try await db.schema("settlement_requests").delete()
        try await db.schema("settlement_persons").delete()
    }
}
