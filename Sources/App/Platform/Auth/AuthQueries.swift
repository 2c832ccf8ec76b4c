import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The reads every request makes — its session with the user behind it, or the user behind an API
/// token — as one plain SQL statement each. Fluent's query builder and model decoding cost
/// more than the rest of a cached page; these statements read the same tables and columns.
enum AuthQueries {
    /// A user as read with a session or token: a value, so that every request builds its own model.
    struct UserRecord: Decodable, Sendable {
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

    static func user(tokenHash: String, on db: any Database) async throws -> UserRecord? {
        try await (db as? any SQLDatabase)?.raw(
            "SELECT \(unsafeRaw: userColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: tokenHash)"
        ).first(decoding: UserRecord.self)
    }

    /// The session key under which Vapor keeps the logged-in user's id (`"_" + sessionName +
    /// "Session"`, the name being the type's).
    static let sessionUserKey = "_\(UserModel.self)Session"

    /// A session's data (from the table Fluent's session driver writes) and the user it is logged in
    /// as, in one statement.
    static func session(_ id: SessionID, on db: any Database) -> EventLoopFuture<AuthCache.Session?> {
        guard let sql = db as? any SQLDatabase else { return db.eventLoop.makeSucceededFuture(nil) }
        let userID: SQLQueryString =
            sql.dialect.name == "postgresql"
            ? "CASE WHEN (s.data->>'\(unsafeRaw: sessionUserKey)') ~* '^[0-9a-f-]{36}$' THEN (s.data->>'\(unsafeRaw: sessionUserKey)')::uuid END"
            : "json_extract(s.data, '$.\(unsafeRaw: sessionUserKey)')"
        let query: SQLQueryString = """
            SELECT s.data AS session_data, \(unsafeRaw: userColumns) FROM _fluent_sessions s
            LEFT JOIN users u ON u.id = \(userID) WHERE s.key = \(bind: id.string)
            """
        return sql.raw(query).first().flatMapThrowing { row in
            guard let row else { return nil }
            let data = try row.decode(column: "session_data", as: SessionData.self)
            let user = try row.decodeNil(column: "id") ? nil : row.decode(model: UserRecord.self)
            return AuthCache.Session(data: data, user: user)
        }
    }
}

/// Logs in the user whose id the session holds (the key `UserModel.sessionAuthenticator()` uses),
/// as read together with the session by `QuietSessions`: a session whose user no longer exists
/// logs in no one, without a second query. Synchronous (no task per request): it only reads what
/// the session read left in the request's storage.
struct UserSessionAuthenticator: SessionAuthenticator {
    typealias User = UserModel

    /// The user read together with the session.
    struct PrefetchedKey: StorageKey { typealias Value = UserModel }

    /// A disabled user is logged in here like any other and logged out by `RoleGuard`.
    func authenticate(sessionID: UUID, for request: Request) -> EventLoopFuture<Void> {
        if let user = request.storage[PrefetchedKey.self], user.id == sessionID { request.auth.login(user) }
        return request.eventLoop.makeSucceededVoidFuture()
    }
}
