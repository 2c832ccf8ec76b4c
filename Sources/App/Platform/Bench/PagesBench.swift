import Foundation
import StyrCore
import Vapor

/// `styr bench pages`: the first visit to every page. Builds the demo database, starts `styr serve`
/// on it (which fills its caches before it listens), then logs in as each demo user and as an
/// anonymous visitor and opens every page reachable by links from the start pages, once each, as a
/// browser does: the time of that first visit is what a user waits. The baseline is `/health` on
/// the same server in the same run. The goal (issue 27): every page under 1 s, the first visit
/// included. The last line is one JSON object.
enum PagesBench {
    struct Result: Encodable {
        let pages: Int
        let worst_ms: Double
        let worst_path: String
        let p50_ms: Double
        let over_goal: [String]
        let goal_ms: Double
        let health_ms: Double
        /// The slowest first visit against the goal: ≤ 1 meets it.
        let ratio_to_goal: Double
        let roles: [RoleResult]
        let database: String
    }

    struct RoleResult: Encodable {
        let role: String
        let pages: Int
        let worst_ms: Double
        let worst_path: String
        let p50_ms: Double
    }

    /// Where every crawl begins; the rest is found by following links.
    static let start = ["/", "/aar/2021", "/statistikk", "/dokumenter", "/publisert", "/registre"]
    static let goalMs = 1000.0

    static func run(_ app: Application, limit: Int) async throws {
        guard let settings = app.storage[SettingsKey.self] else { return }
        printErr("Bygger demodatabasen (\(settings.databaseDescription)) …")
        try await app.autoRevert()
        try await app.autoMigrate()
        try await DemoCommand.build(app)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("styr-bench-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let port = try HTTPBench.freePort()
        var serveArgs = [CommandLine.arguments[0], "serve", "--env", "production", "--hostname", "127.0.0.1", "--port", String(port)]
        if case .sqliteFile(let path) = settings.database { serveArgs += ["--db", path] }
        let server = try HTTPBench.start(serveArgs, log: work.appendingPathComponent("serve.log"))
        defer { HTTPBench.stop(server) }
        let base = "http://127.0.0.1:\(port)"
        try await HTTPBench.waitUntilUp(base + "/health")
        let health = try (0..<21).map { _ in try visit(base + "/health", cookie: nil, body: work.appendingPathComponent("h")).ms }.sorted()[
            10]

        var roles: [RoleResult] = []
        var all: [(path: String, ms: Double)] = []
        let callers =
            DemoCommand.users.map { (name: $0.0, password: Optional($0.1), role: $0.2.rawValue) } + [
                (name: "anonym", password: nil, role: "anonym")
            ]
        for caller in callers {
            let cookie =
                try caller.password.map { try HTTPBench.login(base: base, username: caller.name, password: $0, dir: work) }
            let timings = try crawl(base: base, cookie: cookie, limit: limit, dir: work)
            let sorted = timings.sorted { $0.ms > $1.ms }
            let worst = sorted.first ?? (path: "", ms: 0)
            roles.append(
                RoleResult(
                    role: caller.role, pages: timings.count, worst_ms: worst.ms.rounded(), worst_path: worst.path,
                    p50_ms: median(timings.map(\.ms))))
            printErr("\(caller.role): \(timings.count) sider, tregest \(Int(worst.ms)) ms (\(worst.path)).")
            all += timings
        }
        let worst = all.max { $0.ms < $1.ms } ?? (path: "", ms: 0)
        let result = Result(
            pages: all.count, worst_ms: worst.ms.rounded(), worst_path: worst.path, p50_ms: median(all.map(\.ms)),
            over_goal: all.filter { $0.ms > goalMs }.map(\.path), goal_ms: goalMs, health_ms: health,
            ratio_to_goal: worst.ms / goalMs, roles: roles, database: settings.databaseDescription)
        try printJSONLine(result)
    }

    /// Opens every page reachable from `start` once (breadth first) and times each first visit.
    static func crawl(base: String, cookie: String?, limit: Int, dir: URL) throws -> [(path: String, ms: Double)] {
        var seen = Set<String>()
        var queue = start
        var out: [(path: String, ms: Double)] = []
        let body = dir.appendingPathComponent("page.html")
        while !queue.isEmpty && out.count < limit {
            let path = queue.removeFirst()
            guard seen.insert(path).inserted else { continue }
            let (status, ms) = try visit(base + path, cookie: cookie, body: body)
            guard status == 200 else { continue }  // redirects to login, refusals: not a page this caller sees
            out.append((path, ms))
            let html = (try? String(contentsOf: body, encoding: .utf8)) ?? ""
            queue += links(in: html).filter { !seen.contains($0) }
        }
        return out
    }

    /// This site's pages linked from `html`: not files (PDF, CSV, the registers' extracts), feeds,
    /// the API or logout.
    static func links(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let r = rest.range(of: "href=\"") {
            let tail = rest[r.upperBound...]
            guard let end = tail.firstIndex(where: { $0 == "\"" || $0 == "#" }) else { break }
            let link = String(tail[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            rest = tail[end...]
            let file = [".pdf", ".csv", ".ics", ".json", "/pdf"].contains { link.hasSuffix($0) }
            let excluded = ["/logout", "/css/", "/api/", "/js/"].contains { link.hasPrefix($0) } || link.contains("/uttrekk")
            if link.hasPrefix("/") && !link.hasPrefix("//") && !file && !excluded { out.append(link) }
        }
        return out
    }

    static func visit(_ url: String, cookie: String?, body: URL) throws -> (status: Int, ms: Double) {
        let auth = cookie.map { ["-H", "Cookie: \($0)"] } ?? []
        let out = try HTTPBench.toolOrHint(
            ["curl", "-s", "--max-time", "120", "-o", body.path, "-w", "%{http_code} %{time_total}"] + auth + [url])
        let parts = String(decoding: out.stdout, as: UTF8.self).split(separator: " ")
        guard parts.count == 2, let status = Int(parts[0]), let seconds = Double(parts[1]) else {
            throw UserError(.internalServerError, "curl ga ikke svar for \(url).")
        }
        return (status, seconds * 1000)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.isEmpty ? 0 : (s[s.count / 2] * 10).rounded() / 10
    }
}
