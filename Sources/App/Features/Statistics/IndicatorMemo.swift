import NIOConcurrencyHelpers
import StyrCore

/// The indicator values of one loaded register, computed once per (year, period, unit) and then
/// shared by every page, API call and report until the register is loaded again.
final class IndicatorMemo: Sendable {
    struct Key: Hashable {
        let year: Int
        let period: Period
        let unit: StatUnit
    }

    let register: SettlementRegister
    private let values = NIOLockedValueBox<[Key: [String: Double?]]>([:])
    private let keyFigures = NIOLockedValueBox<[Int: SettlementKeyFigures]>([:])
    /// Bound on the entries kept (every municipality × a decade × two periods fits).
    private let capacity = 20_000

    init(register: SettlementRegister) { self.register = register }

    func compute(year: Int, period: Period = .year, unit: StatUnit = .national) -> [String: Double?] {
        let key = Key(year: year, period: period, unit: unit)
        if let hit = values.withLockedValue({ $0[key] }) { return hit }
        let computed = SettlementIndicators.compute(register, year: year, period: period, unit: unit)
        values.withLockedValue {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[key] = computed
        }
        return computed
    }

    /// The key figures (Hovedtall) of a year.
    func keyFigures(year: Int) -> SettlementKeyFigures {
        if let hit = keyFigures.withLockedValue({ $0[year] }) { return hit }
        let computed = SettlementKeyFigures.compute(register, year: year)
        keyFigures.withLockedValue { $0[year] = computed }
        return computed
    }
}
