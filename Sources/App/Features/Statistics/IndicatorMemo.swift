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
    private let publishedValues = NIOLockedValueBox<[Key: IndicatorDisclosure.Published]>([:])
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

    /// The values as published for roles without access to unsuppressed figures: through the same
    /// `DisclosureControl` as the tables (`StatisticsService.publicThreshold`).
    func published(year: Int, period: Period = .year, unit: StatUnit = .national) -> IndicatorDisclosure.Published {
        let key = Key(year: year, period: period, unit: unit)
        if let hit = publishedValues.withLockedValue({ $0[key] }) { return hit }
        let computed = IndicatorDisclosure.indicators(
            register, year: year, period: period, unit: unit, values: compute(year: year, period: period, unit: unit),
            control: DisclosureControl(threshold: StatisticsService.publicThreshold))
        publishedValues.withLockedValue {
            if $0.count >= capacity { $0.removeAll(keepingCapacity: true) }
            $0[key] = computed
        }
        return computed
    }

    /// The values for a caller: published unless `unsuppressed`.
    func values(year: Int, period: Period = .year, unit: StatUnit = .national, unsuppressed: Bool) -> IndicatorDisclosure.Published {
        unsuppressed
            ? IndicatorDisclosure.Published(values: compute(year: year, period: period, unit: unit), suppressed: [])
            : published(year: year, period: period, unit: unit)
    }
}
