import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// CR/LF from a form never reaches a header, and redirect targets are same-site declared pages.
    @Suite struct HeaderSafety {
        static let hostile = [
            "//evil.example/", "/\\evil.example/", "/\t/evil.example/", "https://evil.example/", "http:/evil.example",
            "/aar/2021\r\nSet-Cookie: styr_evil=1", "/\r\nLocation: //evil.example", " /aar/2021", "/finnes-ikke", "/aar/../../etc",
            "javascript:alert(1)", "/aar/2021/oppdrag%0d%0aSet-Cookie:%20x=1\n",
        ]

        static func noBrokenHeaders(_ r: Client.Result, _ label: String) {
            for (name, value) in r.headers {
                #expect(!value.contains("\r") && !value.contains("\n"), "\(label): \(name): \(value)")
            }
            #expect(!r.headers[.setCookie].contains { $0.contains("styr_evil") }, "\(label)")
        }

        @Test func loginFollowsOnlyDeclaredSameSitePaths() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                for target in Self.hostile {
                    let c = Client(app)
                    _ = try await c.get("/login")
                    let r = try await c.send(
                        .POST, "/login", form: ["username": "departement", "password": "demo-departement", "neste": target])
                    #expect(r.status == .seeOther, "\(target.debugDescription): \(r.status)")
                    #expect(
                        r.headers.first(name: .location) == "/", "\(target.debugDescription) → \(r.headers.first(name: .location) ?? "")")
                    Self.noBrokenHeaders(r, target.debugDescription)
                    // The form carries the same target (GET /login?neste=…).
                    let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                    let form = try await Client(app).get("/login?neste=\(encoded)")
                    #expect(form.body.contains(#"name="neste" value="/""#), "\(target.debugDescription)")
                }
                // A declared page, with its query, is followed.
                let c = Client(app)
                _ = try await c.get("/login")
                let ok = try await c.send(
                    .POST, "/login",
                    form: ["username": "departement", "password": "demo-departement", "neste": "/aar/2021/oppdrag?status=levert"])
                #expect(ok.headers.first(name: .location) == "/aar/2021/oppdrag?status=levert")
                // The role guard sends an anonymous caller to the login with the page it asked for.
                let guarded = try await Client(app).get("/revisjonslogg?bruker=x")
                let location = try #require(guarded.headers.first(name: .location))
                let next = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "neste" }?.value)
                #expect(RedirectTarget.safe(next) == "/revisjonslogg?bruker=x")
            }
        }

        @Test func redirectTargetRules() {
            for target in Self.hostile { #expect(RedirectTarget.safe(target) == "/", "\(target.debugDescription)") }
            #expect(RedirectTarget.safe(nil) == "/")
            #expect(RedirectTarget.safe("/") == "/")
            #expect(RedirectTarget.safe("/aar/2021/kalender.ics") == "/aar/2021/kalender.ics")
            #expect(RedirectTarget.safe("/dokumenter/abc#linje-4") == "/dokumenter/abc#linje-4")
            #expect(RedirectTarget.safe("/api/v1/years") == "/")
        }

        @Test func noHeaderIsSplitWhateverAHandlerPutsInIt() async throws {
            try await withApp { app in
                app.get("test-header") { _ -> Response in
                    let res = Response(status: .seeOther)
                    res.headers.replaceOrAdd(name: .location, value: "/rapporter/versjon/x#k-a\r\nSet-Cookie: styr_evil=1")
                    res.headers.replaceOrAdd(name: "X-Note", value: "a\r\nSet-Cookie: styr_evil=2")
                    return res
                }
                let r = try await Client(app).get("/test-header")
                Self.noBrokenHeaders(r, "test-header")
                #expect(r.headers.first(name: .location) == "/rapporter/versjon/x#k-a%0D%0ASet-Cookie:%20styr_evil=1")
            }
        }

        @Test func aCommentSectionNeverReachesAHeader() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let dir = Client(app)
                try await dir.login("direktorat", "demo-direktorat")
                _ = try await dir.get("/aar/2021/rapporter")
                _ = try await dir.send(.POST, "/aar/2021/rapporter/arsrapport/send", form: [:])
                let version = try #require(try await ReportsStore.versions(year: 2021, kind: .aar, on: app.db).first)
                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                _ = try await ministry.get("/rapporter/versjon/\(version.id.uuidString)")
                let r = try await ministry.send(
                    .POST, "/rapporter/versjon/\(version.id.uuidString)/kommentar",
                    form: ["section": "leder\r\nSet-Cookie: styr_evil=1\r\n\r\n<b>x</b>", "text": "Takk."])
                #expect(r.status.code < 500)
                Self.noBrokenHeaders(r, "kommentar")
            }
        }
    }
}
