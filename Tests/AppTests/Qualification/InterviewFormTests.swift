import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The directorate records and edits one mapping interview in a form: every bad field named,
    /// nothing stored until all are right, audited; interviews are deleted a year after settlement;
    /// the demo database has interviews for part of the waiting households.
    @Suite struct InterviewForm {
        @Test func recordEditRefuseAndAudit() async throws {
            try await withApp(today: CivilDate(year: 2024, month: 12, day: 31)!) { app in
                try await seedDemo(app, settlementYears: 2024...2024)
                let register = try await SettlementStore.load(on: app.db)
                let person = try #require(register.persons.first { Bosettingsanmodning.waits($0) })
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let blank = try await c.get("/registre/kartleggingsintervju")
                #expect(blank.status == .ok && blank.body.contains("name=\"norsk_niva\"") && blank.body.contains("høyere utdanning"))

                let bad = try await c.send(
                    .POST, "/registre/kartleggingsintervju",
                    form: [
                        "person_id": "finnes-ikke", "dato": "2024-13-01", "utdanning": "", "arbeidserfaring": "Z", "norsk_niva": "B1",
                        "helsebehov": "nei",
                    ])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.contains("dato «2024-13-01» er ikke en dato") && bad.body.contains("utdanning mangler"))
                #expect(bad.body.contains("arbeidserfaring «Z»") && bad.body.contains("Skjemaet har feil"))
                let unknown = try await c.send(
                    .POST, "/registre/kartleggingsintervju",
                    form: [
                        "person_id": "finnes-ikke", "dato": "2024-05-01", "utdanning": "hoyere", "norsk_niva": "B1", "helsebehov": "nei",
                    ])
                #expect(unknown.status == .unprocessableEntity && unknown.body.contains("finnes ikke i bosettingsregisteret"))
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entity == "kartlegging").count() == 0)

                let good: [String: String] = [
                    "person_id": person.personId, "dato": "2024-05-01", "utdanning": "hoyere", "utdanningsfelt": "sykepleie",
                    "arbeidserfaring": "Q", "sprak": "arabisk|engelsk", "norsk_niva": "B1", "helsebehov": "nei", "tilknytning_kommune": "",
                ]
                let saved = try await c.send(.POST, "/registre/kartleggingsintervju", form: good)
                #expect(saved.status == .seeOther)
                let edit = try await c.get("/registre/kartleggingsintervju?person=\(person.personId)")
                #expect(edit.body.contains("Kartleggingen er registrert.") && edit.body.contains("value=\"sykepleie\""))
                var changed = good
                changed["norsk_niva"] = "B2"
                #expect(try await c.send(.POST, "/registre/kartleggingsintervju", form: changed).status == .seeOther)
                let registers = try await QualificationStore.load([.interviews], into: .init(), geography: app.geography, on: app.db)
                #expect(registers.interviews.count == 1 && registers.interviews[0].norwegian == .b2)
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "endre kartlegging").first()
                #expect(audit?.before?.contains(";B1;") == true && audit?.after?.contains(";B2;") == true)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "ny kartlegging").count() == 1)

                let municipality = Client(app)
                try await municipality.login("kommune", "demo-kommune")
                #expect(try await municipality.get("/registre/kartleggingsintervju").status == .forbidden)
            }
        }

        @Test func retentionDeletesInterviewsAYearAfterSettlement() async throws {
            try await withApp(today: CivilDate(year: 2024, month: 12, day: 31)!) { app in
                try await seedDemo(app, settlementYears: 2023...2024)
                let register = try await SettlementStore.load(on: app.db)
                let today = CivilDate(year: 2024, month: 12, day: 31)!.dayNumber
                let old = try #require(register.persons.first { ($0.settledDay ?? today) < today - MappingInterviewRetention.days })
                let recent = try #require(register.persons.first { ($0.settledDay ?? 0) > today - 100 })
                let csv =
                    "person_id;dato;utdanning;utdanningsfelt;arbeidserfaring;sprak;norsk_niva;helsebehov;tilknytning_kommune\n"
                    + [old, recent].map { "\($0.personId);2023-01-02;ingen;;;somali;A0;nei;" }.joined(separator: "\n")
                _ = try await QualificationStore.importFile(
                    .interviews, text: csv, source: "k.csv", actor: "test", dryRun: false, geography: app.geography, on: app.db)
                let day = CivilDate(dayNumber: today)
                let dry = try await QualificationStore.applyInterviewRetention(
                    today: day, dryRun: true, actor: "test", geography: app.geography, on: app.db)
                #expect(dry.expired == 1 && dry.kept == 1)
                let count = { try await QualificationStore.load([.interviews], into: .init(), geography: app.geography, on: app.db) }
                #expect(try await count().interviews.count == 2)
                let done = try await QualificationStore.applyInterviewRetention(
                    today: day, dryRun: false, actor: "test", geography: app.geography, on: app.db)
                #expect(done.expired == 1)
                #expect(try await count().interviews.map(\.personId) == [recent.personId])
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "slett kartlegging (lagringstid)").count() == 1)
            }
        }

        @Test func demoDataHasInterviewsForPartOfTheWaitingHouseholds() async throws {
            try await withApp(today: CivilDate(year: 2024, month: 12, day: 31)!) { app in
                try await seedDemo(app, settlementYears: 2024...2024, qualificationScale: 0.02)
                let registers = try await QualificationStore.load([.interviews], into: .init(), geography: app.geography, on: app.db)
                #expect(!registers.interviews.isEmpty)
                let match = try await MatchFiles.fromRegister(app, year: 2024, asOf: CivilDate(year: 2024, month: 12, day: 31)!.dayNumber)
                let mapped = match.basis.filter { $0 == .interview }.count
                #expect(mapped > 0 && mapped < match.basis.count)
            }
        }
    }
}
