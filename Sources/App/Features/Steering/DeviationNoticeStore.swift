import Fluent
import Foundation
import SQLKit
import StyrCore

/// Reads and writes deviation notices (avviksmeldinger); every write is audited in the same transaction.
enum DeviationNoticeStore {
    /// A row of `deviation_notices`: the notice as the core holds it.
    struct Row: StoredRow {
        static let table = "deviation_notices"
        var id: String
        var year: Int
        var subjectKind: Avviksmelding.SubjectKind
        var subjectRef: String
        var subjectTitle: String
        var risk: String
        var measures: String
        var proposedDate: String?
        var sentBy: String
        var sentOn: String
        var decision: Avviksmelding.Decision?
        var answer: String?
        var answeredBy: String?
        var answeredOn: String?

        init(_ n: Avviksmelding) {
            (id, year, subjectKind, subjectRef, subjectTitle) = (n.id, n.year, n.subjectKind, n.subjectRef, n.subjectTitle)
            (risk, measures, proposedDate, sentBy, sentOn) = (n.risk, n.measures, n.proposedDate, n.sentBy, n.sentOn)
            (decision, answer, answeredBy, answeredOn) = (n.decision, n.answer, n.answeredBy, n.answeredOn)
        }

        var notice: Avviksmelding {
            Avviksmelding(
                id: id, year: year, subjectKind: subjectKind, subjectRef: subjectRef, subjectTitle: subjectTitle, risk: risk,
                measures: measures, proposedDate: proposedDate, sentBy: sentBy, sentOn: sentOn, decision: decision, answer: answer,
                answeredBy: answeredBy, answeredOn: answeredOn)
        }
    }

    /// The year's notices, newest first.
    static func notices(year: Int, on db: any Database) async throws -> [Avviksmelding] {
        try await db.sql().select(Row.self).where("year", .equal, year).orderBy("sent_on", .descending).orderBy("id")
            .rows(Row.self).map(\.notice)
    }

    static func notice(_ id: String, year: Int, on db: any Database) async throws -> Avviksmelding? {
        try await db.sql().select(Row.self).where("year", .equal, year).where("id", .equal, id).rows(Row.self).first?.notice
    }

    static func send(_ n: Avviksmelding, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            try await db.sql().insert([Row(n)])
            try await AuditEntryModel(
                actor: actor, action: "avviksmelding sendt", entity: "avviksmelding \(n.year)", entityId: n.id,
                after: "\(n.subjectKind.rawValue) \(n.subjectRef)"
            ).create(on: db)
        }
    }

    /// Stores the answer only if the notice is still unanswered (two ministry users answering at
    /// once: the second is told it is answered), audited.
    static func answer(_ n: Avviksmelding, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            // One statement that only changes an unanswered notice: of two answers at once, one wins.
            let changed = try await db.sql().update(Row.table).set("decision", to: n.decision?.rawValue).set("answer", to: n.answer)
                .set("answered_by", to: n.answeredBy).set("answered_on", to: n.answeredOn).where("id", .equal, n.id)
                .where("decision", .is, SQLLiteral.null).returning("id").all()
            guard !changed.isEmpty else { throw UserError(.conflict, "Meldingen er allerede besvart.", field: "decision") }
            try await AuditEntryModel(
                actor: actor, action: "avviksmelding besvart", entity: "avviksmelding \(n.year)", entityId: n.id,
                after: n.decision?.label
            ).create(on: db)
        }
    }
}
