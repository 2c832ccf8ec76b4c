import Foundation
import Testing

@testable import App

/// `styr bench pages`: which links the first-visit crawl follows.
@Suite struct PagesBenchTests {
    @Test func followsThisSitesPagesOnly() {
        let html = """
            <a href="/aar/2021">År</a> <a href="/statistikk/tabell/16?aar=2021&amp;side=2#t">T</a>
            <a href="/aar/2021/rapporter/arsrapport/pdf">PDF</a> <a href="/api/v1/years">API</a>
            <a href="/logout">Logg ut</a> <a href="https://example.org/">Ute</a> <a href="//evil/">X</a>
            <a href="/aar/2021/kalender.ics">ics</a> <a href="/registre/nir/uttrekk">CSV</a> <a href="#main">Til innhold</a>
            <link href="/css/styr.css" rel="stylesheet">
            """
        #expect(PagesBench.links(in: html) == ["/aar/2021", "/statistikk/tabell/16?aar=2021&side=2"])
    }

    @Test func theResultCarriesTheGoalAndTheBaseline() throws {
        let r = PagesBench.Result(
            pages: 2, worst_ms: 400, worst_path: "/a", p50_ms: 5, over_goal: [], goal_ms: 1000, health_ms: 1, ratio_to_goal: 0.4,
            roles: [], database: "SQLite")
        let keys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any]).keys
        for key in ["pages", "worst_ms", "over_goal", "health_ms", "ratio_to_goal", "roles"] { #expect(keys.contains(key), "\(key)") }
    }
}
