import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    @Suite struct Storage {
        @Test func demoDataComposeTheYear() async throws {
            try await withApp { app in
                try await seedDemo(app)
                #expect(try await SteeringStore.years(on: app.db) == [2021, 2020])
                let y = try #require(try await SteeringStore.amendedYear(2021, on: app.db))
                #expect(y.letter.assignments.count == 18)
                #expect(y.letter.budget.map(\.chapter) == [290, 291, 292])
                let y2020 = try #require(try await SteeringStore.amendedYear(2020, on: app.db))
                #expect(y2020.letter.budget.flatMap(\.posts).count == 7)
                #expect(y2020.aliases["2020-012"] == "2020-016")
                let notes = try await SteeringStore.statusNotes(year: 2021, on: app.db)
                #expect(notes.count == 7)
            }
        }

        @Test func sameDocumentTwiceIsRejectedAndNothingIsWritten() async throws {
            try await withApp { app in
                let text = try DemoCommand.letter("tildelingsbrev-2021")
                let parsed = try LetterParser().parse(text)
                _ = try await SteeringStore.storeImported(parsed.document, sourceText: text, publish: true, actor: "t", on: app.db)
                // Re-wrapped white space is the same document.
                let again = text.replacingOccurrences(of: "\n", with: "\n\n")
                await #expect(throws: UserError.self) {
                    _ = try await SteeringStore.storeImported(parsed.document, sourceText: again, publish: true, actor: "t", on: app.db)
                }
                // A different text for the same year's letter cannot be published twice.
                await #expect(throws: UserError.self) {
                    _ = try await SteeringStore.storeImported(
                        parsed.document, sourceText: text + "\nEkstra linje", publish: true, actor: "t", on: app.db)
                }
                #expect(try await DocumentModel.query(on: app.db).count() == 1)
                #expect(try await AuditEntryModel.query(on: app.db).count() == 1)
            }
        }

        @Test func publishedDocumentsAreFrozen() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let doc = try #require(try await DocumentModel.query(on: app.db).filter(\.$kind == "tildelingsbrev").first())
                let before = doc.content
                #expect(doc.contentHash?.count == 64)
                await #expect(throws: UserError.self) {
                    _ = try await SteeringStore.updateDraft(doc.id!, actor: "t", on: app.db) { $0.title = "endret" }
                }
                let after = try #require(try await DocumentModel.find(doc.id, on: app.db))
                #expect(after.content == before)
            }
        }

        @Test func failedDraftEditLeavesNothingHalfWritten() async throws {
            try await withApp { app in
                let draft = try await SteeringStore.storeImported(
                    SteeringDocument(kind: .tillegg, year: 2021, number: 9), sourceText: nil, publish: false, actor: "t", on: app.db)
                struct Boom: Error {}
                await #expect(throws: Boom.self) {
                    _ = try await SteeringStore.updateDraft(draft.id!, actor: "t", on: app.db) { d in
                        d.budgetChanges.append(BudgetChange(chapter: 291, post: 60, deltaNOK: 1))
                        throw Boom()
                    }
                }
                let reloaded = try #require(try await DocumentModel.find(draft.id, on: app.db))
                #expect(try reloaded.document().budgetChanges.isEmpty)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "endre utkast").count() == 0)
            }
        }
    }
}
