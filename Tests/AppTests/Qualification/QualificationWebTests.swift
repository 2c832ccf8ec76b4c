import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// NIR and the other registers: extracts through the store, every appendix table from them,
    /// key figures and results, the registers page and API with their roles.
    @Suite struct Qualification {
        /// Eight requests at once after a load: every one gets the registers of that load (a caller
        /// that waited for another's load was once handed the registers from before it, and one of
        /// eight submissions of a report then lacked the interpreter tables).
        @Test func concurrentCallersAllSeeTheNewLoad() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let cache = QualificationCache()
                let seen = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                    for i in 0..<8 {
                        group.addTask {
                            // One starts the load; the others arrive while it runs.
                            if i > 0 { try await Task.sleep(for: .milliseconds(20 * i)) }
                            let s = try await cache.snapshot(app, on: app.db)
                            return (s.registers.interpreters.count, s.stamp)
                        }
                    }
                    var all: [(Int, String)] = []
                    for try await s in group { all.append(s) }
                    return all
                }
                let loaded = try await InterpretersStore.entries(on: app.db).count
                #expect(loaded > 0)
                #expect(seen.allSatisfy { $0.0 == loaded }, "\(seen.map(\.0))")
                #expect(Set(seen.map(\.1)).count == 1)
            }
        }

        /// The indicator values are computed once per register snapshot (the results table and the
        /// proposals page walk a decade of NIR), and a newer extract is seen at once: a new snapshot
        /// comes with a new memo.
        @Test func indicatorMemoFollowsANewExtract() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2017...2017, qualificationScale: 0.05)
                let first = try await app.qualificationCache.memo(app, on: app.db)
                #expect(try await app.qualificationCache.memo(app, on: app.db) === first)
                let before = first.values(year: 2017)
                #expect(before == QualificationIndicators.compute(first.registers, year: 2017))
                #expect(before["norwegian_training_started_within_3m"] != nil)

                let demo = QualificationDemo.generate(seed: 7, geography: app.geography, scale: 0.02)
                _ = try await QualificationStore.importFile(
                    .nir, text: demo.csv(.nir), source: "nir-ny.csv", actor: "test", dryRun: false, geography: app.geography,
                    on: app.db)
                let fresh = try await app.qualificationCache.memo(app, on: app.db)
                #expect(fresh !== first)
                #expect(fresh.values(year: 2017) != before)
                #expect(fresh.values(year: 2017) == QualificationIndicators.compute(fresh.registers, year: 2017))
            }
        }

        @Test func extractsFeedTablesKeyFiguresAndResults() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2017...2017)
                // The full-size demo registers, so that 2017 is the annual report's figures.
                let demo = QualificationDemo.generate(seed: 1, geography: app.geography)
                for kind in ExtractKind.allCases {
                    _ = try await QualificationStore.importFile(
                        kind, text: demo.csv(kind), source: "\(kind.rawValue).csv", actor: "test", dryRun: false, geography: app.geography,
                        on: app.db)
                }
                let json = try await KeyFiguresService.json(year: 2017, app: app, on: app.db)
                let k = try JSONSerialization.jsonObject(with: json) as! [String: Any]
                #expect(k["norwegian_training_participants"] as? Int == 41_816 && k["intro_started_during_year"] as? Int == 9_469)
                #expect(k["intro_participants_year_end"] as? Int == 21_388 && k["settled_total"] as? Int == 11_078)
                #expect(k["interpreters_in_register"] as? Int == 1_822)

                let results = try await ResultsService.table(year: 2017, app: app, on: app.db)
                func result(_ id: String) -> Double? { results.rows.first { $0.id == id }?.results["2017"] ?? nil }
                #expect(result("SP 4").map { Int($0.rounded()) } == 50 && result("SP 11").map { Int($0.rounded()) } == 32)
                #expect(result("SP 10") == 1_822 && result("SP 9.1") == nil)
                // SP 4 is measured a new way from 2017: the years before print «*», as the report does.
                let sp4 = try #require(results.rows.first { $0.id == "SP 4" })
                #expect([2014, 2015, 2016, 2017].map { sp4.text(year: $0) } == ["*", "*", "*", "50 %"])
                // SP 5 as printed: the 2014 figure (cohort 2011, other rules) starred, «*» where NIR has no figure.
                let sp5 = try #require(results.rows.first { $0.id == "SP 5" })
                #expect([2014, 2015, 2016, 2017].map { sp5.text(year: $0) } == ["* 88 %", "*", "*", "*"])
                // Computed from the registers (NIR, the survey, the interpreter register): no †.
                let sp10 = try #require(results.rows.first { $0.id == "SP 10" })
                #expect(sp10.imported.isEmpty && sp4.imported.isEmpty, "\(sp10.sources)")

                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                for entry in AppendixTables.beyondSettlement {
                    let r = try await c.get("/api/v1/stats/tables/\(entry.number)?year=2017\(entry.annual ? "" : "&half=1")")
                    #expect(r.status == .ok && r.body.contains("\"version\":\"2.0\""), "table \(entry.number): \(r.status)")
                }
                let index = try await c.get("/statistikk?aar=2017")
                #expect(index.status == .ok && index.body.contains("Tabell 5b") && index.body.contains("H og Å"))
                #expect(index.body.contains("Deltakere i introduksjonsprogram per 31.12") && index.body.contains("21 388"))
                let page = try await c.get("/statistikk/tabell/11A?aar=2017")
                #expect(page.status == .ok && page.body.contains("Sluttårsak") && page.body.contains("Fullført etter plan"))
                // The freshness line names the register the table is counted from.
                #expect(page.body.contains("Nasjonalt introduksjonsregister (NIR) sist lastet") && page.body.contains("nir.csv"))
                #expect(!page.body.contains("Bosettingsregisteret sist lastet"))
                let settled = try await c.get("/statistikk/tabell/16?aar=2017")
                #expect(settled.body.contains("Bosettingsregisteret sist lastet"))
                #expect(try await c.get("/api/v1/stats/tables/7?year=2017&half=1").status == .badRequest)
                #expect(try await c.get("/api/v1/stats/tables/27?year=2017").status == .notFound)
                #expect(try await c.get("/api/v1/stats/tables/10?year=2017&unit=fylke:03").status == .badRequest)
                // The public sees suppressed small counts (: in JSON-stat status).
                let anon = Client(app)
                let published = try await anon.get("/api/v1/stats/tables/32?year=2017")
                #expect(published.status == .ok && published.body.contains("\":\""))
            }
        }

        @Test func registersPageImportsAndGuardsExtracts() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let page = try await c.get("/registre")
                #expect(page.status == .ok && page.body.contains("kommuneundersokelse") && page.body.contains("ikke lastet"))
                let boundary = "B0und"
                func upload(_ kind: String, _ csv: String) async throws -> Client.Result {
                    let body = [
                        "--\(boundary)", "Content-Disposition: form-data; name=\"csrf\"", "", c.csrf ?? "", "--\(boundary)",
                        "Content-Disposition: form-data; name=\"file\"; filename=\"\(kind).csv\"", "Content-Type: text/csv", "", csv,
                        "--\(boundary)--", "",
                    ].joined(separator: "\r\n")
                    return try await c.submit("/registre/\(kind)", multipart: body, boundary: boundary)
                }
                let bad = try await upload("kommuneundersokelse", "aar;kommune;tolkeretningslinjer\n2017;0301;ja\n2017;9876;kanskje")
                #expect(bad.status == .unprocessableEntity && bad.body.contains("linje 3") && bad.body.contains("tolkeretningslinjer"))
                #expect(try await QualificationStore.overview(on: app.db).first { $0.kind == "kommuneundersokelse" }?.rows == 0)
                let good = try await upload("kommuneundersokelse", "aar;kommune;tolkeretningslinjer\n2017;0301;ja\n2017;4601;nei")
                #expect(good.status == .ok && good.body.contains("2 rader lagret"))
                let nir =
                    "person_id;kjonn;fodselsar;kommune;rettighetskode;intro_rett;intro_start\nP1;k;1990;0301;rett_og_plikt;rett_og_plikt;2017-03-01"
                #expect(try await upload("nir", nir).status == .ok)
                let extract = try await c.get("/registre/nir/uttrekk")
                #expect(extract.status == .ok && extract.body.contains("P1;k;1990;0301"))
                let log = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "nir").all()
                #expect(log.map(\.action).sorted() == ["import", "read"])
                // API: the ministry sees the overview, not the extract, and cannot import.
                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                #expect(try await ministry.get("/registre/nir/uttrekk").status == .forbidden)
                ministry.bearer = try await Users.newToken(username: "departement", on: app.db)
                let overview = try await ministry.get("/api/v1/registers")
                #expect(overview.status == .ok && overview.body.contains("\"rows\":1"))
                #expect(try await ministry.send(.POST, "/api/v1/registers/nir", raw: nir).status == .forbidden)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let api = try await c.send(
                    .POST, "/api/v1/registers/tilsyn?dryRun=true", raw: "aar;kommune;tema;lovbrudd\n2017;0301;Program;2")
                #expect(api.status == .ok && api.body.contains("\"dryRun\":true"))
                #expect(try await c.send(.POST, "/api/v1/registers/ukjent", raw: "x").status == .badRequest)
            }
        }
    }
}
