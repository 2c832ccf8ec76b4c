import Fluent
import FluentSQL
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The ledger imported through the API and the page, the statement and the fullmakt checks
    /// computed from it, and a bad file refused by line with nothing stored.
    @Suite struct Accounts {
        static func ledgerRows(_ app: Application) async throws -> Int {
            struct N: Decodable { let n: Int }
            let sql = try #require(app.db as? any SQLDatabase)
            return try await sql.raw("SELECT COUNT(*) AS n FROM ledger_entries").first(decoding: N.self)?.n ?? -1
        }

        @Test func demoAccountsGiveStatementAndChecks() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "departement", on: app.db)
                let api = try await c.send(.GET, "/api/v1/years/2021/accounts")
                #expect(api.status == .ok)
                let s = try JSONDecoder().decode(AppropriationStatement.self, from: Data(api.body.utf8))
                #expect(s.bookedThroughMonth == 12)
                let drift = try #require(s.post(290, 1))
                #expect(drift.allocation == 305_600_000 && drift.carriedOver > 0 && drift.actual > 290_000_000)
                #expect(drift.difference == drift.total - drift.actual)
                #expect(s.income.contains { $0.chapter == 3290 })

                let half = try JSONDecoder().decode(
                    AppropriationStatement.self, from: Data(try await c.send(.GET, "/api/v1/years/2021/accounts?through=6").body.utf8))
                #expect(half.bookedThroughMonth == 6 && half.post(290, 1)!.actual < drift.actual)

                let checks = try await c.send(.GET, "/api/v1/years/2021/fullmakter")
                let list = try JSONDecoder().decode([AuthorizationCheck].self, from: Data(checks.body.utf8))
                #expect(Set(list.map(\.type)).isSuperset(of: [.netBudgetingEquipmentSales, .overrunAgainstExtraIncome, .carryOverUnspent]))
                #expect(list.allSatisfy { !$0.figures.isEmpty })
                #expect(checks.body.contains("\"status\"") && checks.body.contains("\"legal_ref\""))

                let bad = try await c.send(.GET, "/api/v1/years/2021/accounts?through=13")
                #expect(bad.status == .badRequest)
            }
        }

        @Test func importReplacesSameYearAndKindAndRefusesBadFiles() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let before = try await Self.ledgerRows(app)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let bad = try await c.send(
                    .POST, "/api/v1/accounts/import", raw: "aar;maaned;kapittel;post;belop\n2021;1;290;1;100\n2021;14;290;1;abc\n")
                #expect(bad.status == .unprocessableEntity && bad.body.contains("linje 3") && bad.body.contains("maaned"))
                #expect(try await Self.ledgerRows(app) == before)

                // A new extract of 2021's bookings: an overrun on post 01 without matching income.
                let csv = "aar;maaned;kapittel;post;belop\n2021;6;290;1;\"330 000 000\"\n"
                let ok = try await c.send(.POST, "/api/v1/accounts/import", raw: csv)
                #expect(ok.status == .created && ok.body.contains("2021 regnskap"))
                let checks = try JSONDecoder().decode(
                    [AuthorizationCheck].self, from: Data(try await c.send(.GET, "/api/v1/years/2021/fullmakter").body.utf8))
                let overrun = try #require(checks.first { $0.type == .overrunAgainstExtraIncome })
                #expect(overrun.status == .breached)
                // Forecast, carry-over and commitments were kept; the old bookings were replaced.
                let s = try await AccountsStore.evaluate(year: 2021, app: app, on: app.db).statement
                #expect(s.post(290, 1)!.actual == 330_000_000 && s.post(290, 1)!.carriedOver > 0)
                #expect(s.post(291, 60)!.actual == 0 && s.income.isEmpty)

                let log = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "regnskap").all()
                #expect(log.contains { $0.actor == "direktorat" })
            }
        }

        @Test func artskontoLinesAreTheAnnualReportsNotes() async throws {
            try await withApp(today: CivilDate(year: 2022, month: 2, day: 1)) { app in
                try await seedDemo(app)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                func lines() async throws -> Int {
                    struct N: Decodable { let n: Int }
                    let sql = try #require(app.db as? any SQLDatabase)
                    return try await sql.raw("SELECT COUNT(*) AS n FROM artskonto_lines").first(decoding: N.self)?.n ?? -1
                }
                let before = try await lines()
                // One bad row refuses the whole file, naming its line; nothing is stored.
                let bad = "aar;note;gruppe;linje;belop\n2021;2;;Lønn;150 000 000\n2021;1;renter;Renteinntekter;5\n"
                let refused = try await c.send(.POST, "/api/v1/accounts/import", raw: bad)
                #expect(refused.status == .unprocessableEntity && refused.body.contains("linje 3") && refused.body.contains("renter"))
                #expect(try await lines() == before)

                let csv = """
                    aar;note;gruppe;linje;belop
                    2021;2;;Lønn;150 000 000
                    2021;2;;Arbeidsgiveravgift;21 000 000
                    2021;3;;Husleie;18 000 000
                    2021;1;andre;Annen driftsrelatert inntekt;1 500 000
                    2021;7;;Tilskudd til kommuner post 60-85;17 000 000 000
                    2021;8;;Skyldig skattetrekk;-7 000 000
                    """
                let ok = try await c.send(.POST, "/api/v1/accounts/import", raw: csv)
                #expect(ok.status == .created && ok.body.contains("2021 artskonto"), "\(ok.body)")
                let report = try await ReportBuilder.build(.aar, year: 2021, app: app, on: app.db)
                let table = try #require(report.sections.first { $0.key == "artskonto" }?.tables.first)
                #expect(table.columns == ["", "Note", "2021"], "no 2020 lines: one year")
                let spending = try #require(table.rows.first { $0[0].text == "Sum utbetalinger til drift" })
                #expect(spending[2].text == "189 000 000")
                #expect(try #require(report.sections.first { $0.key == "noter" }).tables.count == 8)
                let log = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "artskonto").all()
                #expect(log.contains { $0.actor == "direktorat" && $0.entityId == "2021" })
            }
        }

        @Test func pagesShowStatementChecksAndLedgerRows() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let page = try await c.get("/aar/2021/regnskap")
                #expect(page.status == .ok && page.body.contains("Bevilgningsrapportering") && page.body.contains("Fullmakter"))
                #expect(page.body.contains("/aar/2021/regnskap/290-01") && page.body.contains("note B"))
                #expect(page.body.contains("Importer regnskapsuttrekk"))
                let post = try await c.get("/aar/2021/regnskap/291-60")
                #expect(post.status == .ok && post.body.contains("<svg") && post.body.contains("Regnskapsrader"))
                #expect(try await c.get("/aar/2021/regnskap/999-99").status == .notFound)
                #expect(try await c.get("/aar/2021/regnskap/x").status == .notFound)

                let boundary = "XyZ"
                let body = [
                    "--\(boundary)", "Content-Disposition: form-data; name=\"csrf\"", "", c.csrf ?? "",
                    "--\(boundary)", "Content-Disposition: form-data; name=\"year\"", "", "2021",
                    "--\(boundary)", "Content-Disposition: form-data; name=\"file\"; filename=\"prognose.csv\"", "Content-Type: text/csv",
                    "",
                    "aar;maaned;kapittel;post;belop;art\n2021;12;290;1;1000;prognose", "--\(boundary)--", "",
                ].joined(separator: "\r\n")
                let up = try await c.submit("/regnskap/import", multipart: body, boundary: boundary)
                #expect(up.status == .ok && up.body.contains("Lagret 1 rader"))

                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                let view = try await ministry.get("/aar/2021/regnskap")
                #expect(view.status == .ok && !view.body.contains("Importer regnskapsuttrekk"))
            }
        }
    }
}
