import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The reads every request makes — its session with the user behind it, or the user behind an API
/// token — as one plain SQL statement each. Fluent's query builder and model decoding cost
/// more than the rest of a cached page; these statements read the same tables and columns.
enum AuthQueries {
    /// A user as read with a session or token, with the model the request logs in. Handlers that
    /// change a user (POST only, never served from `AuthCache`) load it afresh with `UserModel.find`.
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

        /// The user as a stored model (saving it updates the row, never inserts a copy), built
        /// once per read: the page views `AuthCache` serves within its lifetime share it (building
        /// a Fluent model costs a generic-metadata lookup per property). Writes read afresh.
        let model: UserModel

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(UUID.self, forKey: .id)
            username = try c.decode(String.self, forKey: .username)
            passwordHash = try c.decode(String.self, forKey: .passwordHash)
            role = try c.decode(String.self, forKey: .role)
            kommune = try c.decodeIfPresent(String.self, forKey: .kommune)
            disabled = try c.decode(Bool.self, forKey: .disabled)
            failedLogins = try c.decode(Int.self, forKey: .failedLogins)
            lockedUntil = try c.decodeIfPresent(Date.self, forKey: .lockedUntil)
            let user = UserModel(
                username: username, passwordHash: passwordHash, role: Role(rawValue: role) ?? .public, kommune: kommune)
            user.id = id
            user.$id.exists = true
            user.disabled = disabled
            user.failedLogins = failedLogins
            user.lockedUntil = lockedUntil
            model = user
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
struct UserSessionAuthenticator: Middleware {
    /// The user read together with the session.
    struct PrefetchedKey: StorageKey { typealias Value = UserModel }

    /// A disabled user is logged in here like any other and logged out by `RoleGuard`. After the
    /// handler, the session follows who is logged in (a login or logout during the request).
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        var fromSession: UserModel?
        if let session = request.startedUserSession, let id = session.userID, let user = request.storage[PrefetchedKey.self],
            user.id == id
        {
            request.auth.login(user)
            fromSession = user
        }
        return next.respond(to: request).map { response in
            if let user = request.auth.get(UserModel.self) {
                // The session already names the user it logged in.
                if user !== fromSession { request.userSession.authenticate(user) }
            } else {
                request.startedUserSession?.unauthenticate()
            }
            return response
        }
    }
}
