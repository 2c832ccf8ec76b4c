/// The kinds of steering document exchanged between ministry and agency.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    /// Standing instruction for financial and business management.
    case instruks
    /// Tildelingsbrev: the yearly allocation letter.
    case tildelingsbrev
    /// Tillegg: a numbered supplement to a year's allocation letter.
    case tillegg
    /// Referat: minutes of a steering meeting.
    case referat

    /// Bokmål label for the UI.
    public var label: String {
        switch self {
        case .instruks: "Instruks"
        case .tildelingsbrev: "Tildelingsbrev"
        case .tillegg: "Tillegg"
        case .referat: "Referat"
        }
    }
}

/// A person who signed a document.
public struct Signatory: Codable, Sendable, Equatable {
    public var name: String
    public var title: String?
    public init(name: String, title: String? = nil) {
        self.name = name
        self.title = title
    }

    /// "Name, title" for display.
    public var display: String { title.map { "\(name), \($0)" } ?? name }
}

/// One steering document in the shape of the importer's JSON contract.
///
/// A tildelingsbrev carries goals, assignments and budget; a tillegg carries
/// new assignments, renumberings, budget changes and deadline changes that
/// amend the year's letter.
public struct SteeringDocument: Codable, Sendable, Equatable {
    public var kind: DocumentKind
    public var year: Int?
    /// ISO date (yyyy-MM-dd) or nil when the document carries none.
    public var date: String?
    /// Supplement number (tillegg nr. N); nil for other kinds.
    public var number: Int?
    public var title: String
    public var issuer: String?
    public var recipient: String?
    public var signatories: [Signatory]
    public var copyTo: [String]
    public var sections: [Section]
    public var goals: [Goal]
    public var assignments: [Assignment]
    public var carriedOverAssignments: [CarriedOverAssignment]
    public var referencedAssignments: [CarriedOverAssignment]
    public var renumberings: [Renumbering]
    public var budget: [BudgetChapter]
    public var budgetChanges: [BudgetChange]
    public var deadlineChanges: [DeadlineChange]
    public var authorizations: [Authorization]
    public var reporting: [ReportingRequirement]
    public var meetings: [Meeting]
    /// Earlier assignments a supplement closes («Oppdrag 2023-02 utgår»); nil in older exports.
    public var closedAssignments: [ClosedAssignment]?
    /// The letter's appendices (vedlegg), with the tables a statistics appendix lists; nil in older exports.
    public var appendices: [Appendix]?
    /// Reporting duties with a deadline given in the letter's prose (the grant report due 1 June);
    /// nil in older exports.
    public var duties: [ReportingDuty]?

    public init(
        kind: DocumentKind, year: Int? = nil, date: String? = nil, number: Int? = nil,
        title: String = "", issuer: String? = nil, recipient: String? = nil,
        signatories: [Signatory] = [], copyTo: [String] = [], sections: [Section] = [],
        goals: [Goal] = [], assignments: [Assignment] = [],
        carriedOverAssignments: [CarriedOverAssignment] = [],
        referencedAssignments: [CarriedOverAssignment] = [],
        renumberings: [Renumbering] = [], budget: [BudgetChapter] = [],
        budgetChanges: [BudgetChange] = [], deadlineChanges: [DeadlineChange] = [],
        authorizations: [Authorization] = [], reporting: [ReportingRequirement] = [],
        meetings: [Meeting] = []
    ) {
        self.kind = kind
        self.year = year
        self.date = date
        self.number = number
        self.title = title
        self.issuer = issuer
        self.recipient = recipient
        self.signatories = signatories
        self.copyTo = copyTo
        self.sections = sections
        self.goals = goals
        self.assignments = assignments
        self.carriedOverAssignments = carriedOverAssignments
        self.referencedAssignments = referencedAssignments
        self.renumberings = renumberings
        self.budget = budget
        self.budgetChanges = budgetChanges
        self.deadlineChanges = deadlineChanges
        self.authorizations = authorizations
        self.reporting = reporting
        self.meetings = meetings
    }

    /// A short human name, e.g. "Tillegg nr. 4 til tildelingsbrev 2020".
    public var displayName: String {
        switch kind {
        case .tillegg:
            let nr = number.map { " nr. \($0)" } ?? ""
            let yr = year.map { " \($0)" } ?? ""
            return "Tillegg\(nr) til tildelingsbrev\(yr)"
        case .tildelingsbrev:
            return "Tildelingsbrev" + (year.map { " \($0)" } ?? "")
        case .instruks, .referat:
            return title.isEmpty ? kind.label : title
        }
    }
}

/// An earlier assignment that a document closes («utgår», «avsluttes», «bortfaller»), with the sentence.
public struct ClosedAssignment: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public init(id: String, text: String) {
        self.id = id
        self.text = text
    }
}

/// An appendix (vedlegg) a letter lists: «Vedlegg nr. 2 Statistikkrapportering», with the tables
/// («Tabell 1A …») when the letter lists them.
public struct Appendix: Codable, Sendable, Equatable {
    public var number: String?
    public var title: String
    public var tables: [String]
    public init(number: String?, title: String, tables: [String] = []) {
        self.number = number
        self.title = title
        self.tables = tables
    }
}

/// A numbered section heading of a document, with its line in the source text.
public struct Section: Codable, Sendable, Equatable {
    public var number: String?
    public var title: String
    public var line: Int
    public init(number: String?, title: String, line: Int) {
        self.number = number
        self.title = title
        self.line = line
    }

    /// «4.1.3 Tilskuddsforvaltning»: how a comment, a duty or a page names the section.
    public var label: String { [number, title].compactMap { $0 }.joined(separator: " ") }
}
