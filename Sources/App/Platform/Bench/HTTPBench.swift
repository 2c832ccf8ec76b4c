import Fluent
import Foundation
import StyrCore
import Vapor

/// `styr bench http`: serves the national-scale demo database on loopback (release build, production
/// environment) and drives it with wrk at N concurrent clients over a mix of pages and API calls as
/// logged-in users; then drives nginx serving a static file on loopback with the same settings, as
/// the reference measured in the same run. The last line is one JSON object.
enum HTTPBench {
    struct Result: Encodable {
        let rps: Double
        let p50_ms: Double
        let p99_ms: Double
        let errors: Int
        let requests: Int
        let reference_rps: Double
        let reference_p99_ms: Double
        let ratio: Double
        /// The same server's `/health` (no database, no template): what the framework itself reaches here.
        let health_rps: Double
        /// `rps` / `health_rps`: the mix against the framework's own floor, measured in the same run.
        let ratio_to_health: Double
        /// Persons in the settlement register served.
        let persons: Int
        let database: String
        let connections: Int
        let seconds: Int
        /// Whether the browsers of the mix (logged in and anonymous) sent a browser's
        /// `Accept-Encoding`; API clients and `/health` never do.
        let browsers_accept_gzip: Bool
    }

    /// What wrk's Lua `done` hook prints.
    struct WrkSummary: Decodable {
        let requests: Int
        let duration_us: Double
        let p50_us: Double
        let p99_us: Double
        let errors: Int
        let non2xx: Int

        var rps: Double { Double(requests) / max(duration_us / 1e6, 1e-9) }

        init(requests: Int, duration_us: Double, p50_us: Double, p99_us: Double, errors: Int, non2xx: Int) {
            (self.requests, self.duration_us, self.p50_us, self.p99_us) = (requests, duration_us, p50_us, p99_us)
            (self.errors, self.non2xx) = (errors, non2xx)
        }

        /// Several runs as one: requests, time and errors summed; as percentiles cannot be summed,
        /// the median run's p50 and the worst run's p99.
        init(combining runs: [WrkSummary]) {
            let p50s = runs.map(\.p50_us).sorted()
            self.init(
                requests: runs.reduce(0) { $0 + $1.requests }, duration_us: runs.reduce(0) { $0 + $1.duration_us },
                p50_us: p50s.isEmpty ? 0 : p50s[p50s.count / 2], p99_us: runs.map(\.p99_us).max() ?? 0,
                errors: runs.reduce(0) { $0 + $1.errors }, non2xx: runs.reduce(0) { $0 + $1.non2xx })
        }
    }

    /// `seconds` cut into turns of about ten seconds (at least one), summing to `seconds`.
    static func slices(_ seconds: Int) -> [Int] {
        let count = max(1, seconds / 10)
        return (0..<count).map { seconds / count + ($0 < seconds % count ? 1 : 0) }
    }

    /// Who sends a request of the mix: a logged-in browser (session cookie), an API client (bearer
    /// token) or an anonymous visitor.
    enum Caller: String { case browser, api, anonymous }

    /// The realistic mix: dashboard, assignment list, report drafts, statistics tables and pages,
    /// indicators and the JSON API; logged in and anonymous.
    static let mix: [(path: String, caller: Caller)] = [
        ("/aar/2021", .browser), ("/aar/2021/oppdrag", .browser), ("/statistikk/tabell/16?aar=2023", .browser),
        ("/aar/2021/oppdrag/2021-04", .browser), ("/api/v1/years/2021/assignments", .api),
        ("/api/v1/stats/tables/16?year=2023", .api), ("/api/v1/stats/hovedtall?year=2023", .api), ("/", .anonymous),
        ("/api/v1/years/2021/budget", .api), ("/statistikk/indikatorer?aar=2023", .browser),
        ("/aar/2021/rapporter/arsrapport", .browser), ("/aar/2021/rapporter/halvarsrapport", .browser),
        ("/statistikk?aar=2023", .anonymous), ("/statistikk/tabell/19?aar=2023", .anonymous),
        ("/statistikk/indikatorer?aar=2023&enhet=kommune:0301", .anonymous), ("/api/v1/stats/tables/21?year=2023", .anonymous),
    ]

    /// `persons`: a settlement register of about this many persons (the demo's years scaled), for
    /// the national scale (462 735); nil keeps the demo's own.
    /// `browsersAcceptGzip`: the browsers send `Accept-Encoding` as Chromium does (false: as curl).
    static func run(_ app: Application, seconds: Int, connections: Int, persons: Int? = nil, browsersAcceptGzip: Bool = true)
        async throws
    {
        guard let settings = app.storage[SettingsKey.self] else { return }
        printErr("Bygger demodatabasen (\(settings.databaseDescription)) …")
        try await app.autoRevert()
        try await app.autoMigrate()
        try await DemoCommand.build(app)
        if let persons {
            let generator = SettlementGenerator(seed: 1, geography: app.geography)
            let base = generator.generate(from: 2014, to: 2024).persons.count
            let register = generator.generate(from: 2014, to: 2024, scale: Double(persons) / Double(max(base, 1)))
            try await SettlementStore.replace(with: register, source: "bench http", actor: "styr bench", on: app.db)
        }
        let served = try await SettlementStore.load(on: app.db).persons.count
        printErr("Bosettingsregisteret: \(served) personer.")
        let token = try await Users.newToken(username: "direktorat", on: app.db)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("styr-bench-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let port = try freePort()
        var serveArgs = [CommandLine.arguments[0], "serve", "--env", "production", "--hostname", "127.0.0.1", "--port", String(port)]
        if case .sqliteFile(let path) = settings.database { serveArgs += ["--db", path] }
        let server = try start(serveArgs, log: work.appendingPathComponent("serve.log"))
        defer { stop(server) }
        let base = "http://127.0.0.1:\(port)"
        try await waitUntilUp(base + "/health")
        let cookie = try login(base: base, username: "direktorat", password: "demo-direktorat", dir: work)

        let script = work.appendingPathComponent("mix.lua")
        try luaScript(paths: mix, cookie: cookie, token: token, browsersAcceptGzip: browsersAcceptGzip).write(
            to: script, atomically: true, encoding: .utf8)
        // Warm-up: each path once (fills the register cache), then templates and connection pools.
        for entry in mix {
            let auth =
                switch entry.caller {
                case .api: ["-H", "Authorization: Bearer \(token)"]
                case .browser: ["-H", "Cookie: \(cookie)"]
                case .anonymous: [String]()
                }
            _ = try toolOrHint(["curl", "-s", "-o", "/dev/null", "--max-time", "120"] + auth + [base + entry.path])
        }
        _ = try wrk(url: base, script: script.path, seconds: 3, connections: connections)
        let healthScript = work.appendingPathComponent("health.lua")
        try luaScript(paths: [("/health", .anonymous)], cookie: "", token: "").write(
            to: healthScript, atomically: true, encoding: .utf8)
        // The mix and /health take turns in slices of about ten seconds, so that a machine whose
        // speed drifts during the run (a shared host) weighs on both alike.
        let slices = slices(seconds)
        printErr("Styr og /health: \(connections) klienter, \(seconds) s hver, i \(slices.count) omganger …")
        var styrSlices: [WrkSummary] = []
        var healthSlices: [WrkSummary] = []
        for slice in slices {
            styrSlices.append(try wrk(url: base, script: script.path, seconds: slice, connections: connections))
            healthSlices.append(try wrk(url: base, script: healthScript.path, seconds: slice, connections: connections))
        }
        let styr = WrkSummary(combining: styrSlices)
        let health = WrkSummary(combining: healthSlices)

        let reference = try nginxReference(dir: work, seconds: seconds, connections: connections)
        let result = Result(
            rps: styr.rps.rounded(), p50_ms: styr.p50_us / 1000, p99_ms: styr.p99_us / 1000, errors: styr.errors + styr.non2xx,
            requests: styr.requests, reference_rps: reference.rps.rounded(), reference_p99_ms: reference.p99_us / 1000,
            ratio: styr.rps / max(reference.rps, 1e-9), health_rps: health.rps.rounded(),
            ratio_to_health: styr.rps / max(health.rps, 1e-9), persons: served, database: settings.databaseDescription,
            connections: connections, seconds: seconds, browsers_accept_gzip: browsersAcceptGzip)
        printErr(
            "Styr \(Int(result.rps)) forespørsler/s (p50 \(String(format: "%.1f", result.p50_ms)) ms, p99 \(String(format: "%.1f", result.p99_ms)) ms, \(result.errors) feil); /health \(Int(result.health_rps))/s (\(String(format: "%.2f", result.ratio_to_health))×); nginx \(Int(result.reference_rps))/s."
        )
        try printJSONLine(result)
    }

    /// nginx on loopback serving a static page of the dashboard's size.
    static func nginxReference(dir: URL, seconds: Int, connections: Int) throws -> WrkSummary {
        let root = dir.appendingPathComponent("static")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try String(repeating: "<p>Styr statisk referanse</p>\n", count: 600).write(
            to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let port = try freePort()
        let temp = dir.appendingPathComponent("nginx-temp").path
        let conf = """
            daemon off;
            worker_processes auto;
            user root;
            pid \(dir.path)/nginx.pid;
            error_log \(dir.path)/nginx-error.log;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path \(temp)/body; proxy_temp_path \(temp)/proxy; fastcgi_temp_path \(temp)/fastcgi;
              uwsgi_temp_path \(temp)/uwsgi; scgi_temp_path \(temp)/scgi;
              server { listen 127.0.0.1:\(port); root \(root.path); }
            }
            """
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let confURL = dir.appendingPathComponent("nginx.conf")
        try conf.write(to: confURL, atomically: true, encoding: .utf8)
        let nginx = try start(["nginx", "-c", confURL.path], log: dir.appendingPathComponent("nginx.log"))
        defer { stop(nginx) }
        Thread.sleep(forTimeInterval: 0.5)
        let script = dir.appendingPathComponent("static.lua")
        try luaScript(paths: [("/index.html", .anonymous)], cookie: "", token: "").write(to: script, atomically: true, encoding: .utf8)
        printErr("nginx (referanse): \(connections) klienter i \(seconds) s …")
        return try wrk(url: "http://127.0.0.1:\(port)", script: script.path, seconds: seconds, connections: connections)
    }

    /// Cycles through `paths`; API calls carry the bearer token, browser pages the session cookie,
    /// anonymous requests neither. With `browsersAcceptGzip`, browser and anonymous requests carry
    /// the `Accept-Encoding` Chromium sends.
    static func luaScript(paths: [(path: String, caller: Caller)], cookie: String, token: String, browsersAcceptGzip: Bool = false)
        -> String
    {
        let entries = paths.map { "{\"\($0.path)\", \"\($0.caller.rawValue)\"}" }.joined(separator: ", ")
        return """
            local paths = { \(entries) }
            local i = 0
            request = function()
              i = i % #paths + 1
              local p = paths[i]
              local headers = {}
              if p[2] == "api" then headers["Authorization"] = "Bearer \(token)"
              elseif p[2] == "browser" then headers["Cookie"] = "\(cookie)" end
              if p[2] ~= "api" and \(browsersAcceptGzip) then headers["Accept-Encoding"] = "gzip, deflate, br, zstd" end
              return wrk.format("GET", p[1], headers)
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format('{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d,"non2xx":%d}\\n',
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
                e.connect + e.read + e.write + e.timeout, e.status))
            end
            """
    }

    static func wrk(url: String, script: String, seconds: Int, connections: Int) throws -> WrkSummary {
        let threads = min(2, connections)
        let out = try toolOrHint([
            "wrk", "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "5s", "-s", script, url,
        ])
        guard let line = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let summary = try? JSONDecoder().decode(WrkSummary.self, from: Data(line.utf8))
        else { throw UserError(.internalServerError, "wrk ga ikke noe resultat: \(out.stderr.prefix(300))") }
        return summary
    }

    /// Logs in through the login form like a browser and returns the session cookie.
    static func login(base: String, username: String, password: String, dir: URL) throws -> String {
        let jar = dir.appendingPathComponent("cookies.txt").path
        let page = try toolOrHint(["curl", "-s", "-c", jar, "-b", jar, base + "/login"])
        let html = String(decoding: page.stdout, as: UTF8.self)
        guard let range = html.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else {
            throw UserError(.internalServerError, "Fant ikke innloggingsskjemaet.")
        }
        let csrf = html[range].dropFirst(#"name="csrf" value=""#.count).dropLast()
        _ = try toolOrHint([
            "curl", "-s", "-o", "/dev/null", "-c", jar, "-b", jar, "--data-urlencode", "csrf=\(csrf)", "--data-urlencode",
            "username=\(username)", "--data-urlencode", "password=\(password)", base + "/login",
        ])
        let cookies = (try? String(contentsOfFile: jar, encoding: .utf8)) ?? ""
        guard let line = cookies.split(separator: "\n").last(where: { $0.contains("styr_session") }),
            let value = line.split(separator: "\t").last
        else { throw UserError(.internalServerError, "Innloggingen i benchmarken feilet.") }
        return "styr_session=\(value)"
    }

    static func toolOrHint(_ arguments: [String]) throws -> ExternalTool.Output {
        do { return try ExternalTool.run(arguments) } catch {
            throw UserError(.internalServerError, "Fant ikke \(arguments[0]); kjør scripts/setup.sh (wrk, nginx-light, curl).")
        }
    }

    static func start(_ arguments: [String], log: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        // Plain http on loopback: cookies without the Secure flag, so that curl logs in.
        process.environment = ProcessInfo.processInfo.environment.merging(["STYR_INSECURE_COOKIES": "1"]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        return process
    }

    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    static func waitUntilUp(_ url: String) async throws {
        // The server fills its caches before it listens: at national scale that takes a while.
        for _ in 0..<3000 {
            if let out = try? ExternalTool.run(["curl", "-sf", "-o", "/dev/null", url]), out.status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw UserError(.internalServerError, "Serveren startet ikke.")
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw UserError(.internalServerError, "Fant ingen ledig port.") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw UserError(.internalServerError, "Fant ingen ledig port.") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
