import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Throttles password guessing per username (whether or not the user exists) and per client
/// address, with backoff instead of a permanent lockout: after `limit` failures within the
/// window, each further attempt waits 30 s, then 60 s, 120 s … up to 15 minutes.
///
/// Race-free: an attempt is counted (`begin`) under the lock *before* the password is checked,
/// so that parallel guesses cannot all pass the check on a stale count; a successful login
/// takes its username's count back (`succeeded`). Kept in memory per server process.
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        var perUsername = 5
        var perAddress = 100
        var window: TimeAmount = .minutes(15)
        var firstBlock: TimeAmount = .seconds(30)
        var maxBlock: TimeAmount = .minutes(15)
    }

    private struct Entry {
        var failures = 0
        var windowStart: NIODeadline
        var blockedUntil: NIODeadline?
    }

    let limits: Limits
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(limits: Limits = Limits()) { self.limits = limits }

    enum Decision: Equatable {
        case proceed
        /// Refused; try again after this many seconds.
        case throttled(retryAfter: Int)
    }

    static func keys(username: String, address: String?) -> (user: String, address: String) {
        ("u:" + username.lowercased().trimmingCharacters(in: .whitespaces), "a:" + (address ?? "ukjent"))
    }

    /// Counts an attempt for both keys, or refuses it while either is blocked.
    func begin(username: String, address: String?, now: NIODeadline = .now()) -> Decision {
        let (user, addr) = Self.keys(username: username, address: address)
        return entries.withLockedValue { e in
            var wait: TimeAmount = .zero
            for key in [user, addr] {
                if let until = e[key]?.blockedUntil, until > now { wait = max(wait, until - now) }
            }
            if wait > .zero { return .throttled(retryAfter: Int((wait.nanoseconds + 999_999_999) / 1_000_000_000)) }
            if e.count > 100_000 { e = e.filter { $0.value.windowStart + limits.window > now } }
            for (key, limit) in [(user, limits.perUsername), (addr, limits.perAddress)] {
                var entry = e[key] ?? Entry(windowStart: now)
                if entry.windowStart + limits.window < now, entry.blockedUntil.map({ $0 < now }) ?? true {
                    entry = Entry(windowStart: now)
                }
                entry.failures += 1
                if entry.failures >= limit {
                    let doublings = min(entry.failures - limit, 10)
                    let block = min(limits.firstBlock * Int64(1 << doublings), limits.maxBlock)
                    entry.blockedUntil = now + block
                }
                e[key] = entry
            }
            return .proceed
        }
    }

    /// A correct password: the username's count is cleared, and the attempt no longer counts
    /// against the address.
    func succeeded(username: String, address: String?) {
        let (user, addr) = Self.keys(username: username, address: address)
        entries.withLockedValue { e in
            e[user] = nil
            if var a = e[addr] {
                a.failures = max(0, a.failures - 1)
                if a.failures < limits.perAddress { a.blockedUntil = nil }
                e[addr] = a
            }
        }
    }

    func reset() { entries.withLockedValue { $0.removeAll() } }
}

struct LoginThrottleKey: StorageKey {
    typealias Value = LoginThrottle
}

extension Application {
    /// Set once in `configure`.
    var loginThrottle: LoginThrottle { configured(LoginThrottleKey.self) }
}
