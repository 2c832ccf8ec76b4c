/// A change a ministry user adds to a draft document through a form.
public struct DraftChange: Sendable {
    /// "budget", "assignment", "renumbering", "deadline" or "meta".
    public var type: String
    public var fields: [String: String]
    public init(type: String, fields: [String: String]) {
        self.type = type
        self.fields = fields
    }
}

/// Validation errors keyed by form field, in bokmål.
public struct FieldErrors: Error, Sendable, Equatable {
    public var fields: [String: String]
    public init(_ fields: [String: String]) { self.fields = fields }
}

/// A validated change, ready to apply to a draft.
public enum DraftEdit: Sendable, Equatable {
    case budget(BudgetChange)
    case assignment(Assignment)
    case renumbering(Renumbering)
    case deadline(DeadlineChange)
    case meta(date: String?, number: Int?)

    public func apply(to doc: inout SteeringDocument) {
        switch self {
        case .budget(let c): doc.budgetChanges.append(c)
        case .assignment(let a):
            if let i = doc.assignments.firstIndex(where: { $0.id == a.id }) { doc.assignments[i] = a } else { doc.assignments.append(a) }
        case .renumbering(let r): doc.renumberings.append(r)
        case .deadline(let d): doc.deadlineChanges.append(d)
        case .meta(let date, let number):
            if let date { doc.date = date }
            if let number { doc.number = number }
        }
    }
}

/// What a draft change is checked against: the year as it stands (the letter with the
/// supplements published so far) and the draft's own changes.
public struct DraftContext: Sendable {
    /// Assignment numbers that exist: the year's, those carried over, and the draft's own new ones.
    public var assignmentIds: Set<String>
    /// Budget posts of the year as "chapter-post" ("291-60").
    public var posts: Set<String>

    public init(assignmentIds: Set<String>, posts: Set<String>) {
        self.assignmentIds = assignmentIds
        self.posts = posts
    }

    /// The context of a draft for a year's letter (nil: the year has no letter yet).
    public init(letter: SteeringDocument?, draft: SteeringDocument) {
        var ids = Set(draft.assignments.map(\.id))
        var posts: Set<String> = []
        if let letter {
            ids.formUnion(letter.assignments.map(\.id))
            ids.formUnion(letter.carriedOverAssignments.map(\.id))
            for c in letter.budget { for p in c.posts { posts.insert("\(c.chapter)-\(p.post)") } }
        }
        ids.formUnion(draft.renumberings.map(\.to))
        self.init(assignmentIds: ids, posts: posts)
    }
}

/// Validates draft changes; every error names its field.
public enum DraftChanges {
    /// Whether a deadline typed in a form is one Styr can follow: a real date ("1. oktober 2021",
    /// "01.10.2021"; not "31. februar"), a month, a recurring or a continuous deadline. Free text
    /// ("snart") is refused: it would never show up in the calendar nor open a deviation.
    public static func deadlineError(_ d: Deadline) -> String? {
        d.kind == .text
            ? "Skriv fristen som en gyldig dato (f.eks. «1. oktober 2021»), en måned («oktober 2021»), «løpende» eller en gjentakende frist («hver måned»)."
            : nil
    }

    /// Validates a change; with a context, a new assignment must have a new number, a deadline
    /// change or renumbering must name an assignment that exists, and a budget change a post of
    /// the year's budget.
    public static func validate(_ c: DraftChange, year: Int?, context: DraftContext? = nil) -> Result<DraftEdit, FieldErrors> {
        let f = c.fields
        func value(_ k: String) -> String { f[k] ?? "" }
        var errors: [String: String] = [:]
        switch c.type {
        case "budget":
            let chapter = Int(value("chapter"))
            let post = Int(value("post"))
            if chapter == nil || !(1...9999).contains(chapter!) { errors["chapter"] = "Oppgi kapittel som tall, f.eks. 291." }
            if post == nil || !(1...99).contains(post!) { errors["post"] = "Oppgi post som tall, f.eks. 60." }
            if let chapter, let post, let context, errors.isEmpty, !context.posts.contains("\(chapter)-\(post)") {
                errors["post"] =
                    "Kapittel \(chapter) post \(String(format: "%02d", post)) finnes ikke i budsjettet for \(year.map(String.init) ?? "året")."
            }
            let delta = amount(value("delta"))
            if delta == nil || delta == 0 {
                errors["delta"] = "Oppgi endringen i kroner (f.eks. -2400000) eller millioner (f.eks. «2,4 mill»)."
            }
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            return .success(
                .budget(
                    BudgetChange(chapter: chapter!, post: post!, deltaNOK: delta!, reason: f["reason"].flatMap { $0.isEmpty ? nil : $0 })))
        case "assignment":
            let id = NorwegianText.normalizeAssignmentId(value("assignmentId"))
            if id == nil { errors["assignmentId"] = "Oppgi oppdragsnummer som ÅÅÅÅ-NN, f.eks. \(year ?? 2021)-19." }
            if let id, let context, context.assignmentIds.contains(id) {
                errors["assignmentId"] =
                    "Oppdrag \(id) finnes allerede. Velg et nytt nummer, eller endre fristen eller nummeret med en egen endring."
            }
            if value("title").count < 3 { errors["title"] = "Oppdraget trenger en tittel." }
            let deadlines = value("deadline").isEmpty ? [] : [NorwegianText.deadline(value("deadline"), year: year)]
            if let d = deadlines.first, let e = deadlineError(d) { errors["deadline"] = e }
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            return .success(
                .assignment(
                    Assignment(
                        id: id!, printedId: "Oppdrag nr. \(id!)", title: value("title"),
                        description: f["description"].flatMap { $0.isEmpty ? nil : $0 }, deadlines: deadlines)))
        case "renumbering":
            let from = NorwegianText.normalizeAssignmentId(value("from"))
            let to = NorwegianText.normalizeAssignmentId(value("to"))
            if from == nil { errors["from"] = "Oppgi gammelt nummer, f.eks. 2020-012." }
            if to == nil { errors["to"] = "Oppgi nytt nummer, f.eks. 2020-016." }
            if from != nil && from == to { errors["to"] = "Nytt nummer må være forskjellig fra det gamle." }
            if let context, let from, !context.assignmentIds.contains(from) { errors["from"] = "Oppdrag \(from) finnes ikke." }
            if let context, let to, from != to, context.assignmentIds.contains(to) { errors["to"] = "Oppdrag \(to) finnes allerede." }
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            return .success(.renumbering(Renumbering(from: from!, to: to!)))
        case "deadline":
            let id = NorwegianText.normalizeAssignmentId(value("assignmentId"))
            if id == nil { errors["assignmentId"] = "Oppgi oppdragsnummer, f.eks. 2021-05." }
            if let id, let context, !context.assignmentIds.contains(id) { errors["assignmentId"] = "Oppdrag \(id) finnes ikke." }
            let label = f["label"].flatMap { $0.isEmpty ? nil : $0 }
            let deadline = NorwegianText.deadline(value("deadline"), label: label, year: year)
            if value("deadline").isEmpty {
                errors["deadline"] = "Oppgi ny frist, f.eks. «1. oktober 2021»."
            } else if let e = deadlineError(deadline) {
                errors["deadline"] = e
            }
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            return .success(.deadline(DeadlineChange(assignmentId: id!, deadline: deadline)))
        case "meta":
            let date = value("date")
            if !date.isEmpty && CivilDate(iso: date) == nil { errors["date"] = "Datoen må være på formen ÅÅÅÅ-MM-DD." }
            let number = value("number").isEmpty ? nil : Int(value("number"))
            if !value("number").isEmpty && (number == nil || number! < 1) { errors["number"] = "Nummeret må være et positivt heltall." }
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            return .success(.meta(date: date.isEmpty ? nil : date, number: number))
        default:
            return .failure(FieldErrors(["type": "Ukjent endringstype «\(c.type)»."]))
        }
    }

    /// "2,4 mill" → 2 400 000; "-2400000" / "−2 400 000" → −2 400 000.
    public static func amount(_ raw: String) -> Int? {
        let lower = raw.lowercased()
        if lower.contains("mill") {
            let numberPart = lower.components(separatedBy: "mill").first ?? ""
            return NorwegianText.millionsToNOK(numberPart.replacingOccurrences(of: "−", with: "-"))
        }
        let cleaned = raw.replacingOccurrences(of: "kr", with: "").replacingOccurrences(of: "−", with: "-")
        return NorwegianText.number(cleaned).map { NorwegianText.roundedInt($0) }
    }
}
