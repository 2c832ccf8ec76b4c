import Fluent
import Foundation
import NIOCore
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The shared page cache: each caller gets their own name and CSRF token in a shared page,
    /// roles and municipalities never share, a write is seen at once, person data is never cached.
    @Suite struct PageCaching {
        /// The demo's directorate user and a second directorate user `name`, both logged in.
        static func twoCaseworkers(_ name: String, _ app: Application) async throws -> (demo: Client, other: Client) {
            try await seedDemo(app)
            _ = try await Users.add(username: name, password: "passord-\(name)", role: .directorate, kommune: nil, on: app.db) {
                try await app.password.async.hash($0)
            }
            let demo = Client(app)
            try await demo.login("direktorat", "demo-direktorat")
            let other = Client(app)
            try await other.login(name, "passord-\(name)")
            return (demo, other)
        }

        /// A logged-in public user and an anonymous caller have the same rights but not the same
        /// page (name and logout form against the login link): they never share a copy, whoever
        /// comes first.
        @Test func anonymousCallersAndPublicUsersDoNotShareAPage() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                for (path, anonymousFirst) in [("/aar/2021", true), ("/aar/2021/oppdrag", false)] {
                    let visitor = Client(app)
                    let reader = Client(app)
                    try await reader.login("publikum", "demo-publikum")
                    let order = anonymousFirst ? [visitor, reader] : [reader, visitor]
                    var bodies: [ObjectIdentifier: String] = [:]
                    for c in order { bodies[ObjectIdentifier(c)] = try await c.get(path).body }
                    let anonymous = try #require(bodies[ObjectIdentifier(visitor)])
                    let loggedIn = try #require(bodies[ObjectIdentifier(reader)])
                    #expect(anonymous.contains(#"<a href="/login">Logg inn</a>"#) && !anonymous.contains("Logg ut"), "\(path)")
                    #expect(loggedIn.contains("publikum (") && loggedIn.contains("Logg ut"), "\(path)")
                }
            }
        }

        @Test func sharedPageCarriesEachCallersOwnNameAndToken() async throws {
            try await withApp { app in
                let (a, b) = try await Self.twoCaseworkers("saksbehandler2", app)
                let first = try await a.get("/aar/2021/oppdrag/2021-05")
                let tokenA = try #require(a.csrf)
                let second = try await b.get("/aar/2021/oppdrag/2021-05")
                let tokenB = try #require(b.csrf)
                #expect(first.status == .ok && second.status == .ok)
                #expect(second.headers.first(name: "X-Styr-Cache") == "hit")
                #expect(tokenA != tokenB)
                for page in [first.body, second.body] {
                    #expect(!page.contains(PageCache.csrfMarker) && !page.contains(PageCache.userMarker))
                }
                #expect(first.body.contains("direktorat (") && !first.body.contains("saksbehandler2"))
                #expect(second.body.contains("saksbehandler2 ("))
                // Each token is the one its own session accepts: a form post with it goes through.
                let post = try await b.send(
                    .POST, "/aar/2021/oppdrag/2021-05/status", form: ["status": "ikke_startet", "date": "2021-06-18", "note": "Ok."])
                #expect(post.status == .seeOther, "\(post.status)")
            }
        }

        @Test func theFrontPageRedirectIsShared() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let first = try await Client(app).get("/")
                let second = try await Client(app).get("/")
                #expect(first.headers.first(name: .location) == "/aar/2021" && second.headers.first(name: .location) == "/aar/2021")
                #expect(second.headers.first(name: "X-Styr-Cache") == "hit", "\(first.headers) \(second.headers)")
            }
        }

        @Test func hitsAfterTheFirstRenderAndAWriteIsSeenAtOnce() async throws {
            try await withApp { app in
                let (writer, reader) = try await Self.twoCaseworkers("leser", app)
                let cold = try await reader.get("/aar/2021/oppdrag/2021-05")
                let warm = try await reader.get("/aar/2021/oppdrag/2021-05")
                #expect(cold.headers.first(name: "X-Styr-Cache") == "miss")
                #expect(warm.headers.first(name: "X-Styr-Cache") == "hit")
                #expect(cold.body == warm.body)
                _ = try await writer.get("/aar/2021/oppdrag/2021-05")
                let ok = try await writer.send(
                    .POST, "/aar/2021/oppdrag/2021-05/status",
                    form: ["status": "levert", "date": "2021-06-18", "note": "Plan oversendt KD.", "evidence": "/dokumenter/p"])
                #expect(ok.status == .seeOther)
                let after = try await reader.get("/aar/2021/oppdrag/2021-05")
                #expect(after.headers.first(name: "X-Styr-Cache") == "miss")
                #expect(after.body.contains("Plan oversendt KD."))
                // The writer's own next pages bypass the cache (their write may have gone to
                // another server process).
                let own = try await writer.get("/aar/2021/oppdrag/2021-06")
                #expect(own.status == .ok && own.headers.first(name: "X-Styr-Cache") == nil)
            }
        }

        @Test func rolesAndMunicipalitiesNeverShareAndPersonDataIsNotCached() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2023...2023)
                let staff = Client(app)
                try await staff.login("direktorat", "demo-direktorat")
                let anonymous = Client(app)
                let path = "/api/v1/stats/tables/16?year=2023"
                staff.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let full = try await staff.get(path)
                let again = try await staff.get(path)
                #expect(again.headers.first(name: "X-Styr-Cache") == "hit")
                let open = try await anonymous.get(path)
                #expect(open.status == .ok && open.headers.first(name: "X-Styr-Cache") == "miss")
                #expect(full.body == again.body)
                // An error on a cacheable address is the caller's own page, with their own token.
                let missing = try await staff.get("/aar/2021/regnskap/999-99")
                #expect(missing.status == .notFound && !missing.body.contains(PageCache.csrfMarker))
                #expect(missing.body.contains(try #require(staff.csrf)) && !staff.csrf!.contains("styr-shared"))
                let page = try await staff.get("/register/bosetting")
                #expect(page.status == .ok && page.headers.first(name: "X-Styr-Cache") == nil)
            }
        }

        @Test func aSessionIsReadTogetherWithItsUser() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("kommune", "demo-kommune")
                let cookie = try #require(c.cookie.map { String($0.dropFirst("styr_session=".count)) })
                let found = try #require(
                    try await AuthQueries.session(QuietSessions.storedKey(SessionID(string: cookie)), on: app.db).get())
                #expect(found.data[AuthQueries.sessionUserKey] == found.user?.id.uuidString)
                let user = try #require(found.user?.model)
                #expect(user.username == "kommune" && user.roleValue == .municipality && user.kommune != nil)
                // A disabled user's session no longer logs anyone in.
                user.disabled = true
                try await user.save(on: app.db)
                #expect(try await UserModel.query(on: app.db).count() == 4, "saved in place, not inserted")
                // As another server process would see it once its second-long copy has expired.
                app.authCache.removeAll()
                #expect(try await c.get("/register/bosetting").headers.first(name: .location)?.hasPrefix("/login") == true)
                #expect(try await AuthQueries.session(SessionID(string: "ukjent"), on: app.db).get() == nil)
            }
        }

        @Test func markersAreCutOnceAndFilledEscaped() throws {
            let cache = PageCache(seconds: 1)
            let html = "<p>\(PageCache.userMarker)</p><input value=\"\(PageCache.csrfMarker)\">s"
            let response = Response(status: .ok, body: .init(string: html))
            let entry = try #require(cache.entry(from: response))
            #expect(entry.segments.count == 5)
            let served = PageCache.response(entry, csrf: "tok", user: "a<b", state: "hit", gzip: false)
            #expect(served.body.string == "<p>a&lt;b</p><input value=\"tok\">s")
            #expect(cache.entry(from: Response(status: .notFound, body: .init(string: "x"))) == nil)
            let redirect = Response(status: .seeOther, headers: ["Location": "/aar/2021"])
            let kept = try #require(cache.entry(from: redirect))
            #expect(PageCache.response(kept, csrf: "t", user: "u", state: "hit", gzip: false).headers.first(name: .location) == "/aar/2021")
        }
        @Test func anExpiredPageIsServedWhileOneCallerRendersItAnew() throws {
            let cache = PageCache(seconds: 0.05, heavySeconds: 30)
            let loop = MultiThreadedEventLoopGroup.singleton.any()
            let key = PageCache.Key(uri: "/x", role: "public", kommune: "", day: "2021-01-01")
            guard case .render(let generation, let promise) = cache.lookup(key, on: loop) else {
                Issue.record("a cold key is rendered")
                return
            }
            let entry = try #require(cache.entry(from: Response(status: .ok, body: .init(string: "v1"))))
            cache.finish(key, entry: entry, generation: generation, promise: promise)
            Thread.sleep(forTimeInterval: 0.1)
            guard case .render(let g2, let p2) = cache.lookup(key, on: loop) else {
                Issue.record("the first caller after expiry renders")
                return
            }
            guard case .hit(let stale) = cache.lookup(key, on: loop) else {
                Issue.record("others get the expired copy instead of waiting")
                return
            }
            #expect(PageCache.response(stale, csrf: "", user: "", state: "hit", gzip: false).body.string == "v1")
            cache.finish(key, entry: nil, generation: g2, promise: p2)
            // A slow page is kept for the longer lifetime.
            let heavy = try #require(cache.entry(from: Response(status: .ok, body: .init(string: "r")), heavy: true))
            #expect(heavy.expires > NIODeadline.now() + TimeAmount.seconds(20))
        }

        @Test func aReportDraftIsRenderedOncePerChange() async throws {
            try await withApp { app in
                let (writer, reader) = try await Self.twoCaseworkers("leser", app)
                let cold = try await reader.get("/aar/2021/rapporter/halvarsrapport")
                let warm = try await reader.get("/aar/2021/rapporter/halvarsrapport")
                #expect(cold.status == .ok && warm.headers.first(name: "X-Styr-Cache") == "hit")
                let token = try #require(reader.csrf)
                #expect(!warm.body.contains(PageCache.csrfMarker) && warm.body.contains(token))
                _ = try await writer.get("/aar/2021/rapporter/halvarsrapport")
                let saved = try await writer.send(
                    .POST, "/aar/2021/rapporter/halvarsrapport/tekst",
                    form: ["section": "sammendrag", "text": "Bosettingen går som planlagt."])
                #expect(saved.status == .seeOther)
                let after = try await reader.get("/aar/2021/rapporter/halvarsrapport")
                #expect(after.headers.first(name: "X-Styr-Cache") == "miss" && after.body.contains("Bosettingen går som planlagt."))
            }
        }
    }
}
