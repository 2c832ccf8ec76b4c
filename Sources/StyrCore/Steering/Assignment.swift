/// Oppdrag: a numbered assignment from the ministry to the agency.
public struct Assignment: Codable, Sendable, Equatable {
    /// Normalised id as written by the ministry ("2021-05", "2020-016", "08/2019").
    public var id: String
    /// The id exactly as printed in the source.
    public var printedId: String?
    public var title: String
    public var background: String?
    public var description: String?
    /// Goal / steering parameter the assignment sits under, e.g. "Mål 1" or "SP 2.1".
    public var goalRef: String?
    public var parts: [AssignmentPart]
    public var deadlines: [Deadline]
    public var financing: [Financing]
    /// The unit the letter names as responsible («Ansvarlig avdeling: …»), as written.
    public var responsible: String?
    /// Line in the source text where the assignment starts.
    public var line: Int?

    /// Deadlines that apply to one part (or to the whole assignment when `part` is nil).
    public func deadlines(forPart part: String?) -> [Deadline] {
        guard let part else { return deadlines.filter { $0.parts.isEmpty } }
        return deadlines.filter { $0.parts.contains(part) }
    }

    public init(
        id: String, printedId: String? = nil, title: String, background: String? = nil,
        description: String? = nil, goalRef: String? = nil, parts: [AssignmentPart] = [],
        deadlines: [Deadline] = [], financing: [Financing] = [], responsible: String? = nil, line: Int? = nil
    ) {
        self.id = id
        self.printedId = printedId
        self.title = title
        self.background = background
        self.description = description
        self.goalRef = goalRef
        self.parts = parts
        self.deadlines = deadlines
        self.financing = financing
        self.responsible = responsible
        self.line = line
    }
}

/// Del: one part of an assignment. Its deadlines are the assignment's deadlines naming it.
public struct AssignmentPart: Codable, Sendable, Equatable {
    /// "1", "2", "a" …
    public var number: String
    public var title: String?
    public var text: String

    public init(number: String, title: String? = nil, text: String) {
        self.number = number
        self.title = title
        self.text = text
    }
}

/// What kind of deadline a frist is.
public enum DeadlineKind: String, Codable, Sendable {
    /// A calendar date.
    case date
    /// A month ("Desember 2021"); `date` holds the month's last day.
    case month
    /// A recurring report ("hvert kvartal", "månedlig").
    case recurring
    /// Continuous ("Løpende").
    case continuous
    /// Only text ("Når forslag … oversendes").
    case text

    /// Bokmål label for the UI.
    public var label: String {
        switch self {
        case .date: "dato"
        case .month: "måned"
        case .recurring: "gjentakende"
        case .continuous: "løpende"
        case .text: "se tekst"
        }
    }
}

/// Frist: a deadline, keeping the original text always.
public struct Deadline: Codable, Sendable, Equatable {
    /// ISO date when the text gives a date (or a month's last day), else nil.
    public var date: String?
    /// The original text.
    public var text: String
    public var kind: DeadlineKind
    /// What is due, e.g. "plan", "mandat", "halvveisrapportering".
    public var label: String?
    /// The parts this deadline applies to ("1", "2"), empty for the whole assignment.
    public var parts: [String]
    /// For recurring deadlines: a `Recurrence` raw value ("monthly", "quarterly", "tertial", "yearly").
    public var frequency: String?

    public init(
        date: String?, text: String, kind: DeadlineKind, label: String? = nil,
        parts: [String] = [], frequency: String? = nil
    ) {
        self.date = date
        self.text = text
        self.kind = kind
        self.label = label
        self.parts = parts
        self.frequency = frequency
    }
}

/// Finansiering: a reference from an assignment to a budget post.
public struct Financing: Codable, Sendable, Equatable {
    public var chapter: Int?
    public var post: Int?
    public var amountNOK: Int?
    public var text: String
    public init(chapter: Int?, post: Int?, amountNOK: Int?, text: String) {
        self.chapter = chapter
        self.post = post
        self.amountNOK = amountNOK
        self.text = text
    }
}

/// An assignment from an earlier year listed as carried over (videreføres).
public struct CarriedOverAssignment: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// The document that originally gave it, e.g. "tillegg nr. 4 til tildelingsbrev 2020".
    public var source: String?
    public var parts: [AssignmentPart]
    public var deadlines: [Deadline]
    public var line: Int?
    public init(
        id: String, title: String, source: String? = nil, parts: [AssignmentPart] = [],
        deadlines: [Deadline] = [], line: Int? = nil
    ) {
        self.line = line
        self.id = id
        self.title = title
        self.source = source
        self.parts = parts
        self.deadlines = deadlines
    }
}

/// A renumbering of an assignment announced by a document.
public struct Renumbering: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// A change of deadline for an assignment made by a supplement.
public struct DeadlineChange: Codable, Sendable, Equatable {
    public var assignmentId: String
    public var deadline: Deadline
    public init(assignmentId: String, deadline: Deadline) {
        self.assignmentId = assignmentId
        self.deadline = deadline
    }
}
