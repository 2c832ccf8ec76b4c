import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

/// HTML snapshots: a page compared with the file committed under `__Snapshots__/PageSnapshots/`,
/// so that a change to a page shows in review. `STYR_RECORD=1 swift test --filter PageSnapshots`
/// writes the files anew; a missing file is written and fails the test once.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__/PageSnapshots")

    /// What differs from run to run replaced by a fixed word: CSRF tokens, ids, load times.
    static func normalised(_ html: String) -> String {
        var out = html
        let rules: [(String, String)] = [
            (#"name="csrf" value="[^"]*""#, #"name="csrf" value="CSRF""#),
            (#"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"#, "UUID"),
            (#"\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\b"#, "DD.MM.ÅÅÅÅ TT:MM"),
            (#"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?\b"#, "ÅÅÅÅ-MM-DDTTT:MM:SS"),
            (#"[0-9a-f]{64}"#, "SHA256"),
        ]
        for (pattern, replacement) in rules {
            out = out.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return out
    }

    /// Compares `html` with the snapshot `name`; records it when asked or when there is none.
    static func check(_ html: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent("\(name).html")
        let page = normalised(html)
        let record = ProcessInfo.processInfo.environment["STYR_RECORD"] == "1"
        guard !record, let committed = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try page.write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record("\(name): no snapshot; recorded \(file.path), run again", sourceLocation: sourceLocation) }
            return
        }
        if committed != page {
            let a = committed.split(separator: "\n", omittingEmptySubsequences: false)
            let b = page.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let was = line < a.count ? String(a[line].prefix(300)) : "(end)"
            let now = line < b.count ? String(b[line].prefix(300)) : "(end)"
            Issue.record(
                "\(name) differs from \(file.lastPathComponent) at line \(line + 1):\n- \(was)\n+ \(now)\n(STYR_RECORD=1 records it anew)",
                sourceLocation: sourceLocation)
        }
    }
}

extension AppSuite {
    /// The main pages of every role at a fixed date, against their committed HTML.
    @Suite struct PageSnapshots {
        static let pages: [(role: Role, paths: [String])] = [
            (.public, ["/aar/2021", "/aar/2021/oppdrag", "/dokumenter", "/statistikk", "/statistikk/tabell/1A", "/login"]),
            (.municipality, ["/", "/register/bosetting/anmodninger", "/statistikk/indikatorer?enhet=kommune:0301"]),
            (.directorate, ["/aar/2021", "/aar/2021/mal", "/aar/2021/kalender", "/statistikk", "/register/bosetting/anmodninger"]),
            (.ministry, ["/aar/2021", "/aar/2021/budsjett", "/aar/2021/rapporter", "/statistikk/tabell/1A?region=03"]),
        ]

        static func name(_ role: Role, _ path: String) -> String {
            let slug = path.replacingOccurrences(of: #"[^A-Za-z0-9]+"#, with: "-", options: .regularExpression)
                .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            return "\(role.rawValue)-\(slug.isEmpty ? "forside" : slug)"
        }

        @Test func mainPagesOfEveryRole() async throws {
            try await withApp(today: CivilDate(year: 2021, month: 6, day: 15)) { app in
                try await seedDemo(app)
                try await DemoDataCommand.fill(app, from: 2020, to: 2021, seed: 1, qualificationScale: 0.01)
                for (role, paths) in Self.pages {
                    let c = Client(app)
                    if role != .public, let (user, password) = demoLogin[role] { try await c.login(user, password) }
                    for path in paths {
                        var r = try await c.get(path)
                        if r.status == .seeOther, let next = r.headers.first(name: .location) { r = try await c.get(next) }
                        #expect(r.status == .ok, "\(role) \(path): \(r.status)")
                        try Snapshot.check(r.body, Self.name(role, path))
                    }
                }
            }
        }
    }
}
