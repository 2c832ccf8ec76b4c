import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// An index holding every column but the extract itself, so that the version check each request
/// makes reads the index alone: SQLite keeps `loaded_at` after the tens of megabytes of `content`
/// in the row and would otherwise walk its overflow pages every time.
struct M0014IndexRegisterExtracts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql().raw("CREATE INDEX register_extracts_meta ON register_extracts (kind, rows, loaded_at, source)").run()
    }

    func revert(on db: any Database) async throws { try await db.sql().raw("DROP INDEX register_extracts_meta").run() }
}
