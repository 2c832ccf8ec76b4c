import Foundation
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Every response carries CSP (with frame-ancestors 'none'), nosniff and a Referrer-Policy, and
    /// the pages need nothing the policy forbids.
    @Suite struct SecurityHeadersOnEveryResponse {
        static func check(_ r: Client.Result, _ label: String) {
            let csp = r.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"), "\(label): \(csp)")
            #expect(!csp.contains("script-src"), "\(label): no scripts at all")
            #expect(r.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(label)")
            #expect(r.headers.first(name: "Referrer-Policy") == "same-origin", "\(label)")
        }

        @Test func everyKindOfResponse() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let anonymous = Client(app)
                for path in [
                    "/", "/login", "/dokumenter", "/aar/2021", "/aar/2021/kalender.ics", "/css/styr.css", "/finnes-ikke", "/api/v1/years",
                    "/api/v1/finnes-ikke", "/revisjonslogg", "/health", "/statistikk/tabell/19?format=csv",
                ] {
                    Self.check(try await anonymous.get(path), path)
                }
                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                for path in ["/revisjonslogg", "/aar/2021/rapporter/arsrapport", "/import"] {
                    let r = try await ministry.get(path)
                    Self.check(r, path)
                }
                Self.check(try await ministry.send(.POST, "/logout", form: ["csrf": "feil"]), "POST refused")
            }
        }

        /// The policy allows no scripts, no inline event handlers and no inline styles except in the
        /// report pages' print styles: the templates must need none.
        @Test func templatesNeedNothingThePolicyForbids() throws {
            let root = URL(fileURLWithPath: Settings.locateRoot()).appendingPathComponent("Resources/Views")
            let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            var checked = 0
            for case let url as URL in files where url.pathExtension == "leaf" {
                let text = try String(contentsOf: url, encoding: .utf8)
                checked += 1
                #expect(!text.contains("<script"), "\(url.lastPathComponent)")
                #expect(text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(url.lastPathComponent)")
                #expect(text.range(of: #"\sstyle\s*="#, options: .regularExpression) == nil, "\(url.lastPathComponent)")
                #expect(text.range(of: #"(src|href)="(https?:)?//"#, options: .regularExpression) == nil, "\(url.lastPathComponent)")
                // Report pages are served with the report policy; a «-print» template is only printed by Chromium from a file.
                if text.contains("<style") {
                    #expect(
                        url.path.contains("/reports/") || url.lastPathComponent.hasSuffix("-print.leaf"),
                        "\(url.lastPathComponent): inline <style>")
                }
            }
            #expect(checked > 10)
            #expect(SecurityHeaders.reportPolicy.contains("'unsafe-inline'") && !SecurityHeaders.policy.contains("'unsafe-inline'"))
        }
    }
}
