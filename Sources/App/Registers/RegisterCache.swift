import Fluent
import Foundation
import StyrCore
import Vapor

/// Keeps the settlement register in memory between requests; reloads when a new load has been
/// recorded in `register_loads` (by this or another server process).
actor RegisterCache {
    private var register: SettlementRegister?
    private var cube: SettlementCube?
    private var years: [Int] = []
    private var version: UUID?

    func settlement(on db: any Database) async throws -> (SettlementRegister, RegisterLoadModel?) {
        let latest = try await RegisterLoadModel.query(on: db).filter(\.$register == "bosetting").sort(\.$loadedAt, .descending).first()
        if let register, latest?.id == version { return (register, latest) }
        let loaded = try await SettlementStore.load(on: db)
        register = loaded
        years = Array(Set(loaded.persons.compactMap { $0.settledDay.map { CivilDate(dayNumber: $0).year } })).sorted()
        cube = nil
        version = latest?.id
        return (loaded, latest)
    }

    /// The years in which anyone was settled, ascending (computed once per load).
    func settledYears(on db: any Database) async throws -> [Int] {
        _ = try await settlement(on: db)
        return years
    }

    /// The aggregation cube over every year in the register, built once per load.
    func cube(on db: any Database) async throws -> SettlementCube {
        let (register, _) = try await settlement(on: db)
        if let cube { return cube }
        let built = SettlementCube(register, years: (years.first ?? 2000)...(max(years.last ?? 2000, Clock.today().year)))
        cube = built
        return built
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
