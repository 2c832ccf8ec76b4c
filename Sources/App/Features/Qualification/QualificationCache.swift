import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Keeps the parsed registers in memory. Each register is read again only when a newer extract
/// of it is stored (by this or another server process); a load in progress is shared.
actor QualificationCache {
    private var registers = QualificationRegisters()
    private var versions: [String: String] = [:]
    private var loading: Task<QualificationRegisters, any Error>?

    /// The registers with a stamp of the extracts they were read from: equal stamps, equal registers
    /// (what results computed from them may be kept under).
    func snapshot(_ app: Application, on db: any Database) async throws -> (registers: QualificationRegisters, stamp: String) {
        _ = try await registers(app, on: db)
        // Read together, with no suspension between: the registers and the versions they came from.
        return (registers, versions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";"))
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

    func registers(_ app: Application, on db: any Database) async throws -> QualificationRegisters {
        if let loading { return try await loading.value }
        var current: [String: String] = [:]
        for v in try await db.sql().select().columns("kind", "rows", "loaded_at").from("register_extracts").all(decoding: Version.self) {
            current[v.kind] = "\(v.rows)/\(v.loadedAt.timeIntervalSince1970)"
        }
        let interpreters = try await RegisterLoadModel.query(on: db).filter(\.$register == "tolkeregister").sort(\.$loadedAt, .descending)
            .first()
        current["tolkeregister"] = interpreters?.id?.uuidString ?? "-"
        let changed = ExtractKind.allCases.filter { versions[$0.rawValue] != current[$0.rawValue] }
        let interpretersChanged = versions["tolkeregister"] != current["tolkeregister"]
        if changed.isEmpty && !interpretersChanged { return registers }
        let base = registers
        let task = Task {
            var fresh = try await QualificationStore.load(changed, into: base, geography: app.geography, on: db)
            if interpretersChanged { fresh.interpreters = try await InterpretersStore.entries(on: db) }
            return fresh
        }
        loading = task
        defer { loading = nil }
        registers = try await task.value
        versions = current
        return registers
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
