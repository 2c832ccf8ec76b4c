import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Etatsstyringsmøter in the browser (issue 25, item 3): the ministry plans, the directorate
    /// sends risk input before, the minutes are approved by both and sent to Riksrevisjonen, each
    /// side evaluates once; every step audited, 303 on success, the field named on error.
    @Suite struct SteeringMeetings {
        @Test func fromPlanToRiksrevisjonenAndEvaluation() async throws {
            let time = MovableClock(CivilDate(year: 2021, month: 4, day: 20)!)
            try await withApp(clock: time.clock) { app in
                try await seedDemo(app)
                let m = Client(app)
                try await m.login("departement", "demo-departement")
                let list = try await m.get("/aar/2021/etatsstyring")
                #expect(list.status == .ok && list.body.contains("Planlegg møte"))
                let bad = try await m.send(.POST, "/aar/2021/etatsstyring", form: ["date": "31.02.2021", "title": ""])
                #expect(bad.status == .unprocessableEntity && bad.body.contains("Møtedatoen må være en dato"))
                #expect(try await SteeringMeetingStore.meetings(year: 2021, on: app.db).isEmpty)
                let planned = try await m.send(
                    .POST, "/aar/2021/etatsstyring",
                    form: ["date": "2021-05-03", "title": "Etatsstyringsmøte om årsrapporten 2020", "agenda": "1. Årsrapporten 2020"])
                #expect(planned.status == .seeOther)
                let location = try #require(planned.headers.first(name: .location))
                #expect(try await m.get(location).body.contains("er planlagt 3. mai 2021"))

                let d = Client(app)
                try await d.login("direktorat", "demo-direktorat")
                _ = try await d.get(location)
                #expect(try await d.send(.POST, "/aar/2021/etatsstyring", form: ["date": "2021-06-01", "title": "X"]).status == .forbidden)
                let risk = try await d.send(.POST, location + "/risiko", form: ["text": "Bosettingen av enslige mindreårige er sårbar."])
                #expect(risk.status == .seeOther)
                // The ministry cannot write the directorate's risk input.
                #expect(try await m.send(.POST, location + "/risiko", form: ["text": "Nei"]).status == .forbidden)

                // A week after the meeting.
                time.move(to: CivilDate(year: 2021, month: 5, day: 10)!)
                try await m.login("departement", "demo-departement")
                try await d.login("direktorat", "demo-direktorat")
                _ = try await m.get(location)
                _ = try await d.get(location)
                let late = try await d.send(.POST, location + "/risiko", form: ["text": "For sent"])
                #expect(late.status == .unprocessableEntity && late.body.contains("før møtet"))
                #expect(try await m.send(.POST, location + "/referat", form: ["text": "Referat fra møtet 3. mai."]).status == .seeOther)
                #expect(try await m.send(.POST, location + "/godkjenn", form: [:]).status == .seeOther)
                let early = try await m.send(.POST, location + "/riksrevisjonen", form: [:])
                #expect(early.status == .unprocessableEntity && early.body.contains("mangler: Direktoratet"))
                #expect(try await d.send(.POST, location + "/godkjenn", form: [:]).status == .seeOther)
                #expect(try await m.send(.POST, location + "/riksrevisjonen", form: [:]).status == .seeOther)
                let page = try await d.get(location)
                #expect(page.body.contains("Sendt Riksrevisjonen 10.05.2021") && page.body.contains("Bosettingen av enslige mindreårige"))
                #expect(
                    try await d.send(.POST, location + "/evaluering", form: ["rating": "4", "comment": "Godt forberedt."]).status
                        == .seeOther)
                #expect(try await d.get(location).body.contains("Direktoratet: 4 av 5 – Godt forberedt."))
                // A form read at an old version is refused, not applied over the newer one.
                let stale = try await m.send(.POST, location + "/evaluering", form: ["rating": "5", "version": "1"])
                #expect(stale.status == .conflict && stale.body.contains("endret av en annen"))

                m.bearer = try await Users.newToken(username: "departement", on: app.db)
                let api = try await m.get("/api/v1/years/2021/meetings")
                let meetings = try JSONDecoder().decode([Etatsstyringsmote].self, from: Data(api.body.utf8))
                #expect(meetings.count == 1 && meetings[0].sentToRiksrevisjonen?.by == "departement")
                #expect(meetings[0].approvals.count == 2 && meetings[0].evaluations[.directorate]?.rating == 4)
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action ~~ "etatsstyringsmøte").count()
                #expect(audit == 7)
                let k = Client(app)
                try await k.login("kommune", "demo-kommune")
                #expect(try await k.get("/aar/2021/etatsstyring").status == .forbidden)
            }
        }
    }
}
