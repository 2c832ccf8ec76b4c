import StyrCore
import Vapor

/// Pages for one budget year: overview, goal tree, assignments, budget, calendar.
struct YearRoutes {
    func register(_ r: any RoutesBuilder) {
        r.on(.yearOverview, use: overview)
        r.on(.goals, use: goals)
        r.on(.assignments, use: assignments)
        r.on(.assignment, use: assignment)
        r.on(.assignmentStatus, use: updateStatus)
        r.on(.budget, use: budget)
        r.on(.calendar, use: calendar)
        r.on(.calendarICS, use: calendarICS)
    }

    struct YearMeta: Encodable {
        let year: Int
        let asOf: String?
        let asOfText: String?
        let letterTitle: String
        let letterDate: String?
        let issuer: String?
        let recipient: String?
        let signatories: [String]
        let documents: [DocumentLink]
    }

    struct DocumentLink: Encodable {
        let id: String
        let name: String
        let date: String?
    }

    static func meta(_ y: AmendedYear) -> YearMeta {
        YearMeta(
            year: y.year, asOf: y.asOf, asOfText: y.asOf.map(NorwegianText.shortDate), letterTitle: y.letter.title,
            letterDate: y.letter.date.map(NorwegianText.longDate), issuer: y.letter.issuer, recipient: y.letter.recipient,
            signatories: y.letter.signatories.map(\.display),
            documents: y.documents.map { DocumentLink(id: $0.id, name: $0.name, date: $0.date.map(NorwegianText.shortDate) ?? "udatert") })
    }

    struct StatusCount: Encodable {
        let status: String
        let href: String
        let label: String
        let count: Int
    }

    struct OverviewPage: Encodable {
        let page: PageContext
        let meta: YearMeta
        let goalCount: Int
        let parameterCount: Int
        let requirementCount: Int
        let assignmentCount: Int
        let carriedOverCount: Int
        let statusCounts: [StatusCount]
        let upcoming: [CalendarEventView]
        let upcomingTitle: String
        let chapters: [ChapterView]
        let showStatus: Bool
    }

    func overview(req: Request) async throws -> View {
        let y = try await req.amendedYear()
        let today = y.asOf.flatMap(CivilDate.init(iso:)) ?? req.today
        let staff = req.role.isStaff
        var counts: [StatusCount] = []
        if staff {
            let statuses = SteeringPages.statuses(y, notes: try await SteeringStore.statusNotes(year: y.year, on: req.db), today: today)
            counts = AssignmentStatus.allCases.map { s in
                StatusCount(
                    status: s.rawValue, href: Endpoint.assignments.url(y.year, query: [("status", s.rawValue), ("dato", y.asOf)]),
                    label: s.label, count: statuses.values.filter { $0 == s }.count)
            }
        }
        let events = DeadlineCalendar.events(y.letter)
        var upcoming = DeadlineCalendar.due(events, from: today, days: 90)
        var upcomingTitle = "Frister de neste 90 dagene"
        if upcoming.isEmpty {
            upcoming = Array(events.suffix(8))
            upcomingTitle = "Årets siste frister"
        }
        let sps = y.letter.goals.reduce(0) { $0 + $1.steeringParameters.count }
        let reqs = y.letter.goals.reduce(0) {
            $0 + $1.resultRequirements.count + $1.steeringParameters.reduce(0) { $0 + $1.resultRequirements.count }
        }
        return try await req.view.render(
            "steering/year",
            OverviewPage(
                page: PageContext(req, title: "Styringsåret \(y.year)", year: y.year), meta: Self.meta(y),
                goalCount: y.letter.goals.count, parameterCount: sps, requirementCount: reqs, assignmentCount: y.letter.assignments.count,
                carriedOverCount: y.letter.carriedOverAssignments.count, statusCounts: counts,
                upcoming: upcoming.prefix(12).map(CalendarEventView.init), upcomingTitle: upcomingTitle,
                chapters: SteeringPages.chapters(y), showStatus: staff))
    }

    struct GoalsPage: Encodable {
        let page: PageContext
        let meta: YearMeta
        let goals: [GoalView]
        let other: [AssignmentRow]
    }

    func goals(req: Request) async throws -> View {
        let y = try await req.amendedYear()
        let rows = SteeringPages.rows(y, statuses: nil, today: req.today)
        let memo = try await req.application.registerCache.indicators(on: req.db)
        let measured = memo.register.persons.isEmpty ? [:] : memo.compute(year: y.year)
        let goals = SteeringPages.goals(y, rows: rows, measured: measured)
        let placed = Set(goals.flatMap { g in g.assignments.map(\.id) + g.steeringParameters.flatMap { $0.assignments.map(\.id) } })
        return try await req.view.render(
            "steering/goals",
            GoalsPage(
                page: PageContext(req, title: "Mål og styringsparametere \(y.year)", year: y.year), meta: Self.meta(y),
                goals: goals, other: rows.filter { !placed.contains($0.id) }))
    }

    struct AssignmentsPage: Encodable {
        let page: PageContext
        let meta: YearMeta
        let rows: [AssignmentRow]
        let carriedOver: [CarriedView]
        let goalOptions: [SelectOption]
        let statusOptions: [SelectOption]
        let sortOptions: [SelectOption]
        let from: String
        let to: String
        let showStatus: Bool
        let total: Int
        let shown: Int
    }

    struct CarriedView: Encodable {
        let id: String
        let title: String
        let source: String?
        let deadlines: [DeadlineView]
        let parts: [String]
    }

    func assignments(req: Request) async throws -> View {
        let y = try await req.amendedYear()
        let today = y.asOf.flatMap(CivilDate.init(iso:)) ?? req.today
        let staff = req.role.isStaff
        let statuses =
            staff ? SteeringPages.statuses(y, notes: try await SteeringStore.statusNotes(year: y.year, on: req.db), today: today) : nil
        var rows = SteeringPages.rows(y, statuses: statuses, today: today)
        let goalFilter = (try? req.query.get(String.self, at: "mal")) ?? ""
        let statusFilter = (try? req.query.get(String.self, at: "status")) ?? ""
        let from = (try? req.query.get(String.self, at: "fra")) ?? ""
        let to = (try? req.query.get(String.self, at: "til")) ?? ""
        let sort = (try? req.query.get(String.self, at: "sorter")) ?? "id"
        for (name, value) in [("fra", from), ("til", to)] where !value.isEmpty && CivilDate(iso: value) == nil {
            throw UserError(.badRequest, "Datoen i «\(name)» må være på formen ÅÅÅÅ-MM-DD.", field: name)
        }
        let filter = AssignmentFilter(goal: goalFilter, status: statusFilter, from: from, to: to)
        let byID = Dictionary(uniqueKeysWithValues: y.letter.assignments.map { ($0.id, $0) })
        rows = rows.filter { filter.matches(row: $0, assignment: byID[$0.id]!) }
        switch sort {
        case "frist": rows.sort { ($0.nextDeadline?.date ?? "9999") < ($1.nextDeadline?.date ?? "9999") }
        case "status": rows.sort { ($0.status, $0.id) < ($1.status, $1.id) }
        case "tittel": rows.sort { $0.title < $1.title }
        default: break
        }
        var goalOptions = [SelectOption(value: "", label: "Alle mål", selected: goalFilter.isEmpty)]
        for g in y.letter.goals {
            goalOptions.append(SelectOption(value: g.number, label: "Mål \(g.number): \(g.title)", selected: goalFilter == g.number))
            for sp in g.steeringParameters {
                goalOptions.append(
                    SelectOption(value: sp.number, label: "  SP \(sp.number): \(sp.title)", selected: goalFilter == sp.number))
            }
        }
        let statusOptions =
            [SelectOption(value: "", label: "Alle statuser", selected: statusFilter.isEmpty)]
            + AssignmentStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: statusFilter == $0.rawValue) }
        let sortOptions = [("id", "Nummer"), ("frist", "Neste frist"), ("status", "Status"), ("tittel", "Tittel")].map {
            SelectOption(value: $0.0, label: $0.1, selected: sort == $0.0)
        }
        let carried = y.letter.carriedOverAssignments.map { c in
            CarriedView(
                id: c.id, title: c.title, source: c.source, deadlines: c.deadlines.map { DeadlineView($0, today: today) },
                parts: c.parts.map { "Del \($0.number): \($0.text)" })
        }
        return try await req.view.render(
            "steering/assignments",
            AssignmentsPage(
                page: PageContext(req, title: "Oppdrag \(y.year)", year: y.year), meta: Self.meta(y), rows: rows, carriedOver: carried,
                goalOptions: goalOptions, statusOptions: statusOptions, sortOptions: sortOptions, from: from, to: to,
                showStatus: staff, total: y.letter.assignments.count, shown: rows.count))
    }

    struct PartView: Encodable {
        let number: String
        let title: String?
        let text: String
        let deadlines: [DeadlineView]
    }

    struct OriginView: Encodable {
        let year: Int
        let link: String
        let deadlines: [DeadlineView]
    }

    struct FinancingView: Encodable {
        let post: String?
        let amount: String?
        let text: String
    }

    struct AssignmentPage: Encodable {
        let page: PageContext
        let meta: YearMeta
        let id: String
        let slug: String
        let printedId: String?
        let title: String
        let goalRef: String?
        /// The unit the letter names as responsible, when it names one.
        let responsible: String?
        let background: [String]
        let description: [String]
        let parts: [PartView]
        let deadlines: [DeadlineView]
        let financing: [FinancingView]
        let hasBackground: Bool
        let hasDescription: Bool
        let hasParts: Bool
        let hasFinancing: Bool
        let history: [HistoryView]
        let notes: [StatusNoteView]
        /// Where a carried-over assignment was given, with its original deadlines.
        let origin: OriginView?
        let status: String?
        let statusLabel: String?
        let showStatus: Bool
        let canEditStatus: Bool
        let statusOptions: [SelectOption]
        let today: String
        let errors: [String: String]
        let form: [String: String]
    }

    func assignmentPage(req: Request, errors: [String: String] = [:], form: [String: String] = [:]) async throws -> View {
        let y = try await req.amendedYear()
        let id = try req.assignmentID(in: y)
        // An assignment carried over from an earlier year (section 4.3) is shown as the letter lists it.
        let a =
            y.letter.assignments.first { $0.id == id }
            ?? y.letter.carriedOverAssignments.first { $0.id == id }.map { c in
                Assignment(
                    id: c.id, title: c.title,
                    description: "Videreført fra \(c.source ?? "et tidligere år") (tildelingsbrevets punkt om videreførte oppdrag).",
                    parts: c.parts, deadlines: c.deadlines)
            }!
        let today = y.asOf.flatMap(CivilDate.init(iso:)) ?? req.today
        let staff = req.role.isStaff
        let allNotes = staff ? try await SteeringStore.statusNotes(year: y.year, on: req.db) : []
        let origin = try await CarriedOverOrigin.find(id, carriedInto: y, withNotes: staff, on: req.db)
        let notes = (origin?.notes ?? []) + SteeringPages.notes(for: a.id, in: y, notes: allNotes)
        let status = staff ? StatusRules.effectiveStatus(notes: notes, deadlines: a.deadlines, today: today) : nil
        let selected = form["status"] ?? status?.rawValue ?? ""
        let overdueRef: CivilDate? = status == .levert ? nil : today
        return try await req.view.render(
            "steering/assignment",
            AssignmentPage(
                page: PageContext(req, title: "Oppdrag \(a.id)", year: y.year), meta: Self.meta(y), id: a.id,
                slug: AssignmentSlug.encode(a.id),
                printedId: a.printedId, title: a.title, goalRef: a.goalRef, responsible: a.responsible,
                background: a.background?.components(separatedBy: "\n") ?? [],
                description: a.description?.components(separatedBy: "\n") ?? [],
                parts: a.parts.map { p in
                    PartView(
                        number: p.number, title: p.title, text: p.text,
                        deadlines: a.deadlines(forPart: p.number).map { DeadlineView($0, today: overdueRef) })
                },
                deadlines: a.deadlines.map { DeadlineView($0, today: overdueRef) },
                financing: a.financing.map { f in
                    FinancingView(
                        post: f.chapter.map { c in "Kap. \(c)" + (f.post.map { ", post \($0 < 10 ? "0\($0)" : "\($0)")" } ?? "") },
                        amount: f.amountNOK.map(Money.kroner), text: f.text)
                },
                hasBackground: a.background != nil, hasDescription: a.description != nil, hasParts: !a.parts.isEmpty,
                hasFinancing: !a.financing.isEmpty,
                history: ((origin?.history ?? []) + y.history(forAssignment: a.id)).map(HistoryView.init),
                notes: notes.reversed().map(StatusNoteView.init),
                origin: origin.map { o in
                    OriginView(
                        year: o.year, link: Endpoint.assignment.url(o.year, AssignmentSlug.encode(o.assignment.id)),
                        deadlines: o.assignment.deadlines.map { DeadlineView($0, today: nil) })
                },
                status: status?.rawValue, statusLabel: status?.label, showStatus: staff, canEditStatus: req.role == .directorate,
                statusOptions: AssignmentStatus.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: selected == $0.rawValue)
                },
                today: today.iso, errors: errors, form: form))
    }

    func assignment(req: Request) async throws -> View { try await assignmentPage(req: req) }

    func updateStatus(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let id = try req.assignmentID(in: y)
        let form = try req.content.decode(AssignmentStatusUpdate.Input.self)
        switch try await AssignmentStatusUpdate.apply(req, year: y.year, id: id, input: form) {
        case .failure(let errors):
            let view = try await assignmentPage(req: req, errors: errors.fields, form: form.formValues)
            let res = try await view.encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        case .success:
            return req.redirect(
                to: Endpoint.assignment.url(y.year, AssignmentSlug.encode(id), fragment: "status"), flash: "Statusen er lagret.")
        }
    }

    struct BudgetPage: Encodable {
        let page: PageContext
        let meta: YearMeta
        let chapters: [ChapterView]
        let total: String
        let changes: [BudgetChangeView]
    }

    struct BudgetChangeView: Encodable {
        let post: String
        let delta: String
        let source: String?
        let reason: String?
    }

    func budget(req: Request) async throws -> View {
        let y = try await req.amendedYear()
        let total = y.letter.budget.reduce(0) { $0 + $1.totalNOK }
        let changes = y.letter.budgetChanges.map { c in
            BudgetChangeView(
                post: Amendments.postKey(c.chapter, c.post), delta: (c.deltaNOK >= 0 ? "+" : "") + Money.kroner(c.deltaNOK),
                source: c.legalSource, reason: c.reason)
        }
        return try await req.view.render(
            "steering/budget",
            BudgetPage(
                page: PageContext(req, title: "Budsjett \(y.year)", year: y.year), meta: Self.meta(y), chapters: SteeringPages.chapters(y),
                total: Money.kroner(total), changes: changes))
    }

    struct CalendarEventView: Encodable {
        let date: String
        let dateText: String
        let kind: String
        let title: String
        let detail: String?
        let assignmentSlug: String?

        init(_ e: CalendarEvent) {
            date = e.date
            dateText = NorwegianText.shortDate(e.date)
            kind = e.kind.rawValue
            title = e.title
            detail = e.detail
            assignmentSlug = e.assignmentId.map(AssignmentSlug.encode)
        }
    }

    struct MonthView: Encodable {
        let name: String
        let events: [CalendarEventView]
    }

    struct CalendarPage: Encodable {
        let page: PageContext
        let meta: YearMeta
        let months: [MonthView]
        let undated: [UndatedView]
    }

    struct UndatedView: Encodable {
        let what: String
        let text: String
        let slug: String?
    }

    func calendar(req: Request) async throws -> View {
        let y = try await req.amendedYear()
        let events = DeadlineCalendar.events(y.letter)
        var months: [MonthView] = []
        for e in events {
            let d = CivilDate(iso: e.date)!
            let name = "\(NorwegianText.monthNames[d.month].capitalized) \(d.year)"
            if months.last?.name == name {
                months[months.count - 1] = MonthView(name: name, events: months[months.count - 1].events + [CalendarEventView(e)])
            } else {
                months.append(MonthView(name: name, events: [CalendarEventView(e)]))
            }
        }
        var undated: [UndatedView] = []
        for a in y.letter.assignments {
            for d in a.deadlines where d.date == nil {
                undated.append(UndatedView(what: "Oppdrag \(a.id)", text: d.text, slug: AssignmentSlug.encode(a.id)))
            }
        }
        for m in y.letter.meetings where m.date == nil {
            let count = m.count.map { "\($0) × " } ?? ""
            undated.append(UndatedView(what: count + m.type, text: m.text ?? "", slug: nil))
        }
        return try await req.view.render(
            "steering/calendar",
            CalendarPage(
                page: PageContext(req, title: "Kalender \(y.year)", year: y.year), meta: Self.meta(y), months: months, undated: undated))
    }

    func calendarICS(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let stamp = req.today.iso.replacingOccurrences(of: "-", with: "") + "T000000Z"
        let body = ICalendar.render(DeadlineCalendar.events(y.letter), calendarName: "Styringsdialog \(y.year)", stamp: stamp)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.add(name: .contentDisposition, value: "attachment; filename=\"styring-\(y.year).ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}

/// The assignment list's filters.
struct AssignmentFilter {
    var goal: String
    var status: String
    var from: String
    var to: String

    func matches(row: AssignmentRow, assignment a: Assignment) -> Bool {
        if !goal.isEmpty {
            let ref = a.goalRef ?? ""
            let ok = goal.contains(".") ? ref == "SP \(goal)" : (ref == "Mål \(goal)" || ref.hasPrefix("SP \(goal)."))
            if !ok { return false }
        }
        if !status.isEmpty && row.status != status { return false }
        if !from.isEmpty || !to.isEmpty {
            let dates = a.deadlines.compactMap(\.date)
            let hit = dates.contains { d in (from.isEmpty || d >= from) && (to.isEmpty || d <= to) }
            if !hit { return false }
        }
        return true
    }
}
