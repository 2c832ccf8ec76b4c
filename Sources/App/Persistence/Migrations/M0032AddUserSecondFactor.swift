import Fluent

/// A second factor per user (TOTP, `AccountRoutes`): the active secret, a secret being enrolled
/// (active once confirmed with a code) and the last step used (a code is never accepted twice).
struct M0032AddUserSecondFactor: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column at a time (SQLite adds one per ALTER TABLE).
        try await db.schema("users").field("totp_secret", .string).update()
        try await db.schema("users").field("totp_pending", .string).update()
        try await db.schema("users").field("totp_last_step", .int64).update()
    }

    func revert(on db: any Database) async throws {
        for field in ["totp_secret", "totp_pending", "totp_last_step"] {
            try await db.schema("users").deleteField(.string(field)).update()
        }
    }
}
