import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Disclosure control on every output path: over a register of five persons, every figure an
    /// anonymous caller can read (page, CSV, JSON-stat, JSON) is withheld, zero, or not about persons.
    @Suite struct Disclosure {
        static func day(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilDate(year: y, month: m, day: d)!.dayNumber }

        /// Three persons settled in 2017 (two in 0105, one child among them; one in 0301) and two
        /// waiting in reception at the end of the year.
        static let persons: [SettlementPerson] = [
            SettlementPerson(
                personId: "p1", caseId: "c1", category: .reception, gender: .female, birthYear: 2003, nationality: "SYR",
                unaccompaniedMinor: true, permitDay: day(2017, 1, 10), settledKommune: "0105", settledDay: day(2017, 3, 1)),
            SettlementPerson(
                personId: "p2", caseId: "c2", category: .reception, gender: .male, birthYear: 1990, nationality: "ERI",
                permitDay: day(2016, 11, 1), settledKommune: "0105", settledDay: day(2017, 6, 1)),
            SettlementPerson(
                personId: "p3", caseId: "c3", category: .resettlement, gender: .male, birthYear: 1985, nationality: "COD",
                familyWithChildren: true, permitDay: day(2017, 2, 1), settledKommune: "0301", settledDay: day(2017, 4, 1)),
            SettlementPerson(
                personId: "p4", caseId: "c4", category: .reception, gender: .female, birthYear: 1995, nationality: "AFG",
                permitDay: day(2016, 10, 1), readyDay: day(2016, 10, 1)),
            SettlementPerson(
                personId: "p5", caseId: "c5", category: .reception, gender: .male, birthYear: 1980, nationality: "SOM",
                permitDay: day(2015, 6, 1), readyDay: day(2015, 6, 1)),
        ]

        /// Anonymous routes that yield no figures about persons (letters, documents, the calendar,
        /// imported published statistics, which are published suppressed).
        static let withoutFigures: Set<Endpoint> = [
            .health, .home, .login, .loginSubmit, .logout, .loginCode, .loginCodeSubmit, .yearOverview, .goals, .assignments, .assignment,
            .budget, .calendar,
            .calendarICS, .documents, .document, .documentLetter, .documentLetterPDF, .apiYears, .apiYear, .apiAssignments, .apiAssignment,
            .apiBudget, .apiCalendar,
            .apiDocuments, .apiDocument, .apiDeadlines, .history, .apiHistory, .published, .reportVersion, .reportVersionContent,
        ]

        /// Every address of the routes that yield figures, with every unit they accept.
        static func paths(_ e: Endpoint) -> [String] {
            let units = ["national", "fylke:01", "kommune:0105", "kommune:0301"]
            switch e {
            case .statistics: return ["/statistikk?aar=2017"]
            case .indicators:
                return units.flatMap {
                    ["/statistikk/indikatorer?aar=2017&enhet=\($0)", "/statistikk/indikatorer?aar=2017&enhet=\($0)&halvaar=1"]
                }
            case .apiIndicators:
                return units.flatMap { ["/api/v1/indicators?year=2017&unit=\($0)", "/api/v1/indicators?year=2017&unit=\($0)&half=true"] }
            case .apiKeyFigures: return ["/api/v1/stats/hovedtall?year=2017"]
            case .statTable:
                return SettlementTables.numbers.flatMap { no in
                    units.flatMap { u in ["html", "csv", "jsonstat"].map { "/statistikk/tabell/\(no)?aar=2017&enhet=\(u)&format=\($0)" } }
                }
            case .apiStatTable:
                return SettlementTables.numbers.flatMap { no in
                    units.flatMap { u in ["jsonstat", "csv"].map { "/api/v1/stats/tables/\(no)?year=2017&unit=\(u)&format=\($0)" } }
                }
            case .results: return ["/aar/2017/resultatkrav", "/aar/2018/resultatkrav"]
            case .apiResults: return ["/api/v1/years/2017/results", "/api/v1/years/2018/results"]
            default: return []
            }
        }

        /// Whether a shown text is a figure about persons that is not withheld (any non-zero number).
        static func leaks(_ text: String) -> Bool {
            let t = text.trimmingCharacters(in: .whitespaces)
            return t.contains { $0.isNumber && $0 != "0" }
        }

        /// Every figure in a response that is neither withheld nor zero.
        static func unsuppressed(_ body: String, path: String) throws -> [String] {
            var found: [String] = []
            if path.contains("format=csv") {
                for line in body.split(whereSeparator: \.isNewline).dropFirst() {
                    for cell in line.split(separator: ";", omittingEmptySubsequences: false).dropFirst()
                    where Double(cell.replacingOccurrences(of: ",", with: ".")).map({ $0 != 0 }) == true {
                        found.append("csv \(line)")
                    }
                }
            } else if path.hasPrefix("/api/v1/stats/tables") || path.contains("format=jsonstat") {
                let js = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                for (i, v) in ((js["value"] as? [Any]) ?? []).enumerated() {
                    if let d = v as? Double, d != 0 { found.append("jsonstat value[\(i)] = \(d)") }
                }
            } else if path.hasPrefix("/api/v1/indicators") {
                let js = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                for (id, v) in (js["values"] as? [String: Any]) ?? [:] where !IndicatorDisclosure.notPersonCounts.contains(id) {
                    if let d = v as? Double, d != 0 || IndicatorCatalogue.definition(id)?.unit != "count" {
                        found.append("\(id) = \(d)")
                    }
                }
                for (id, points) in (js["series"] as? [String: [[String: Any]]]) ?? [:]
                where !IndicatorDisclosure.notPersonCounts.contains(id) {
                    for p in points where p["imported"] as? Bool != true {
                        if let d = p["value"] as? Double, d != 0 || IndicatorCatalogue.definition(id)?.unit != "count" {
                            found.append("series \(id) \(p["year"] ?? "") = \(d)")
                        }
                    }
                }
            } else if path.hasPrefix("/api/v1/stats/hovedtall") {
                let js = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                for key in KeyFigureRows.settlementKeys + ["unaccompanied_minors_under15"] {
                    if let d = js[key] as? Double, d != 0 { found.append("\(key) = \(d)") }
                }
            } else if path.hasPrefix("/api/v1/years/") {
                let js = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                // Figures computed from the settlement register (the interpreter register is a public
                // register of named professionals; imported history was published suppressed).
                for row in (js["rows"] as? [[String: Any]]) ?? [] {
                    let sources = (row["sources"] as? [String: String]) ?? [:]
                    for (y, v) in (row["results"] as? [String: Any]) ?? [:]
                    where sources[y]?.hasPrefix(IndicatorSeries.registerSource) == true {
                        if let d = v as? Double { found.append("results \(row["id"] ?? "") \(y) = \(d)") }
                    }
                }
            } else {
                // Pages: every figure cell and every headline value, but for the indicators that count no
                // persons and the interpreter register; in the results table the register's cells.
                let page = body.replacingOccurrences(
                    of: #"(?s)<section class="card indicator" id="(requested|decided_places|municipalities_settled)">.*?</section>"#,
                    with: "",
                    options: .regularExpression
                ).replacingOccurrences(
                    of: #"<tr><th scope="row">Tolker i [^<]*</th><td class="num">[^<]*</td></tr>"#, with: "", options: .regularExpression)
                let pattern =
                    path.contains("resultatkrav")
                    ? #"<td class="num" title="\#(IndicatorSeries.registerSource)[^"]*">(.*?)</td>()"#
                    : #"<td class="num"[^>]*>(.*?)</td>|<p class="big">(.*?)[<:]"#
                let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
                let body = page
                for m in regex.matches(in: body, range: NSRange(body.startIndex..., in: body)) {
                    for g in 1...2 {
                        guard let r = Range(m.range(at: g), in: body) else { continue }
                        let text = body[r].replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
                        if leaks(text) { found.append("page cell «\(text)»") }
                    }
                }
            }
            return found
        }

        @Test func everyAnonymousOutputOfFiguresIsDisclosureControlled() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                try await SettlementStore.replace(
                    with: SettlementRegister(persons: Self.persons, requests: []), source: "liten.csv", actor: "test", on: app.db)
                let anonymous = Endpoint.allCases.filter { $0.allowsAnonymous && $0.method == .GET }
                let walked = anonymous.filter { !Self.paths($0).isEmpty }
                // A new anonymous route is either walked here or declared free of figures.
                #expect(Set(anonymous) == Set(walked).union(Self.withoutFigures.filter { $0.method == .GET }))
                var leaks: [String] = []
                var checked = 0
                for e in walked {
                    for path in Self.paths(e) {
                        let r = try await Client(app).get(path)
                        if r.status != .ok {
                            #expect(r.status == .badRequest || r.status == .notFound, "\(path): \(r.status)")
                            continue
                        }
                        checked += 1
                        leaks += try Self.unsuppressed(r.body, path: path).map { "\(path): \($0)" }
                    }
                }
                #expect(checked > 100)
                #expect(leaks.isEmpty, "\(leaks.count) unsuppressed figures, e.g. \(leaks.prefix(12).joined(separator: "\n"))")

                // The ministry sees the same figures unsuppressed (the check above is not vacuous).
                let ministry = Client(app)
                ministry.bearer = try await Users.newToken(username: "departement", on: app.db)
                let full = try await ministry.get("/api/v1/indicators?year=2017&unit=kommune:0105")
                #expect(!(try Self.unsuppressed(full.body, path: "/api/v1/indicators")).isEmpty)
                let published = try await ministry.get("/api/v1/indicators?year=2017&unit=kommune:0105&publisert=1")
                #expect((try Self.unsuppressed(published.body, path: "/api/v1/indicators")).isEmpty)
                let js = try #require(try JSONSerialization.jsonObject(with: Data(published.body.utf8)) as? [String: Any])
                #expect((js["suppressed"] as? [String])?.contains("avg_wait_months_uma") == true)
            }
        }

        @Test func secondarySuppressionOfNestedCounts() throws {
            // 50 waiting, 48 of them more than 12 months: the 2 under 12 months would follow by subtraction.
            let control = DisclosureControl(threshold: 4)
            let json = """
                {"settled_total": 100, "resettlement_refugees": 40, "unaccompanied_minors": 30, "unaccompanied_minors_over15": 27,
                 "unaccompanied_minors_under15": 3, "families_with_children": 10, "persons_in_families_with_children": 40,
                 "children_in_families_with_children": 25, "waiting_in_reception_year_end": 50,
                 "waiting_in_reception_over12m_year_end": 48}
                """
            var k = try JSONDecoder().decode(SettlementKeyFigures.self, from: Data(json.utf8))
            var hidden = IndicatorDisclosure.keyFigures(k, control: control)
            #expect(hidden.contains("unaccompanied_minors_under15") && hidden.contains("unaccompanied_minors_over15"))
            #expect(hidden.contains("waiting_in_reception_over12m_year_end"))
            #expect(!hidden.contains("settled_total") && !hidden.contains("persons_in_families_with_children"))
            k.unaccompaniedMinorsUnder15 = 10
            k.unaccompaniedMinorsOver15 = 20
            k.waitingInReceptionOver12mYearEnd = 30
            hidden = IndicatorDisclosure.keyFigures(k, control: control)
            #expect(hidden.isEmpty)
        }
    }
}
