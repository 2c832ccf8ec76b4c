import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Rapporteringskrav (issue 25, item 2): the letter's demands with deadline and owner; the
    /// directorate names the owner (303, audited, unknown key named), answers a demand in the
    /// report draft where it is linked, and the page and API say it is answered.
    @Suite struct ReportingDemandPages {
        @Test func ownerAnswerAndStatus() async throws {
            try await withApp(today: CivilDate(year: 2021, month: 9, day: 1)) { app in
                try await seedDemo(app)
                let d = Client(app)
                try await d.login("direktorat", "demo-direktorat")
                let page = try await d.get("/aar/2021/rapporteringskrav")
                #expect(page.status == .ok && page.body.contains("IMDi skal gi en samlet vurdering av hvordan direktoratets virkemidler"))
                #expect(page.body.contains("20.08.2021") && page.body.contains("15.03.2022"))
                // The grant report the letter asks for in 4.1.3, due 1 June, with the grants page linked; and in the .ics feed.
                #expect(page.body.contains("Andre rapporteringsplikter") && page.body.contains("mer detaljert rapport"))
                #expect(page.body.contains("01.06.2021") && page.body.contains("href=\"/aar/2021/tilskudd\""))
                let ics = try await d.get("/aar/2021/kalender.ics")
                #expect(ics.body.contains("DTSTART;VALUE=DATE:20210601") && ics.body.contains("Rapporteringsplikt"))
                let bad = try await d.send(.POST, "/aar/2021/rapporteringskrav", form: ["key": "krav-SP9.9", "owner": "Noen"])
                #expect(bad.status == .unprocessableEntity && bad.body.contains("Ukjent rapporteringskrav"))
                let set = try await d.send(
                    .POST, "/aar/2021/rapporteringskrav", form: ["key": "krav-SP3.1", "owner": "Bosettingsavdelingen"])
                #expect(set.status == .seeOther)
                #expect(try await d.get("/aar/2021/rapporteringskrav").body.contains("Bosettingsavdelingen er ansvarlig for SP 3.1"))

                // The annual report draft has a place for the answer; saving it marks the demand answered.
                let draft = try await d.get("/aar/2021/rapporter/arsrapport")
                #expect(draft.body.contains("Svar på rapporteringskravet — SP 3.1"))
                let saved = try await d.send(
                    .POST, "/aar/2021/rapporter/arsrapport/tekst",
                    form: ["section": "krav-SP3.1", "text": "Bosettingen gikk raskere enn i 2020."])
                #expect(saved.status == .seeOther && saved.headers.first(name: .location)?.hasSuffix("#s-resultater") == true)

                d.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let api = try await d.get("/api/v1/years/2021/reporting-demands")
                let items = try JSONDecoder().decode([ReportingDemandRoutes.Item].self, from: Data(api.body.utf8))
                let annual = try #require(items.first { $0.key == "krav-SP3.1" && $0.report == "Årsrapport" })
                let half = try #require(items.first { $0.key == "krav-SP3.1" && $0.report == "Halvårsrapport" })
                #expect(annual.answered && !half.answered && annual.owner == "Bosettingsavdelingen")
                #expect(annual.link == "/aar/2021/rapporter/arsrapport#s-resultater")
                // The report's JSON (and so the printed file) carries the answer under its demand.
                let doc = try JSONDecoder().decode(
                    ReportDocument.self, from: Data(try await d.get("/api/v1/years/2021/reports/arsrapport").body.utf8))
                let action = try #require(doc.sections.first { $0.key == "resultater" }?.actions.first { $0.key == "krav-SP3.1" })
                #expect(action.kind == "svar" && action.text == "Bosettingen gikk raskere enn i 2020.")

                let m = Client(app)
                try await m.login("departement", "demo-departement")
                let read = try await m.get("/aar/2021/rapporteringskrav")
                #expect(read.status == .ok && read.body.contains("Bosettingsavdelingen") && !read.body.contains("name=\"owner\""))
                #expect(
                    try await m.send(.POST, "/aar/2021/rapporteringskrav", form: ["key": "krav-SP3.1", "owner": "X"]).status == .forbidden)
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "rapporteringskrav: ansvarlig").count()
                #expect(audit == 1)
            }
        }
    }
}
