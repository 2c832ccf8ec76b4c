import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The directorate starts an allocation from the register in the UI: the cases ready by a
    /// date, each explained with what it rests on, and overrides chosen among the municipalities
    /// with the places each has left.
    @Suite struct MatchingFromRegister {
        @Test func startFromTheRegisterExplainAndOverrideWithRoomShown() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2024...2024)
                let register = try await SettlementStore.load(on: app.db)
                let asOf = CivilDate(year: 2024, month: 12, day: 31)!
                let waiting = try #require(
                    register.persons.first {
                        $0.allocatedKommune == nil && $0.settledKommune == nil && !$0.selfSettled && $0.category != .familyReunification
                            && $0.waitStartDay <= asOf.dayNumber
                    })
                let csv =
                    "person_id;dato;utdanning;utdanningsfelt;arbeidserfaring;sprak;norsk_niva;helsebehov;tilknytning_kommune\n"
                    + "\(waiting.personId);2024-03-02;fagbrev;;F;dari;A2;ja;"
                _ = try await QualificationStore.importFile(
                    .interviews, text: csv, source: "k.csv", actor: "test", dryRun: false, geography: app.geography, on: app.db)

                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let form = try await c.get("/bosetting/tildeling")
                #expect(form.body.contains("value=\"register\"") && form.body.contains("Bosettingsklare per"))
                let bad = try await c.send(.POST, "/bosetting/tildeling", form: ["source": "register", "date": "31.13.2024"])
                #expect(bad.status == .unprocessableEntity)
                let made = try await c.send(.POST, "/bosetting/tildeling", form: ["source": "register", "date": asOf.iso])
                #expect(made.status == .seeOther)
                let run = try #require(try await MatchRunModel.query(on: app.db).first())
                #expect(run.title.contains("2024-12-31"))
                let cases = try await MatchCaseModel.query(on: app.db).filter(\.$run.$id == run.id!).all()
                let mapped = try #require(cases.first { $0.caseId == waiting.caseId })
                #expect(mapped.basis == "kartlegging" && mapped.needs == "helse")
                #expect(mapped.explanation?.contains("Grunnlag: kartleggingsintervju") == true)
                #expect(mapped.explanation?.contains("helse- eller omsorgsbehov") == (mapped.proposed != nil))
                #expect(cases.filter { $0.caseId != waiting.caseId }.allSatisfy { $0.basis == "generert" })

                // The API shows each case's options with the places left; the mapped case's need in words.
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let api = try await c.get("/api/v1/match/runs/\(run.id!.uuidString)")
                #expect(api.status == .ok && api.body.contains("plasser igjen") && api.body.contains("\"needs\":\"helsetjenester\""))
                #expect(
                    api.body.contains("\"basisText\":\"kartleggingsintervju\"") && api.body.contains("\"basisText\":\"generert profil\""))
                struct Out: Decodable {
                    struct Case: Decodable {
                        struct Option: Decodable {
                            let kommunenummer: String
                            let text: String
                            let room: Bool
                        }
                        let caseId: String
                        let placement: String?
                        let options: [Option]
                        let size: Int
                        let minors: Int
                    }
                    let cases: [Case]
                }
                let out = try JSONDecoder().decode(Out.self, from: Data(api.body.utf8))
                // Room shown is room the store accepts: an option with room saves.
                let movable = try #require(
                    out.cases.first { k in k.placement != nil && k.options.contains { $0.room && $0.kommunenummer != k.placement } })
                let target = try #require(movable.options.first { $0.room && $0.kommunenummer != movable.placement })
                let left = MatchingRoutes.placesLeft(run, cases)[target.kommunenummer]!
                #expect(target.text.contains("\(left.places) plass"))
                let path = "/bosetting/tildeling/\(run.id!.uuidString)/sak/\(movable.caseId)"
                let moved = try await c.send(.POST, path, form: ["kommunenummer": target.kommunenummer, "reason": "Nærhet til arbeid"])
                #expect(moved.status == .seeOther)
                // An option shown without room is refused with the room in the message.
                let after = try await MatchCaseModel.query(on: app.db).filter(\.$run.$id == run.id!).all()
                let left2 = MatchingRoutes.placesLeft(run, after)
                if let full = after.first(where: { k in
                    k.allowed.split(separator: ";").contains { left2[String($0)].map { $0.places < k.size - k.minors } ?? false }
                }) {
                    let code = String(full.allowed.split(separator: ";").first { left2[String($0)]!.places < full.size - full.minors }!)
                    let refused = try await c.send(
                        .POST, "/bosetting/tildeling/\(run.id!.uuidString)/sak/\(full.caseId)",
                        form: ["kommunenummer": code, "reason": "Test"])
                    #expect(refused.status == .unprocessableEntity && refused.body.contains("har ikke plass"))
                }
                let page = try await c.get("/bosetting/tildeling/\(run.id!.uuidString)")
                #expect(page.status == .ok && page.body.contains("plasser igjen") && page.body.contains("Grunnlag: generert profil"))
                #expect(!page.body.contains("tilrettelagt_bolig") && !page.body.contains("stor_bolig"))
            }
        }
    }
}
