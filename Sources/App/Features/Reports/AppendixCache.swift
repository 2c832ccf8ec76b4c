import Foundation
import StyrCore
import Vapor

/// The statistics appendix of each report kind and year, computed once per load of the registers
/// behind it: the tables depend on nothing else, and building them all was most of an annual
/// draft's first second. A load of any register gives new keys; the tables of older loads are
/// dropped then. Concurrent callers of one key share one build.
actor AppendixCache {
    struct Key: Hashable {
        let kind: ReportKind
        let year: Int
        /// The settlement register's load.
        let settlement: UUID?
        /// The qualification registers' extracts (`QualificationCache.snapshot`).
        let qualification: String
    }

    private var tables: [Key: [StatTable]] = [:]
    private var building: [Key: Task<[StatTable], any Error>] = [:]

    func tables(_ key: Key, build: @escaping @Sendable () throws -> [StatTable]) async throws -> [StatTable] {
        if let done = tables[key] { return done }
        if let task = building[key] { return try await task.value }
        let task = Task.detached(priority: .userInitiated) { try build() }
        building[key] = task
        defer { building[key] = nil }
        let built = try await task.value
        tables = tables.filter { $0.key.settlement == key.settlement && $0.key.qualification == key.qualification }
        tables[key] = built
        return built
    }
}

struct AppendixCacheKey: StorageKey {
    typealias Value = AppendixCache
}

extension Application {
    var appendixCache: AppendixCache { shared(AppendixCacheKey.self) { AppendixCache() } }
}
