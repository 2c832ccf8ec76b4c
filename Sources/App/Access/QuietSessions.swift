import Fluent
import Vapor

/// The database session store that writes only when a request changed the session. Vapor saves
/// every session it has read after each response; that made every page view a database write,
/// which serialises the server on SQLite. Sessions still live in the database (shared by every
/// server process); unchanged ones are simply not written again. A read is one plain SQL statement
/// on the same table that also brings the logged-in user (`AuthQueries.session`).
struct QuietSessions: SessionDriver {
    let base: any SessionDriver

    private struct ReadKey: StorageKey {
        typealias Value = [String: String]
    }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        AuthQueries.session(sessionID, on: request.db).map { found in
            guard let found else { return nil }
            request.storage[ReadKey.self] = found.data.snapshot
            if let user = found.user { request.storage[UserSessionAuthenticator.PrefetchedKey.self] = user }
            return found.data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read == data.snapshot { return request.eventLoop.makeSucceededFuture(sessionID) }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
