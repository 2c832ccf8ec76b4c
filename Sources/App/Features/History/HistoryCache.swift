import Fluent
import SQLKit
import StyrCore
import Vapor

/// Keeps the active imported figures between requests. An imported version never changes; what
/// is active changes only by a new import, so each lookup checks the ids of the active versions
/// (one small query) and reuses the figures while they are the same.
actor HistoryCache {
    private var identity: [UUID] = []
    private var years: [Int]?
    private var figures: [[Int]: [SourcedFigure]] = [:]

    private func validate(on db: any Database) async throws {
        let sql = try db.sql()
        struct Row: Decodable { let id: UUID }
        let active = try await sql.raw("SELECT id FROM history_imports WHERE active = \(bind: true)").all(decoding: Row.self).map(\.id)
            .sorted { $0.uuidString < $1.uuidString }
        if active != identity {
            identity = active
            years = nil
            figures = [:]
        }
    }

    func years(on db: any Database) async throws -> [Int] {
        try await validate(on: db)
        if let years { return years }
        let loaded = try await HistoryStore.years(on: db)
        years = loaded
        return loaded
    }

    func active(years wanted: [Int], on db: any Database) async throws -> [SourcedFigure] {
        try await validate(on: db)
        let key = wanted.sorted()
        if let hit = figures[key] { return hit }
        let loaded = try await HistoryStore.active(years: key, on: db)
        if figures.count >= 64 { figures.removeAll() }
        figures[key] = loaded
        return loaded
    }
}

struct HistoryCacheKey: StorageKey {
    typealias Value = HistoryCache
}

extension Application {
    /// Set once in `configure`.
    var historyCache: HistoryCache { configured(HistoryCacheKey.self) }
}
