import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The mapping interview register: loaded all or nothing with identity numbers pseudonymised,
    /// read by the directorate and by a municipality only for the persons it is asked to settle,
    /// and used by the allocation from the register.
    @Suite struct MappingInterviews {
        static let header = "person_id;dato;utdanning;utdanningsfelt;arbeidserfaring;sprak;norsk_niva;helsebehov;tilknytning_kommune"

        @Test func loadReadAndUseInTheAllocation() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2024...2024)
                let register = try await SettlementStore.load(on: app.db)
                let asOf = CivilDate(year: 2024, month: 12, day: 31)!.dayNumber
                let own = try #require(register.persons.first { $0.allocatedKommune == "0301" || $0.settledKommune == "0301" })
                let waiting = try #require(
                    register.persons.first {
                        $0.allocatedKommune == nil && $0.settledKommune == nil && !$0.selfSettled && $0.category != .familyReunification
                            && $0.waitStartDay <= asOf
                    })
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                // A bad row is named with its line and columns, and nothing is stored.
                let bad = [
                    Self.header, "\(own.personId);2024-03-01;hoyere;medisin;Q;arabisk;B2;nei;0301",
                    "\(waiting.personId);2024-03-02;master;;X;;B7;ja;",
                ].joined(separator: "\n")
                let refused = try await c.send(.POST, "/api/v1/registers/kartlegging", raw: bad)
                #expect(refused.status == .unprocessableEntity)
                for part in ["linje 3", "utdanning «master»", "arbeidserfaring «X»", "norsk_niva «B7»"] {
                    #expect(refused.body.contains(part), "\(part): \(refused.body)")
                }
                #expect(try await QualificationStore.overview(on: app.db).first { $0.kind == "kartlegging" }?.rows == 0)
                let good = [
                    Self.header, "\(own.personId);2024-03-01;hoyere;medisin;Q;arabisk;B2;nei;0301",
                    "\(waiting.personId);2024-03-02;fagbrev;;F|G;dari;A2;ja;", "01010150074;2024-03-03;ingen;;;somali;A0;nei;",
                ].joined(separator: "\n")
                let stored = try await c.send(.POST, "/api/v1/registers/kartlegging", raw: good)
                #expect(stored.status == .created && stored.body.contains("\"rows\":3"))
                // The identity number is kept only as the settlement register's pseudonym.
                let pseudonym = app.pseudonymizer.pseudonym("01010150074")
                let web = Client(app)
                try await web.login("direktorat", "demo-direktorat")
                let extract = try await web.get("/registre/kartlegging/uttrekk")
                #expect(extract.status == .ok && extract.body.contains(pseudonym) && !extract.body.contains("01010150074"))
                let one = try await c.get("/api/v1/registers/kartlegging/\(own.personId)")
                #expect(one.status == .ok && one.body.contains("helse og omsorg") && one.body.contains("\"norsk_niva\":\"B2\""))
                #expect(try await c.get("/api/v1/registers/kartlegging/\(pseudonym)").status == .ok)
                // The municipality sees the persons it is asked to settle, nobody else; the public nothing.
                let municipality = Client(app)
                municipality.bearer = try await Users.newToken(username: "kommune", on: app.db)
                #expect(try await municipality.get("/api/v1/registers/kartlegging/\(own.personId)").status == .ok)
                #expect(try await municipality.get("/api/v1/registers/kartlegging/\(waiting.personId)").status == .notFound)
                let municipalityWeb = Client(app)
                try await municipalityWeb.login("kommune", "demo-kommune")
                #expect(try await municipalityWeb.get("/registre/kartlegging/uttrekk").status == .forbidden)
                let publicClient = Client(app)
                publicClient.bearer = try await Users.newToken(username: "publikum", on: app.db)
                #expect(try await publicClient.get("/api/v1/registers/kartlegging/\(own.personId)").status == .forbidden)
                #expect(
                    [.unauthorized, .forbidden].contains(try await Client(app).get("/api/v1/registers/kartlegging/\(own.personId)").status))
                let reads = try await AuditEntryModel.query(on: app.db).filter(\.$action == "les kartlegging").count()
                #expect(reads == 3)

                // The allocation from the register reads the interview of the waiting person's household.
                let match = try await MatchFiles.fromRegister(app, year: 2024, asOf: asOf)
                let c0 = try #require(match.instance.cases.firstIndex { $0.id == waiting.caseId })
                #expect(match.basis[c0] == .interview && match.instance.cases[c0].needs == ["helse"])
                #expect(
                    match.instance.pairs(of: c0).allSatisfy {
                        match.instance.municipalities[Int(match.instance.pairMunicipality[$0])].services.contains("helse")
                    })
                #expect(match.basis.contains(.generated))
                let solution = MatchSolver.solve(match.instance)
                let proposals = MatchFiles.proposals(match, solution.allocation, names: MatchFiles.names(app.geography, year: 2024))
                let p = try #require(proposals.first { $0.case_id == waiting.caseId })
                #expect(p.basis == "kartlegging" && p.explanation.contains("Grunnlag: kartleggingsintervju (1 av"))
                #expect(proposals.first { $0.basis == "generert" }?.explanation.contains("Grunnlag: generert profil") == true)
            }
        }
    }
}
