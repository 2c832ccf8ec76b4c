import Foundation
import Testing

@testable import App

/// `styr bench http`: the mix the load goal names (report drafts, statistics pages, logged in and
/// anonymous) and the JSON keys scripts read.
@Suite struct HTTPBenchTests {
    @Test func theMixHasReportDraftsStatisticsAndAnonymousCallers() {
        let paths = HTTPBench.mix.map(\.path)
        #expect(paths.contains { $0.contains("/rapporter/arsrapport") } && paths.contains { $0.hasPrefix("/statistikk") })
        #expect(Set(HTTPBench.mix.map(\.caller.rawValue)) == ["browser", "api", "anonymous"])
    }

    @Test func eachCallerSendsOnlyItsOwnCredentials() {
        let lua = HTTPBench.luaScript(
            paths: [("/a", .browser), ("/b", .api), ("/c", .anonymous)], cookie: "styr_session=k", token: "t0k")
        #expect(lua.contains(#"{"/a", "browser"}, {"/b", "api"}, {"/c", "anonymous"}"#))
        #expect(lua.contains(#"if p[2] == "api" then headers["Authorization"] = "Bearer t0k""#))
        #expect(lua.contains(#"elseif p[2] == "browser" then headers["Cookie"] = "styr_session=k" end"#))
        // Browsers ask for gzip as Chromium does only when told to; API clients never.
        #expect(lua.contains(#"if p[2] ~= "api" and false then headers["Accept-Encoding"]"#))
        let gzip = HTTPBench.luaScript(paths: [("/a", .browser)], cookie: "c", token: "t", browsersAcceptGzip: true)
        #expect(gzip.contains(#"if p[2] ~= "api" and true then headers["Accept-Encoding"] = "gzip, deflate, br, zstd" end"#))
    }

    @Test func theMixAndHealthTakeTurnsAndTheirTurnsAddUp() {
        #expect(HTTPBench.slices(60) == [10, 10, 10, 10, 10, 10])
        #expect(HTTPBench.slices(25) == [13, 12])
        #expect(HTTPBench.slices(5) == [5])
        let runs = [
            HTTPBench.WrkSummary(requests: 100, duration_us: 1e6, p50_us: 3, p99_us: 9, errors: 1, non2xx: 0),
            HTTPBench.WrkSummary(requests: 300, duration_us: 1e6, p50_us: 5, p99_us: 20, errors: 0, non2xx: 2),
            HTTPBench.WrkSummary(requests: 200, duration_us: 2e6, p50_us: 4, p99_us: 8, errors: 0, non2xx: 0),
        ]
        let all = HTTPBench.WrkSummary(combining: runs)
        #expect(all.requests == 600 && all.rps == 150 && all.errors == 1 && all.non2xx == 2)
        #expect(all.p50_us == 4 && all.p99_us == 20)
    }

    @Test func theResultCarriesTheKeysOfTheLoadGoal() throws {
        let r = HTTPBench.Result(
            rps: 900, p50_ms: 3, p99_ms: 20, errors: 0, requests: 54_000, reference_rps: 90_000, reference_p99_ms: 2, ratio: 0.01,
            health_rps: 1_000, ratio_to_health: 0.9, persons: 462_735, database: "SQLite", connections: 50, seconds: 60,
            browsers_accept_gzip: true)
        let keys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any]).keys
        for key in ["rps", "p99_ms", "errors", "health_rps", "ratio_to_health", "persons", "browsers_accept_gzip"] {
            #expect(keys.contains(key), "\(key)")
        }
    }
}
