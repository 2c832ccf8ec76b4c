import Fluent
import FluentSQL
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Grant schemes from the letter, decisions, the notice to the ministry and the 14-day rule.
    @Suite struct Grants {
        @Test func decisionLetterWaitsForTheNotice() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let list = try await c.get("/aar/2021/tilskudd")
                #expect(list.status == .ok && list.body.contains("Jobbsjansen") && list.body.contains("Per capita"))

                let scheme = try await GrantsStore.scheme(year: 2021, code: "291-62-jobbsjansen", app: app, on: app.db)
                let apps = try await GrantsStore.applications(year: 2021, scheme: scheme.code, on: app.db)
                let open = try #require(apps.first { $0.amountGranted == nil })
                let base = "/aar/2021/tilskudd/291-62-jobbsjansen"
                _ = try await c.get(base)
                let tooMuch = try await c.send(.POST, "\(base)/soknad/\(open.id)/vedtak", form: ["amount": String(open.amountApplied + 1)])
                #expect(tooMuch.status == .unprocessableEntity && tooMuch.body.contains("søknadsbeløpet"))
                _ = try await c.get(base)
                let decided = try await c.submit("\(base)/soknad/\(open.id)/vedtak", form: ["amount": "1 000 000"])
                #expect(decided.status == .ok && decided.body.contains("Vedtaket er lagret"))

                _ = try await c.get(base)
                let early = try await c.send(.POST, "\(base)/soknad/\(open.id)/brev", form: [:])
                #expect(early.status == .unprocessableEntity && early.body.contains("ikke orientert"))

                _ = try await c.get(base)
                let notice = try await c.submit("\(base)/orientering", form: [:])
                #expect(notice.status == .ok && notice.body.contains("Departementet er orientert"))
                let notices = try await GrantsStore.notices(year: 2021, scheme: scheme.code, on: app.db)
                let newest = try #require(notices.last)
                #expect(
                    newest.applicationIDs.contains(open.id) && newest.sent == app.clock.today().iso && newest.text.contains("1 000 000 kr"))

                _ = try await c.get(base)
                let blocked = try await c.send(.POST, "\(base)/soknad/\(open.id)/brev", form: [:])
                #expect(blocked.status == .unprocessableEntity && blocked.body.contains("tidligst"))
                #expect(try await GrantsStore.application(scheme, id: open.id, on: app.db).letterSent == nil)

                // Fourteen days later (the notice moved back in time) the letter may go.
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.update("grant_notices").set("sent", to: app.clock.today().adding(days: -14).iso)
                    .where("notice_id", .equal, newest.id).run()
                _ = try await c.get(base)
                #expect(try await c.submit("\(base)/soknad/\(open.id)/brev", form: [:]).status == .ok)
                #expect(try await GrantsStore.application(scheme, id: open.id, on: app.db).letterSent == app.clock.today().iso)
                _ = try await c.get(base)
                #expect(try await c.send(.POST, "\(base)/soknad/\(open.id)/brev", form: [:]).status == .conflict)
                // Payments up to the grant, and the recipient's own report.
                _ = try await c.get(base)
                let over = try await c.send(.POST, "\(base)/soknad/\(open.id)/utbetaling", form: ["amount": "1 000 001"])
                #expect(over.status == .unprocessableEntity && over.body.contains("resten av tilskuddet"))
                _ = try await c.get(base)
                #expect(try await c.submit("\(base)/soknad/\(open.id)/utbetaling", form: ["amount": "600000"]).status == .ok)
                _ = try await c.get(base)
                #expect(try await c.submit("\(base)/soknad/\(open.id)/rapport", form: ["received": "2022-02-01"]).status == .ok)
                let paid = try await GrantsStore.application(scheme, id: open.id, on: app.db)
                #expect(paid.paid == 600_000 && paid.reportReceived == "2022-02-01")

                // Named recipients need no notice.
                let named = try #require(try await GrantsStore.schemes(year: 2021, app: app, on: app.db).first { $0.basis == .named })
                _ = try await c.get("/aar/2021/tilskudd/\(named.code)")
                #expect(try await c.send(.POST, "/aar/2021/tilskudd/\(named.code)/orientering", form: [:]).status == .unprocessableEntity)

                let log = try await AuditEntryModel.query(on: app.db).filter(\.$action == "orientering til departementet").count()
                #expect(log == 1)
                let api = Client(app)
                api.bearer = try await Users.newToken(username: "departement", on: app.db)
                let r = try await api.send(.GET, "/api/v1/years/2021/grants")
                #expect(r.status == .ok && r.body.contains("\"basis\":\"soknad\"") && r.body.contains("applicationIDs"))
            }
        }
    }
}

extension AppSuite {
    /// The risk register and follow-ups: rules on save, the matrix, closing, and the report's part IV.
    @Suite struct Control {
        @Test func riskRegisterAndFollowUps() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let page = try await c.get("/aar/2021/risiko")
                #expect(page.status == .ok && page.body.contains("riskmatrix") && page.body.contains("R1"))
                let high = try await c.send(
                    .POST, "/aar/2021/risiko", form: ["goalRef": "SP 3.1", "title": "Ny risiko", "likelihood": "5", "consequence": "4"])
                #expect(high.status == .unprocessableEntity && high.body.contains("Høy risiko krever"))
                _ = try await c.get("/aar/2021/risiko")
                let ok = try await c.submit(
                    "/aar/2021/risiko",
                    form: ["goalRef": "SP 3.1", "title": "Ny risiko", "likelihood": "5", "consequence": "4", "measures": "Tiltak"])
                #expect(ok.status == .ok && ok.body.contains("Risiko R5 er lagret"))
                _ = try await c.get("/aar/2021/risiko")
                let badGoal = try await c.send(
                    .POST, "/aar/2021/risiko", form: ["goalRef": "SP 9.9", "title": "x", "likelihood": "1", "consequence": "1"])
                #expect(badGoal.status == .unprocessableEntity)
                _ = try await c.get("/aar/2021/risiko")
                #expect(try await c.submit("/aar/2021/risiko/oppfolging/F2/lukk", form: [:]).status == .ok)
                _ = try await c.get("/aar/2021/risiko")
                #expect(try await c.send(.POST, "/aar/2021/risiko/oppfolging/F2/lukk", form: [:]).status == .conflict)

                let api = Client(app)
                api.bearer = try await Users.newToken(username: "departement", on: app.db)
                let list = try await api.send(.GET, "/api/v1/years/2021/risks")
                #expect(list.status == .ok && list.body.contains("\"followUps\"") && list.body.contains("Ny risiko"))
                let report = try JSONDecoder().decode(
                    ReportDocument.self, from: Data(try await api.send(.GET, "/api/v1/years/2021/reports/arsrapport").body.utf8))
                let part4 = try #require(report.parts.first { $0.number == "IV" })
                #expect(part4.sections.flatMap(\.tables).map(\.caption).contains("Risikoer for måloppnåelsen"))
            }
        }

        @Test func nextYearsTargetsAgainstTheTrend() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2014...2021)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                // krav_4: SP 3.1 for resettlement refugees (SP 2.2 and 2.4 come first, measured by NIR and Jobbsjansen).
                let page = try await c.get("/aar/2021/resultatkrav/forslag?krav_4=150")
                #expect(page.status == .ok && page.body.contains("forslag for 2022"))
                #expect(page.body.contains("verdict-out_of_reach") && page.body.contains("utenfor det trenden gir for 2022"))
                let plain = try await c.get("/aar/2021/resultatkrav/forslag")
                #expect(plain.status == .ok && plain.body.contains("<svg"))
            }
        }

        @Test func monthlyStatusOfDesignatedAssignments() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let page = try await c.get("/aar/2021/manedsstatus")
                #expect(page.status == .ok && page.body.contains("2021-18") && page.body.contains("light-gul"))
                let red = try await c.send(
                    .POST, "/aar/2021/manedsstatus",
                    form: ["assignment": "2021-18", "month": "7", "progress": "rod", "cost": "gronn", "quality": "gronn"])
                #expect(red.status == .unprocessableEntity && red.body.contains("krever en beskrivelse"))
                _ = try await c.get("/aar/2021/manedsstatus")
                let wrong = try await c.send(
                    .POST, "/aar/2021/manedsstatus",
                    form: ["assignment": "2021-01", "month": "7", "progress": "gronn", "cost": "gronn", "quality": "gronn"])
                #expect(wrong.status == .unprocessableEntity && wrong.body.contains("ikke månedlig rapportering"))
                _ = try await c.get("/aar/2021/manedsstatus")
                let ok = try await c.submit(
                    "/aar/2021/manedsstatus",
                    form: [
                        "assignment": "2021-18", "month": "7", "progress": "rod", "cost": "gronn", "quality": "gronn",
                        "deviations": "Stans i leveransen.",
                    ])
                #expect(ok.status == .ok && ok.body.contains("er lagret"))
                let api = Client(app)
                api.bearer = try await Users.newToken(username: "departement", on: app.db)
                let list = try JSONDecoder().decode(
                    [MonthlyStatus].self, from: Data(try await api.send(.GET, "/api/v1/years/2021/monthly").body.utf8))
                #expect(list.count == 7 && list.last?.progress == .red)
                let half = try JSONDecoder().decode(
                    ReportDocument.self, from: Data(try await api.send(.GET, "/api/v1/years/2021/reports/halvarsrapport").body.utf8))
                let monthly = try #require(half.sections.first { $0.key == "manedsstatus" }?.tables.first)
                #expect(monthly.rows.count == 6, "the half-year report takes January–June")
            }
        }
    }
}
