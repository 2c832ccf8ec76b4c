import Fluent
import Foundation
import StyrCore

/// A dated status note on an assignment, written by the directorate.
final class StatusNoteModel: Model, @unchecked Sendable {
    static let schema = "status_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "assignment_id") var assignmentId: String
    @Field(key: "status") var status: String
    @Field(key: "note") var note: String
    @Field(key: "date") var date: String
    @Field(key: "author") var author: String
    @OptionalField(key: "evidence") var evidence: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(year: Int, note: StatusNote) {
        self.year = year
        self.assignmentId = note.assignmentId
        self.status = note.status.rawValue
        self.note = note.note
        self.date = note.date
        self.author = note.author
        self.evidence = note.evidence
    }

    var domain: StatusNote {
        StatusNote(
            assignmentId: assignmentId, status: AssignmentStatus(rawValue: status) ?? .ikkeStartet, note: note, date: date, author: author,
            evidence: evidence)
    }
}
