import Fluent
import StyrCore
import Vapor

/// Document list and pages; the ministry drafts supplements, adds their changes and publishes.
struct DocumentRoutes {
    func register(_ r: any RoutesBuilder) {
        r.on(.documents, use: list)
        r.on(.documentNew, use: newForm)
        r.on(.documentCreate, use: create)
        r.on(.document, use: show)
        r.on(.documentAddChange, use: addChange)
        r.on(.documentPublish, use: publish)
    }

    struct Row: Encodable {
        let id: String
        let link: String
        /// The year's page, when the year has a published document.
        let yearLink: String?
        let title: String
        let kind: String
        let year: Int?
        let date: String?
        let status: String
        let draft: Bool
    }

    struct ListPage: Encodable {
        let page: PageContext
        let rows: [Row]
    }

    func list(req: Request) async throws -> View {
        let docs = try await SteeringStore.allDocuments(includeDrafts: req.role.isStaff, on: req.db)
            .filter { $0.isPublished || Self.mayReadDraft($0, req.role) }
        let published = Set(try await SteeringStore.years(on: req.db))
        let rows = docs.map { d in
            Row(
                id: d.id!.uuidString, link: Endpoint.document.url(d.id!.uuidString),
                yearLink: d.year.flatMap { published.contains($0) ? Endpoint.yearOverview.url($0) : nil }, title: d.title,
                kind: DocumentKind(rawValue: d.kind)?.label ?? d.kind, year: d.year,
                date: d.date.map(NorwegianText.shortDate), status: d.isPublished ? "Publisert" : "Utkast", draft: !d.isPublished)
        }
        return try await req.view.render("steering/documents", ListPage(page: PageContext(req, title: "Styringsdokumenter"), rows: rows))
    }

    static func mayReadDraft(_ model: DocumentModel, _ role: Role) -> Bool {
        role == .ministry || (role == .directorate && model.reviewSharedAt != nil)
    }

    static func find(_ req: Request) async throws -> DocumentModel {
        guard let id = req.parameters.get("docID", as: UUID.self), let model = try await DocumentModel.find(id, on: req.db) else {
            throw UserError(.notFound, "Fant ikke dokumentet.")
        }
        // Drafts are the ministry's own until published, or shared with the directorate for review.
        if !model.isPublished && !Self.mayReadDraft(model, req.role) { throw UserError(.notFound, "Fant ikke dokumentet.") }
        return model
    }

    struct ChangeLine: Encodable {
        let kind: String
        let text: String
        let slug: String?
    }

    struct ShowPage: Encodable {
        let page: PageContext
        let id: String
        let title: String
        let kind: String
        let year: Int?
        /// The year's page, when the year has a published letter.
        let yearLink: String?
        let date: String?
        let number: Int?
        let issuer: String?
        let recipient: String?
        let signatories: [String]
        let copyTo: [String]
        let draft: Bool
        let contentHash: String?
        let publishedAt: String?
        let createdBy: String
        let summary: String
        let changes: [ChangeLine]
        let sourceLines: [SourceLineView]
        let hasSource: Bool
        let canEdit: Bool
        /// The forms that add a supplement's changes one by one (a letter drafted as text has its text instead).
        let changeForms: Bool
        /// A tildelingsbrev drafted in Styr: its text, review, carried-over assignments and comments.
        let letterDraft: LetterDraftRoutes.DraftView?
        let letterLink: String?
        let letterPDFLink: String?
        let errors: [String: String]
        let form: [String: String]
        let message: String?
    }

    struct SourceLineView: Encodable {
        let number: Int
        let text: String
    }

    /// The changes a supplement makes. With `known` (the assignment numbers of the year as
    /// published), an assignment is linked only when its page exists.
    static func changeLines(_ d: SteeringDocument, known: Set<String>? = nil) -> [ChangeLine] {
        let lines = allChangeLines(d)
        guard let known else { return lines }
        return lines.map { l in
            l.slug.map { known.contains(AssignmentSlug.decode($0)) } == false ? ChangeLine(kind: l.kind, text: l.text, slug: nil) : l
        }
    }

    private static func allChangeLines(_ d: SteeringDocument) -> [ChangeLine] {
        var out: [ChangeLine] = []
        for r in d.renumberings {
            out.append(ChangeLine(kind: "Omnummerering", text: "\(r.from) → \(r.to)", slug: AssignmentSlug.encode(r.to)))
        }
        for a in d.assignments {
            let frist = a.deadlines.map(\.text).joined(separator: "; ")
            out.append(
                ChangeLine(
                    kind: "Oppdrag", text: "\(a.id) \(a.title)" + (frist.isEmpty ? "" : " (frist: \(frist))"),
                    slug: AssignmentSlug.encode(a.id)))
        }
        for c in d.deadlineChanges {
            out.append(
                ChangeLine(kind: "Ny frist", text: "\(c.assignmentId): \(c.deadline.text)", slug: AssignmentSlug.encode(c.assignmentId)))
        }
        for c in d.budgetChanges {
            let sign = c.deltaNOK >= 0 ? "økes med" : "reduseres med"
            out.append(
                ChangeLine(
                    kind: "Budsjettendring",
                    text:
                        "Kap. \(c.chapter) post \(Amendments.postKey(c.chapter, c.post).suffix(2)) \(sign) \(Money.kr(abs(c.deltaNOK)))"
                        + (c.legalSource.map { " (\($0))" } ?? ""), slug: nil))
        }
        if d.kind == .tillegg {
            for ch in d.budget {
                for p in ch.posts where p.amountNOK != nil {
                    out.append(
                        ChangeLine(
                            kind: "Disponerer etter tillegget",
                            text: "\(Amendments.postKey(ch.chapter, p.post)) \(p.name): \(Money.kr(p.amountNOK!))", slug: nil))
                }
            }
        }
        return out
    }

    func render(
        _ req: Request, _ model: DocumentModel, errors: [String: String] = [:], form: [String: String] = [:], message: String? = nil,
        draftText: String? = nil
    ) async throws -> View {
        let d = try model.document()
        let summary = ParsedDocument(document: d, warnings: []).summary
        let lines = (model.sourceText.map { SourceText.lines($0) } ?? []).map { SourceLineView(number: $0.number, text: $0.text) }
        var known: Set<String> = []
        var yearLink: String?
        if let year = d.year, let y = try await req.application.steeringCache.amendedYear(year, asOf: nil, on: req.db) {
            known = Set(y.letter.assignments.map(\.id) + y.letter.carriedOverAssignments.map(\.id) + y.aliases.keys)
            yearLink = Endpoint.yearOverview.url(year)
        }
        let letterDraft = try await LetterDraftRoutes.draftView(req, model, text: draftText)
        return try await req.view.render(
            "steering/document",
            ShowPage(
                page: PageContext(req, title: model.title, year: yearLink == nil ? nil : d.year), id: model.id!.uuidString,
                title: model.title, kind: d.kind.label, year: d.year, yearLink: yearLink, date: d.date.map(NorwegianText.longDate),
                number: d.number, issuer: d.issuer, recipient: d.recipient,
                signatories: d.signatories.map(\.display), copyTo: d.copyTo,
                draft: !model.isPublished, contentHash: model.contentHash, publishedAt: model.publishedAt.map(Clock.stamp),
                createdBy: model.createdBy, summary: summary, changes: Self.changeLines(d, known: known), sourceLines: lines,
                hasSource: !lines.isEmpty,
                canEdit: !model.isPublished && req.role == .ministry,
                changeForms: !model.isPublished && req.role == .ministry && letterDraft == nil, letterDraft: letterDraft,
                letterLink: model.sourceText == nil ? nil : Endpoint.documentLetter.url(model.id!.uuidString),
                letterPDFLink: model.sourceText == nil ? nil : Endpoint.documentLetterPDF.url(model.id!.uuidString),
                errors: errors, form: form, message: message))
    }

    func show(req: Request) async throws -> View {
        try await render(req, try await Self.find(req))
    }

    struct NewPage: Encodable {
        let page: PageContext
        let errors: [String: String]
        let form: [String: String]
    }

    func newForm(req: Request) async throws -> View {
        try await req.view.render(
            "steering/document-new", NewPage(page: PageContext(req, title: "Nytt styringsdokument"), errors: [:], form: ["kind": "tillegg"])
        )
    }

    struct NewForm: Content {
        var kind: String
        var year: String
        var number: String?
        var date: String?
        var title: String?
    }

    func create(req: Request) async throws -> Response {
        let f = try req.content.decode(NewForm.self)
        var errors: [String: String] = [:]
        let kind = DocumentKind(rawValue: f.kind)
        if kind == nil || kind == .referat || kind == .instruks { errors["kind"] = "Velg tildelingsbrev eller tillegg." }
        let year = Int(f.year.trimmingCharacters(in: .whitespaces))
        if year == nil || !(2000...2100).contains(year!) { errors["year"] = "Oppgi budsjettåret med fire sifre." }
        let number = Int((f.number ?? "").trimmingCharacters(in: .whitespaces))
        if kind == .tillegg && (number == nil || number! < 1) { errors["number"] = "Et tillegg trenger et nummer (1, 2, …)." }
        let date = (f.date ?? "").trimmingCharacters(in: .whitespaces)
        if !date.isEmpty && CivilDate(iso: date) == nil { errors["date"] = "Datoen må være på formen ÅÅÅÅ-MM-DD." }
        // The form again with what was typed and why it was refused.
        func refused(_ errors: [String: String], _ status: HTTPResponseStatus) async throws -> Response {
            let view = try await req.view.render(
                "steering/document-new",
                NewPage(
                    page: PageContext(req, title: "Nytt styringsdokument"), errors: errors,
                    form: ["kind": f.kind, "year": f.year, "number": f.number ?? "", "date": date, "title": f.title ?? ""]))
            let res = try await view.encodeResponse(for: req)
            res.status = status
            return res
        }
        if !errors.isEmpty { return try await refused(errors, .unprocessableEntity) }
        if kind == .tildelingsbrev {
            do {
                let model = try await LetterDraftStore.start(year: year!, actor: req.actor, today: req.today, on: req.db)
                return req.redirect(
                    to: Endpoint.document.url(model.id!.uuidString, fragment: "brevtekst"),
                    flash: "Utkastet til tildelingsbrev for \(year!) er startet fra fjorårets brev.")
            } catch let e as UserError {
                return try await refused([e.field ?? "year": e.reason], e.status)
            }
        }
        let doc = SteeringDocument(
            kind: kind!, year: year, date: date.isEmpty ? nil : date, number: kind == .tillegg ? number : nil,
            title: (f.title ?? "").isEmpty ? "" : f.title!, issuer: nil)
        let model = try await SteeringStore.storeImported(doc, sourceText: nil, publish: false, actor: req.actor, on: req.db)
        return req.redirect(to: Endpoint.document.url(model.id!.uuidString), flash: "Utkastet er opprettet.")
    }

    struct ChangeForm: Content {
        var type: String
        var chapter: String?
        var post: String?
        var delta: String?
        var reason: String?
        var assignmentId: String?
        var title: String?
        var description: String?
        var deadline: String?
        var label: String?
        var from: String?
        var to: String?
        var date: String?
        var number: String?
    }

    func addChange(req: Request) async throws -> Response {
        let model = try await Self.find(req)
        let f = try req.content.decode(ChangeForm.self)
        let year = model.year
        // Checked against the year as published so far and the draft's own changes.
        var letter: SteeringDocument? = nil
        if let year { letter = try await req.application.steeringCache.amendedYear(year, asOf: nil, on: req.db)?.letter }
        let context = DraftContext(letter: letter, draft: try model.document())
        switch DraftChanges.validate(f.asDraftChange, year: year, context: context) {
        case .failure(let errors):
            var form: [String: String] = [:]
            for (k, v) in f.asDraftChange.fields { form[k] = v }
            let res = try await render(req, model, errors: errors.fields, form: form).encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        case .success(let edit):
            _ = try await SteeringStore.updateDraft(model.id!, actor: req.actor, on: req.db) { doc in edit.apply(to: &doc) }
            return req.redirect(
                to: Endpoint.document.url(model.id!.uuidString, fragment: "endringer"), flash: "Endringen er lagt til i utkastet.")
        }
    }

    func publish(req: Request) async throws -> Response {
        let model = try await Self.find(req)
        do {
            try await LetterDraftStore.checkPublishable(model, on: req.db)
            _ = try await SteeringStore.publish(model.id!, actor: req.actor, today: req.today, on: req.db)
        } catch let e as UserError {
            let res = try await render(req, model, errors: [e.field ?? "publish": e.reason]).encodeResponse(for: req)
            res.status = e.status
            return res
        }
        return req.redirect(to: Endpoint.document.url(model.id!.uuidString), flash: "Dokumentet er publisert og låst.")
    }
}

extension DocumentRoutes.ChangeForm {
    var asDraftChange: DraftChange {
        DraftChange(
            type: type,
            fields: [
                "chapter": chapter, "post": post, "delta": delta, "reason": reason, "assignmentId": assignmentId, "title": title,
                "description": description, "deadline": deadline, "label": label, "from": from, "to": to, "date": date, "number": number,
            ].compactMapValues { $0?.trimmingCharacters(in: .whitespacesAndNewlines) })
    }
}
