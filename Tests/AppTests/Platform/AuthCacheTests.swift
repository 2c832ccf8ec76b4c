import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Page views reuse their session's and token's user for a second; writes never do.
    @Suite struct AuthCaching {
        @Test func pageViewsReuseTheSessionButAWriteReadsItAfresh() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                #expect(try await c.get("/revisjonslogg").status == .ok)
                let sid = try #require(c.cookies["styr_session"])
                #expect(app.authCache.session(sid)?.data["csrf"] != nil, "the CSRF token the first page made is kept")
                // Disabled behind this server's back (another process, or `styr user disable`).
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "direktorat").first())
                user.disabled = true
                try await user.save(on: app.db)
                // A page view within the second still uses the copy read a moment ago …
                #expect(try await c.get("/revisjonslogg").status == .ok)
                // … but a write reads the session afresh and is refused, and stores nothing.
                let post = try await c.send(
                    .POST, "/aar/2021/oppdrag/2021-05/status",
                    form: ["status": "levert", "date": "2021-06-18", "note": "Skal ikke lagres."])
                #expect(post.status == .seeOther && post.headers.first(name: .location)?.hasPrefix("/login") == true, "\(post.status)")
                #expect(try await StatusNoteModel.query(on: app.db).filter(\.$note == "Skal ikke lagres.").count() == 0)
                // Once the copy is gone, page views are refused too.
                app.authCache.removeAll()
                #expect(try await c.get("/revisjonslogg").headers.first(name: .location)?.hasPrefix("/login") == true)
            }
        }

        @Test func logoutInThisProcessEndsTheSessionAtOnce() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let session = try #require(c.cookie)
                #expect(try await c.get("/revisjonslogg").status == .ok)
                _ = try await c.send(.POST, "/logout", form: [:])
                c.cookie = session
                #expect(try await c.get("/revisjonslogg").headers.first(name: .location)?.hasPrefix("/login") == true)
            }
        }

        @Test func tokenReadsAreReusedAndWritesCheckAfresh() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                #expect(try await c.get("/api/v1/audit").status == .ok)
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "direktorat").first())
                user.disabled = true
                try await user.save(on: app.db)
                #expect(try await c.get("/api/v1/audit").status == .ok)
                let write = try await c.send(.POST, "/api/v1/match/runs/ukjent/confirm", json: [String: String]())
                #expect(write.status == .unauthorized, "\(write.status)")
                app.authCache.removeAll()
                #expect(try await c.get("/api/v1/audit").status == .unauthorized)
            }
        }

        @Test func theCacheForgetsAfterItsLifetimeAndWhenOff() throws {
            let cache = AuthCache(seconds: 0.05)
            let session = AuthCache.Session(data: SessionData(initialData: ["a": "b"]), user: nil)
            cache.keep(session: "s", session)
            #expect(cache.session("s")?.data["a"] == "b")
            Thread.sleep(forTimeInterval: 0.08)
            #expect(cache.session("s") == nil)
            let off = AuthCache(seconds: 0)
            off.keep(session: "s", session)
            #expect(off.session("s") == nil && !off.isEnabled)
        }
    }
}
