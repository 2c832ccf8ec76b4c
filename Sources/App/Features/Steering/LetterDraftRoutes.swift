import Foundation
import StyrCore
import Vapor

/// The tildelingsbrev the ministry writes in Styr: its text saved and read again, shared with the
/// directorate for comments, and the letter itself (HTML and PDF) of a draft or a published letter.
struct LetterDraftRoutes {
    func register(_ r: any RoutesBuilder) {
        r.on(.documentText, use: saveText)
        r.on(.documentReview, use: share)
        r.on(.documentComment, use: comment)
        r.on(.documentLetter, use: letter)
        r.on(.documentLetterPDF, use: letterPDF)
    }

    struct CarriedRow: Encodable {
        let id: String
        let title: String
        let source: String?
        let deadlines: String
        let status: String?
    }

    struct CommentView: Encodable {
        let section: String
        let author: String
        let side: String
        let text: String
        let written: String
    }

    /// The draft part of a tildelingsbrev's document page.
    struct DraftView: Encodable {
        let text: String
        let version: String
        let textAction: String
        let shareAction: String
        let commentAction: String
        let shared: Bool
        let sharedAt: String?
        let blocking: [String]
        let notes: [String]
        let counts: String
        let carried: [CarriedRow]
        let comments: [CommentView]
        let sections: [SelectOption]
        let canEditText: Bool
        let canShare: Bool
        let canComment: Bool
        let hasBlocking: Bool
        let hasCarried: Bool
        let hasComments: Bool
        let noteCount: Int
    }

    static func draftView(_ req: Request, _ model: DocumentModel, text: String? = nil) async throws -> DraftView? {
        guard !model.isPublished, model.kind == DocumentKind.tildelingsbrev.rawValue, let stored = model.sourceText, let year = model.year
        else { return nil }
        let shown = text ?? stored
        let (review, parsed, last) = try await LetterDraftStore.review(model, on: req.db)
        // The page shows the text as the year's letter.
        var d = try parsed?.document ?? model.document()
        (d.kind, d.year) = (.tildelingsbrev, year)
        var statuses: [String: AssignmentStatus] = [:]
        if let last {
            statuses = SteeringPages.statuses(
                last, notes: try await SteeringStore.statusNotes(year: year - 1, on: req.db), today: req.today)
        }
        let sps = d.goals.flatMap(\.steeringParameters)
        let requirements = d.goals.flatMap { $0.resultRequirements + $0.steeringParameters.flatMap(\.resultRequirements) }
        let posts = d.budget.flatMap(\.posts)
        func n(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
        let counts = [
            n(d.goals.count, "mål", "mål"), n(sps.count, "styringsparameter", "styringsparametere"),
            n(requirements.count, "resultatkrav", "resultatkrav"), n(d.assignments.count, "nytt oppdrag", "nye oppdrag"),
            n(d.carriedOverAssignments.count, "videreført oppdrag", "videreførte oppdrag"),
            n(posts.count, "budsjettpost", "budsjettposter"),
            n(posts.flatMap(\.earmarks).count, "binding", "bindinger"), n(d.authorizations.count, "fullmakt", "fullmakter"),
            n(d.reporting.count, "rapporteringsfrist", "rapporteringsfrister"), n(d.meetings.count, "møte", "møter"),
            n((d.appendices ?? []).count, "vedlegg", "vedlegg"),
        ]
        let comments = try await LetterDraftStore.comments(model.id!, on: req.db)
        let id = model.id!.uuidString
        let (blocking, notes) = (review.blocking, review.notes)
        return DraftView(
            text: shown, version: LetterDraftStore.version(stored), textAction: Endpoint.documentText.url(id),
            shareAction: Endpoint.documentReview.url(id), commentAction: Endpoint.documentComment.url(id),
            shared: model.reviewSharedAt != nil, sharedAt: model.reviewSharedAt.map(Clock.stamp),
            blocking: blocking, notes: notes,
            counts: counts.joined(separator: ", "),
            carried: d.carriedOverAssignments.map { c in
                CarriedRow(
                    id: c.id, title: c.title, source: c.source, deadlines: c.deadlines.map(\.text).joined(separator: "; "),
                    status: statuses[c.id]?.label)
            },
            comments: comments.map { c in
                CommentView(
                    section: c.section.isEmpty ? "Hele brevet" : c.section, author: c.author,
                    side: c.role == Role.ministry.rawValue ? "Departementet" : "Direktoratet", text: c.text, written: c.writtenAt)
            },
            sections: [SelectOption(value: "", label: "Hele brevet", selected: true)]
                + d.sections.map { SelectOption(value: $0.label, label: $0.label, selected: false) },
            canEditText: req.role == .ministry, canShare: req.role == .ministry,
            canComment: Endpoint.documentComment.roles.contains(req.role) && (req.role == .ministry || model.reviewSharedAt != nil),
            hasBlocking: !blocking.isEmpty, hasCarried: !d.carriedOverAssignments.isEmpty, hasComments: !comments.isEmpty,
            noteCount: notes.count)
    }

    struct TextForm: Content {
        var text: String?
        var version: String?
    }

    func saveText(req: Request) async throws -> Response {
        let model = try await DocumentRoutes.find(req)
        let f = try req.content.decode(TextForm.self)
        let id = model.id!
        do {
            try await LetterDraftStore.saveText(id, text: f.text ?? "", baseVersion: f.version ?? "", actor: req.actor, on: req.db)
        } catch let e as UserError {
            let res = try await DocumentRoutes().render(req, model, errors: ["text": e.reason], draftText: f.text).encodeResponse(for: req)
            res.status = [.conflict, .payloadTooLarge].contains(e.status) ? e.status : .unprocessableEntity
            return res
        }
        return req.redirect(
            to: Endpoint.document.url(id.uuidString, fragment: "brevtekst"), flash: "Brevteksten er lagret og lest på nytt.")
    }

    struct ShareForm: Content {
        var share: String?
    }

    func share(req: Request) async throws -> Response {
        let model = try await DocumentRoutes.find(req)
        let shared = try req.content.decode(ShareForm.self).share == "on"
        try await LetterDraftStore.share(model.id!, shared, actor: req.actor, now: Date(), on: req.db)
        return req.redirect(
            to: Endpoint.document.url(model.id!.uuidString),
            flash: shared ? "Utkastet er delt med direktoratet for kommentarer." : "Utkastet er ikke lenger delt med direktoratet.")
    }

    struct CommentForm: Content {
        var section: String?
        var text: String?
    }

    func comment(req: Request) async throws -> Response {
        let model = try await DocumentRoutes.find(req)
        let f = try req.content.decode(CommentForm.self)
        let text = (f.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let section = (f.section ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var error: String?
        if model.isPublished { error = "Brevet er publisert; kommentarer gis til utkast." }
        if req.role == .directorate && model.reviewSharedAt == nil { error = "Utkastet er ikke delt med direktoratet." }
        if text.isEmpty { error = "Skriv en kommentar." }
        if text.count > 4000 { error = "Kommentaren kan være høyst 4000 tegn." }
        let known = Set(try model.document().sections.map(\.label))
        if !section.isEmpty && !known.contains(section) { error = "Velg et avsnitt fra listen (eller hele brevet)." }
        if let error {
            let res = try await DocumentRoutes().render(req, model, errors: ["comment": error]).encodeResponse(for: req)
            res.status = model.isPublished ? .conflict : .unprocessableEntity
            return res
        }
        let c = LetterDraftStore.Comment(
            id: UUID().uuidString.lowercased(), documentId: model.id!.uuidString, section: section, author: req.actor,
            role: req.role.rawValue, text: text, writtenAt: Clock.stamp(Date()))
        try await LetterDraftStore.addComment(c, actor: req.actor, on: req.db)
        return req.redirect(to: Endpoint.document.url(model.id!.uuidString, fragment: "kommentarer"), flash: "Kommentaren er lagret.")
    }

    /// The letter as printed (steering/letter-print.leaf): no page around it.
    struct LetterPrint: Encodable {
        let title: String
        let draft: Bool
        let date: String?
        let contentHash: String?
        let blocks: [LetterLayout.Block]

        init(_ model: DocumentModel) throws {
            guard let text = model.sourceText else {
                throw UserError(.notFound, "Dokumentet har ingen brevtekst (det er registrert som data, ikke som brev).")
            }
            let d = try model.document()
            (title, draft, date, contentHash) = (model.title, !model.isPublished, d.date.map(NorwegianText.longDate), model.contentHash)
            blocks = LetterLayout.blocks(text: text, sections: d.sections)
        }

        /// HTML to print with Chromium.
        func html(_ views: any ViewRenderer) async throws -> String {
            String(buffer: try await views.render("steering/letter-print", self).get().data)
        }
    }

    /// The letter on the web (steering/letter.leaf).
    struct LetterPage: Encodable {
        let page: PageContext
        let title: String
        let draft: Bool
        let date: String?
        let contentHash: String?
        let blocks: [LetterLayout.Block]
        let documentLink: String
        let pdfLink: String
    }

    func letter(req: Request) async throws -> View {
        let model = try await DocumentRoutes.find(req)
        let p = try LetterPrint(model)
        let id = model.id!.uuidString
        let year = model.isPublished ? model.year : nil
        return try await req.view.render(
            "steering/letter",
            LetterPage(
                page: PageContext(req, title: model.title, year: year), title: p.title, draft: p.draft, date: p.date,
                contentHash: p.contentHash, blocks: p.blocks, documentLink: Endpoint.document.url(id),
                pdfLink: Endpoint.documentLetterPDF.url(id)))
    }

    func letterPDF(req: Request) async throws -> Response {
        let model = try await DocumentRoutes.find(req)
        let html = try await LetterPrint(model).html(req.view)
        return try await ReportsRoutes.pdfResponse(html, name: Self.fileName(model) + ".pdf", req)
    }

    /// "tildelingsbrev-2022" (with "-utkast" for a draft).
    static func fileName(_ model: DocumentModel) -> String {
        let slug = model.title.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
        return slug + (model.isPublished ? "" : "-utkast")
    }
}
