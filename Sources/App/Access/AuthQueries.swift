import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The three reads every request makes — its session, the user behind it, or the user behind an
/// API token — as one plain SQL statement each. Fluent's query builder and model decoding cost
/// more than the rest of a cached page; these statements read the same tables and columns.
enum AuthQueries {
    private struct UserRow: Decodable {
        let id: UUID
        let username: String
        let passwordHash: String
        let role: String
        let kommune: String?
        let disabled: Bool
        let failedLogins: Int
        let lockedUntil: Date?

        enum CodingKeys: String, CodingKey {
            case id, username, role, kommune, disabled
            case passwordHash = "password_hash"
            case failedLogins = "failed_logins"
            case lockedUntil = "locked_until"
        }

        /// The user as a stored model (saving it updates the row, never inserts a copy).
        var model: UserModel {
            let user = UserModel(
                username: username, passwordHash: passwordHash, role: Role(rawValue: role) ?? .public, kommune: kommune)
            user.id = id
            user.$id.exists = true
            user.disabled = disabled
            user.failedLogins = failedLogins
            user.lockedUntil = lockedUntil
            return user
        }
    }

    private static let userColumns = "u.id, u.username, u.password_hash, u.role, u.kommune, u.disabled, u.failed_logins, u.locked_until"

    static func user(id: UUID, on db: any Database) async throws -> UserModel? {
        try await (db as? any SQLDatabase)?.raw("SELECT \(unsafeRaw: userColumns) FROM users u WHERE u.id = \(bind: id)")
            .first(decoding: UserRow.self)?.model
    }

    static func user(tokenHash: String, on db: any Database) async throws -> UserModel? {
        try await (db as? any SQLDatabase)?.raw(
            "SELECT \(unsafeRaw: userColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: tokenHash)"
        ).first(decoding: UserRow.self)?.model
    }

    /// A session's data, from the table Fluent's session driver writes.
    static func session(_ id: SessionID, on db: any Database) -> EventLoopFuture<SessionData?> {
        guard let sql = db as? any SQLDatabase else { return db.eventLoop.makeSucceededFuture(nil) }
        return sql.raw("SELECT data FROM _fluent_sessions WHERE key = \(bind: id.string)").first().flatMapThrowing { row in
            try row?.decode(column: "data", as: SessionData.self)
        }
    }
}

/// Logs in the user whose id the session holds (the key `UserModel.sessionAuthenticator()` uses).
struct UserSessionAuthenticator: AsyncSessionAuthenticator {
    typealias User = UserModel

    func authenticate(sessionID: UUID, for request: Request) async throws {
        if let user = try await AuthQueries.user(id: sessionID, on: request.db) { request.auth.login(user) }
    }
}
