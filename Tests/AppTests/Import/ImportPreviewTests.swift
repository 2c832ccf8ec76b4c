import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The web import: the reading report beside the text, and corrections before saving.
    @Suite struct ImportPreview {
        static let letter = """
            Tillegg nr. 3 til tildelingsbrev 2021 til Integrerings- og mangfoldsdirektoratet
            15.06.2021

            Oppdrag nr. 2021- 20 Kartlegging av tolkebruk
            Bakgrunn Departementet trenger oversikt.
            Frist: 1. oktober 2021

            1. Rapportering

            IMDi skal også sende en oversikt over tolkebruken innen 15. november 2021.
            """

        @Test func readingReportBesideTheTextWithLinesNotUnderstoodMarked() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                _ = try await c.get("/import")
                let preview = try await c.send(.POST, "/import/forhandsvis", form: ["text": Self.letter])
                #expect(preview.status == .ok)
                #expect(preview.body.contains("Lesingsrapport"))
                // Nothing required is missing: no empty «Ikke lest …» line.
                #expect(!preview.body.contains("Ikke lest, men står i brevet"))
                // Line 10's deadline is in no model value: linked from the report, marked in the text.
                #expect(preview.body.contains("href=\"#L10\">linje 10</a>"))
                #expect(preview.body.contains("<span class=\"nu\" title=\"frist 2021-11-15 er ikke plassert\">"))
                #expect(preview.body.contains("name=\"issuer\""))
                #expect(preview.body.contains("<option value=\"2021-20\">"))
            }
        }

        @Test func issuerAndADeadlineCorrectedBeforeSaving() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                _ = try await c.get("/import")
                let bad = try await c.send(
                    .POST, "/import/lagre",
                    form: ["sourceText": Self.letter, "deadlineFor": "2021-20", "deadlineDate": "2021-13-01", "publish": "on"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.contains("Fristen må være ÅÅÅÅ-MM-DD."))
                let unknown = try await c.send(
                    .POST, "/import/lagre",
                    form: ["sourceText": Self.letter, "deadlineFor": "2021-99", "deadlineDate": "2021-12-01", "publish": "on"])
                #expect(unknown.status == .unprocessableEntity && unknown.body.contains("2021-99"))
                let saved = try await c.send(
                    .POST, "/import/lagre",
                    form: [
                        "sourceText": Self.letter, "kind": "tillegg", "year": "2021", "number": "3", "date": "2021-06-15",
                        "issuer": "Kunnskapsdepartementet", "deadlineFor": "2021-20", "deadlineDate": "2021-12-01", "publish": "on",
                    ])
                #expect(saved.status == .seeOther)
                let model = try #require(try await DocumentModel.query(on: app.db).filter(\.$number == 3).filter(\.$year == 2021).first())
                let doc = try JSONDecoder().decode(SteeringDocument.self, from: Data(model.content.utf8))
                #expect(doc.issuer == "Kunnskapsdepartementet (KD)")
                #expect(doc.assignments.first { $0.id == "2021-20" }?.deadlines.first?.date == "2021-12-01")
            }
        }
    }
}
