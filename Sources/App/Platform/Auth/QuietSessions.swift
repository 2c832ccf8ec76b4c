import Fluent
import Vapor

/// The database session store that writes only when a request changed the session. Vapor saves
/// every session it has read after each response; that made every page view a database write,
/// which serialises the server on SQLite. Sessions still live in the database (shared by every
/// server process); unchanged ones are simply not written again. A read is one plain SQL statement
/// on the same table that also brings the logged-in user (`AuthQueries.session`); page views reuse
/// a read for a second (`AuthCache`), writes always read afresh.
struct QuietSessions: SessionDriver {
    let base: any SessionDriver

    /// The session as read for this request.
    private struct ReadKey: StorageKey {
        typealias Value = AuthCache.Session
    }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        let cache = request.application.authCache
        if cache.serves(request), let found = cache.session(sessionID.string) {
            return request.eventLoop.makeSucceededFuture(use(found, for: request))
        }
        return AuthQueries.session(sessionID, on: request.db).map { found in
            guard let found else { return nil }
            cache.keep(session: sessionID.string, found)
            return use(found, for: request)
        }
    }

    private func use(_ found: AuthCache.Session, for request: Request) -> SessionData {
        request.storage[ReadKey.self] = found
        if let user = found.user { request.storage[UserSessionAuthenticator.PrefetchedKey.self] = user.model }
        return found.data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let read = request.storage[ReadKey.self]
        if let read, read.data.snapshot == data.snapshot { return request.eventLoop.makeSucceededFuture(sessionID) }
        let cache = request.application.authCache
        cache.forget(session: sessionID.string)
        return base.updateSession(sessionID, to: data, for: request).map { id in
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
        return base.deleteSession(sessionID, for: request)
    }
}
