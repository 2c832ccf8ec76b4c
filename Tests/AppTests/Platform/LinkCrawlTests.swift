import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Every link on every page reachable from the demo database, as every role: no link answers
    /// 404, 403 or 5xx, every `#anchor` names an element of the page it points to, and no page is
    /// over 300 kB.
    @Suite struct LinkCrawl {
        /// Links worth following: this site's own pages (not files that print or download, not logout).
        static func followable(_ path: String) -> Bool {
            !path.hasPrefix("/logout") && !path.hasSuffix("/pdf") && !path.hasPrefix("/css/") && !path.hasPrefix("/api/")
        }

        /// `href="…"` values of a page, unescaped.
        static func links(in html: String) -> [String] {
            var out: [String] = []
            var rest = html[...]
            while let r = rest.range(of: "href=\"") {
                let tail = rest[r.upperBound...]
                guard let end = tail.firstIndex(of: "\"") else { break }
                out.append(String(tail[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = tail[end...]
            }
            return out
        }

        /// Whether a page has an element with this id (or a named anchor).
        static func hasAnchor(_ html: String, _ id: String) -> Bool {
            let decoded = id.removingPercentEncoding ?? id
            return [id, decoded].contains { html.contains("id=\"\($0)\"") || html.contains("name=\"\($0)\"") }
        }

        /// The most a page may weigh (uncompressed HTML): long tables are paged instead.
        static let maxPageBytes = 300_000

        struct Dead: CustomStringConvertible {
            let role: String
            let from: String
            let link: String
            let problem: String
            var description: String { "\(role): \(from) → \(link): \(problem)" }
        }

        /// Crawls from the start pages, at most `limit` pages; returns the dead links.
        static func crawl(
            _ c: Client, role: String, start: [String], limit: Int
        ) async throws -> (dead: [Dead], pages: Int, heavy: [String]) {
            var bodies: [String: String] = [:]
            var status: [String: UInt] = [:]
            var queue: [(path: String, from: String)] = start.map { ($0, "start") }
            var dead: [Dead] = []
            var anchors: [(from: String, link: String, path: String, fragment: String)] = []
            var seen = Set(start)
            var heavy: [String] = []
            while !queue.isEmpty && bodies.count < limit {
                let (path, from) = queue.removeFirst()
                let r = try await c.get(path)
                status[path] = r.status.code
                if r.status.code >= 400 {
                    dead.append(Dead(role: role, from: from, link: path, problem: "\(r.status.code)"))
                    continue
                }
                if r.status.code >= 300, let location = r.headers.first(name: .location), !seen.contains(location) {
                    seen.insert(location)
                    queue.append((location, path))
                    continue
                }
                let html = (r.headers.contentType?.subType == "html") ? r.body : ""
                bodies[path] = html
                if html.utf8.count > maxPageBytes { heavy.append("\(role): \(path) \(html.utf8.count) bytes") }
                for href in links(in: html) {
                    guard href.hasPrefix("/") || href.hasPrefix("#"), !href.hasPrefix("//") else { continue }
                    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    let target = parts[0].isEmpty ? path : parts[0]
                    if parts.count == 2, !parts[1].isEmpty { anchors.append((path, href, target, parts[1])) }
                    guard followable(target), !seen.contains(target) else { continue }
                    seen.insert(target)
                    queue.append((target, path))
                }
            }
            for a in anchors {
                if a.path == a.from || bodies[a.path] != nil || followable(a.path) {
                    if bodies[a.path] == nil, status[a.path] == nil, followable(a.path) {
                        let r = try await c.get(a.path)
                        bodies[a.path] = r.body
                    }
                    guard let html = bodies[a.path], !html.isEmpty else { continue }
                    if !hasAnchor(html, a.fragment) {
                        dead.append(Dead(role: role, from: a.from, link: a.link, problem: "no element #\(a.fragment)"))
                    }
                }
            }
            return (dead, bodies.count, heavy)
        }

        /// Every role on SQLite; on PostgreSQL (the same pages and links, another store) the
        /// directorate only, which reaches the most pages: the crawl is the slowest test there.
        static let roles: [Role] =
            ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] == nil
            ? [.ministry, .directorate, .municipality, .public] : [.directorate]

        @Test(arguments: roles)
        func noDeadLinks(role: Role) async throws {
            try await withApp(today: CivilDate(year: 2021, month: 6, day: 15)) { app in
                // The demo's letters, accounts, grants and risks, and two years of registers (small).
                try await seedDemo(app)
                try await DemoDataCommand.fill(app, from: 2020, to: 2021, seed: 1, qualificationScale: 0.01)
                let c = Client(app)
                let (user, password) = try #require(demoLogin[role])
                try await c.login(user, password)
                let (dead, pages, heavy) = try await Self.crawl(
                    c, role: role.rawValue, start: ["/", "/aar/2021", "/statistikk", "/dokumenter", "/publisert"], limit: 4000)
                #expect(pages > 20, "crawled \(pages) pages")
                #expect(heavy.isEmpty, "pages over \(Self.maxPageBytes) bytes:\n\(heavy.joined(separator: "\n"))")
                #expect(dead.isEmpty, "\(dead.count) dead links:\n\(dead.prefix(60).map(\.description).joined(separator: "\n"))")
            }
        }
    }
}
