import Fluent

/// Deviation notices (avviksmeldinger) from the directorate and the ministry's answers.
struct M0030CreateDeviationNotices: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("deviation_notices")
            .field("id", .string, .identifier(auto: false))
            .field("year", .int, .required)
            .field("subject_kind", .string, .required)
            .field("subject_ref", .string, .required)
            .field("subject_title", .string, .required)
            .field("risk", .string, .required)
            .field("measures", .string, .required)
            .field("proposed_date", .string)
            .field("sent_by", .string, .required)
            .field("sent_on", .string, .required)
            .field("decision", .string)
            .field("answer", .string)
            .field("answered_by", .string)
            .field("answered_on", .string)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("deviation_notices").delete() }
}
