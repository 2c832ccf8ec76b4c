import Fluent
import StyrCore
import Vapor

/// Keeps composed years (letter + supplements as amended at a date) between requests. Published
/// documents never change, so a year's composition stays valid while the same published documents
/// exist; each lookup checks that with one query for their ids and content hashes, so a document
/// published by another server process is seen at once.
actor SteeringCache {
    private var years: [String: AmendedYear] = [:]
    private let capacity = 256

    func amendedYear(_ year: Int, asOf: String?, on db: any Database) async throws -> AmendedYear? {
        let published = try await DocumentModel.query(on: db).filter(\.$year == year)
            .filter(\.$status == DocumentModel.Status.published.rawValue).field(\.$id).field(\.$contentHash).all()
        let identity = published.map { "\($0.id?.uuidString ?? "")=\($0.contentHash ?? "")" }.sorted().joined(separator: ",")
        let key = "\(year)|\(asOf ?? "")|\(identity)"
        if let hit = years[key] { return hit }
        guard let composed = try await SteeringStore.amendedYear(year, asOf: asOf, on: db) else { return nil }
        if years.count >= capacity { years.removeAll(keepingCapacity: true) }
        years[key] = composed
        return composed
    }
}

struct SteeringCacheKey: StorageKey {
    typealias Value = SteeringCache
}

extension Application {
    /// Set once in `configure`.
    var steeringCache: SteeringCache { configured(SteeringCacheKey.self) }
}
