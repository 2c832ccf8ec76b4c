import Fluent
import Foundation
import StyrCore
import Vapor

/// Keeps the settlement register in memory between requests; reloads when a new load has been
/// recorded in `register_loads` (by this or another server process).
actor RegisterCache {
    /// The clock that says which year the cube must reach.
    private let clock: Clock

    init(clock: Clock) { self.clock = clock }

    private var register: SettlementRegister?
    private var cube: SettlementCube?
    private var years: [Int] = []
    private var version: UUID?
    private var memo: IndicatorMemo?
    /// The load in progress: concurrent requests wait for it instead of loading again.
    private var loading: (version: UUID?, task: Task<SettlementRegister, any Error>)?

    func settlement(on db: any Database) async throws -> (SettlementRegister, RegisterLoadModel?) {
        let latest = try await RegisterLoadModel.query(on: db).filter(\.$register == "bosetting").sort(\.$loadedAt, .descending).first()
        if let register, latest?.id == version { return (register, latest) }
        let task: Task<SettlementRegister, any Error>
        if let loading, loading.version == latest?.id {
            task = loading.task
        } else {
            task = Task { try await SettlementStore.load(on: db) }
            loading = (latest?.id, task)
        }
        let loaded = try await task.value
        if version != latest?.id || register == nil {
            register = loaded
            years = Array(Set(loaded.persons.compactMap { $0.settledDay.map { CivilDate(dayNumber: $0).year } })).sorted()
            cube = nil
            memo = IndicatorMemo(register: loaded)
            version = latest?.id
        }
        if loading?.version == latest?.id { loading = nil }
        return (loaded, latest)
    }

    /// Memoised indicator values of the loaded register.
    func indicators(on db: any Database) async throws -> IndicatorMemo {
        let (register, _) = try await settlement(on: db)
        if let memo { return memo }
        let fresh = IndicatorMemo(register: register)
        memo = fresh
        return fresh
    }

    /// The years in which anyone was settled, ascending (computed once per load).
    func settledYears(on db: any Database) async throws -> [Int] {
        _ = try await settlement(on: db)
        return years
    }

    /// The aggregation cube over every year in the register, built once per load.
    func cube(on db: any Database) async throws -> SettlementCube { try await cubeSnapshot(on: db).cube }

    /// The register, its cube and the load they came from, read together (what results computed
    /// from them may be kept under).
    func cubeSnapshot(on db: any Database) async throws -> (register: SettlementRegister, cube: SettlementCube, version: UUID?) {
        let (register, latest) = try await settlement(on: db)
        if let cube { return (register, cube, latest?.id) }
        let built = SettlementCube(register, years: (years.first ?? 2000)...(max(years.last ?? 2000, clock.today().year)))
        cube = built
        return (register, built, latest?.id)
    }
}

struct RegisterCacheKey: StorageKey {
    typealias Value = RegisterCache
}

extension Application {
    var registerCache: RegisterCache { shared(RegisterCacheKey.self) { RegisterCache(clock: clock) } }
}
