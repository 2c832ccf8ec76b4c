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

    /// Entries that expire, emptied whole when full.
    private struct Entries<Value: Sendable> {
        private var stored: [String: (value: Value, expires: NIODeadline)] = [:]

        func value(_ key: String) -> Value? {
            guard let entry = stored[key], entry.expires > .now() else { return nil }
            return entry.value
        }

        mutating func put(_ key: String, _ value: Value, for lifetime: TimeAmount, max: Int) {
            if stored.count >= max { stored.removeAll() }
            stored[key] = (value, .now() + lifetime)
        }

        mutating func remove(_ key: String) { stored[key] = nil }
    }

    private struct State {
        var sessions = Entries<Session>()
        var tokens = Entries<AuthQueries.UserRecord>()
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
        state.withLockedValue { $0.sessions.value(id) }
    }

    func keep(session id: String, _ session: Session) {
        guard isEnabled else { return }
        state.withLockedValue { $0.sessions.put(id, session, for: lifetime, max: maxEntries) }
    }

    func forget(session id: String) {
        state.withLockedValue { $0.sessions.remove(id) }
    }

    func user(token hash: String) -> AuthQueries.UserRecord? {
        state.withLockedValue { $0.tokens.value(hash) }
    }

    func keep(token hash: String, _ user: AuthQueries.UserRecord) {
        guard isEnabled else { return }
        state.withLockedValue { $0.tokens.put(hash, user, for: lifetime, max: maxEntries) }
    }

    /// Forgets everything: what another process sees once the lifetime has passed (tests that
    /// change users in the database behind the server's back use it).
    func removeAll() {
        state.withLockedValue { $0 = State() }
    }
}

struct AuthCacheKey: StorageKey {
    typealias Value = AuthCache
}

extension Application {
    /// Set once in `configure`.
    var authCache: AuthCache { configured(AuthCacheKey.self) }
}
