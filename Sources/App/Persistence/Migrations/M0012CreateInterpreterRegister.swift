import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Loads the National interpreter register's extract and stores it in one transaction; a new
/// extract replaces the old one (the register is delivered whole).
struct M0012CreateInterpreterRegister: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("interpreter_entries")
            .id()
            .field("interpreter", .string, .required)
            .field("gender", .string, .required)
            .field("language", .string, .required)
            .field("category", .string, .required)
            .field("state_authorised", .bool, .required)
            .field("registered", .int, .required)
            .field("removed", .int)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("interpreter_entries").delete() }
}
