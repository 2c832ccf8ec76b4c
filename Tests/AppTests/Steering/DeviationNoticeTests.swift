import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Avviksmeldinger: the directorate reports a requirement or assignment at risk, the ministry
    /// answers once (issue 25, item 6).
    @Suite struct DeviationNotices {
        @Test func directorateSendsMinistryAnswersOnceAndTheAPIShowsBoth() async throws {
            try await withApp(today: CivilDate(year: 2021, month: 9, day: 1)) { app in
                try await seedDemo(app)
                let d = Client(app)
                try await d.login("direktorat", "demo-direktorat")
                _ = try await d.get("/aar/2021/avviksmeldinger")

                // Bad input: every missing part named, nothing stored.
                let bad = try await d.send(
                    .POST, "/aar/2021/avviksmeldinger", form: ["subject": "oppdrag:2099-01", "risk": " ", "proposedDate": "31.02.2021"])
                #expect(bad.status == .unprocessableEntity)
                for text in [
                    "Velg et resultatkrav eller oppdrag", "Beskriv hva som er i fare", "Beskriv hva direktoratet",
                    "Ny frist må være en dato",
                ] {
                    #expect(bad.body.contains(text), "mangler «\(text)»")
                }
                #expect(try await DeviationNoticeStore.notices(year: 2021, on: app.db).isEmpty)

                let sent = try await d.send(
                    .POST, "/aar/2021/avviksmeldinger",
                    form: [
                        "subject": "oppdrag:2021-04", "risk": "Leverandøren av kartleggingsverktøyet er forsinket.",
                        "measures": "Vi tar i bruk en midlertidig løsning.", "proposedDate": "2021-12-01",
                    ])
                #expect(sent.status == .seeOther)
                let location = try #require(sent.headers.first(name: .location))
                #expect(location.hasPrefix("/aar/2021/avviksmeldinger/"))
                let page = try await d.get(location)
                #expect(page.body.contains("Avviksmeldingen om 2021-04 er sendt"))
                #expect(page.body.contains("Venter på svar fra departementet") && page.body.contains("01.12.2021"))
                #expect(!page.body.contains("Send svar"), "the directorate cannot answer")

                let m = Client(app)
                try await m.login("departement", "demo-departement")
                let list = try await m.get("/aar/2021/avviksmeldinger")
                #expect(list.body.contains("1 venter på svar") && list.body.contains("Send svar"))
                #expect(!list.body.contains("Ny avviksmelding"), "the ministry does not send notices")
                let answered = try await m.send(
                    .POST, location + "/svar", form: ["decision": "ny_frist_godkjent", "answer": "Ny frist 1. desember godkjennes."])
                #expect(answered.status == .seeOther && answered.headers.first(name: .location) == location)
                let after = try await m.get(location)
                #expect(after.body.contains("Ny frist godkjent") && after.body.contains("Ny frist 1. desember godkjennes."))
                let twice = try await m.send(.POST, location + "/svar", form: ["decision": "tatt_til_orientering", "answer": "Igjen."])
                #expect(twice.status == .conflict || twice.status == .unprocessableEntity)
                #expect(twice.body.contains("allerede besvart"))

                m.bearer = try await Users.newToken(username: "departement", on: app.db)
                let api = try await m.get("/api/v1/years/2021/deviation-notices")
                let notices = try JSONDecoder().decode([Avviksmelding].self, from: Data(api.body.utf8))
                #expect(notices.count == 1 && notices[0].decision == .newDeadline && notices[0].answeredBy == "departement")

                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action ~~ "avviksmelding").all()
                #expect(audit.count == 2)

                let k = Client(app)
                try await k.login("kommune", "demo-kommune")
                #expect(try await k.get("/aar/2021/avviksmeldinger").status == .forbidden)
            }
        }
    }
}
