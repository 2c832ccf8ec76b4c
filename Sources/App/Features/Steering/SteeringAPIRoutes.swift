import Fluent
import StyrCore
import Vapor

/// JSON API v1, described by openapi.json at the repository root.
struct SteeringAPIRoutes {
    func register(_ r: any RoutesBuilder) {
        r.on(.apiYears, use: years)
        r.on(.apiYear, use: year)
        r.on(.apiAssignments, use: assignments)
        r.on(.apiAssignment, use: assignment)
        r.on(.apiAssignmentStatus, use: setStatus)
        r.on(.apiBudget, use: budget)
        r.on(.apiCalendar, use: calendar)
        r.on(.apiDocuments, use: documents)
        r.on(.apiDocument, use: document)
        r.on(.apiDocumentCreate, body: .collect(maxSize: "20mb"), use: createDocument)
        r.on(.apiDocumentPublish, use: publish)
        r.on(.apiDeadlines, use: deadlines)
    }

    struct YearSummary: Content {
        let year: Int
        let documents: [DocumentSummary]
    }

    struct DocumentSummary: Content {
        let id: String
        let kind: String
        let year: Int?
        let number: Int?
        let date: String?
        let title: String
        let status: String
        let contentHash: String?

        init(_ m: DocumentModel) {
            id = m.id!.uuidString
            kind = m.kind
            year = m.year
            number = m.number
            date = m.date
            title = m.title
            status = m.status
            contentHash = m.contentHash
        }
    }

    func years(req: Request) async throws -> [YearSummary] {
        var out: [YearSummary] = []
        for y in try await SteeringStore.years(on: req.db) {
            out.append(
                YearSummary(year: y, documents: try await SteeringStore.publishedDocuments(year: y, on: req.db).map(DocumentSummary.init)))
        }
        return out
    }

    /// The year's letter as amended, in the importer's JSON contract shape.
    func year(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        return try Self.json(y.letter)
    }

    static func json(_ value: some Encodable) throws -> Response {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try enc.encode(value)))
    }

    struct AssignmentOut: Content {
        let id: String
        let title: String
        let goalRef: String?
        let deadlines: [Deadline]
        let parts: [AssignmentPart]
        let status: String?
        let origin: String?
    }

    func assignments(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let staff = req.role.isStaff
        let statuses =
            staff
            ? SteeringPages.statuses(y, notes: try await SteeringStore.statusNotes(year: y.year, on: req.db), today: req.today) : [:]
        let origins = SteeringPages.origins(y)
        return try Self.json(
            y.letter.assignments.map {
                AssignmentOut(
                    id: $0.id, title: $0.title, goalRef: $0.goalRef, deadlines: $0.deadlines, parts: $0.parts,
                    status: statuses[$0.id]?.rawValue, origin: origins[$0.id])
            })
    }

    struct AssignmentDetail: Encodable {
        let assignment: Assignment
        let status: String?
        let statusNotes: [StatusNote]?
        let history: [ChangeEntry]
    }

    func assignment(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let requested = AssignmentSlug.decode(req.parameters.get("id") ?? "")
        let id = y.aliases[requested] ?? requested
        guard let a = y.letter.assignments.first(where: { $0.id == id }) else {
            throw UserError(.notFound, "Fant ikke oppdrag \(requested).")
        }
        let staff = req.role.isStaff
        let notes = staff ? SteeringPages.notes(for: id, in: y, notes: try await SteeringStore.statusNotes(year: y.year, on: req.db)) : nil
        let status = notes.map { StatusRules.effectiveStatus(notes: $0, deadlines: a.deadlines, today: req.today).rawValue }
        return try Self.json(AssignmentDetail(assignment: a, status: status, statusNotes: notes, history: y.history(forAssignment: id)))
    }

    func setStatus(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let id = try req.assignmentID(in: y)
        let input = try req.content.decode(AssignmentStatusUpdate.Input.self)
        switch try await AssignmentStatusUpdate.apply(req, year: y.year, id: id, input: input) {
        case .failure(let errors):
            let (field, message) = errors.fields.sorted { $0.key < $1.key }.first!
            throw UserError(.unprocessableEntity, message, field: field)
        case .success(let note):
            let res = try Self.json(note)
            res.status = .created
            return res
        }
    }

    struct BudgetOut: Encodable {
        let year: Int
        let budget: [BudgetChapter]
        let budgetChanges: [BudgetChange]
        let history: [ChangeEntry]
    }

    func budget(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        return try Self.json(
            BudgetOut(
                year: y.year, budget: y.letter.budget, budgetChanges: y.letter.budgetChanges,
                history: y.history.filter { $0.itemKind == .budget }))
    }

    func calendar(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        return try Self.json(DeadlineCalendar.events(y.letter))
    }

    func documents(req: Request) async throws -> [DocumentSummary] {
        try await SteeringStore.allDocuments(includeDrafts: req.role == .ministry, on: req.db).map(DocumentSummary.init)
    }

    struct DocumentOut: Encodable {
        let document: DocumentSummary
        let content: SteeringDocument
    }

    func document(req: Request) async throws -> Response {
        let m = try await DocumentRoutes.find(req)
        return try Self.json(DocumentOut(document: DocumentSummary(m), content: try m.document()))
    }

    struct CreateIn: Content {
        let text: String
        let publish: Bool?
    }

    struct CreateOut: Encodable {
        let document: DocumentSummary
        let warnings: [ImportIssue]
        let summary: String
    }

    func createDocument(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateIn.self)
        try Rights.requirePublishing(req, publish: input.publish ?? false)
        let parsed: ParsedDocument
        do { parsed = try LetterParser().parse(input.text) } catch let e as ImportError {
            throw UserError(.unprocessableEntity, e.description, field: "text")
        }
        let model = try await SteeringStore.storeImported(
            parsed.document, sourceText: input.text, publish: input.publish ?? false, actor: req.actor, on: req.db)
        let res = try Self.json(CreateOut(document: DocumentSummary(model), warnings: parsed.warnings, summary: parsed.summary))
        res.status = .created
        return res
    }

    func publish(req: Request) async throws -> DocumentSummary {
        let m = try await DocumentRoutes.find(req)
        return DocumentSummary(try await SteeringStore.publish(m.id!, actor: req.actor, on: req.db))
    }

    func deadlines(req: Request) async throws -> Response {
        let days = (try? req.query.get(Int.self, at: "days")) ?? 30
        guard (0...3660).contains(days) else { throw UserError(.badRequest, "days må være mellom 0 og 3660.", field: "days") }
        return try Self.json(try await Deadlines.due(days: days, today: req.today, on: req.db))
    }
}
