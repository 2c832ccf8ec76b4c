import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Requests and decisions: the directorate edits and imports, a municipality records its own
    /// decision (web and API), the ministry reads; bad input names its field and writes nothing.
    @Suite struct Requests {
        static let csv =
            "aar;kommunenummer;anmodet;anmodet_em;vedtak;vedtak_em;fylkets_anbefaling\n2021;0301;120;10;;;115\n2021;4601;80;5;80;5;80"

        @Test func directorateImportsAndEditsMunicipalityDecides() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let d = Client(app)
                try await d.login("direktorat", "demo-direktorat")
                let api = Client(app)
                api.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let bad = try await api.send(.POST, "/api/v1/registers/settlement/requests", raw: Self.csv + "\n2021;9998;5;;;;")
                #expect(bad.status == .unprocessableEntity && bad.body.contains("linje 4"))
                #expect(try await SettlementStore.requests(year: 2021, on: app.db).isEmpty)
                let ok = try await api.send(.POST, "/api/v1/registers/settlement/requests", raw: Self.csv)
                #expect(ok.status == .created && ok.body.contains("\"imported\":2"))

                // The list shows both, with the undecided one marked.
                let list = try await d.get("/register/bosetting/anmodninger?aar=2021")
                #expect(list.status == .ok && list.body.contains("Oslo") && list.body.contains("ikke vedtatt"))

                // A bad form is refused by field, and nothing changes.
                _ = try await d.get("/register/bosetting/anmodninger/2021/4601")
                let invalid = try await d.send(
                    .POST, "/register/bosetting/anmodninger/2021/4601", form: ["requested": "80", "requestedMinors": "90", "decided": "x"])
                #expect(invalid.status == .unprocessableEntity)
                #expect(invalid.body.contains("Kan ikke være flere enn anmodet totalt") && invalid.body.contains("Må være et heltall"))
                #expect(try await SettlementStore.requests(year: 2021, kommune: "4601", on: app.db).first?.requestedMinors == 5)
                let saved = try await d.send(
                    .POST, "/register/bosetting/anmodninger/2021/4601",
                    form: ["requested": "90", "requestedMinors": "6", "countyRecommendation": "85", "decided": "85", "decidedMinors": "5"])
                #expect(saved.status == .seeOther)
                let bergen = try #require(try await SettlementStore.requests(year: 2021, kommune: "4601", on: app.db).first)
                #expect(bergen.requested == 90 && bergen.decided == 85 && bergen.countyRecommendation == 85)
                let audit = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$entityId == "2021/4601").first())
                #expect(audit.before?.contains("anmodet 80") == true && audit.after?.contains("anmodet 90") == true)

                // The municipality (0301) records its decision through the API, but cannot change the request.
                let k = Client(app)
                k.bearer = try await Users.newToken(username: "kommune", on: app.db)
                let decision = try await k.send(
                    .PUT, "/api/v1/registers/settlement/requests/2021/0301", json: RequestEdit(decided: 110, decidedMinors: 8))
                #expect(decision.status == .ok && decision.body.contains("\"decided\":110"))
                let oslo = try #require(try await SettlementStore.requests(year: 2021, kommune: "0301", on: app.db).first)
                #expect(oslo.decided == 110 && oslo.requested == 120 && oslo.countyRecommendation == 115)
                let overreach = try await k.send(
                    .PUT, "/api/v1/registers/settlement/requests/2021/0301", json: RequestEdit(requested: 50, decided: 110))
                #expect(overreach.status == .unprocessableEntity && overreach.body.contains("\"field\":\"requested\""))
                let other = try await k.send(.PUT, "/api/v1/registers/settlement/requests/2021/4601", json: RequestEdit(decided: 1))
                #expect(other.status == .forbidden)
                let mine = try await k.get("/api/v1/registers/settlement/requests?year=2021")
                #expect(mine.body.contains("0301") && !mine.body.contains("4601"))
                // The ministry reads the list but cannot edit.
                let m = Client(app)
                try await m.login("departement", "demo-departement")
                #expect(try await m.get("/register/bosetting/anmodninger?aar=2021").body.contains("Bergen"))
                #expect(try await m.get("/register/bosetting/anmodninger/2021/4601").status == .forbidden)
            }
        }

        @Test func personAPIReadsAndPatches() async throws {
            try await withApp { app in
                try await seedDemo(app)
                _ = try await SettlementImport.run(
                    ([Register.header] + Register.good).joined(separator: "\n"), skipInvalid: false, dryRun: false, actor: "t", app: app,
                    db: app.db)
                let id = try #require(try await SettlementStore.load(on: app.db).persons.first { $0.settledKommune == "1201" }?.personId)
                let d = Client(app)
                d.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                #expect(try await d.get("/api/v1/registers/settlement/persons/\(id)").body.contains("\"settledKommune\":\"1201\""))
                let bad = try await d.send(.PATCH, "/api/v1/registers/settlement/persons/\(id)", json: ["settledDate": "2017-13-01"])
                #expect(bad.status == .unprocessableEntity && bad.body.contains("\"field\":\"settledDate\""))
                let ok = try await d.send(
                    .PATCH, "/api/v1/registers/settlement/persons/\(id)", json: ["allocatedKommune": "1201", "allocatedDate": "2017-04-01"])
                #expect(
                    ok.status == .ok && ok.body.contains("\"allocatedKommune\":\"1201\"") && ok.body.contains("\"settledKommune\":\"1201\"")
                )
                let k = Client(app)
                k.bearer = try await Users.newToken(username: "kommune", on: app.db)
                #expect(try await k.get("/api/v1/registers/settlement/persons/\(id)").status == .notFound)
            }
        }
    }
}
