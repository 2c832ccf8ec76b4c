import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Publishing a ministry document is the ministry's right: the directorate may store drafts.
    @Suite struct PublishingRight {
        static let text = """
            Tillegg nr. 3 til tildelingsbrev 2021 til Integrerings- og mangfoldsdirektoratet
            15.06.2021

            Oppdrag nr. 2021- 20 Kartlegging av tolkebruk
            Bakgrunn Departementet trenger oversikt.
            Frist: 1. oktober 2021
            """

        static func published(_ app: Application) async throws -> Int {
            try await DocumentModel.query(on: app.db).count()
        }

        @Test func theDirectorateCannotPublishThroughTheAPI() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let before = try await DocumentModel.query(on: app.db).count()
                let dir = Client(app)
                dir.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let refused = try await dir.send(.POST, "/api/v1/documents", json: CreateIn(text: Self.text, publish: true))
                #expect(refused.status == .forbidden && refused.body.contains("\"field\":\"publish\""))
                #expect(try await DocumentModel.query(on: app.db).count() == before)
                // A draft is allowed, and stays unpublished.
                let draft = try await dir.send(.POST, "/api/v1/documents", json: CreateIn(text: Self.text, publish: false))
                #expect(draft.status == .created)
                #expect(try await DocumentModel.query(on: app.db).count() == before + 1)
                // The ministry may publish.
                let ministry = Client(app)
                ministry.bearer = try await Users.newToken(username: "departement", on: app.db)
                let other = Self.text.replacingOccurrences(of: "nr. 3", with: "nr. 4").replacingOccurrences(
                    of: "2021- 20", with: "2021- 21")
                let ok = try await ministry.send(.POST, "/api/v1/documents", json: CreateIn(text: other, publish: true))
                #expect(ok.status == .created, "\(ok.body)")
            }
        }

        struct CreateIn: Encodable {
            let text: String
            let publish: Bool
        }

        @Test func theDirectorateCannotPublishThroughTheImportForm() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let before = try await DocumentModel.query(on: app.db).count()
                let dir = Client(app)
                try await dir.login("direktorat", "demo-direktorat")
                _ = try await dir.get("/import")
                let preview = try await dir.send(.POST, "/import/forhandsvis", form: ["text": Self.text])
                #expect(preview.status == .ok && !preview.body.contains("name=\"publish\""))
                let form = ["sourceText": Self.text, "kind": "tillegg", "year": "2021", "number": "3", "date": "2021-06-15"]
                let refused = try await dir.send(.POST, "/import/lagre", form: form.merging(["publish": "on"]) { a, _ in a })
                #expect(refused.status == .forbidden)
                #expect(try await DocumentModel.query(on: app.db).count() == before)
                _ = try await dir.get("/import")
                let draft = try await dir.send(.POST, "/import/lagre", form: form)
                #expect(draft.status == .seeOther)
                let stored = try await DocumentModel.query(on: app.db).count()
                #expect(stored == before + 1)
            }
        }
    }
}
