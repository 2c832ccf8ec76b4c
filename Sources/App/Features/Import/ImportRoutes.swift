import StyrCore
import Vapor

/// Upload a letter, preview what was understood beside the source text, correct and store.
struct ImportRoutes {
    func register(_ r: any RoutesBuilder) {
        r.on(.importForm, use: form)
        r.on(.importPreview, body: .collect(maxSize: "20mb"), use: preview)
        r.on(.importSave, body: .collect(maxSize: "20mb"), use: save)
    }

    struct FormPage: Encodable {
        let page: PageContext
        let error: String?
        let text: String
    }

    func form(req: Request) async throws -> View {
        try await req.view.render(
            "import/import", FormPage(page: PageContext(req, title: "Importer styringsdokument"), error: nil, text: ""))
    }

    struct Upload: Content {
        var file: File?
        var text: String?
    }

    struct PreviewPage: Encodable {
        let page: PageContext
        let kind: String
        let year: String
        let date: String
        let number: String
        let summary: String
        let warnings: [String]
        let hasWarnings: Bool
        let goals: [GoalView]
        let assignments: [PreviewAssignment]
        let chapters: [ChapterView]
        let changes: [DocumentRoutes.ChangeLine]
        let sourceLines: [DocumentRoutes.SourceLineView]
        let sourceText: String
        let canPublish: Bool
        let error: String?
    }

    struct PreviewAssignment: Encodable {
        let id: String
        let title: String
        let line: Int?
        let deadlines: [DeadlineView]
    }

    func preview(req: Request) async throws -> Response {
        let upload = try req.content.decode(Upload.self)
        var text = upload.text ?? ""
        var notes: [String] = []
        if let file = upload.file, file.data.readableBytes > 0 {
            do {
                let extracted = try TextExtraction.extract(Data(buffer: file.data), filename: file.filename)
                text = extracted.text
                notes = extracted.warnings
            } catch let e as ImportError {
                return try await failForm(req, e.description, text: "")
            }
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return try await failForm(req, "Velg en fil eller lim inn teksten.", text: "")
        }
        return try await renderPreview(req, text: text, extraWarnings: notes, overrides: nil, error: nil)
    }

    func failForm(_ req: Request, _ message: String, text: String) async throws -> Response {
        let res = try await req.view.render(
            "import/import", FormPage(page: PageContext(req, title: "Importer styringsdokument"), error: message, text: text)
        ).encodeResponse(for: req)
        res.status = .unprocessableEntity
        return res
    }

    struct Overrides: Content {
        var sourceText: String
        var kind: String?
        var year: String?
        var date: String?
        var number: String?
        var publish: String?
    }

    /// Parses and applies the user's corrections; returns field errors for bad corrections.
    static func parseWithOverrides(_ text: String, _ o: Overrides?) throws -> (ParsedDocument, [String: String]) {
        var parsed = try LetterParser().parse(text)
        var errors: [String: String] = [:]
        guard let o else { return (parsed, errors) }
        if let k = o.kind, !k.isEmpty {
            if let kind = DocumentKind(rawValue: k) { parsed.document.kind = kind } else { errors["kind"] = "Ukjent dokumenttype." }
        }
        if let y = o.year, !y.isEmpty {
            if let year = Int(y), (2000...2100).contains(year) {
                parsed.document.year = year
            } else {
                errors["year"] = "Året må ha fire sifre."
            }
        }
        if let d = o.date {
            if d.isEmpty {
                parsed.document.date = nil
            } else if CivilDate(iso: d) != nil {
                parsed.document.date = d
            } else {
                errors["date"] = "Datoen må være ÅÅÅÅ-MM-DD."
            }
        }
        if let n = o.number, !n.isEmpty {
            if let number = Int(n), number > 0 {
                parsed.document.number = number
            } else {
                errors["number"] = "Nummeret må være et positivt heltall."
            }
        }
        return (parsed, errors)
    }

    func renderPreview(_ req: Request, text: String, extraWarnings: [String], overrides: Overrides?, error: String?) async throws
        -> Response
    {
        let parsed: ParsedDocument
        let fieldErrors: [String: String]
        do {
            (parsed, fieldErrors) = try Self.parseWithOverrides(text, overrides)
        } catch let e as ImportError {
            return try await failForm(req, "Kunne ikke lese dokumentet: \(e.description)", text: text)
        }
        let d = parsed.document
        let view = AmendedYear(year: d.year ?? 0, asOf: nil, documents: [], letter: d, history: [], aliases: [:])
        let rows = SteeringPages.rows(view, statuses: nil, today: req.today)
        let errorText = error ?? (fieldErrors.isEmpty ? nil : fieldErrors.map { "\($0.key): \($0.value)" }.sorted().joined(separator: " "))
        let page = PreviewPage(
            page: PageContext(req, title: "Forhåndsvisning av import"), kind: d.kind.rawValue, year: d.year.map(String.init) ?? "",
            date: d.date ?? "", number: d.number.map(String.init) ?? "", summary: parsed.summary,
            warnings: extraWarnings + parsed.warnings.map(\.description) + Self.readingLines(parsed.reading),
            hasWarnings: !(extraWarnings.isEmpty && parsed.warnings.isEmpty && parsed.reading.everythingUnderstood),
            goals: d.kind == .tildelingsbrev ? SteeringPages.goals(view, rows: rows) : [],
            assignments: d.assignments.map { a in
                PreviewAssignment(id: a.id, title: a.title, line: a.line, deadlines: a.deadlines.map { DeadlineView($0) })
            },
            chapters: SteeringPages.chapters(view), changes: d.kind == .tillegg ? DocumentRoutes.changeLines(d) : [],
            sourceLines: SourceText.lines(text).map { DocumentRoutes.SourceLineView(number: $0.number, text: $0.text) },
            sourceText: text, canPublish: req.role == .ministry, error: errorText)
        let res = try await req.view.render("import/import-preview", page).encodeResponse(for: req)
        if errorText != nil { res.status = HTTPResponseStatus.unprocessableEntity }
        return res
    }

    /// The reading report's lines for the preview: each line not understood, then the summary.
    static func readingLines(_ r: ReadingReport) -> [String] {
        guard !r.everythingUnderstood else { return [] }
        return r.notUnderstood.map { "linje \($0.line): ikke forstått (\($0.reason)): «\($0.text.prefix(120))»" } + [r.summary]
    }

    func save(req: Request) async throws -> Response {
        let o = try req.content.decode(Overrides.self)
        let parsed: ParsedDocument
        let errors: [String: String]
        do {
            (parsed, errors) = try Self.parseWithOverrides(o.sourceText, o)
        } catch let e as ImportError {
            return try await failForm(req, "Kunne ikke lese dokumentet: \(e.description)", text: o.sourceText)
        }
        if !errors.isEmpty { return try await renderPreview(req, text: o.sourceText, extraWarnings: [], overrides: o, error: nil) }
        let publish = o.publish == "on" || o.publish == "1"
        try Rights.requirePublishing(req, publish: publish)
        do {
            let model = try await SteeringStore.storeImported(
                parsed.document, sourceText: o.sourceText, publish: publish, actor: req.actor, on: req.db)
            return req.redirect(to: "/dokumenter/\(model.id!.uuidString)")
        } catch let e as UserError {
            return try await renderPreview(req, text: o.sourceText, extraWarnings: [], overrides: o, error: e.reason)
        }
    }
}
