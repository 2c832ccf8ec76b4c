import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The directorate turns accepted proposals into requests to the municipalities in the
    /// settlement register; the municipality then sees the persons it is asked to settle and their
    /// mapping interviews, and nobody else's.
    @Suite struct MatchingRequests {
        @Test func acceptedProposalsBecomeRequestsTheMunicipalitySees() async throws {
            let today = CivilDate(year: 2024, month: 12, day: 31)!
            try await withApp(today: today) { app in
                try await seedDemo(app, settlementYears: 2024...2024)
                let register = try await SettlementStore.load(on: app.db)
                let waiting = register.persons.filter {
                    Bosettingsanmodning.waits($0) && $0.waitStartDay <= today.dayNumber && !$0.unaccompaniedMinor
                }
                let csv =
                    "person_id;dato;utdanning;utdanningsfelt;arbeidserfaring;sprak;norsk_niva;helsebehov;tilknytning_kommune\n"
                    + waiting.prefix(40).map { "\($0.personId);2024-03-02;fagbrev;;F;dari;A2;nei;" }.joined(separator: "\n")
                _ = try await QualificationStore.importFile(
                    .interviews, text: csv, source: "k.csv", actor: "test", dryRun: false, geography: app.geography, on: app.db)

                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                _ = try await c.get("/bosetting/tildeling")
                let made = try await c.send(.POST, "/bosetting/tildeling", form: ["source": "register", "date": today.iso])
                #expect(made.status == .seeOther, "\(made.body.prefix(3000))")
                let run = try #require(try await MatchRunModel.query(on: app.db).first())
                let runPath = "/bosetting/tildeling/\(run.id!.uuidString)"
                let cases = try await MatchCaseModel.query(on: app.db).filter(\.$run.$id == run.id!).all()
                let interviewed = Set(waiting.prefix(40).map(\.caseId))
                let chosen = try #require(cases.first { $0.placement != nil && interviewed.contains($0.caseId) })
                let kommune = chosen.placement!
                let member = try #require(waiting.first { $0.caseId == chosen.caseId && interviewed.contains($0.caseId) })

                // The municipality asked: before the request it does not see the person.
                let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "kommune").first())
                user.kommune = kommune
                try await user.save(on: app.db)
                let municipality = Client(app)
                try await municipality.login("kommune", "demo-kommune")
                #expect(try await municipality.get("/register/bosetting/person/\(member.personId)").status == .notFound)

                let page = try await c.get(runPath)
                #expect(page.body.contains("Send valgte som anmodninger") && page.body.contains("name=\"saker[]\""))
                let sent = try await c.send(.POST, runPath + "/anmodninger", form: ["saker[]": chosen.caseId])
                #expect(sent.status == .seeOther)
                let after = try await c.get(runPath)
                #expect(
                    after.body.contains("1 sak er sendt som anmodning til kommunen.") && after.body.contains("Anmodning sendt 2024-12-31"))

                // In the register: every waiting member of the case is allocated today; one audit entry.
                let now = try await SettlementStore.load(on: app.db)
                let members = now.persons.filter { $0.caseId == chosen.caseId }
                #expect(!members.isEmpty && members.allSatisfy { $0.allocatedKommune == kommune && $0.allocatedDay == today.dayNumber })
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "anmodning om bosetting").count() == 1)

                // The municipality sees the person and the interview; a person it was not asked for stays hidden.
                let seen = try await municipality.get("/register/bosetting/person/\(member.personId)")
                #expect(seen.status == .ok && seen.body.contains("Kartleggingsintervju") && seen.body.contains("A2"))
                #expect(!seen.body.contains("Registrer kartlegging") && !seen.body.contains("Endre kartlegging"))
                let other = try #require(waiting.first { $0.caseId != chosen.caseId })
                #expect(try await municipality.get("/register/bosetting/person/\(other.personId)").status == .notFound)

                // Sent twice, or overridden after: refused and named; nothing changes.
                let twice = try await c.send(.POST, runPath + "/anmodninger", form: ["saker[]": chosen.caseId])
                #expect(twice.status == .unprocessableEntity && twice.body.contains("allerede sendt"))
                let override = try await c.send(
                    .POST, runPath + "/sak/\(chosen.caseId)", form: ["kommunenummer": "", "reason": "Endret"])
                #expect(override.status == .conflict)
                let none = try await c.send(.POST, runPath + "/anmodninger", form: [:])
                #expect(none.status == .unprocessableEntity && none.body.contains("Velg minst én sak"))

                // All the rest at once, in one transaction.
                let all = try await c.send(.POST, runPath + "/anmodninger", form: ["alle": "1"])
                #expect(all.status == .seeOther)
                let rows = try await MatchCaseModel.query(on: app.db).filter(\.$run.$id == run.id!).all()
                #expect(rows.filter { $0.placement != nil }.allSatisfy { $0.requestedOn == today.iso })
                #expect(rows.filter { $0.placement == nil }.allSatisfy { $0.requestedOn == nil })
                let allocated = try await SettlementStore.load(on: app.db).persons.filter { $0.allocatedDay == today.dayNumber }
                #expect(Set(allocated.map(\.caseId)) == Set(rows.filter { $0.placement != nil }.map(\.caseId)))
                #expect(try await municipality.send(.POST, runPath + "/anmodninger", form: ["alle": "1"]).status == .forbidden)
            }
        }

        @Test func aGeneratedTrainingRunCannotBeSent() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                _ = try await c.get("/bosetting/tildeling")
                _ = try await c.send(.POST, "/bosetting/tildeling", form: ["source": "generert", "persons": "40", "seed": "2"])
                let run = try #require(try await MatchRunModel.query(on: app.db).first())
                let r = try await c.send(.POST, "/bosetting/tildeling/\(run.id!.uuidString)/anmodninger", form: ["alle": "1"])
                #expect(r.status == .unprocessableEntity && r.body.contains("Bare forslag laget fra bosettingsregisteret"))
            }
        }
    }
}

extension AppSuite.MatchingRequests {
    /// The weekly mode from the register in the UI: a week's batch, with places kept for the rest of the year.
    @Test func theWeeklyModeRunsFromTheRegister() async throws {
        try await withApp(today: CivilDate(year: 2024, month: 12, day: 31)!) { app in
            try await seedDemo(app, settlementYears: 2024...2024)
            let c = Client(app)
            try await c.login("direktorat", "demo-direktorat")
            let form = try await c.get("/bosetting/tildeling")
            #expect(form.body.contains("value=\"uke\""))
            let made = try await c.send(.POST, "/bosetting/tildeling", form: ["source": "uke", "date": "2024-06-30"])
            #expect(made.status == .seeOther)
            let run = try #require(try await MatchRunModel.query(on: app.db).first())
            #expect(run.title == "Ukens tildeling, uke 26: bosettingsklare per 2024-06-30")
            let cases = try await MatchCaseModel.query(on: app.db).filter(\.$run.$id == run.id!).all()
            #expect(!cases.isEmpty && cases.allSatisfy { $0.basis != nil && $0.explanation != nil })
            #expect(MatchingRoutes.placesLeft(run, cases).values.allSatisfy { $0.places >= 0 && $0.minors >= 0 })
        }
    }
}
