/// The directorate's status for an assignment.
public enum AssignmentStatus: String, Codable, Sendable, CaseIterable {
    case ikkeStartet = "ikke_startet"
    case pagar = "pågår"
    case levert
    case forsinket

    public var label: String {
        switch self {
        case .ikkeStartet: "Ikke startet"
        case .pagar: "Pågår"
        case .levert: "Levert"
        case .forsinket: "Forsinket"
        }
    }
}

/// A dated status note from the directorate on an assignment.
public struct StatusNote: Codable, Sendable, Equatable {
    public var assignmentId: String
    public var status: AssignmentStatus
    public var note: String
    /// ISO date the note applies from.
    public var date: String
    public var author: String
    /// What shows the delivery: the delivered document or report section, dated (required for "levert").
    public var evidence: String?
    /// The evidence when it is a path in Styr (a document or a submitted report), to link to.
    public var evidenceLink: String? { evidence.flatMap { $0.hasPrefix("/") && !$0.contains(" ") ? $0 : nil } }
    public init(assignmentId: String, status: AssignmentStatus, note: String, date: String, author: String, evidence: String? = nil) {
        self.assignmentId = assignmentId
        self.status = status
        self.note = note
        self.date = date
        self.author = author
        self.evidence = evidence
    }
}

/// Rules for an assignment's current status.
public enum StatusRules {
    /// The latest note's status; an assignment not delivered whose next dated deadline has
    /// passed is late ("forsinket") whatever the note says.
    public static func effectiveStatus(notes: [StatusNote], deadlines: [Deadline], today: CivilDate) -> AssignmentStatus {
        let latest = notes.max { ($0.date, $0.status.rawValue) < ($1.date, $1.status.rawValue) }?.status ?? .ikkeStartet
        if latest == .levert { return .levert }
        let passed = deadlines.contains { d in
            guard let iso = d.date, let due = CivilDate(iso: iso), d.kind == .date || d.kind == .month else { return false }
            return due < today
        }
        let allPassed =
            !deadlines.compactMap(\.date).isEmpty
            && deadlines.allSatisfy { d in
                guard let iso = d.date, let due = CivilDate(iso: iso) else { return true }
                return due < today
            }
        if allPassed || (passed && latest == .forsinket) { return .forsinket }
        return latest
    }

    /// Validates a status update before it is stored.
    /// An assignment is closed by evidence, not by a flag: "levert" needs the delivered document
    /// or report section (a Styr link such as /dokumenter/… or /rapporter/versjon/…, or a
    /// reference with its date).
    public static func validate(status: String, note: String, date: String, evidence: String = "") -> [String: String] {
        var errors: [String: String] = [:]
        if AssignmentStatus(rawValue: status) == nil { errors["status"] = "Velg en gyldig status." }
        if status == AssignmentStatus.levert.rawValue && evidence.trimmingCharacters(in: .whitespacesAndNewlines).count < 5 {
            errors["evidence"] = "Levert krever dokumentasjon: lenke til eller navn på det leverte dokumentet eller rapportdelen, med dato."
        }
        if evidence.count > 1000 { errors["evidence"] = "Dokumentasjonen kan være høyst 1000 tegn." }
        if note.count > 4000 { errors["note"] = "Merknaden kan være høyst 4000 tegn." }
        if CivilDate(iso: date) == nil { errors["date"] = "Datoen må være på formen ÅÅÅÅ-MM-DD." }
        return errors
    }
}
