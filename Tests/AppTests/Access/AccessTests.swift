import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Walks every declared route with every role (and anonymously) and checks that the
    /// server allows exactly what the declaration says.
    @Suite struct Access {
        static func concretePath(_ e: Endpoint, docID: String) -> String {
            "/"
                + e.path.replacingOccurrences(of: ":year", with: "2021").replacingOccurrences(of: ":id", with: "2021-01")
                .replacingOccurrences(of: ":docID", with: docID).replacingOccurrences(of: ":personID", with: "p-ukjent")
                .replacingOccurrences(of: ":no", with: "19").replacingOccurrences(of: ":post", with: "290-01").replacingOccurrences(
                    of: ":kind", with: "arsrapport"
                ).replacingOccurrences(
                    of: ":kommune", with: "0301")
        }

        @Test func everyRouteWithEveryRole() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let doc = try #require(try await DocumentModel.query(on: app.db).filter(\.$kind == "tillegg").first())
                // Every declared endpoint is registered, and every registered route is declared.
                let registered = Set(app.routes.all.map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" })
                let declared = Set(Endpoint.allCases.map { "\($0.method.rawValue) /\($0.path)" })
                #expect(registered == declared)

                var clients: [Role?: Client] = [nil: Client(app)]
                for role in Role.allCases {
                    let c = Client(app)
                    let (u, p) = demoLogin[role]!
                    try await c.login(u, p)
                    if role != .public { c.bearer = try await Users.newToken(username: u, on: app.db) }
                    clients[role] = c
                }
                let publicToken = try await Users.newToken(username: "publikum", on: app.db)
                clients[.public]!.bearer = publicToken

                for e in Endpoint.allCases where e != .logout {
                    let path = Self.concretePath(e, docID: doc.id!.uuidString)
                    for (role, client) in clients {
                        if e.isAPI && role == nil { client.bearer = nil }
                        let form: [String: String]? = e.method == .POST && !e.isAPI ? [:] : nil
                        let json: (any Encodable)? = e.method == .POST && e.isAPI ? ["x": "y"] : nil
                        if !e.isAPI { _ = try await client.get("/login") }  // fresh CSRF token
                        let r = try await client.send(e.method, path, form: form, json: json)
                        let allowed = role.map { e.roles.contains($0) } ?? e.allowsAnonymous
                        let label = "\(e.rawValue) \(path) as \(role?.rawValue ?? "anonym")"
                        if allowed {
                            #expect(
                                r.status != .forbidden && r.status != .unauthorized
                                    && !(r.headers.first(name: .location)?.hasPrefix("/login") ?? false), "\(label): \(r.status)")
                        } else if role == nil {
                            #expect(
                                r.status == .unauthorized || r.headers.first(name: .location)?.hasPrefix("/login") == true,
                                "\(label): \(r.status)")
                        } else {
                            #expect(r.status == .forbidden, "\(label): \(r.status)")
                        }
                    }
                }
            }
        }

        @Test func webPostsWithoutCSRFAreRefused() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                let r = try await c.send(.POST, "/aar/2021/oppdrag/2021-05/status", form: ["status": "levert", "csrf": "feil"])
                #expect(r.status == .forbidden)
                #expect(r.body.contains("CSRF"))
                #expect(try await StatusNoteModel.query(on: app.db).filter(\.$assignmentId == "2021-05").count() == 0)
            }
        }

        @Test func loginIsThrottled() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                for _ in 0..<AccessRoutes.maxFailures {
                    _ = try await c.get("/login")
                    let r = try await c.send(.POST, "/login", form: ["username": "direktorat", "password": "feil-passord"])
                    #expect(r.status == .unauthorized)
                }
                _ = try await c.get("/login")
                let r = try await c.send(.POST, "/login", form: ["username": "direktorat", "password": "demo-direktorat"])
                #expect(r.status == .tooManyRequests && r.headers.first(name: .retryAfter) != nil)
                #expect(r.body.contains("For mange mislykkede forsøk"))
            }
        }

        @Test func routesCommandPrintsTheSameDeclaration() {
            let rows = RoutesCommand.rows()
            #expect(rows.count == Endpoint.allCases.count)
            #expect(rows.first { $0.path == "/aar/:year/oppdrag/:id/status" }?.roles == ["directorate"])
        }
    }
}
