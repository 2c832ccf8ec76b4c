import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// One stored extract per register (NIR, the municipal survey, Jobbsjansen, supervision,
/// complaints, workshops, interpreter events, adviser cases): the validated rows written back as
/// CSV. Loading parses it; a new file is merged in core and the result replaces the extract in
/// one transaction.
struct M0013CreateRegisterExtracts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("register_extracts")
            .field("kind", .string, .identifier(auto: false))
            .field("source", .string, .required)
            .field("rows", .int, .required)
            .field("content", .string, .required)
            .field("loaded_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("register_extracts").delete() }
}
