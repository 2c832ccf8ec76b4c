import Fluent
import FluentSQL
import Foundation
import NIOCore
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Login: throttling per username and per client with 429 + Retry-After, uniform answers for
    /// known and unknown usernames, race-free counting, no session rows for anonymous requests,
    /// sessions stored as hashes and expiring.
    @Suite struct Login {
        static func attempt(_ app: Application, _ username: String, _ password: String) async throws -> Client.Result {
            let c = Client(app)
            _ = try await c.get("/login")
            return try await c.send(.POST, "/login", form: ["username": username, "password": password])
        }

        /// The error message of a login page.
        static func message(_ body: String) -> String {
            guard let r = body.range(of: #"<p class="error"[^>]*>[^<]*"#, options: .regularExpression) else {
                return body.range(of: "For mange mislykkede forsøk[^<]*", options: .regularExpression).map { String(body[$0]) } ?? ""
            }
            return String(body[r])
        }

        @Test func knownAndUnknownUsernamesGetTheSameAnswers() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                var answers: [String: [(HTTPResponseStatus, String, String?)]] = [:]
                for name in ["direktorat", "finnes-ikke"] {
                    for _ in 0..<(AccessRoutes.maxFailures + 2) {
                        let r = try await Self.attempt(app, name, "feil-passord")
                        answers[name, default: []].append(
                            (
                                r.status, Self.message(r.body).replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression),
                                r.headers.first(name: .retryAfter).map { _ in "retry" }
                            ))
                    }
                }
                let known = answers["direktorat"]!
                let unknown = answers["finnes-ikke"]!
                for (i, (k, u)) in zip(known, unknown).enumerated() {
                    #expect(k.0 == u.0 && k.1 == u.1 && k.2 == u.2, "attempt \(i + 1): \(k) vs \(u)")
                }
                #expect(known.prefix(AccessRoutes.maxFailures).allSatisfy { $0.0 == .unauthorized })
                #expect(known.suffix(2).allSatisfy { $0.0 == .tooManyRequests && $0.2 != nil })
            }
        }

        @Test func throttledLoginAnswers429WithRetryAfterAndBacksOff() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                for _ in 0..<AccessRoutes.maxFailures {
                    #expect(try await Self.attempt(app, "direktorat", "feil-passord").status == .unauthorized)
                }
                // Even the right password waits: no permanent lockout, but a wait.
                let r = try await Self.attempt(app, "direktorat", "demo-direktorat")
                #expect(r.status == .tooManyRequests)
                let retry = try #require(r.headers.first(name: .retryAfter).flatMap(Int.init))
                #expect(retry > 0 && retry <= 30)
                #expect(r.body.contains("For mange mislykkede forsøk"))
                // Another user is not locked out by it.
                #expect(try await Self.attempt(app, "departement", "demo-departement").status == .seeOther)
                // Nothing is stored on the user (anyone could otherwise lock any account).
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "direktorat").first())
                #expect(user.lockedUntil == nil)
                // Backoff: the block after the next failure is longer.
                let throttle = LoginThrottle()
                let t0 = NIODeadline.now()
                for _ in 0..<5 { #expect(throttle.begin(username: "x", address: "a", now: t0) == .proceed) }
                guard case .throttled(let first) = throttle.begin(username: "x", address: "a", now: t0) else {
                    Issue.record("not throttled")
                    return
                }
                #expect(throttle.begin(username: "x", address: "a", now: t0 + .seconds(Int64(first) + 1)) == .proceed)
                guard case .throttled(let second) = throttle.begin(username: "x", address: "a", now: t0 + .seconds(Int64(first) + 2)) else {
                    Issue.record("not throttled again")
                    return
                }
                #expect(second > first)
            }
        }

        @Test func perClientAddress() {
            let throttle = LoginThrottle()
            for i in 0..<throttle.limits.perAddress {
                #expect(throttle.begin(username: "bruker\(i)", address: "10.0.0.1") == .proceed)
            }
            if case .proceed = throttle.begin(username: "ny-bruker", address: "10.0.0.1") { Issue.record("address not throttled") }
            #expect(throttle.begin(username: "ny-bruker", address: "10.0.0.2") == .proceed)
        }

        @Test func parallelGuessesGetNoMoreThanTheLimitThrough() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                var clients: [Client] = []
                for _ in 0..<16 {
                    let c = Client(app)
                    _ = try await c.get("/login")
                    clients.append(c)
                }
                let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                    for c in clients {
                        group.addTask {
                            try await c.send(.POST, "/login", form: ["username": "direktorat", "password": "gjetning"]).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let checked = statuses.filter { $0 == .unauthorized }.count
                #expect(checked <= AccessRoutes.maxFailures, "\(checked) guesses were checked")
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 16 - checked)
            }
        }

        static func sessionRows(_ app: Application) async throws -> [(key: String, data: String)] {
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT key, data FROM _fluent_sessions").all()
            return try rows.map { (try $0.decode(column: "key", as: String.self), try $0.decode(column: "data", as: String.self)) }
        }

        @Test func anonymousRequestsCreateNoSessionRow() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let c = Client(app)
                for path in ["/login", "/login", "/dokumenter", "/statistikk", "/aar/2021", "/finnes-ikke", "/revisjonslogg"] {
                    _ = try await c.get(path)
                }
                // A stale session cookie does not make one either.
                c.cookie = "styr_session=gammel-noekkel"
                _ = try await c.get("/dokumenter")
                #expect(try await Self.sessionRows(app).isEmpty)
                // The login form still works (its CSRF token is a cookie of its own).
                _ = try await c.get("/login")
                let ok = try await c.send(.POST, "/login", form: ["username": "departement", "password": "demo-departement"])
                #expect(ok.status == .seeOther)
                #expect(try await Self.sessionRows(app).count == 1)
                let wrongToken = Client(app)
                _ = try await wrongToken.get("/login")
                wrongToken.csrf = "feil"
                #expect(
                    try await wrongToken.send(.POST, "/login", form: ["username": "departement", "password": "demo-departement"]).status
                        == .forbidden)
            }
        }

        @Test func theDatabaseHoldsOnlyAHashOfTheSessionKey() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                let set = try #require(c.cookies["styr_session"])
                let rows = try await Self.sessionRows(app)
                #expect(rows.count == 1)
                #expect(rows[0].key != set && !rows[0].data.contains(set))
                #expect(rows[0].key == QuietSessions.storedKey(SessionID(string: set)).string && rows[0].key.count == 64)
                #expect(try await c.get("/revisjonslogg").status == .ok)
            }
        }

        @Test func sessionsExpireWhenIdleAndAfterTheirLifetime() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let sql = app.db as! any SQLDatabase
                for (created, seen) in [
                    (-60.0, -QuietSessions.idleSeconds - 60), (-QuietSessions.absoluteSeconds - 60, -60.0),
                ] {
                    let c = Client(app)
                    try await c.login("departement", "demo-departement")
                    #expect(try await c.get("/revisjonslogg").status == .ok)
                    let now = Date().timeIntervalSince1970
                    let row = try #require(try await Self.sessionRows(app).last)
                    var data = try JSONDecoder().decode([String: String].self, from: Data(row.data.utf8))
                    data["_created"] = String(Int(now + created))
                    data["_seen"] = String(Int(now + seen))
                    let json = String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
                    // PostgreSQL keeps the session data as jsonb, SQLite as text.
                    let cast = sql.dialect.name == "postgresql" ? "::jsonb" : ""
                    try await sql.raw("UPDATE _fluent_sessions SET data = \(bind: json)\(unsafeRaw: cast) WHERE key = \(bind: row.key)")
                        .run()
                    app.authCache.removeAll()
                    let after = try await c.get("/revisjonslogg")
                    #expect(after.headers.first(name: .location)?.hasPrefix("/login") == true, "\(created) \(seen): \(after.status)")
                    #expect(try await Self.sessionRows(app).contains { $0.key == row.key } == false)
                }
            }
        }

        /// The session cookie is sent when it changes, not with every response (Vapor's own
        /// middleware set it again on each one): a login sets it, page views leave it alone, a
        /// key that names no live session and a logout expire it.
        @Test func theSessionCookieIsSentOnlyWhenItChanges() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                let key = try #require(c.cookies["styr_session"])
                for path in ["/revisjonslogg", "/", "/aar/2021"] {
                    let page = try await c.get(path)
                    #expect(page.status.code < 400, "\(path): \(page.status)")
                    #expect(!page.headers[.setCookie].contains { $0.hasPrefix("styr_session=") }, "\(path)")
                }
                #expect(c.cookies["styr_session"] == key)
                #expect(try await c.get("/revisjonslogg").status == .ok)

                let stale = Client(app)
                stale.cookies["styr_session"] = "finnes-ikke"
                let r = try await stale.get("/")
                #expect(r.headers[.setCookie].contains { $0.hasPrefix("styr_session=;") && $0.contains("1970") && $0.contains("HttpOnly") })
                // Error pages too (a 404 here).
                stale.cookies["styr_session"] = "finnes-ikke"
                let missing = try await stale.get("/finnes-ikke")
                #expect(missing.status == .notFound)
                #expect(missing.headers[.setCookie].contains { $0.hasPrefix("styr_session=;") && $0.contains("1970") })
                #expect(try await Self.sessionRows(app).count == 1)

                _ = try await c.get("/")
                let out = try await c.send(.POST, "/logout", form: [:])
                #expect(out.headers[.setCookie].contains { $0.hasPrefix("styr_session=;") && $0.contains("1970") })
                #expect(try await Self.sessionRows(app).isEmpty)
            }
        }

        @Test func sessionCookieFlags() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let c = Client(app)
                _ = try await c.get("/login")
                let r = try await c.send(.POST, "/login", form: ["username": "departement", "password": "demo-departement"])
                let cookie = try #require(r.headers[.setCookie].first { $0.hasPrefix("styr_session=") })
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
                setenv("STYR_INSECURE_COOKIES", "1", 1)
                #expect(!Settings.fromEnvironment(dbPath: nil).secureCookies)
                unsetenv("STYR_INSECURE_COOKIES")
                #expect(Settings.fromEnvironment(dbPath: nil).secureCookies)
            }
        }
    }
}
