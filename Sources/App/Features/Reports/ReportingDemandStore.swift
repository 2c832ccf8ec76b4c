import Fluent
import Foundation
import SQLKit
import StyrCore

/// The owners of the year's reporting demands; every change audited in the same transaction.
enum ReportingDemandStore {
    struct Row: StoredRow {
        static let table = "reporting_owners"
        var year: Int
        var demandKey: String
        var owner: String
        var setBy: String
        var setOn: String
    }

    /// Demand key → owner.
    static func owners(year: Int, on db: any Database) async throws -> [String: Row] {
        let rows = try await db.sql().select(Row.self).where("year", .equal, year).rows(Row.self)
        return Dictionary(rows.map { ($0.demandKey, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Sets (or with an empty name clears) the owner of one demand.
    static func setOwner(year: Int, key: String, owner: String, actor: String, today: CivilDate, on db: any Database) async throws {
        try await db.transaction { db in
            try await db.sql().delete(from: Row.table).where("year", .equal, year).where("demand_key", .equal, key).run()
            if !owner.isEmpty {
                try await db.sql().insert([Row(year: year, demandKey: key, owner: owner, setBy: actor, setOn: today.iso)])
            }
            try await AuditEntryModel(
                actor: actor, action: "rapporteringskrav: ansvarlig", entity: "rapporteringskrav \(year)", entityId: key,
                after: owner.isEmpty ? "(ingen)" : owner
            ).create(on: db)
        }
    }
}
