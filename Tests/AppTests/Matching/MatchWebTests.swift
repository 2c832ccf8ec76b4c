import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The caseworkers' allocation: a proposal is made and stored, every case shows its
    /// alternatives and why, an override needs a reason, an allowed municipality and room, is
    /// logged, and a confirmed proposal is frozen.
    @Suite struct Matching {
        @Test func reviewOverrideAndConfirm() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                _ = try await c.get("/bosetting/tildeling")
                let made = try await c.send(
                    .POST, "/bosetting/tildeling", form: ["source": "ovelse", "persons": "300", "seed": "2", "title": "Uke 12"])
                #expect(made.status == .seeOther)
                let run = try #require(try await MatchRunModel.query(on: app.db).first())
                let cases = try await MatchCaseModel.query(on: app.db).filter(\.$run.$id == run.id!).all()
                #expect(cases.reduce(0) { $0 + $1.size } == 300)
                #expect(run.objective <= run.bound + 1e-6)

                let page = try await c.get("/bosetting/tildeling/\(run.id!.uuidString)")
                #expect(page.status == .ok)
                #expect(page.body.contains("Uke 12") && page.body.contains("treff") && page.body.contains("arbeid"))

                // A placed case, an allowed municipality other than the proposal, and one not allowed.
                let placed = try #require(cases.first { $0.proposed != nil && $0.allowed.split(separator: ";").count > 1 })
                let allowed = placed.allowed.split(separator: ";").map(String.init)
                let other = try #require(allowed.first { $0 != placed.proposed })
                let places = run.places
                let notAllowed = try #require(places.map(\.code).first { !allowed.contains($0) })
                let path = "/bosetting/tildeling/\(run.id!.uuidString)/sak/\(placed.caseId)"

                let noReason = try await c.send(.POST, path, form: ["kommunenummer": other, "reason": " "])
                #expect(noReason.status == .unprocessableEntity && noReason.body.contains("begrunnelse"))
                let wrong = try await c.send(.POST, path, form: ["kommunenummer": notAllowed, "reason": "Ønske"])
                #expect(wrong.status == .unprocessableEntity && wrong.body.contains("kan ikke bosettes"))

                // Room permitting, the override is stored and logged; otherwise it is refused.
                let muni = try #require(places.first { $0.code == other })
                let usedThere = cases.filter { $0.placement == other }.reduce(0) { $0 + $1.size - $1.minors }
                let fits = usedThere + placed.size - placed.minors <= muni.places && placed.minors <= muni.minorPlaces
                let ok = try await c.send(.POST, path, form: ["kommunenummer": other, "reason": "Slektninger i kommunen"])
                let row = try #require(try await MatchCaseModel.query(on: app.db).filter(\.$id == placed.id!).first())
                if fits {
                    #expect(ok.status == .seeOther)
                    #expect(row.placement == other && row.reason == "Slektninger i kommunen" && row.decidedBy == "direktorat")
                    let logged = try await AuditEntryModel.query(on: app.db).filter(\.$action == "overstyr tildeling").all()
                    #expect(logged.count == 1 && logged[0].before == placed.proposed && logged[0].after?.contains(other) == true)
                } else {
                    #expect(ok.status == .unprocessableEntity && ok.body.contains("har ikke plass"))
                }

                // The JSON API shows the same, and confirming freezes the proposal.
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let api = try await c.get("/api/v1/match/runs/\(run.id!.uuidString)")
                #expect(api.status == .ok && api.body.contains("\"alternatives\"") && api.body.contains(placed.caseId))
                let confirmed = try await c.send(.POST, "/api/v1/match/runs/\(run.id!.uuidString)/confirm", json: [String: String]())
                #expect(confirmed.status == .ok && confirmed.body.contains("bekreftet"))
                let late = try await c.send(
                    .POST, "/api/v1/match/runs/\(run.id!.uuidString)/cases/\(placed.caseId)",
                    json: ["kommunenummer": other, "reason": "For sent"])
                #expect(late.status == .conflict)
                let municipality = Client(app)
                try await municipality.login("kommune", "demo-kommune")
                #expect(try await municipality.get("/bosetting/tildeling/\(run.id!.uuidString)").status == .forbidden)
            }
        }

        @Test func badInstanceFilesStoreNothing() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                _ = try await c.get("/bosetting/tildeling")
                let boundary = "XyZ"
                func part(_ name: String, _ file: String, _ body: String) -> String {
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(file)\"\r\nContent-Type: text/csv\r\n\r\n\(body)\r\n"
                }
                let csrf = c.csrf ?? ""
                let body =
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nfiler\r\n"
                    + part("cases", "cases.csv", "case_id,size,minors,needs\nA,2,0,\nB,x,0,\n")
                    + part("municipalities", "municipalities.csv", "kommunenummer,places,minor_places,services\n0301,5,0,\n")
                    + part("scores", "scores.csv", "case_id,kommunenummer,score\nA,0301,10\nC,0301,5\n") + "--\(boundary)--\r\n"
                let r = try await c.send(.POST, "/bosetting/tildeling", multipart: body, boundary: boundary)
                #expect(r.status == .unprocessableEntity)
                #expect(r.body.contains("linje 3"))
                #expect(try await MatchRunModel.query(on: app.db).count() == 0)
            }
        }
    }
}
