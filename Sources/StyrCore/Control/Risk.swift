/// A risk in the risk register (ROS): what may stop a goal, how likely and how bad, and the measures.
public struct Risk: Codable, Sendable, Equatable {
    public var id: String
    public var year: Int
    /// The goal or steering parameter it threatens ("Mål 3", "SP 3.1").
    public var goalRef: String
    public var title: String
    /// Sannsynlighet 1 (svært lav) … 5 (svært høy).
    public var likelihood: Int
    /// Konsekvens 1 (ubetydelig) … 5 (svært alvorlig).
    public var consequence: Int
    public var measures: String
    public var owner: String
    public var closed: Bool

    public init(
        id: String, year: Int, goalRef: String, title: String, likelihood: Int, consequence: Int, measures: String = "", owner: String = "",
        closed: Bool = false
    ) {
        self.id = id
        self.year = year
        self.goalRef = goalRef
        self.title = title
        self.likelihood = likelihood
        self.consequence = consequence
        self.measures = measures
        self.owner = owner
        self.closed = closed
    }

    public var score: Int { likelihood * consequence }
    public var level: RiskLevel { RiskLevel(score: score) }
}

/// Low (score ≤ 4, green), medium (5–9, yellow), high (≥ 10, red): high risks need measures.
public enum RiskLevel: String, Codable, Sendable, CaseIterable {
    case low, medium, high

    public init(score: Int) { self = score >= 10 ? .high : score >= 5 ? .medium : .low }

    public var label: String {
        switch self {
        case .low: "Lav"
        case .medium: "Middels"
        case .high: "Høy"
        }
    }
}

/// Something to follow up in internal control: a remark from the National Audit Office, an
/// internal-control finding, or another deviation, with its action and deadline.
public struct ControlItem: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case riksrevisjonen, internkontroll

        public var label: String { self == .riksrevisjonen ? "Riksrevisjonens merknad" : "Internkontroll" }
    }
    public var id: String
    public var year: Int
    public var kind: Kind
    public var title: String
    public var action: String
    /// ISO deadline for the action.
    public var due: String?
    /// ISO date closed.
    public var closed: String?

    public init(id: String, year: Int, kind: Kind, title: String, action: String, due: String? = nil, closed: String? = nil) {
        self.id = id
        self.year = year
        self.kind = kind
        self.title = title
        self.action = action
        self.due = due
        self.closed = closed
    }
}

public enum RiskRules {
    /// Checks a risk as entered; field → message for each problem. `goals` are the valid goal refs.
    public static func validate(_ r: Risk, goals: Set<String>) -> FieldErrors? {
        var f: [String: String] = [:]
        if r.title.trimmingCharacters(in: .whitespaces).isEmpty || r.title.count > 300 {
            f["title"] = "Risikoen må ha en beskrivelse (høyst 300 tegn)."
        }
        if !(1...5).contains(r.likelihood) { f["likelihood"] = "Sannsynlighet må være 1–5." }
        if !(1...5).contains(r.consequence) { f["consequence"] = "Konsekvens må være 1–5." }
        if !goals.isEmpty && !goals.contains(r.goalRef) {
            f["goalRef"] = "«\(r.goalRef.prefix(40))» er ikke et mål eller en styringsparameter i året."
        }
        if r.level == .high && r.measures.trimmingCharacters(in: .whitespaces).isEmpty && !r.closed {
            f["measures"] = "Høy risiko krever risikoreduserende tiltak (tildelingsbrevet kap. 5)."
        }
        return f.isEmpty ? nil : FieldErrors(f)
    }

    /// Open follow-ups past their deadline at `date`.
    public static func overdue(_ items: [ControlItem], at date: CivilDate) -> [ControlItem] {
        items.filter { i in i.closed == nil && (i.due.flatMap(CivilDate.init(iso:)).map { $0 < date } ?? false) }
    }

    /// The goal refs of a letter: "Mål 1" … and "SP 1.1" …
    public static func goalRefs(_ letter: SteeringDocument) -> [String] {
        letter.goals.flatMap { g in ["Mål \(g.number)"] + g.steeringParameters.map { "SP \($0.number)" } }
    }
}
