import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// What a page view's session or API token resolves to, kept for a second
/// (`STYR_SESSION_CACHE_SECONDS`) so that repeated reads need no database round trip: reading
/// the session was half of a cached page's cost.
///
/// Only reads (GET/HEAD) use it; every write re-reads its session and token from the database,
/// so a form post always checks the current CSRF token, user and role. This process forgets a
/// session it changes or deletes at once; a logout, a disabled user or a changed session in
/// another server process is seen here within the lifetime.
final class AuthCache: Sendable {
    /// A session's data and the user it is logged in as.
    struct Session: Sendable {
        let data: SessionData
        let user: AuthQueries.UserRecord?
    }

    private struct Stored<Value: Sendable>: Sendable {
        let value: Value
        let expires: NIODeadline
    }

    private struct State {
        var sessions: [String: Stored<Session>] = [:]
        var tokens: [String: Stored<AuthQueries.UserRecord>] = [:]
    }

    let lifetime: TimeAmount
    let maxEntries: Int
    private let state = NIOLockedValueBox(State())

    init(seconds: Double, maxEntries: Int = 20_000) {
        self.lifetime = .milliseconds(Int64(max(0, seconds) * 1000))
        self.maxEntries = maxEntries
    }

    var isEnabled: Bool { lifetime > .zero }

    /// Whether this request may be answered from the cache: a read, with the cache on.
    func serves(_ request: Request) -> Bool {
        isEnabled && (request.method == .GET || request.method == .HEAD)
    }

    func session(_ id: String) -> Session? {
        state.withLockedValue { Self.fresh($0.sessions[id]) }
    }

    func keep(session id: String, _ session: Session) {
        guard isEnabled else { return }
        state.withLockedValue { s in
            if s.sessions.count >= maxEntries { s.sessions.removeAll() }
            s.sessions[id] = Stored(value: session, expires: .now() + lifetime)
        }
    }

    func forget(session id: String) {
        state.withLockedValue { _ = $0.sessions.removeValue(forKey: id) }
    }

    func user(token hash: String) -> AuthQueries.UserRecord? {
        state.withLockedValue { Self.fresh($0.tokens[hash]) }
    }

    func keep(token hash: String, _ user: AuthQueries.UserRecord) {
        guard isEnabled else { return }
        state.withLockedValue { s in
            if s.tokens.count >= maxEntries { s.tokens.removeAll() }
            s.tokens[hash] = Stored(value: user, expires: .now() + lifetime)
        }
    }

    /// Forgets everything: what another process sees once the lifetime has passed (tests that
    /// change users in the database behind the server's back use it).
    func removeAll() {
        state.withLockedValue { $0 = State() }
    }

    private static func fresh<Value>(_ stored: Stored<Value>?) -> Value? {
        guard let stored, stored.expires > .now() else { return nil }
        return stored.value
    }
}

struct AuthCacheKey: StorageKey {
    typealias Value = AuthCache
}

extension Application {
    /// Set once in `configure`.
    var authCache: AuthCache { configured(AuthCacheKey.self) }
}
