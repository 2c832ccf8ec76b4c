import Foundation

/// Avviksmelding: the directorate's notice to the ministry that a result requirement or an
/// assignment is at risk (the letter's duty to report «vesentlige avvik», Bestemmelser om
/// økonomistyring i staten 2.3.2), and the ministry's answer.
public struct Avviksmelding: Codable, Sendable, Equatable {
    /// What the notice is about: a result requirement of the letter or one of its assignments.
    public enum SubjectKind: String, Codable, Sendable {
        case requirement = "resultatkrav"
        case assignment = "oppdrag"
    }

    /// The ministry's decision on a notice.
    public enum Decision: String, Codable, Sendable, CaseIterable {
        case noted = "tatt_til_orientering"
        case newDeadline = "ny_frist_godkjent"
        case measuresRequired = "tiltak_kreves"

        /// Bokmål label for the UI.
        public var label: String {
            switch self {
            case .noted: "Tatt til orientering"
            case .newDeadline: "Ny frist godkjent"
            case .measuresRequired: "Departementet ber om andre tiltak"
            }
        }
    }

    public var id: String
    public var year: Int
    public var subjectKind: SubjectKind
    /// The requirement's number («SP 3.1», «Mål 2 (1)») or the assignment's id («2021-04»).
    public var subjectRef: String
    public var subjectTitle: String
    /// What is at risk, and why.
    public var risk: String
    /// What the directorate does or proposes.
    public var measures: String
    /// A new deadline the directorate asks for (ISO date), if any.
    public var proposedDate: String?
    public var sentBy: String
    public var sentOn: String
    public var decision: Decision?
    public var answer: String?
    public var answeredBy: String?
    public var answeredOn: String?

    public var isAnswered: Bool { decision != nil }

    public init(
        id: String, year: Int, subjectKind: SubjectKind, subjectRef: String, subjectTitle: String, risk: String, measures: String,
        proposedDate: String?, sentBy: String, sentOn: String, decision: Decision? = nil, answer: String? = nil,
        answeredBy: String? = nil, answeredOn: String? = nil
    ) {
        (self.id, self.year, self.subjectKind, self.subjectRef, self.subjectTitle) = (id, year, subjectKind, subjectRef, subjectTitle)
        (self.risk, self.measures, self.proposedDate, self.sentBy, self.sentOn) = (risk, measures, proposedDate, sentBy, sentOn)
        (self.decision, self.answer, self.answeredBy, self.answeredOn) = (decision, answer, answeredBy, answeredOn)
    }
}

/// A result requirement or an assignment of the year that a notice can be about.
public struct AvviksmeldingSubject: Codable, Sendable, Equatable {
    public var kind: Avviksmelding.SubjectKind
    public var ref: String
    public var title: String

    /// The value a form sends: «oppdrag:2021-04», «resultatkrav:SP 3.1».
    public var value: String { "\(kind.rawValue):\(ref)" }
}

/// The rules of a deviation notice: what it can be about, what it must say, and how it is answered.
public enum AvviksmeldingRules {
    /// The year's steering parameters and their result requirements (as the results table numbers
    /// them, «SP 2.2 (3)»), then its assignments (its own and those carried over), in the letter's order.
    public static func subjects(_ letter: SteeringDocument) -> [AvviksmeldingSubject] {
        let requirements = RequirementSpec.from(goals: letter.goals)
        var out: [AvviksmeldingSubject] = []
        for g in letter.goals {
            for sp in g.steeringParameters {
                let ref = sp.number.hasPrefix("SP") ? sp.number : "SP \(sp.number)"
                out.append(AvviksmeldingSubject(kind: .requirement, ref: ref, title: sp.title))
                for r in requirements where r.id != ref && (r.id.hasPrefix(ref + " ")) {
                    out.append(AvviksmeldingSubject(kind: .requirement, ref: r.id, title: r.text))
                }
            }
        }
        return out
            + letter.assignments.map { AvviksmeldingSubject(kind: .assignment, ref: $0.id, title: $0.title) }
            + letter.carriedOverAssignments.map { AvviksmeldingSubject(kind: .assignment, ref: $0.id, title: $0.title) }
    }

    /// A new notice from the form's fields, or the field errors (bokmål, by field name).
    public static func notice(
        id: String, year: Int, subject: String?, risk: String?, measures: String?, proposedDate: String?,
        subjects: [AvviksmeldingSubject], sentBy: String, today: CivilDate
    ) -> Result<Avviksmelding, FieldErrors> {
        var errors: [String: String] = [:]
        let chosen = subjects.first { $0.value == subject }
        if chosen == nil { errors["subject"] = "Velg et resultatkrav eller oppdrag fra brevet for \(year)." }
        let risk = trimmed(risk)
        if risk.isEmpty { errors["risk"] = "Beskriv hva som er i fare, og hvorfor." }
        let measures = trimmed(measures)
        if measures.isEmpty { errors["measures"] = "Beskriv hva direktoratet gjør eller foreslår." }
        for (field, text) in [("risk", risk), ("measures", measures)] where text.count > maxLength {
            errors[field] = "Teksten er for lang (over \(maxLength) tegn)."
        }
        let date = trimmed(proposedDate)
        if !date.isEmpty {
            if let d = CivilDate(iso: date) {
                if d < today { errors["proposedDate"] = "Ny frist kan ikke ligge før i dag (\(NorwegianText.shortDate(today.iso)))." }
            } else {
                errors["proposedDate"] = "Ny frist må være en dato (ÅÅÅÅ-MM-DD), for eksempel \(today.year)-12-31."
            }
        }
        guard errors.isEmpty, let chosen else { return .failure(FieldErrors(errors)) }
        return .success(
            Avviksmelding(
                id: id, year: year, subjectKind: chosen.kind, subjectRef: chosen.ref, subjectTitle: chosen.title, risk: risk,
                measures: measures, proposedDate: date.isEmpty ? nil : date, sentBy: sentBy, sentOn: today.iso))
    }

    /// The notice with the ministry's answer, or the field errors. A notice is answered once; a
    /// new deadline can be approved only when one was asked for.
    public static func answer(
        _ notice: Avviksmelding, decision: String?, text: String?, by: String, today: CivilDate
    ) -> Result<Avviksmelding, FieldErrors> {
        var errors: [String: String] = [:]
        if notice.isAnswered { errors["decision"] = "Meldingen er allerede besvart." }
        let chosen = Avviksmelding.Decision(rawValue: decision ?? "")
        if chosen == nil { errors["decision"] = errors["decision"] ?? "Velg departementets beslutning." }
        if chosen == .newDeadline && notice.proposedDate == nil {
            errors["decision"] = "Direktoratet har ikke bedt om ny frist; velg en annen beslutning."
        }
        let text = trimmed(text)
        if text.isEmpty { errors["answer"] = "Skriv departementets svar." }
        if text.count > maxLength { errors["answer"] = "Teksten er for lang (over \(maxLength) tegn)." }
        guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
        var out = notice
        (out.decision, out.answer, out.answeredBy, out.answeredOn) = (chosen, text, by, today.iso)
        return .success(out)
    }

    static let maxLength = 4000

    static func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}
