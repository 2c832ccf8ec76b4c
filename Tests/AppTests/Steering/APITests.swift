import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    @Suite struct API {
        @Test func yearJSONFollowsTheContract() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let r = try await Client(app).get("/api/v1/years/2021")
                #expect(r.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any])
                for key in [
                    "kind", "year", "date", "goals", "assignments", "carriedOverAssignments", "renumberings", "budget", "budgetChanges",
                    "reporting", "meetings",
                ] {
                    #expect(json[key] != nil, "mangler \(key)")
                }
                let assignments = try #require(json["assignments"] as? [[String: Any]])
                #expect(assignments.count == 18)
                let deadlines = try #require(assignments[8]["deadlines"] as? [[String: Any]])
                #expect(deadlines.first?.keys.contains("date") == true)  // null is written, not left out
                let budget = try #require(json["budget"] as? [[String: Any]])
                let posts = try #require(budget[1]["posts"] as? [[String: Any]])
                #expect(posts.first?["amountNOK"] as? Int == 26_600_000)
                let goals = try #require(json["goals"] as? [[String: Any]])
                #expect((goals[1]["steeringParameters"] as? [[String: Any]])?.count == 4)
                let meetings = try #require(json["meetings"] as? [[String: Any]])
                #expect(meetings.first?.keys.contains("date") == true)
            }
        }

        @Test func statusNeedsADirectorateToken() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                let body = ["status": "levert", "note": "Levert", "date": "2021-08-19", "evidence": "Rapport oversendt KD 19.08.2021"]
                #expect(try await c.send(.POST, "/api/v1/years/2021/assignments/2021-01/status", json: body).status == .unauthorized)
                c.bearer = try await Users.newToken(username: "departement", on: app.db)
                #expect(try await c.send(.POST, "/api/v1/years/2021/assignments/2021-01/status", json: body).status == .forbidden)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let bad = try await c.send(.POST, "/api/v1/years/2021/assignments/2021-01/status", json: ["status": "ferdig"])
                #expect(bad.status == .unprocessableEntity && bad.body.contains("\"field\":\"status\""))
                let ok = try await c.send(.POST, "/api/v1/years/2021/assignments/2021-01/status", json: body)
                #expect(ok.status == .created)
                let detail = try await c.get("/api/v1/years/2021/assignments/2021-01")
                #expect(detail.body.contains("\"status\":\"levert\""))
            }
        }

        @Test func importThroughTheAPI() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "departement", on: app.db)
                let bad = try await c.send(.POST, "/api/v1/documents", json: ["text": "ikke et brev"])
                #expect(bad.status == .unprocessableEntity && bad.body.contains("linje 1"))
                // The three seed letters and the demo's draft of next year's letter; nothing added.
                #expect(try await DocumentModel.query(on: app.db).count() == 4)
            }
        }

        @Test func openAPIDescribesExactlyTheAPIRoutes() throws {
            let url = URL(fileURLWithPath: Settings.locateRoot()).appendingPathComponent("openapi.json")
            let spec = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let paths = try #require(spec["paths"] as? [String: [String: Any]])
            var described = Set<String>()
            for (path, ops) in paths { for method in ops.keys { described.insert("\(method.uppercased()) \(path)") } }
            let declared = Set(Endpoint.allCases.filter(\.isAPI).map { "\($0.method.rawValue) \($0.openAPIPath)" })
            #expect(described == declared)
        }
    }
}
