import Fluent
import Foundation
import SQLKit
import StyrCore

/// Reads and writes the steering meetings (etatsstyringsmøter). Each step is one optimistic update
/// (the version read must still be there) audited in the same transaction: of two people saving at
/// once, the second is told to reload instead of overwriting the first.
enum SteeringMeetingStore {
    /// A row of `steering_meetings`: the meeting as JSON, with its year, date and version.
    struct Row: StoredRow {
        static let table = "steering_meetings"
        var id: String
        var year: Int
        var date: String
        var version: Int
        var body: String

        var meeting: Etatsstyringsmote? { try? JSONDecoder().decode(Etatsstyringsmote.self, from: Data(body.utf8)) }
    }

    /// The year's meetings by date, each with the version it was read at.
    static func meetings(year: Int, on db: any Database) async throws -> [(meeting: Etatsstyringsmote, version: Int)] {
        try await db.sql().select(Row.self).where("year", .equal, year).orderBy("date").orderBy("id").rows(Row.self)
            .compactMap { r in r.meeting.map { ($0, r.version) } }
    }

    static func meeting(_ id: String, year: Int, on db: any Database) async throws -> (meeting: Etatsstyringsmote, version: Int)? {
        try await db.sql().select(Row.self).where("year", .equal, year).where("id", .equal, id).rows(Row.self).first
            .flatMap { r in r.meeting.map { ($0, r.version) } }
    }

    static func body(_ m: Etatsstyringsmote) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(m), as: UTF8.self)
    }

    static func create(_ m: Etatsstyringsmote, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            try await db.sql().insert([Row(id: m.id, year: m.year, date: m.date, version: 1, body: try body(m))])
            try await AuditEntryModel(
                actor: actor, action: "etatsstyringsmøte planlagt", entity: "etatsstyringsmøte \(m.year)", entityId: m.id,
                after: "\(m.date) \(m.title)"
            ).create(on: db)
        }
    }

    /// Saves `m` over the version it was read at, with `action` in the audit log.
    static func update(_ m: Etatsstyringsmote, readAt version: Int, action: String, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            let changed = try await db.sql().update(Row.table).set("body", to: try body(m)).set("version", to: version + 1)
                .where("id", .equal, m.id).where("version", .equal, version).returning("id").all()
            guard !changed.isEmpty else {
                throw UserError(.conflict, "Møtet er endret av en annen i mellomtiden; last siden på nytt.", field: "version")
            }
            try await AuditEntryModel(
                actor: actor, action: "etatsstyringsmøte: \(action)", entity: "etatsstyringsmøte \(m.year)", entityId: m.id,
                after: m.stage
            ).create(on: db)
        }
    }
}
