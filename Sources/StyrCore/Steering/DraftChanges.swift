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

/// Validates draft changes; every error names its field.
public enum DraftChanges {
    public static func validate(_ c: DraftChange, year: Int?) -> Result<DraftEdit, FieldErrors> {
        let f = c.fields
        func value(_ k: String) -> String { f[k] ?? "" }
        var errors: [String: String] = [:]
        switch c.type {
        case "budget":
            let chapter = Int(value("chapter"))
            let post = Int(value("post"))
            if chapter == nil || !(1...9999).contains(chapter!) { errors["chapter"] = "Oppgi kapittel som tall, f.eks. 291." }
            if post == nil || !(1...99).contains(post!) { errors["post"] = "Oppgi post som tall, f.eks. 60." }
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
            if value("title").count < 3 { errors["title"] = "Oppdraget trenger en tittel." }
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            let deadlines = value("deadline").isEmpty ? [] : [NorwegianText.deadline(value("deadline"), year: year)]
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
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            return .success(.renumbering(Renumbering(from: from!, to: to!)))
        case "deadline":
            let id = NorwegianText.normalizeAssignmentId(value("assignmentId"))
            if id == nil { errors["assignmentId"] = "Oppgi oppdragsnummer, f.eks. 2021-05." }
            if value("deadline").isEmpty { errors["deadline"] = "Oppgi ny frist, f.eks. «1. oktober 2021»." }
            guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
            let label = f["label"].flatMap { $0.isEmpty ? nil : $0 }
            return .success(
                .deadline(DeadlineChange(assignmentId: id!, deadline: NorwegianText.deadline(value("deadline"), label: label, year: year))))
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
