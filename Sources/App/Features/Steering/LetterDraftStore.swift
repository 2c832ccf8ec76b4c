import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The ministry's tildelingsbrev drafted in Styr: the draft started from last year's letter, its
/// text saved and read again on every save, shared with the directorate for review, and the
/// comments on it. Every write is one transaction with an audit entry.
enum LetterDraftStore {
    /// A row of `document_comments`.
    struct Comment: StoredRow {
        static let table = "document_comments"
        var id: String
        var documentId: String
        /// A section's number or title from the draft, or "" for the whole letter.
        var section: String
        var author: String
        var role: String
        var text: String
        var writtenAt: String
    }

    /// Starts the letter for `year` from the year before's letter (as amended, with the
    /// assignments still open carried over). One draft a year.
    static func start(year: Int, actor: String, today: CivilDate, on db: any Database) async throws -> DocumentModel {
        let existing = try await DocumentModel.query(on: db).filter(\.$kind == DocumentKind.tildelingsbrev.rawValue)
            .filter(\.$year == year).first()
        if let existing {
            let what =
                existing.isPublished
                ? "Tildelingsbrevet for \(year) er allerede publisert" : "Det finnes allerede et utkast til tildelingsbrev for \(year)"
            throw UserError(.conflict, "\(what) (\(existing.title)).", field: "year")
        }
        var previous: SteeringDocument?
        var previousText: String?
        var open: [LetterDraft.OpenAssignment] = []
        if let last = try await SteeringStore.amendedYear(year - 1, on: db) {
            let notes = try await SteeringStore.statusNotes(year: year - 1, on: db)
            open = LetterDraft.openAssignments(of: last, statuses: SteeringPages.statuses(last, notes: notes, today: today))
            let letter = try await DocumentModel.query(on: db).filter(\.$kind == DocumentKind.tildelingsbrev.rawValue)
                .filter(\.$year == year - 1).filter(\.$status == DocumentModel.Status.published.rawValue).first()
            previous = try letter?.document()
            previousText = letter?.sourceText
        }
        guard previous != nil else {
            throw UserError(
                .notFound,
                "Det finnes ikke noe publisert tildelingsbrev for \(year - 1) å starte fra. Importer fjorårets brev først "
                    + "(Importer, eller styr import), eller importer det nye brevet som tekst.",
                field: "year")
        }
        let text = LetterDraft.start(year: year, previous: previous, previousText: previousText, open: open, recipient: nil)
        let doc = try read(text, year: year).document
        let carried = open.count
        return try await db.transaction { db in
            let model = try DocumentModel(document: doc, status: .draft, sourceText: text, sourceHash: nil, createdBy: actor)
            try await model.create(on: db)
            try await AuditEntryModel(
                actor: actor, action: "brevutkast startet", entity: "document", entityId: model.id!.uuidString,
                after: "\(model.title): \(carried) oppdrag videreført"
            ).create(on: db)
            return model
        }
    }

    /// Reads a draft's text. The document keeps the draft's kind and year whatever the text says
    /// (the review tells when the text says otherwise).
    static func read(_ text: String, year: Int) throws -> ParsedDocument {
        var parsed: ParsedDocument
        do {
            parsed = try LetterParser().parse(text)
        } catch let e as ImportError {
            throw UserError(.unprocessableEntity, "Kunne ikke lese brevteksten: \(e.description)", field: "text")
        }
        parsed.document.kind = .tildelingsbrev
        parsed.document.year = year
        return parsed
    }

    /// The review of a letter's text as written (its kind and year as the text says them), against
    /// the letter of the year before; with the reading and that year. A text that cannot be read is
    /// one refusal naming why.
    static func review(_ model: DocumentModel, on db: any Database) async throws
        -> (review: LetterDraft.Review, parsed: ParsedDocument?, previous: AmendedYear?)
    {
        guard let text = model.sourceText, let year = model.year else { return (LetterDraft.Review(), nil, nil) }
        let previous = try await SteeringStore.amendedYear(year - 1, on: db)
        do {
            let parsed = try LetterParser().parse(text)
            return (LetterDraft.review(parsed, text: text, year: year, previous: previous?.letter), parsed, previous)
        } catch let e as ImportError {
            return (LetterDraft.Review(blocking: ["Teksten kan ikke leses: \(e.description)."]), nil, previous)
        }
    }

    /// Refuses to publish a letter drafted in Styr while its review blocks it (supplements and
    /// imported documents have no review).
    static func checkPublishable(_ model: DocumentModel, on db: any Database) async throws {
        guard !model.isPublished, model.kind == DocumentKind.tildelingsbrev.rawValue, model.sourceText != nil else { return }
        let blocking = try await review(model, on: db).review.blocking
        guard blocking.isEmpty else {
            throw UserError(.unprocessableEntity, "Brevet kan ikke publiseres ennå: " + blocking.joined(separator: " "), field: "publish")
        }
    }

    /// The version a text is saved as: a writer who started from another version is refused.
    static func version(_ text: String?) -> String {
        String(SHA256.hash(data: Data((text ?? "").utf8)).hex.prefix(16))
    }

    static let maxTextBytes = 2_000_000

    /// Saves a new text of a draft letter, if nobody saved another since `baseVersion`.
    static func saveText(_ id: UUID, text: String, baseVersion: String, actor: String, on db: any Database) async throws {
        guard text.utf8.count <= maxTextBytes else {
            throw UserError(.payloadTooLarge, "Brevteksten kan være høyst 2 MB.", field: "text")
        }
        try await db.transaction { db in
            guard let model = try await DocumentModel.find(id, on: db) else { throw UserError(.notFound, "Fant ikke dokumentet.") }
            guard !model.isPublished else { throw UserError(.conflict, "Brevet er publisert og låst.") }
            guard let year = model.year else { throw UserError(.badRequest, "Utkastet mangler budsjettår.") }
            guard version(model.sourceText) == baseVersion else {
                throw UserError(
                    .conflict,
                    "Teksten er endret av en annen siden du åpnet den. Kopier endringene dine, last siden på nytt og legg dem inn igjen.",
                    field: "text")
            }
            let before = model.sourceText.map(version)
            try model.setDocument(try read(text, year: year).document)
            model.sourceText = text
            try await model.save(on: db)
            try await AuditEntryModel(
                actor: actor, action: "brevtekst lagret", entity: "document", entityId: id.uuidString, before: before, after: version(text)
            ).create(on: db)
        }
    }

    /// Shares a draft with the directorate for review, or takes it back.
    static func share(_ id: UUID, _ shared: Bool, actor: String, now: Date, on db: any Database) async throws {
        try await db.transaction { db in
            guard let model = try await DocumentModel.find(id, on: db) else { throw UserError(.notFound, "Fant ikke dokumentet.") }
            guard !model.isPublished else { throw UserError(.conflict, "Brevet er publisert; det deles ikke lenger som utkast.") }
            model.reviewSharedAt = shared ? now : nil
            try await model.save(on: db)
            try await AuditEntryModel(
                actor: actor, action: shared ? "utkast delt med direktoratet" : "utkast trukket tilbake", entity: "document",
                entityId: id.uuidString
            ).create(on: db)
        }
    }

    static func comments(_ id: UUID, on db: any Database) async throws -> [Comment] {
        try await db.sql().select(Comment.self).where("document_id", .equal, id.uuidString).orderBy("written_at").orderBy("id")
            .rows(Comment.self)
    }

    static func addComment(_ c: Comment, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            try await db.sql().insert([c])
            try await AuditEntryModel(
                actor: actor, action: "kommentar til brevutkast", entity: "document", entityId: c.documentId, after: c.section
            ).create(on: db)
        }
    }
}
