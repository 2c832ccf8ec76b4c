import Fluent
import Foundation
import StyrCore
import Vapor

/// Queries and writes for the steering model. Every write runs in one transaction and
/// leaves an audit entry.
enum SteeringStore {
    static func years(on db: any Database) async throws -> [Int] {
        let years = try await DocumentModel.query(on: db).filter(\.$status == DocumentModel.Status.published.rawValue).unique()
            .all(\.$year)
        return Array(Set(years.compactMap { $0 })).sorted(by: >)
    }

    static func publishedDocuments(year: Int, on db: any Database) async throws -> [DocumentModel] {
        try await DocumentModel.query(on: db).filter(\.$year == year)
            .filter(\.$status == DocumentModel.Status.published.rawValue).sort(\.$date).all()
    }

    static func allDocuments(includeDrafts: Bool, on db: any Database) async throws -> [DocumentModel] {
        var q = DocumentModel.query(on: db)
        if !includeDrafts { q = q.filter(\.$status == DocumentModel.Status.published.rawValue) }
        return try await q.sort(\.$year, .descending).sort(\.$date).all()
    }

    /// The year's letter as amended at `asOf` (nil: everything published).
    static func amendedYear(_ year: Int, asOf: String? = nil, on db: any Database) async throws -> AmendedYear? {
        let docs = try await publishedDocuments(year: year, on: db)
        guard !docs.isEmpty else { return nil }
        let pairs = try docs.map { ($0.ref, try $0.document()) }
        return Amendments.compose(year: year, documents: pairs, asOf: asOf)
    }

    static func statusNotes(year: Int, on db: any Database) async throws -> [StatusNote] {
        try await StatusNoteModel.query(on: db).filter(\.$year == year).sort(\.$date).sort(\.$createdAt).all().map(\.domain)
    }

    /// Normalised hash of a source text: whitespace does not make a new document.
    static func sourceHash(_ text: String) -> String {
        SHA256.hash(data: Data(NorwegianText.collapse(text).utf8)).hex
    }

    /// Stores an imported document in one transaction. Rejects a second import of the same
    /// text, and a second published letter or supplement with the same year and number.
    static func storeImported(
        _ parsed: SteeringDocument, sourceText: String?, publish: Bool, actor: String, on db: any Database
    ) async throws -> DocumentModel {
        try await db.transaction { db in
            if let sourceText {
                let hash = sourceHash(sourceText)
                if let existing = try await DocumentModel.query(on: db).filter(\.$sourceHash == hash).first() {
                    throw UserError(.conflict, "Dokumentet er allerede importert (\(existing.title), id \(existing.id?.uuidString ?? "")).")
                }
            }
            if publish { try await checkNoPublishedTwin(parsed, on: db) }
            let model = try DocumentModel(
                document: parsed, status: publish ? .published : .draft, sourceText: sourceText,
                sourceHash: sourceText.map(sourceHash), createdBy: actor)
            if publish {
                model.publishedAt = Date()
                model.contentHash = SHA256.hash(data: Data(model.content.utf8)).hex
            }
            try await model.create(on: db)
            try await AuditEntryModel(
                actor: actor, action: publish ? "import+publiser" : "import", entity: "document", entityId: model.id!.uuidString,
                after: model.title
            ).create(on: db)
            return model
        }
    }

    static func checkNoPublishedTwin(_ d: SteeringDocument, except id: UUID? = nil, on db: any Database) async throws {
        guard d.kind == .tildelingsbrev || d.kind == .tillegg, let year = d.year else { return }
        var q = DocumentModel.query(on: db).filter(\.$kind == d.kind.rawValue).filter(\.$year == year)
            .filter(\.$status == DocumentModel.Status.published.rawValue)
        if d.kind == .tillegg { q = q.filter(\.$number == d.number) }
        if let id { q = q.filter(\.$id != id) }
        if let twin = try await q.first() {
            throw UserError(
                .conflict, "\(twin.title) er allerede publisert; et dokument med samme år og nummer kan ikke publiseres to ganger.")
        }
    }

    /// Publishes a draft; a letter written in Styr without a date is dated `today` (the day it is sent).
    static func publish(_ id: UUID, actor: String, today: CivilDate? = nil, on db: any Database) async throws -> DocumentModel {
        try await db.transaction { db in
            guard let model = try await DocumentModel.find(id, on: db) else { throw UserError(.notFound, "Fant ikke dokumentet.") }
            guard !model.isPublished else { throw UserError(.conflict, "Dokumentet er allerede publisert og kan ikke endres.") }
            var doc = try model.document()
            if doc.date == nil, let today, model.sourceText != nil, doc.kind == .tildelingsbrev {
                doc.date = today.iso
                try model.setDocument(doc)
            }
            model.reviewSharedAt = nil
            if doc.year == nil { throw UserError(.badRequest, "Dokumentet mangler budsjettår.", field: "year") }
            try await checkNoPublishedTwin(doc, except: id, on: db)
            model.status = DocumentModel.Status.published.rawValue
            model.publishedAt = Date()
            model.contentHash = SHA256.hash(data: Data(model.content.utf8)).hex
            try await model.save(on: db)
            try await AuditEntryModel(
                actor: actor, action: "publiser", entity: "document", entityId: id.uuidString, after: model.contentHash
            ).create(on: db)
            return model
        }
    }

    /// Replaces a draft's content (never a published document's).
    static func updateDraft(
        _ id: UUID, actor: String, on db: any Database, _ change: @Sendable @escaping (inout SteeringDocument) throws -> Void
    ) async throws -> DocumentModel {
        try await db.transaction { db in
            guard let model = try await DocumentModel.find(id, on: db) else { throw UserError(.notFound, "Fant ikke dokumentet.") }
            guard !model.isPublished else {
                throw UserError(.conflict, "Publiserte dokumenter er låst og kan ikke endres. Lag et nytt tillegg.")
            }
            let before = model.content
            var doc = try model.document()
            try change(&doc)
            try model.setDocument(doc)
            try await model.save(on: db)
            try await AuditEntryModel(
                actor: actor, action: "endre utkast", entity: "document", entityId: id.uuidString, before: before, after: model.content
            ).create(on: db)
            return model
        }
    }

    static func addStatusNote(year: Int, note: StatusNote, on db: any Database) async throws {
        try await db.transaction { db in
            let model = StatusNoteModel(year: year, note: note)
            try await model.create(on: db)
            let after = "\(note.status.rawValue): \(note.note)"
            try await AuditEntryModel(
                actor: note.author, action: "status", entity: "assignment", entityId: "\(year)/\(note.assignmentId)", after: after
            ).create(on: db)
        }
    }
}
