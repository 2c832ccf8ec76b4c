/// One pass over the register into counts per (year, municipality, cell). Every settlement table
/// for any unit is then a sum over a few municipalities' cells, so tables for all years and all
/// units cost little more than reading the rows once.
public struct SettlementCube: Sendable {
    /// A settled-person cell: what the tables break settled persons down by.
    public struct SettledKey: Hashable, Sendable {
        public var category: SettlementCategory
        /// "em", "barnefamilie" or "voksne".
        public var group: UInt8
        public var bufetat: Bool
        public var child: Bool
        public var selfSettled: Bool
        public var limited: Bool
        /// 0: ≤ 3 months, 1: ≤ 6, 2: ≤ 12, 3: > 12 (calendar months from permit).
        public var band: UInt8
    }

    public struct Sum: Sendable {
        public var count = 0
        public var waitMonths = 0.0
    }

    /// A waiting-person cell at a year's or half-year's end (national only).
    public struct WaitingKey: Hashable, Sendable {
        public var category: SettlementCategory
        public var group: UInt8
        public var child: Bool
        public var limited: Bool
        /// Whole calendar months waited, capped at 37.
        public var months: UInt8
        /// How many of the thresholds 12, 24, 36 months the wait is strictly longer than.
        public var over: UInt8
    }

    public var settled: [PeriodKey: [String: [SettledKey: Sum]]] = [:]
    public var waiting: [PeriodKey: [WaitingKey: Int]] = [:]
    public var requests: [Int: [String: MunicipalRequest]] = [:]

    public struct PeriodKey: Hashable, Sendable {
        public var year: Int
        public var half: Bool
    }

    static func group(_ p: SettlementPerson) -> UInt8 { p.unaccompaniedMinor ? 0 : p.familyWithChildren ? 1 : 2 }

    public init(_ register: SettlementRegister, years: ClosedRange<Int>) {
        var ends: [(PeriodKey, Int)] = []
        for y in years {
            ends.append((PeriodKey(year: y, half: true), Period.half.range(y).upperBound))
            ends.append((PeriodKey(year: y, half: false), Period.year.range(y).upperBound))
        }
        for p in register.persons {
            if let s = p.settledDay {
                let date = CivilDate(dayNumber: s)
                if years.contains(date.year) {
                    let band: UInt8 =
                        p.settledWithin(months: 3) ? 0 : p.settledWithin(months: 6) ? 1 : p.settledWithin(months: 12) ? 2 : 3
                    let key = SettledKey(
                        category: p.category, group: Self.group(p), bufetat: p.settledByBufetat, child: p.isChildAtSettlement,
                        selfSettled: p.selfSettled, limited: p.limitedPermit, band: band)
                    let kommune = p.settledKommune ?? Geography.unknownMunicipality
                    let wait = p.waitMonths ?? 0
                    for half in date.month <= 6 ? [true, false] : [false] {
                        let pk = PeriodKey(year: date.year, half: half)
                        settled[pk, default: [:]][kommune, default: [:]][key, default: Sum()].count += 1
                        settled[pk]![kommune]![key]!.waitMonths += wait
                    }
                }
            }
            guard p.category == .reception || p.category == .resettlement else { continue }
            let start = p.waitStartDay
            for (pk, end) in ends where start <= end && (p.settledDay.map { $0 > end } ?? true) {
                let key = WaitingKey(
                    category: p.category, group: Self.group(p), child: p.age(at: end) < 18, limited: p.limitedPermit,
                    months: UInt8(min(37, Months.between(start, end))),
                    over: UInt8([12, 24, 36].filter { Months.add($0, to: start) < end }.count))
                waiting[pk, default: [:]][key, default: 0] += 1
            }
        }
        for r in register.requests where years.contains(r.year) { requests[r.year, default: [:]][r.kommune] = r }
    }

    /// Settled cells summed over the municipalities of a unit.
    public func settled(_ pk: PeriodKey, unit: StatUnit) -> [SettledKey: Sum] {
        guard let byKommune = settled[pk] else { return [:] }
        var out: [SettledKey: Sum] = [:]
        func add(_ cells: [SettledKey: Sum]) {
            for (k, v) in cells {
                out[k, default: Sum()].count += v.count
                out[k]!.waitMonths += v.waitMonths
            }
        }
        switch unit {
        case .national: for cells in byKommune.values { add(cells) }
        case .municipality(let k): if let cells = byKommune[k] { add(cells) }
        case .county, .municipalities: for (k, cells) in byKommune where unit.contains(k) { add(cells) }
        }
        return out
    }
}
