import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Reports written from data: the draft's parts and tables, texts people write, submission as
    /// a frozen version with its hash, receipt and comments by the ministry, the public list.
    @Suite struct Reports {
        @Test func annualDraftHasSixPartsWithTablesFromData() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "departement", on: app.db)
                let r = try await c.send(.GET, "/api/v1/years/2021/reports/arsrapport")
                #expect(r.status == .ok)
                let doc = try JSONDecoder().decode(ReportDocument.self, from: Data(r.body.utf8))
                #expect(doc.parts.map(\.number) == ["I", "II", "III", "IV", "V", "VI", "Vedlegg"])
                #expect(doc.deadline == "2022-03-15" && doc.countDate == "2021-12-31")
                let captions = doc.sections.flatMap(\.tables).map(\.caption)
                #expect(captions.contains("Resultatkrav i tildelingsbrevet 2021"))
                #expect(captions.contains("Oppstilling av bevilgningsrapportering for regnskapsår 2021"))
                #expect(captions.contains { $0.hasPrefix("Note B") })
                // Part II's key figures include the interpreter register at 31.12.
                let hovedtall = try #require(doc.sections.first { $0.key == "hovedtall" }?.tables.first)
                #expect(hovedtall.rows.contains { $0[0].text.hasPrefix("Tolker i Nasjonalt tolkeregister") })
                // Every figure of the appropriation table links to its ledger rows.
                let appropriation = try #require(doc.sections.flatMap(\.tables).first { $0.caption.hasPrefix("Oppstilling") })
                #expect(appropriation.rows[0][5].link == "/aar/2021/regnskap/290-01")
                // Deviations open from assignments past their deadline without delivery.
                let avvik = try #require(doc.sections.first { $0.key == "avvik" })
                #expect(avvik.actions.contains { $0.key == "avvik-2021-11" })

                let half = try JSONDecoder().decode(
                    ReportDocument.self, from: Data(try await c.send(.GET, "/api/v1/years/2021/reports/halvarsrapport").body.utf8))
                #expect(half.deadline == "2021-08-20")
                let budget = try #require(half.sections.first { $0.key == "budsjett" }?.tables.first)
                #expect(budget.columns.contains("Prognose årsslutt") && budget.columns.contains("Regnskap per 30.06"))
                #expect(try await c.send(.GET, "/api/v1/years/2021/reports/kvartal").status == .notFound)
            }
        }

        /// A year whose letter is not stored (2017) is reported from its registers and the
        /// requirements its published report gives: key figures for the year and the three before,
        /// the results table, the statistics appendix (half-year tables in the half-year report),
        /// and a clear line where the assignments would be.
        @Test func annualReportOfAYearWithoutItsLetter() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2014...2017, qualificationScale: 0.02)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "departement", on: app.db)
                let r = try await c.send(.GET, "/api/v1/years/2017/reports/arsrapport")
                #expect(r.status == .ok, "\(r.body.prefix(300))")
                let doc = try JSONDecoder().decode(ReportDocument.self, from: Data(r.body.utf8))
                #expect(doc.parts.map(\.number) == ["I", "II", "III", "IV", "V", "VI", "Vedlegg"])
                let hovedtall = try #require(doc.sections.first { $0.key == "hovedtall" }?.tables.first)
                #expect(hovedtall.columns == ["Hovedtall", "2014", "2015", "2016", "2017"])
                let minors = try #require(hovedtall.rows.first { $0[0].text == "Enslige mindreårige" })
                #expect(minors.map(\.text) == ["Enslige mindreårige", "536", "691", "1 599", "759"])
                let stock = try #require(hovedtall.rows.first { $0[0].text.hasPrefix("Bosettingsklare i mottak") })
                #expect(stock.map(\.text).suffix(4) == ["4 939", "3 479", "4 174", "1 045"])
                let results = try #require(doc.sections.first { $0.key == "resultatkrav" }?.tables.first)
                let sp4 = try #require(results.rows.first { $0[0].text == "SP 4" })
                #expect(sp4[2].text == "*" && sp4[3].text == "*" && sp4[4].text == "*")
                let oppdrag = try #require(doc.sections.first { $0.key == "oppdrag" })
                #expect(oppdrag.tables.isEmpty && oppdrag.guidance?.contains("ikke lagret i Styr") == true)
                let appendix = try #require(doc.sections.first { $0.key == "statistikk" })
                #expect(appendix.tables.contains { $0.caption.contains("statistikktabell 16") })
                #expect(appendix.tables.contains { $0.caption.contains("statistikktabell 1A") }, "large tables are kept")
                // Part VI: the accounts by kind and notes 1–8 as printed (2017 beside 2016).
                let artskonto = try #require(doc.sections.first { $0.key == "artskonto" }?.tables.first)
                #expect(artskonto.columns == ["", "Note", "2017", "2016"])
                let net = try #require(artskonto.rows.first { $0[0].text == "Netto rapportert til bevilgningsregnskapet" })
                #expect(net.map(\.text).suffix(2) == ["18 299 680 032", "13 071 939 438"])
                let notes = try #require(doc.sections.first { $0.key == "noter" }).tables
                #expect(notes.map(\.caption).first == "Note 1: Innbetalinger fra drift" && notes.count == 8)
                let pay = try #require(notes[1].rows.last)
                #expect(pay.map(\.text) == ["Sum utbetalinger til lønn", "174 430 429", "157 501 483"])
                // The bevilgningsoppstilling with Notes A and B from the 2017 accounts (no letter for 2017).
                let bevilgning = try #require(doc.sections.first { $0.key == "bevilgning" }).tables
                #expect(bevilgning.map { String($0.caption.prefix(6)) } == ["Oppsti", "Note A", "Note B"])
                let sum = try #require(bevilgning[0].rows.first { $0[0].text == "Sum utgiftsført" })
                #expect(sum[4].text == "18 409 901 500" && sum[5].text == "18 330 028 507", "the printed lines' sum; the print says 506")
                #expect(bevilgning[0].source.contains("tildelingsbrevet for 2017 er ikke lagret"))
                let drift = try #require(bevilgning[2].rows.first { $0[0].text == "495 01" })
                #expect(drift.map(\.text).suffix(3) == ["13 148 085", "13 142 400", "13 142 400"])
                #expect(bevilgning[1].rows.allSatisfy { $0[0].link == nil }, "no budget page to link to without the letter")
                let fullmakter = try #require(doc.sections.first { $0.key == "fullmakter" })
                #expect(fullmakter.tables.isEmpty && fullmakter.guidance?.contains("ikke lagret i Styr") == true)
                let total = try #require(hovedtall.rows.first { $0[0].text == "Samlet tildeling (kr)" })
                #expect(total.last?.text == "18 409 901 500")
                let drift01 = try #require(hovedtall.rows.first { $0[0].text == "Driftsutgifter post 01 (kr)" })
                #expect(drift01.last?.text == "264 400 288", "as printed: VAT on 1633/01 is not the agency's post 01")

                let half = try JSONDecoder().decode(
                    ReportDocument.self, from: Data(try await c.send(.GET, "/api/v1/years/2017/reports/halvarsrapport").body.utf8))
                let halfTables = try #require(half.sections.first { $0.key == "statistikk" }).tables
                #expect(halfTables.contains { $0.caption.contains("statistikktabell 16") })
                let notHalf = halfTables.filter { $0.link?.hasSuffix("&halvaar=1") != true }.map(\.caption)
                #expect(notHalf.isEmpty, "\(notHalf)")
                #expect(!halfTables.contains { $0.caption.contains("statistikktabell 1A)") }, "1A is an annual table only")
                let budget = try #require(half.sections.first { $0.key == "budsjett" })
                #expect(budget.tables.isEmpty && budget.guidance?.contains("ingen føringer per 30. juni") == true)

                // The web draft folds the long tables into a line with a link; the file has them.
                let web = Client(app)
                try await web.login("departement", "demo-departement")
                let page = try await web.get("/aar/2017/rapporter/\(ReportKind.aar.slug)")
                #expect(page.status == .ok && page.body.contains("står i sin helhet i den trykte rapporten"))
                #expect(page.body.utf8.count < 300_000)
                // The 2017 accounts pages: no year navigation to pages a year without its letter lacks.
                let accounts = try await web.get("/aar/2017/regnskap")
                #expect(accounts.status == .ok && !accounts.body.contains("href=\"/aar/2017/budsjett"))
                let post = try await web.get("/aar/2017/regnskap/495-01")
                #expect(post.status == .ok && post.body.contains("årets tildeling fra regnskapet"))
                #expect(!post.body.contains("href=\"/aar/2017/budsjett") && !post.body.contains("href=\"/aar/2017/oppdrag"))
                #expect(try await c.send(.GET, "/api/v1/years/1990/reports/arsrapport").status == .notFound)
            }
        }

        /// A deviation from a result requirement (ref "SP2.2(3)") takes its corrective action like
        /// an assignment's does.
        @Test func correctiveActionOnARequirementIsSaved() async throws {
            try await withApp(today: CivilDate(year: 2022, month: 2, day: 1)) { app in
                try await seedDemo(app)
                try await DemoDataCommand.fill(app, from: 2019, to: 2021, seed: 1, qualificationScale: 0.02)
                let dir = Client(app)
                try await dir.login("direktorat", "demo-direktorat")
                _ = try await dir.get("/aar/2021/rapporter/arsrapport")
                let report = try await ReportBuilder.build(.aar, year: 2021, app: app, on: app.db)
                let actions = report.sections.flatMap(\.actions)
                let requirement = try #require(
                    actions.first { $0.label.hasPrefix("SP") && $0.label.contains("(") }, "\(actions.map(\.key))")
                let saved = try await dir.send(
                    .POST, "/aar/2021/rapporter/arsrapport/tekst", form: ["section": requirement.key, "text": "Flere tiltak i høst."])
                #expect(saved.status == .seeOther, "\(requirement.key): \(saved.status) \(saved.body.prefix(200))")
                let page = try await dir.get("/aar/2021/rapporter/arsrapport")
                #expect(page.body.contains("Flere tiltak i høst."))
                #expect(try await ReportsStore.texts(year: 2021, kind: .aar, on: app.db)[requirement.key] == "Flere tiltak i høst.")
            }
        }

        @Test func writeSubmitReceiveAndComment() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let dir = Client(app)
                try await dir.login("direktorat", "demo-direktorat")
                _ = try await dir.get("/aar/2021/rapporter/arsrapport")
                let saved = try await dir.send(
                    .POST, "/aar/2021/rapporter/arsrapport/tekst", form: ["section": "leder", "text": "Året var godt.\r\n\r\nVi leverte."])
                #expect(saved.status == .seeOther)
                _ = try await dir.send(
                    .POST, "/aar/2021/rapporter/arsrapport/tekst", form: ["section": "avvik-2021-11", "text": "Ny plan sendt KD."])
                let page = try await dir.get("/aar/2021/rapporter/arsrapport")
                #expect(page.body.contains("<p>Året var godt.</p><p>Vi leverte.</p>") || page.body.contains("<p>Vi leverte.</p>"))
                #expect(page.body.contains("Ny plan sendt KD."))
                let bad = try await dir.send(.POST, "/aar/2021/rapporter/arsrapport/tekst", form: ["section": "../x", "text": "y"])
                #expect(bad.status == .badRequest)

                _ = try await dir.get("/aar/2021/rapporter")
                let sent = try await dir.submit("/aar/2021/rapporter/arsrapport/send", form: [:])
                #expect(sent.status == .ok && sent.body.contains("versjon 1"))
                // Edits after submission do not touch version 1; a new submission is version 2.
                _ = try await dir.get("/aar/2021/rapporter/arsrapport")
                _ = try await dir.send(
                    .POST, "/aar/2021/rapporter/arsrapport/tekst", form: ["section": "leder", "text": "Endret etterpå."])
                _ = try await dir.get("/aar/2021/rapporter")
                _ = try await dir.send(.POST, "/aar/2021/rapporter/arsrapport/send", form: [:])
                let versions = try await ReportsStore.versions(year: 2021, kind: .aar, on: app.db)
                #expect(versions.map(\.version) == [2, 1])
                let v1 = try #require(versions.last)
                let frozen = try await ReportsStore.content(versionID: v1.id, on: app.db)
                #expect(frozen.contains("Året var godt.") && !frozen.contains("Endret etterpå."))
                #expect(ReportsStore.hash(Data(frozen.utf8)) == v1.content_hash)

                // The public cannot see it before the ministry has received it.
                let anonymous = Client(app)
                #expect(try await anonymous.get("/rapporter/versjon/\(v1.id.uuidString)").status == .notFound)

                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                let view = try await ministry.get("/rapporter/versjon/\(v1.id.uuidString)")
                #expect(view.status == .ok && view.body.contains("Innholdet er uendret") && view.body.contains("Bekreft mottatt"))
                #expect(try await ministry.send(.POST, "/rapporter/versjon/\(v1.id.uuidString)/motta", form: [:]).status == .seeOther)
                _ = try await ministry.get("/rapporter/versjon/\(v1.id.uuidString)")
                let again = try await ministry.send(.POST, "/rapporter/versjon/\(v1.id.uuidString)/motta", form: [:])
                #expect(again.status == .conflict)
                _ = try await ministry.get("/rapporter/versjon/\(v1.id.uuidString)")
                _ = try await ministry.send(
                    .POST, "/rapporter/versjon/\(v1.id.uuidString)/kommentar", form: ["section": "leder", "text": "Takk, godt skrevet."])
                let comments = try await ReportsStore.comments(versionID: v1.id, on: app.db)
                #expect(comments.map(\.text) == ["Takk, godt skrevet."] && comments[0].author == "departement")

                let published = try await anonymous.get("/publisert")
                #expect(published.status == .ok && published.body.contains("Publisert (versjon 1"))
                let content = try await anonymous.get("/rapporter/versjon/\(v1.id.uuidString)/innhold")
                #expect(content.status == .ok && content.body.contains("Året var godt.") && !content.body.contains("<form"))

                let log = try await AuditEntryModel.query(on: app.db).filter(
                    \.$action ~~ ["send inn", "motta", "kommentar", "rapporttekst"]
                ).all()
                #expect(Set(log.map(\.action)) == ["send inn", "motta", "kommentar", "rapporttekst"])
            }
        }

        @Test func draftPrintsToPDF() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                let r = try await c.get("/aar/2021/rapporter/halvarsrapport/pdf")
                #expect(r.status == .ok && r.headers.contentType?.subType == "pdf")
                #expect(r.body.hasPrefix("%PDF"))
            }
        }
    }
}
