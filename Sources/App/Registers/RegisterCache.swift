import Fluent
import Foundation
import StyrCore
import Vapor

/// Keeps the settlement register in memory between requests; reloads when a new load has been
/// recorded in `register_loads` (by this or another server process).
actor RegisterCache {
    private var register: SettlementRegister?
    private var version: UUID?

    func settlement(on db: any Database) async throws -> (SettlementRegister, RegisterLoadModel?) {
        let latest = try await RegisterLoadModel.query(on: db).filter(\.$register == "bosetting").sort(\.$loadedAt, .descending).first()
        if let register, latest?.id == version { return (register, latest) }
        let loaded = try await SettlementStore.load(on: db)
        register = loaded
        version = latest?.id
        return (loaded, latest)
    }
}

struct RegisterCacheKey: StorageKey {
    typealias Value = RegisterCache
}

extension Application {
    var registerCache: RegisterCache {
        if let c = storage[RegisterCacheKey.self] { return c }
        let c = RegisterCache()
        storage[RegisterCacheKey.self] = c
        return c
    }
}
