import Fluent
import Foundation
import SQLKit
import StyrCore

/// Reads and writes the monthly status reports (one row per assignment, year and month).
enum MonthlyStore {
    /// A row of `monthly_status`.
    struct Row: StoredRow {
        static let table = "monthly_status"
        var id = UUID()
        var year: Int
        var assignmentId: String
        var month: Int
        var purpose: String
        var progress: StatusLight
        var cost: StatusLight
        var quality: StatusLight
        var deviations: String
        var risk: String
        var author: String

        init(_ s: MonthlyStatus, author: String) {
            (year, assignmentId, month, purpose) = (s.year, s.assignmentId, s.month, s.purpose)
            (progress, cost, quality, deviations, risk) = (s.progress, s.cost, s.quality, s.deviations, s.risk)
            self.author = author
        }

        var status: MonthlyStatus {
            MonthlyStatus(
                assignmentId: assignmentId, year: year, month: month, purpose: purpose, progress: progress, cost: cost,
                quality: quality, deviations: deviations, risk: risk, author: author)
        }
    }

    /// The year's reports, by assignment and month.
    static func reports(year: Int, on db: any Database) async throws -> [MonthlyStatus] {
        try await db.sql().select(Row.self).where("year", .equal, year).orderBy("assignment_id").orderBy("month").rows(Row.self)
            .map(\.status)
    }

    /// Validates and stores a month's report (replacing an earlier one for the same month), audited.
    static func store(_ s: MonthlyStatus, actor: String, on db: any Database) async throws {
        if let problems = MonthlyRules.validate(s) { throw UserError(fields: problems) }
        try await db.transaction { db in
            let sql = try db.sql()
            try await sql.delete(from: Row.table).where("year", .equal, s.year).where("assignment_id", .equal, s.assignmentId)
                .where("month", .equal, s.month).run()
            try await sql.insert([Row(s, author: actor)])
            try await AuditEntryModel(
                actor: actor, action: "månedsstatus", entity: "oppdrag \(s.year)", entityId: "\(s.assignmentId) \(s.month)",
                after: "fremdrift \(s.progress.label), kostnad \(s.cost.label), kvalitet \(s.quality.label)"
            ).create(on: db)
        }
    }
}
