import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Keeps the parsed registers in memory. Each register is read again only when a newer extract
/// of it is stored (by this or another server process). Concurrent callers share one check and
/// load, and every caller gets the registers that check produced, never the state from before it.
actor QualificationCache {
    /// The registers and the extract versions they were read from, always replaced together.
    struct Snapshot: Sendable {
        var registers = QualificationRegisters()
        var versions: [String: String] = [:]
        /// The indicator values computed from these registers.
        var memo = QualificationMemo(registers: QualificationRegisters())

        /// Equal stamps, equal registers (what results computed from them may be kept under).
        var stamp: String { versions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";") }
    }

    private var current = Snapshot()
    private var refreshing: Task<Snapshot, any Error>?

    /// The registers with a stamp of the extracts they were read from.
    func snapshot(_ app: Application, on db: any Database) async throws -> (registers: QualificationRegisters, stamp: String) {
        let s = try await refreshed(app, on: db)
        return (s.registers, s.stamp)
    }

    func registers(_ app: Application, on db: any Database) async throws -> QualificationRegisters {
        try await refreshed(app, on: db).registers
    }

    /// The registers with their indicator values, computed once per year and snapshot.
    func memo(_ app: Application, on db: any Database) async throws -> QualificationMemo {
        try await refreshed(app, on: db).memo
    }

    /// The check (and the load, when an extract is newer) runs once for everyone who asks while it
    /// runs: the task is set before the first suspension, so no second caller starts its own.
    private func refreshed(_ app: Application, on db: any Database) async throws -> Snapshot {
        if let refreshing { return try await refreshing.value }
        let base = current
        let geography = app.geography
        let task = Task { try await Self.refresh(base, geography: geography, on: db) }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        current = fresh
        return fresh
    }

    struct Version: Decodable {
        let kind: String
        let rows: Int
        let loadedAt: Date

        /// The JSON and column names stay snake_case (the command contract).
        enum CodingKeys: String, CodingKey {
            case kind
            case rows
            case loadedAt = "loaded_at"
        }
    }

    private static func refresh(_ base: Snapshot, geography: Geography, on db: any Database) async throws -> Snapshot {
        var versions: [String: String] = [:]
        for v in try await db.sql().select().columns("kind", "rows", "loaded_at").from("register_extracts").all(decoding: Version.self) {
            versions[v.kind] = "\(v.rows)/\(v.loadedAt.timeIntervalSince1970)"
        }
        let interpreters = try await RegisterLoadModel.query(on: db).filter(\.$register == "tolkeregister").sort(\.$loadedAt, .descending)
            .first()
        versions["tolkeregister"] = interpreters?.id?.uuidString ?? "-"
        let changed = ExtractKind.allCases.filter { base.versions[$0.rawValue] != versions[$0.rawValue] }
        let interpretersChanged = base.versions["tolkeregister"] != versions["tolkeregister"]
        if changed.isEmpty && !interpretersChanged { return base }
        var fresh = try await QualificationStore.load(changed, into: base.registers, geography: geography, on: db)
        if interpretersChanged { fresh.interpreters = try await InterpretersStore.entries(on: db) }
        return Snapshot(registers: fresh, versions: versions, memo: QualificationMemo(registers: fresh))
    }
}

struct QualificationCacheKey: StorageKey {
    typealias Value = QualificationCache
}

extension Application {
    var qualificationCache: QualificationCache { shared(QualificationCacheKey.self) { QualificationCache() } }

    /// The application's one instance for `key`, made on first use.
    func shared<Key: StorageKey>(_ key: Key.Type, make: () -> Key.Value) -> Key.Value where Key.Value: Sendable {
        if let c = storage[key] { return c }
        let c = make()
        storage[key] = c
        return c
    }
}
