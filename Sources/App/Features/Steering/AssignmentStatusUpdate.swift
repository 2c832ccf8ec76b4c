import StyrCore
import Vapor

extension Request {
    /// The assignment addressed by `:id` in the year; an old number follows its renumbering.
    func assignmentID(in y: AmendedYear) throws -> String {
        let requested = AssignmentSlug.decode(parameters.get("id") ?? "")
        let id = y.aliases[requested] ?? requested
        guard y.letter.assignments.contains(where: { $0.id == id }) || y.letter.carriedOverAssignments.contains(where: { $0.id == id })
        else {
            throw UserError(.notFound, "Fant ikke oppdrag \(requested) i \(y.year).")
        }
        return id
    }
}

/// A status update from the directorate, shared by the page and the API.
enum AssignmentStatusUpdate {
    /// The four fields of a status update, as the form and the API send them.
    struct Input: Content {
        var status: String
        var note: String?
        var date: String?
        var evidence: String?

        /// The values to show again in the form after a refused update.
        var formValues: [String: String] {
            ["status": status, "note": note ?? "", "date": date ?? "", "evidence": evidence ?? ""]
        }
    }

    /// Validates and stores the note (dated today when no date is given), or returns the field errors.
    static func apply(_ req: Request, year: Int, id: String, input: Input) async throws -> Result<StatusNote, FieldErrors> {
        let date = (input.date ?? "").isEmpty ? req.today.iso : input.date!
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let evidence = (input.evidence ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = StatusRules.validate(status: input.status, note: note, date: date, evidence: evidence)
        guard errors.isEmpty, let value = AssignmentStatus(rawValue: input.status) else { return .failure(FieldErrors(errors)) }
        let stored = StatusNote(
            assignmentId: id, status: value, note: note, date: date, author: req.actor, evidence: evidence.isEmpty ? nil : evidence)
        try await SteeringStore.addStatusNote(year: year, note: stored, on: req.db)
        return .success(stored)
    }
}
