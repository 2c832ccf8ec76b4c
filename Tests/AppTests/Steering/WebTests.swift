import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    @Suite struct Web {
        @Test func everyPageRendersForTheMinistry() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                let doc = try #require(try await DocumentModel.query(on: app.db).filter(\.$kind == "tillegg").first())
                let pages: [(String, [String])] = [
                    (
                        "/aar/2021",
                        ["Tildelingsbrev til Integrerings- og mangfoldsdirektoratet for 2021", "Lisbeth Frønsdatter Røren", "305,6"]
                    ),
                    ("/aar/2021/mal", ["Bosettingen er rask og treffsikker", "Styringsparameter 3.1", "Mål: ≥ 70 %"]),
                    ("/aar/2021/oppdrag", ["Kompetansekartlegging", "2021-18", "08/2019", "Viser 18 av 18"]),
                    ("/aar/2021/oppdrag/2021-04", ["Del 4", "01.07.2021", "Løpende"]),
                    ("/aar/2021/budsjett", ["6 035 130 000", "Antirasistisk senter (ARS)", "overslagsbevilgning"]),
                    ("/aar/2021/kalender", ["August 2021", "kalender.ics", "Etatsstyringsmøte"]),
                    ("/aar/2020/budsjett", ["7 724 723 000", "Grunnlaget er ukjent"]),
                    ("/aar/2020/oppdrag/2020-021", ["24.06.2020", "Implementering av integreringspakken"]),
                    ("/dokumenter", ["Tillegg nr. 4 til tildelingsbrev 2020"]),
                    ("/dokumenter/\(doc.id!.uuidString)", ["2020-012 → 2020-016", "Kildetekst", "Innholdshash"]),
                    ("/dokumenter/ny", ["Opprett utkast"]),
                    ("/import", ["Forhåndsvis"]),
                ]
                for (path, needles) in pages {
                    let r = try await c.get(path)
                    #expect(r.status == .ok, "\(path): \(r.status)")
                    for n in needles { #expect(r.body.contains(n), "\(path) mangler «\(n)»") }
                    #expect(!r.body.contains("#("), "\(path) har urendret Leaf")
                }
            }
        }

        @Test func assignmentFilters() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                let bySP = try await c.get("/aar/2021/oppdrag?mal=3.2")
                #expect(bySP.body.contains("Viser 2 av 18"))
                let byGoal = try await c.get("/aar/2021/oppdrag?mal=2")
                #expect(byGoal.body.contains("Viser 8 av 18"))
                let window = try await c.get("/aar/2021/oppdrag?fra=2021-09-01&til=2021-09-01")
                #expect(window.body.contains("Viser 4 av 18"))
                let bad = try await c.get("/aar/2021/oppdrag?fra=1.9.2021")
                #expect(bad.status == .badRequest)
                #expect(bad.body.contains("ÅÅÅÅ-MM-DD"))
            }
        }

        @Test func directorateUpdatesStatusAndSeesItInHistory() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                _ = try await c.get("/aar/2021/oppdrag/2021-05")
                let bad = try await c.send(
                    .POST, "/aar/2021/oppdrag/2021-05/status", form: ["status": "levert", "date": "31.12.2021", "note": "x"])
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.contains("ÅÅÅÅ-MM-DD"))
                #expect(bad.body.contains("Levert krever dokumentasjon"), "delivered is closed by evidence, not a flag")
                #expect(try await StatusNoteModel.query(on: app.db).filter(\.$assignmentId == "2021-05").count() == 0)
                let ok = try await c.send(
                    .POST, "/aar/2021/oppdrag/2021-05/status",
                    form: ["status": "levert", "date": "2021-06-18", "note": "Plan oversendt KD.", "evidence": "/dokumenter/plan-2021-05"])
                #expect(ok.status == .seeOther)
                let page = try await c.get("/aar/2021/oppdrag/2021-05")
                #expect(page.body.contains("Plan oversendt KD."))
                #expect(page.body.contains("18.06.2021"))
                #expect(page.body.contains("<a href=\"/dokumenter/plan-2021-05\">"))
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityId == "2021/2021-05").all()
                #expect(audit.count == 1 && audit[0].actor == "direktorat")
            }
        }

        @Test func ministryDraftsAndPublishesASupplement() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                _ = try await c.get("/dokumenter/ny")
                let missing = try await c.send(.POST, "/dokumenter/ny", form: ["kind": "tillegg", "year": "2021", "number": ""])
                #expect(missing.status == .unprocessableEntity && missing.body.contains("trenger et nummer"))
                let created = try await c.send(
                    .POST, "/dokumenter/ny", form: ["kind": "tillegg", "year": "2021", "number": "1", "date": "2021-03-15"])
                let location = try #require(created.headers.first(name: .location))
                _ = try await c.get(location)
                let badChange = try await c.send(
                    .POST, location + "/endringer", form: ["type": "budget", "chapter": "291", "post": "60", "delta": "mye"])
                #expect(badChange.status == .unprocessableEntity && badChange.body.contains("Oppgi endringen"))
                _ = try await c.send(
                    .POST, location + "/endringer",
                    form: ["type": "budget", "chapter": "291", "post": "60", "delta": "250 mill", "reason": "Økt bosetting"])
                _ = try await c.send(
                    .POST, location + "/endringer", form: ["type": "deadline", "assignmentId": "2021-06", "deadline": "1. desember 2021"])
                _ = try await c.send(
                    .POST, location + "/endringer",
                    form: [
                        "type": "assignment", "assignmentId": "2021-19", "title": "Nytt oppdrag om tolk", "deadline": "1. november 2021",
                    ])
                // Not in force before it is published.
                #expect(try await c.get("/aar/2021/oppdrag/2021-19").status == .notFound)
                let published = try await c.send(.POST, location + "/publiser", form: [:])
                #expect(published.status == .seeOther)
                let budget = try await c.get("/aar/2021/budsjett")
                #expect(budget.body.contains("6 285 130 000"))
                let a06 = try await c.get("/aar/2021/oppdrag/2021-06")
                #expect(a06.body.contains("01.12.2021") && a06.body.contains("Tillegg nr. 1 til tildelingsbrev 2021"))
                // As amended at a date before the supplement: the old amount.
                let before = try await c.get("/aar/2021/budsjett?dato=2021-02-01")
                #expect(before.body.contains("6 035 130 000") && !before.body.contains("6 285 130 000"))
                // Frozen after publication.
                let again = try await c.send(
                    .POST, location + "/endringer", form: ["type": "budget", "chapter": "291", "post": "60", "delta": "1"])
                #expect(again.status == .conflict)
            }
        }

        @Test func importPreviewAndSave() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                // Publishing on import is the ministry's right (the directorate: AccessTests.PublishingRight).
                try await c.login("departement", "demo-departement")
                _ = try await c.get("/import")
                let text = """
                    Tillegg nr. 3 til tildelingsbrev 2021 til Integrerings- og mangfoldsdirektoratet
                    15.06.2021

                    Oppdrag nr. 2021- 20 Kartlegging av tolkebruk
                    Bakgrunn Departementet trenger oversikt.
                    Frist: 1. oktober 2021
                    """
                let preview = try await c.send(.POST, "/import/forhandsvis", form: ["text": text])
                #expect(preview.status == .ok)
                #expect(preview.body.contains("Kartlegging av tolkebruk") && preview.body.contains("2021-10-01"))
                let saved = try await c.send(
                    .POST, "/import/lagre",
                    form: ["sourceText": text, "kind": "tillegg", "year": "2021", "number": "3", "date": "2021-06-15", "publish": "on"])
                #expect(saved.status == .seeOther)
                let dup = try await c.send(.POST, "/import/lagre", form: ["sourceText": text, "publish": "on"])
                #expect(dup.body.contains("allerede importert"))
                let junk = try await c.send(.POST, "/import/forhandsvis", form: ["text": "Hei\nhopp"])
                #expect(junk.status == .unprocessableEntity && junk.body.contains("linje 1"))
            }
        }
    }
}
