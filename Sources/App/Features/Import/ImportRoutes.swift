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
        let sourceLines: [SourceLineView]
        let sourceText: String
        let canPublish: Bool
        let error: String?
        let issuer: String
        let assignmentIds: [String]
        let reading: ReadingView
    }

    /// A source line beside the preview; `reason` when the reading report lists it (highlighted).
    struct SourceLineView: Encodable {
        let number: Int
        let text: String
        let reason: String?
    }

    /// The reading report beside the text: coverage, the lines not understood (linked to the text),
    /// required fields not read and fields the letter does not state.
    struct ReadingView: Encodable {
        let coverage: String
        let summary: String
        let complete: Bool
        let notUnderstood: [ReadingReport.Line]
        /// Nil when none (Leaf takes an empty string as true).
        let missing: String?
        let absent: String?

        init(_ r: ReadingReport) {
            coverage = String(format: "%.1f", r.coverage * 100).replacingOccurrences(of: ".", with: ",")
            summary = r.summary
            complete = r.everythingUnderstood
            notUnderstood = r.notUnderstood
            missing = r.missing.isEmpty ? nil : r.missing.joined(separator: ", ")
            absent = r.absent.isEmpty ? nil : r.absent.joined(separator: ", ")
        }
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
                // pdftotext, unzip: external tools, on the thread pool rather than an event loop.
                let data = Data(buffer: file.data)
                let name = file.filename
                let extracted = try await req.application.threadPool.runIfActive { try TextExtraction.extract(data, filename: name) }
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
        /// The issuer as the user corrected it (a ministry's name; its short form is added).
        var issuer: String?
        /// One assignment's deadline corrected: the assignment's id and the new date (ÅÅÅÅ-MM-DD).
        var deadlineFor: String?
        var deadlineDate: String?
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
        if let i = o.issuer?.trimmingCharacters(in: .whitespaces), !i.isEmpty {
            if i.count > 200 {
                errors["issuer"] = "Utstederen kan ha høyst 200 tegn."
            } else {
                let issuer = Issuer.ministry(named: i) ?? Issuer(name: i, short: nil)
                parsed.issuer = issuer
                parsed.document.issuer = issuer.short.map { "\(issuer.name) (\($0))" } ?? issuer.name
            }
        }
        if let id = o.deadlineFor, !id.isEmpty {
            let date = o.deadlineDate ?? ""
            if let k = parsed.document.assignments.firstIndex(where: { $0.id == id }) {
                if CivilDate(iso: date) != nil {
                    var deadlines = parsed.document.assignments[k].deadlines
                    if deadlines.isEmpty {
                        deadlines = [Deadline(date: date, text: "rettet ved import", kind: .date)]
                    } else {
                        deadlines[0].date = date
                        deadlines[0].kind = .date
                    }
                    parsed.document.assignments[k].deadlines = deadlines
                } else {
                    errors["deadlineDate"] = "Fristen må være ÅÅÅÅ-MM-DD."
                }
            } else {
                errors["deadlineFor"] = "Fant ikke oppdrag «\(id)» i dokumentet."
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
            sourceLines: Self.sourceLines(text, parsed.reading),
            sourceText: text, canPublish: req.role == .ministry, error: errorText,
            issuer: parsed.issuer?.name ?? d.issuer ?? "", assignmentIds: d.assignments.map(\.id),
            reading: ReadingView(parsed.reading))
        let res = try await req.view.render("import/import-preview", page).encodeResponse(for: req)
        if errorText != nil { res.status = HTTPResponseStatus.unprocessableEntity }
        return res
    }

    /// The source text's lines, each marked with why the reading report lists it (if it does).
    static func sourceLines(_ text: String, _ r: ReadingReport) -> [SourceLineView] {
        let reasons = Dictionary(r.notUnderstood.map { ($0.line, $0.reason) }, uniquingKeysWith: { a, b in a + "; " + b })
        return SourceText.lines(text).map { SourceLineView(number: $0.number, text: $0.text, reason: reasons[$0.number]) }
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
            return req.redirect(to: Endpoint.document.url(model.id!.uuidString), flash: "Dokumentet er importert og lagret.")
        } catch let e as UserError {
            return try await renderPreview(req, text: o.sourceText, extraWarnings: [], overrides: o, error: e.reason)
        }
    }
}
