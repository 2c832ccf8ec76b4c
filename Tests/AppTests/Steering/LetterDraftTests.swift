import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The ministry writes next year's tildelingsbrev in Styr (issue 25, item 1): started from this
    /// year's letter with the open assignments carried over, edited as text and read again on every
    /// save, shared with the directorate for comments, published as a dated, frozen letter that
    /// renders as the letter.
    @Suite struct LetterDrafts {
        @Test func fromLastYearsLetterToThePublishedLetter() async throws {
            let time = MovableClock(CivilDate(year: 2021, month: 11, day: 15)!)
            try await withApp(clock: time.clock) { app in
                try await seedDemo(app)
                // The demo's own draft of 2022 is shared with the directorate; this test writes its own.
                let demo = try await DocumentModel.query(on: app.db).filter(\.$year == 2022).all()
                #expect(demo.count == 1 && demo[0].reviewSharedAt != nil && !demo[0].isPublished)
                for doc in demo { try await doc.delete(on: app.db) }
                let m = Client(app)
                try await m.login("departement", "demo-departement")
                _ = try await m.get("/dokumenter/ny")
                let created = try await m.send(.POST, "/dokumenter/ny", form: ["kind": "tildelingsbrev", "year": "2022"])
                #expect(created.status == .seeOther)
                let location = try #require(created.headers.first(name: .location)?.split(separator: "#").first.map(String.init))
                let page = try await m.get(location)
                #expect(page.status == .ok)
                #expect(page.body.contains("Brevutkast") && page.body.contains("Ingen hindringer for publisering"))
                #expect(page.body.contains("4 mål, 10 styringsparametere"))
                #expect(page.body.contains(", 0 nye oppdrag"))
                let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
                let model = try #require(try await DocumentModel.find(id, on: app.db))
                let draft = try model.document()
                #expect(draft.year == 2022 && draft.kind == .tildelingsbrev && !model.isPublished)
                #expect(draft.carriedOverAssignments.contains { $0.id == "2021-04" })
                #expect(try await m.send(.POST, "/dokumenter/ny", form: ["kind": "tildelingsbrev", "year": "2022"]).status == .conflict)

                // The directorate sees nothing until the draft is shared, then comments on a section.
                let d = Client(app)
                try await d.login("direktorat", "demo-direktorat")
                #expect(try await d.get(location).status == .notFound)
                #expect(try await m.send(.POST, location + "/gjennomsyn", form: ["share": "on"]).status == .seeOther)
                let shared = try await d.get(location)
                #expect(shared.status == .ok && shared.body.contains("Delt med direktoratet"))
                #expect(!shared.body.contains("Lagre og les teksten"), "the directorate comments, it does not edit")
                let section = try #require(draft.sections.first { $0.title.contains("Budsjettrammen") })
                let label = [section.number, section.title].compactMap { $0 }.joined(separator: " ")
                let bad = try await d.send(.POST, location + "/kommentarer", form: ["section": "99 Finnes ikke", "text": "Hei"])
                #expect(bad.status == .unprocessableEntity && bad.body.contains("Velg et avsnitt"))
                let c = try await d.send(.POST, location + "/kommentarer", form: ["section": label, "text": "Post 21 bør økes."])
                #expect(c.status == .seeOther)
                #expect(try await d.send(.POST, location + "/tekst", form: ["text": "x", "version": ""]).status == .forbidden)
                #expect(try await m.get(location).body.contains("Post 21 bør økes."))

                // The ministry adds an assignment; a save from an old version is refused.
                let text = try #require(model.sourceText)
                let anchor = try #require(text.range(of: "STYRINGSPARAMETER 3.2"))
                var edited = text
                edited.insert(
                    contentsOf: "Oppdrag nr. 2022-01\tVentetid for enslige mindreårige\nBakgrunn Ventetiden er for lang.\n"
                        + "Beskrivelse av oppdraget IMDi skal foreslå tiltak.\nFrist:\t1. mars 2022\n\n", at: anchor.lowerBound)
                let stale = try await m.send(.POST, location + "/tekst", form: ["text": edited, "version": "0000"])
                #expect(stale.status == .conflict && stale.body.contains("endret av en annen"))
                let saved = try await m.send(
                    .POST, location + "/tekst", form: ["text": edited, "version": LetterDraftStore.version(text)])
                #expect(saved.status == .seeOther)
                #expect(try await m.get(location).body.contains("1 nytt oppdrag"))

                // A text that reads as another year's letter is kept but cannot be published.
                let wrong = edited.replacingOccurrences(of: "for 2022", with: "for 2023")
                _ = try await m.send(.POST, location + "/tekst", form: ["text": wrong, "version": LetterDraftStore.version(edited)])
                let refused = try await m.send(.POST, location + "/publiser", form: [:])
                #expect(refused.status == .unprocessableEntity && refused.body.contains("ikke 2022"))
                _ = try await m.send(.POST, location + "/tekst", form: ["text": edited, "version": LetterDraftStore.version(wrong)])

                // Anonymous readers see neither the draft nor its letter.
                let anon = Client(app)
                #expect(try await anon.get(location + "/brev").status == .notFound)
                let letter = try await m.get(location + "/brev")
                #expect(letter.status == .ok && letter.body.contains("Utkast – ikke publisert"))
                #expect(letter.body.contains("Tildelingsbrev til Integrerings- og mangfoldsdirektoratet for 2022"))

                time.move(to: CivilDate(year: 2022, month: 1, day: 5)!)
                try await m.login("departement", "demo-departement")
                _ = try await m.get(location)
                #expect(try await m.send(.POST, location + "/publiser", form: [:]).status == .seeOther)
                let published = try #require(try await DocumentModel.find(id, on: app.db))
                #expect(published.isPublished && published.date == "2022-01-05" && published.contentHash != nil)
                let year = try await anon.get("/aar/2022/oppdrag")
                #expect(year.status == .ok && year.body.contains("Ventetid for enslige mindreårige"))
                let publicLetter = try await anon.get(location + "/brev")
                #expect(publicLetter.status == .ok && publicLetter.body.contains("5. januar 2022"))
                #expect(!publicLetter.body.contains("Utkast – ikke publisert") && publicLetter.body.contains(published.contentHash!))
                #expect(
                    try await m.send(.POST, location + "/tekst", form: ["text": edited, "version": LetterDraftStore.version(edited)]).status
                        == .conflict)
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityId == id.uuidString).count()
                #expect(audit >= 6)
            }
        }
    }
}
