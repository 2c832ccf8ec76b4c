import Crypto
import Fluent
import Foundation
import Vapor

/// The database session store that writes only when a request changed the session. Vapor saves
/// every session it has read after each response; that made every page view a database write,
/// which serialises the server on SQLite. Sessions still live in the database (shared by every
/// server process); unchanged ones are simply not written again. A read is one plain SQL statement
/// on the same table that also brings the logged-in user (`AuthQueries.session`); page views reuse
/// a read for a second (`AuthCache`), writes always read afresh.
///
/// The database holds only the SHA-256 of a session key (`storedKey`): a copy of the table or a
/// backup logs no one in. Sessions expire when idle for `idleSeconds` and `absoluteSeconds` after
/// login, whatever their use (`_created` and `_seen` in the session data; `_seen` is written
/// again at most every `touchSeconds`, so page views stay reads).
struct QuietSessions: SessionDriver {
    let base: any SessionDriver
    static let idleSeconds: TimeInterval = 3600
    static let absoluteSeconds: TimeInterval = 8 * 3600
    static let touchSeconds: TimeInterval = 300

    /// The session as read for this request.
    private struct ReadKey: StorageKey {
        typealias Value = AuthCache.Session
    }

    /// What the table stores for a session key: its SHA-256, hex.
    static func storedKey(_ id: SessionID) -> SessionID {
        SessionID(string: SHA256.hash(data: Data(id.string.utf8)).hex)
    }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let id = SessionID(
            string: [UInt8].random(count: 32).base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: ""))
        // A session with nothing in it (a stale cookie, say) is not stored: no row for anonymous requests.
        guard !data.snapshot.isEmpty else { return request.eventLoop.makeSucceededFuture(id) }
        var stamped = data
        let now = String(Int(Date().timeIntervalSince1970))
        stamped["_created"] = now
        stamped["_seen"] = now
        return SessionRecord(key: Self.storedKey(id), data: stamped).create(on: request.db).map { id }
    }

    /// Whether a session read from the table is still valid at `now`.
    static func isLive(_ data: SessionData, now: Date = Date()) -> Bool {
        guard let created = data["_created"].flatMap(Double.init), let seen = data["_seen"].flatMap(Double.init) else { return false }
        let t = now.timeIntervalSince1970
        return t - created <= absoluteSeconds && t - seen <= idleSeconds
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        let cache = request.application.authCache
        if cache.serves(request), let found = cache.session(sessionID.string) {
            return request.eventLoop.makeSucceededFuture(use(found, for: request))
        }
        return AuthQueries.session(Self.storedKey(sessionID), on: request.db).flatMap { found in
            guard let found else { return request.eventLoop.makeSucceededFuture(nil) }
            guard Self.isLive(found.data) else {
                // Expired: gone from the table, and this request has no session.
                return base.deleteSession(Self.storedKey(sessionID), for: request).map { nil }
            }
            cache.keep(session: sessionID.string, found)
            return request.eventLoop.makeSucceededFuture(use(found, for: request))
        }
    }

    private func use(_ found: AuthCache.Session, for request: Request) -> SessionData {
        request.storage[ReadKey.self] = found
        if let user = found.user { request.storage[UserSessionAuthenticator.PrefetchedKey.self] = user.model }
        var data = found.data
        // Seen again: written back (by `updateSession`, as the data changed) at most every `touchSeconds`.
        let now = Date().timeIntervalSince1970
        if let seen = data["_seen"].flatMap(Double.init), now - seen > Self.touchSeconds { data["_seen"] = String(Int(now)) }
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let read = request.storage[ReadKey.self]
        if let read, read.data.snapshot == data.snapshot { return request.eventLoop.makeSucceededFuture(sessionID) }
        let cache = request.application.authCache
        cache.forget(session: sessionID.string)
        return base.updateSession(Self.storedKey(sessionID), to: data, for: request).map { _ in
            let id = sessionID
            // Still logged in as the same user (a new CSRF token, say): this process keeps the new data.
            let key = AuthQueries.sessionUserKey
            if let read, read.data[key] == data[key], id == sessionID {
                cache.keep(session: id.string, AuthCache.Session(data: data, user: read.user))
            }
            return id
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.application.authCache.forget(session: sessionID.string)
        return base.deleteSession(Self.storedKey(sessionID), for: request)
    }
}
