import NIOConcurrencyHelpers
import StyrCore

/// The national indicator values of one snapshot of the qualification registers (NIR, survey,
/// Jobbsjansen, interpreters), computed once per year and shared by every page until a register is
/// loaded again (a new snapshot comes with a new memo). Computing a year walks every person of NIR:
/// the target-draft page asks for ten years, the results table for five.
final class QualificationMemo: Sendable {
    let registers: QualificationRegisters
    private let values = NIOLockedValueBox<[Int: [String: Double?]]>([:])

    init(registers: QualificationRegisters) { self.registers = registers }

    func values(year: Int) -> [String: Double?] {
        if let hit = values.withLockedValue({ $0[year] }) { return hit }
        let computed = QualificationIndicators.compute(registers, year: year)
        values.withLockedValue { $0[year] = computed }
        return computed
    }
}
