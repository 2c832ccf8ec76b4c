import Fluent
import FluentSQL
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// `/konto`: password change and the TOTP second factor.
    @Suite struct Account {
        static func sessionRows(_ app: Application) async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM _fluent_sessions").first(decoding: N.self)?.n ?? 0
        }

        @Test func passwordChangeEndsOtherSessions() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let laptop = Client(app)
                let phone = Client(app)
                let other = Client(app)
                try await laptop.login("direktorat", "demo-direktorat")
                try await phone.login("direktorat", "demo-direktorat")
                try await other.login("departement", "demo-departement")
                _ = try await laptop.get("/konto")
                let wrong = try await laptop.send(
                    .POST, "/konto/passord",
                    form: ["naavaerende": "feil-passord-x", "nytt": "tre lange ord her", "gjenta": "tre lange ord her"])
                #expect(wrong.status == .unprocessableEntity && wrong.body.contains("nåværende passordet er feil"))
                for (new, text) in [("kort", "minst 12"), ("passord-2024!", "for vanlig"), ("direktorat", "minst 12")] {
                    let r = try await laptop.send(
                        .POST, "/konto/passord", form: ["naavaerende": "demo-direktorat", "nytt": new, "gjenta": new])
                    #expect(r.status == .unprocessableEntity && r.body.contains(text), "\(new): \(r.status)")
                }
                let ok = try await laptop.send(
                    .POST, "/konto/passord",
                    form: ["naavaerende": "demo-direktorat", "nytt": "tre lange ord her", "gjenta": "tre lange ord her"])
                #expect(ok.status == .seeOther)
                // This session goes on; the phone's is ended; another user's is untouched.
                app.authCache.removeAll()
                let page = try await laptop.get("/konto")
                #expect(page.status == .ok && page.body.contains("Passordet er endret") && page.body.contains("1 andre økter"))
                #expect(try await phone.get("/aar/2021/rapporter").headers.first(name: .location)?.hasPrefix("/login") == true)
                #expect(try await other.get("/aar/2021/rapporter").status == .ok)
                let fresh = Client(app)
                _ = try await fresh.get("/login")
                let old = try await fresh.send(
                    .POST, "/login", form: ["username": "direktorat", "password": "demo-direktorat", "neste": "/"])
                #expect(old.status == .unauthorized)
                try await fresh.login("direktorat", "tre lange ord her")
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "endre passord").count() == 1)
            }
        }

        @Test func userCreationFollowsThePasswordRule() async throws {
            try await withApp { app in
                await #expect(throws: UserError.self) {
                    _ = try await Users.add(username: "ny", password: "passord-123", role: .public, kommune: nil, on: app.db) { $0 }
                }
                _ = try await Users.add(username: "ny", password: "fire ord er nok", role: .public, kommune: nil, on: app.db) { $0 }
            }
        }

        /// Enrol (confirm with a code), then the login asks for a code as a second step: no rights
        /// before it, a wrong or replayed code refused, throttled with 429, reset from the CLI.
        @Test func secondFactorEnrolmentLoginReplayAndReset() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                _ = try await ministry.get("/konto")
                #expect(try await ministry.send(.POST, "/konto/totp", form: [:]).status == .seeOther)
                let page = try await ministry.get("/konto")
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "departement").first())
                let base32 = try #require(user.totpPending)
                #expect(user.totpSecret == nil)
                #expect(page.body.contains(base32) && page.body.contains("otpauth://totp/Styr%3Adepartement?secret=\(base32)"))
                let secret = try #require(Base32.decode(base32))
                let now = app.clock.now()
                let bad = try await ministry.send(.POST, "/konto/totp/bekreft", form: ["kode": "000000"])
                #expect(bad.status == .unprocessableEntity || TOTP.code(secret: secret, step: TOTP.step(at: now)) == "000000")
                let code = TOTP.code(secret: secret, step: TOTP.step(at: now) - 1)
                #expect(try await ministry.send(.POST, "/konto/totp/bekreft", form: ["kode": code]).status == .seeOther)

                // The password alone gives no rights.
                let c = Client(app)
                _ = try await c.get("/login")
                let first = try await c.send(
                    .POST, "/login", form: ["username": "departement", "password": "demo-departement", "neste": "/konto"])
                #expect(first.status == .seeOther && first.headers.first(name: .location) == "/login/kode")
                #expect(try await c.get("/konto").headers.first(name: .location)?.hasPrefix("/login") == true)
                _ = try await c.get("/login/kode")
                // The code used to confirm is spent; the next one in the window is not.
                let replay = try await c.send(.POST, "/login/kode", form: ["kode": code])
                #expect(replay.status == .unauthorized)
                let current = TOTP.code(secret: secret, step: TOTP.step(at: now))
                let ok = try await c.send(.POST, "/login/kode", form: ["kode": current])
                #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/konto")
                #expect(try await c.get("/konto").status == .ok)
                // The same code again, in another login: refused.
                let d = Client(app)
                _ = try await d.get("/login")
                _ = try await d.send(.POST, "/login", form: ["username": "departement", "password": "demo-departement", "neste": "/"])
                _ = try await d.get("/login/kode")
                #expect(try await d.send(.POST, "/login/kode", form: ["kode": current]).status == .unauthorized)
                // Guessing codes is throttled like passwords.
                var statuses: [HTTPStatus] = []
                for _ in 0..<8 {
                    _ = try await d.get("/login/kode")
                    let r = try await d.send(.POST, "/login/kode", form: ["kode": "999999"])
                    statuses.append(r.status)
                    if r.status == .tooManyRequests { #expect(r.headers.first(name: .retryAfter) != nil) }
                }
                #expect(statuses.contains(.tooManyRequests), "\(statuses)")

                // Reset from the command line: the password alone logs in again.
                try await Users.resetSecondFactor(username: "departement", actor: "styr", on: app.db)
                app.loginThrottle.reset()
                let e = Client(app)
                try await e.login("departement", "demo-departement")
                #expect(try await e.get("/konto").status == .ok)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action ~~ ["totrinn på", "nullstill totrinn"]).count() == 2)
            }
        }
    }
}
