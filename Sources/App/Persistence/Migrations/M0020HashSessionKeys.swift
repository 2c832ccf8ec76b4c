import Fluent
import SQLKit

/// Sessions are stored under the SHA-256 of their key (`QuietSessions.storedKey`): the sessions
/// stored in clear before are deleted (their users log in again), so that no database or backup
/// holds a usable session key.
struct M0020HashSessionKeys: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.sql().raw("DELETE FROM _fluent_sessions").run()
    }

    func revert(on db: any Database) async throws {
        try await db.sql().raw("DELETE FROM _fluent_sessions").run()
    }
}
