import StyrCore

/// Display rows built from the core model; formatting happens here, not in templates.
struct DeadlineView: Encodable {
    let text: String
    let date: String?
    let dateText: String?
    let label: String?
    let parts: String?
    let kind: String
    let overdue: Bool

    /// `today` marks passed deadlines as overdue; pass nil for delivered assignments.
    init(_ d: Deadline, today: CivilDate? = nil) {
        text = d.text
        date = d.date
        dateText = d.date.map(NorwegianText.shortDate)
        label = d.label
        parts = d.parts.isEmpty ? nil : "Del " + d.parts.joined(separator: ", ")
        kind = d.kind.label
        overdue = today.flatMap { t in d.date.flatMap(CivilDate.init(iso:)).map { $0 < t } } ?? false
    }
}

struct AssignmentRow: Encodable {
    let id: String
    let slug: String
    let title: String
    let goalRef: String?
    let nextDeadline: DeadlineView?
    let deadlineCount: Int
    let status: String
    let statusLabel: String
    let origin: String?

    init(_ a: Assignment, status: AssignmentStatus?, today: CivilDate, origin: String?) {
        id = a.id
        slug = AssignmentSlug.encode(a.id)
        title = a.title
        goalRef = a.goalRef
        let dated = a.deadlines.filter { $0.date != nil }.sorted { $0.date! < $1.date! }
        let upcoming = dated.first { CivilDate(iso: $0.date!)! >= today } ?? dated.last
        nextDeadline = upcoming.map { DeadlineView($0, today: status == .levert ? nil : today) }
        deadlineCount = a.deadlines.count
        self.status = status?.rawValue ?? ""
        statusLabel = status?.label ?? ""
        self.origin = origin
    }
}

struct HistoryView: Encodable {
    let document: String
    let documentID: String
    let date: String?
    let field: String
    let from: String?
    let to: String?
    let note: String?

    init(_ e: ChangeEntry) {
        document = e.document.name
        documentID = e.document.id
        date = e.document.date.map(NorwegianText.shortDate)
        field = e.field
        from = e.from
        to = e.to
        note = e.note
    }
}

struct StatusNoteView: Encodable {
    let date: String
    let status: String
    let statusLabel: String
    let note: String
    let author: String
    let evidence: String?
    /// The evidence when it is a path in Styr (a document or a submitted report).
    let evidenceLink: String?

    init(_ n: StatusNote) {
        date = NorwegianText.shortDate(n.date)
        status = n.status.rawValue
        statusLabel = n.status.label
        note = n.note
        author = n.author
        evidence = n.evidence
        evidenceLink = n.evidenceLink
    }
}

struct RequirementView: Encodable {
    let text: String
    let target: String?
    /// The linked indicator's value for the year, computed from the registers.
    let measured: String?
    let indicator: String?
    let met: Bool?

    init(_ r: ResultRequirement, measured values: [String: Double?] = [:]) {
        text = r.text
        target = r.target.map(RequirementView.describe)
        let id = r.target?.indicator
        let def = id.flatMap(IndicatorCatalogue.definition)
        let value = id.flatMap { values[$0] ?? nil }
        indicator = def?.name
        measured = value.map { IndicatorFormat.value($0, unit: def?.unit ?? "") }
        met = value.flatMap { v in r.target?.isMet(by: v) }
    }

    static func describe(_ t: MeasurableTarget) -> String {
        var s: String
        switch t.comparison {
        case .increases: s = "skal øke"
        case .decreases: s = "skal synke"
        case .within: s = "innen " + (t.value.map { "\(Int($0)) måneder" } ?? "tidsmål")
        case .atLeast, .atMost:
            let v = t.value.map { $0 == $0.rounded() ? "\(Int($0))" : "\($0)" } ?? "?"
            s = "\(t.comparison.symbol) \(v)\(t.unit == "percent" ? " %" : "")"
        }
        if !t.breakdown.isEmpty { s += " (" + t.breakdown.joined(separator: "; ") + ")" }
        return s
    }
}

struct SteeringParameterView: Encodable {
    let number: String
    let title: String
    let reports: String
    let requirements: [RequirementView]
    let assignments: [AssignmentRow]
}

struct GoalView: Encodable {
    let number: String
    let title: String
    let reports: String
    let requirements: [RequirementView]
    let steeringParameters: [SteeringParameterView]
    let assignments: [AssignmentRow]
}

struct EarmarkView: Encodable {
    let amount: String?
    let purpose: String
    let recipient: String?
    let assignments: [AssignmentLink]
}

struct AssignmentLink: Encodable {
    let id: String
    let slug: String
    init(_ id: String) {
        self.id = id
        slug = AssignmentSlug.encode(id)
    }
}

struct PostView: Encodable {
    let post: String
    let name: String
    let amount: String?
    let amountMillions: String?
    let appropriation: String?
    let undisposed: String?
    let flags: [String]
    let earmarks: [EarmarkView]
    let recipients: [EarmarkView]
    let hasRecipients: Bool
    let earmarked: String?
    let history: [HistoryView]
}

struct ChapterView: Encodable {
    let chapter: Int
    let name: String
    let total: String
    let totalMillions: String
    let posts: [PostView]
}

enum SteeringPages {
    static func reports(_ r: [ReportKind]) -> String { r.map(\.label).joined(separator: " og ") }

    /// Status per assignment: notes under the current id or an old id that was renumbered.
    static func statuses(_ year: AmendedYear, notes: [StatusNote], today: CivilDate) -> [String: AssignmentStatus] {
        var byID: [String: [StatusNote]] = [:]
        for n in notes { byID[year.aliases[n.assignmentId] ?? n.assignmentId, default: []].append(n) }
        var out: [String: AssignmentStatus] = [:]
        for a in year.letter.assignments {
            out[a.id] = StatusRules.effectiveStatus(notes: byID[a.id] ?? [], deadlines: a.deadlines, today: today)
        }
        return out
    }

    static func notes(for id: String, in year: AmendedYear, notes: [StatusNote]) -> [StatusNote] {
        notes.filter { (year.aliases[$0.assignmentId] ?? $0.assignmentId) == id }
    }

    static func origins(_ year: AmendedYear) -> [String: String] {
        var out: [String: String] = [:]
        for e in year.history where e.itemKind == .assignment && e.field == "gitt" { out[e.itemKey] = e.document.name }
        return out
    }

    static func rows(_ year: AmendedYear, statuses: [String: AssignmentStatus]?, today: CivilDate) -> [AssignmentRow] {
        let origins = origins(year)
        return year.letter.assignments.map { AssignmentRow($0, status: statuses?[$0.id], today: today, origin: origins[$0.id]) }
    }

    static func goals(_ year: AmendedYear, rows: [AssignmentRow], measured: [String: Double?] = [:]) -> [GoalView] {
        year.letter.goals.map { g in
            GoalView(
                number: g.number, title: g.title, reports: reports(g.reports),
                requirements: g.resultRequirements.map { RequirementView($0, measured: measured) },
                steeringParameters: g.steeringParameters.map { sp in
                    SteeringParameterView(
                        number: sp.number, title: sp.title, reports: reports(sp.reports),
                        requirements: sp.resultRequirements.map { RequirementView($0, measured: measured) },
                        assignments: rows.filter { $0.goalRef == "SP \(sp.number)" })
                },
                assignments: rows.filter { $0.goalRef == "Mål \(g.number)" })
        }
    }

    static func chapters(_ year: AmendedYear) -> [ChapterView] {
        year.letter.budget.map { c in
            ChapterView(
                chapter: c.chapter, name: c.name, total: Money.kroner(c.totalNOK), totalMillions: Money.millions(c.totalNOK),
                posts: c.posts.map { p in
                    let own = p.earmarks.filter { $0.recipient == nil }
                    let recipients = p.earmarks.filter { $0.recipient != nil }
                    func view(_ e: Earmark) -> EarmarkView {
                        EarmarkView(
                            amount: e.amountNOK.map(Money.kroner), purpose: e.purpose, recipient: e.recipient,
                            assignments: e.assignmentRefs.map(AssignmentLink.init))
                    }
                    return PostView(
                        post: p.post < 10 ? "0\(p.post)" : "\(p.post)", name: p.name, amount: p.amountNOK.map(Money.kroner),
                        amountMillions: p.amountNOK.map(Money.millions), appropriation: p.appropriationNOK.map(Money.kroner),
                        undisposed: p.undisposedNOK.map(Money.kroner), flags: p.flags.map(\.rawValue),
                        earmarks: own.map(view), recipients: recipients.map(view), hasRecipients: !recipients.isEmpty,
                        earmarked: own.isEmpty ? nil : Money.kroner(p.earmarkedNOK),
                        history: year.history(forPost: c.chapter, p.post).map(HistoryView.init))
                })
        }
    }
}
