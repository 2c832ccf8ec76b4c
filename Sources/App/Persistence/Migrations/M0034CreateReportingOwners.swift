import Fluent

/// Who in the directorate answers each reporting demand (rapporteringskrav) of a year.
struct M0034CreateReportingOwners: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("reporting_owners")
            .field("year", .int, .required)
            .field("demand_key", .string, .required)
            .field("owner", .string, .required)
            .field("set_by", .string, .required)
            .field("set_on", .string, .required)
            .unique(on: "year", "demand_key")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("reporting_owners").delete() }
}
