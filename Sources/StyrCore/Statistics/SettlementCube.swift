/// One pass over the register into dense counts per (period, municipality, cell). Every settlement
/// table for any unit is then a sum over a few municipalities' blocks of fixed layout, so tables for
/// all years and all units cost little more than reading the rows once.
public struct SettlementCube: Sendable {
    public struct PeriodKey: Hashable, Sendable {
        public var year: Int
        public var half: Bool
        public init(year: Int, half: Bool) {
            self.year = year
            self.half = half
        }
    }

    public let years: ClosedRange<Int>
    /// Municipality codes seen in the register (settled persons and requests), in index order.
    public let municipalityCodes: [String]
    let municipalityIndex: [String: Int]
    /// `SettledBlock.stride` counts per (period, municipality).
    var settledCounts: [Int32]
    /// `SettledBlock.waitStride` sums of waiting months per (period, municipality).
    var waitSums: [Double]
    /// Settled persons per (period, municipality).
    var settledTotals: [Int32]
    /// `WaitingBlock.stride` counts per period (the waiting stock is national only).
    var waitingCounts: [Int32]
    /// Requests per year, by municipality index.
    var requestsByYear: [Int: [MunicipalRequest?]]

    public init(_ register: SettlementRegister, years: ClosedRange<Int>) {
        self.years = years
        var codes: [String] = []
        var index: [String: Int] = [:]
        func intern(_ code: String) -> Int {
            if let i = index[code] { return i }
            index[code] = codes.count
            codes.append(code)
            return codes.count - 1
        }
        for p in register.persons where p.settledDay != nil { _ = intern(p.settledKommune ?? Geography.unknownMunicipality) }
        for r in register.requests where years.contains(r.year) { _ = intern(r.kommune) }
        municipalityCodes = codes
        municipalityIndex = index
        let m = codes.count
        let periods = years.count * 2
        settledCounts = Array(repeating: 0, count: periods * m * SettledBlock.stride)
        waitSums = Array(repeating: 0, count: periods * m * SettledBlock.waitStride)
        settledTotals = Array(repeating: 0, count: periods * m)
        waitingCounts = Array(repeating: 0, count: periods * WaitingBlock.stride)
        requestsByYear = [:]
        var ends: [(period: Int, day: Int, year: Int)] = []
        for y in years {
            ends.append((periodIndex(y, half: true), Period.half.range(y).upperBound, y))
            ends.append((periodIndex(y, half: false), Period.year.range(y).upperBound, y))
        }
        for p in register.persons {
            if let s = p.settledDay { addSettled(p, day: s, kommune: index[p.settledKommune ?? Geography.unknownMunicipality]!) }
            guard p.category == .reception || p.category == .resettlement else { continue }
            let start = p.waitStartDay
            let settled = p.settledDay ?? Int.max
            let c = p.category == .reception ? 0 : 1
            let g = Self.group(p)
            for end in ends where start <= end.day && settled > end.day {
                let months = Months.between(start, end.day)
                let exact = Months.add(months, to: start) == end.day
                var over = 0
                for t in stride(from: 12, through: 36, by: 12) where t < months || (t == months && !exact) { over += 1 }
                let i = WaitingBlock.index(
                    category: c, group: g, child: end.year - p.birthYear < 18, limited: p.limitedPermit, months: min(37, months),
                    over: over)
                waitingCounts[end.period * WaitingBlock.stride + i] += 1
            }
        }
        for r in register.requests where years.contains(r.year) {
            requestsByYear[r.year, default: Array(repeating: nil, count: m)][index[r.kommune]!] = r
        }
    }

    private mutating func addSettled(_ p: SettlementPerson, day: Int, kommune: Int) {
        let date = CivilDate(dayNumber: day)
        guard years.contains(date.year) else { return }
        let band = p.settledWithin(months: 3) ? 0 : p.settledWithin(months: 6) ? 1 : p.settledWithin(months: 12) ? 2 : 3
        let g = Self.group(p)
        let cell = SettledBlock.index(
            category: Self.categoryIndex(p.category), personGroup: g == 0 ? (p.settledByBufetat ? 1 : 0) : g + 1,
            child: p.isChildAtSettlement, band: band)
        let wait = Double(day - p.permitDay) / 30.4375
        let waitCell = Self.categoryIndex(p.category) * 3 + g
        add(periodIndex(date.year, half: false))
        if date.month <= 6 { add(periodIndex(date.year, half: true)) }
        func add(_ period: Int) {
            let block = period * municipalityCodes.count + kommune
            let base = block * SettledBlock.stride
            settledCounts[base + cell] += 1
            if p.selfSettled { settledCounts[base + SettledBlock.selfSettled] += 1 }
            if p.limitedPermit { settledCounts[base + SettledBlock.limited + g] += 1 }
            waitSums[block * SettledBlock.waitStride + waitCell] += wait
            settledTotals[block] += 1
        }
    }

    func periodIndex(_ year: Int, half: Bool) -> Int { (year - years.lowerBound) * 2 + (half ? 1 : 0) }

    /// 0 unaccompanied minor, 1 member of a family with children, 2 other adult.
    static func group(_ p: SettlementPerson) -> Int { p.unaccompaniedMinor ? 0 : p.familyWithChildren ? 1 : 2 }

    static func categoryIndex(_ c: SettlementCategory) -> Int {
        switch c {
        case .reception: 0
        case .resettlement: 1
        case .privateLiving: 2
        case .familyReunification: 3
        }
    }

    /// Indices of the municipalities a unit covers.
    func indices(_ unit: StatUnit) -> [Int] {
        switch unit {
        case .national: Array(municipalityCodes.indices)
        case .municipality(let k): municipalityIndex[k].map { [$0] } ?? []
        case .county, .municipalities: municipalityCodes.indices.filter { unit.contains(municipalityCodes[$0]) }
        }
    }

    /// Settled persons of a period summed over the municipalities of a unit.
    public func settled(_ pk: PeriodKey, unit: StatUnit) -> SettledBlock {
        var out = SettledBlock()
        guard years.contains(pk.year) else { return out }
        let first = periodIndex(pk.year, half: pk.half) * municipalityCodes.count
        for k in indices(unit) {
            let block = first + k
            let base = block * SettledBlock.stride
            for i in 0..<SettledBlock.stride { out.counts[i] += Int(settledCounts[base + i]) }
            let wbase = block * SettledBlock.waitStride
            for i in 0..<SettledBlock.waitStride { out.waitMonths[i] += waitSums[wbase + i] }
        }
        return out
    }

    /// The waiting stock at the end of a period, for the whole country.
    public func waiting(_ pk: PeriodKey) -> WaitingBlock {
        guard years.contains(pk.year) else { return WaitingBlock(counts: Array(repeating: 0, count: WaitingBlock.stride)) }
        let base = periodIndex(pk.year, half: pk.half) * WaitingBlock.stride
        return WaitingBlock(counts: waitingCounts[base..<base + WaitingBlock.stride].map(Int.init))
    }

    /// Years with requests, in order.
    public var requestYears: [Int] { requestsByYear.keys.sorted() }

    /// Requests of a year to the municipalities of a unit.
    public func requests(_ year: Int, unit: StatUnit) -> [MunicipalRequest] {
        guard let row = requestsByYear[year] else { return [] }
        return indices(unit).compactMap { row[$0] }
    }

    /// Settled persons in a period, and how many municipalities (known ones) settled anyone, in a unit.
    public func settledTotal(_ pk: PeriodKey, unit: StatUnit) -> (persons: Int, municipalities: Int) {
        guard years.contains(pk.year) else { return (0, 0) }
        let first = periodIndex(pk.year, half: pk.half) * municipalityCodes.count
        var persons = 0
        var municipalities = 0
        for k in indices(unit) {
            let n = Int(settledTotals[first + k])
            persons += n
            if n > 0 && municipalityCodes[k] != Geography.unknownMunicipality { municipalities += 1 }
        }
        return (persons, municipalities)
    }
}

/// Settled persons of one unit and period in a fixed layout: counts by category × person group ×
/// child × time band, plus self-settled, limited permits per group, and waiting-month sums.
public struct SettledBlock: Sendable {
    /// Category (4) × person group (4: UMA by IMDi, UMA by Bufetat, families, adults) × child (2) × band (4).
    static let mainCells = 128
    static let selfSettled = 128
    /// Three cells: limited permits per group (UMA, families, adults).
    static let limited = 129
    static let stride = 132
    /// Category (4) × group (3).
    static let waitStride = 12

    public var counts = [Int](repeating: 0, count: stride)
    public var waitMonths = [Double](repeating: 0, count: waitStride)

    /// Band 0: ≤ 3 months, 1: ≤ 6, 2: ≤ 12, 3: > 12 (calendar months from permit).
    static func index(category: Int, personGroup: Int, child: Bool, band: Int) -> Int {
        ((category * 4 + personGroup) * 2 + (child ? 1 : 0)) * 4 + band
    }

    /// Calls `body` for every non-empty main cell with its coordinates and count.
    func forEachCell(_ body: (_ category: Int, _ personGroup: Int, _ child: Bool, _ band: Int, _ count: Int) -> Void) {
        for i in 0..<Self.mainCells where counts[i] != 0 {
            body(i / 32, (i / 8) % 4, (i / 4) % 2 == 1, i % 4, counts[i])
        }
    }

    /// Group (0 UMA, 1 families, 2 adults) of a person group.
    static func group(ofPersonGroup pg: Int) -> Int { pg <= 1 ? 0 : pg - 1 }

    public var total: Int { counts[0..<Self.mainCells].reduce(0, +) }
}

/// The waiting stock at a period's end in a fixed layout: category (reception, resettlement) ×
/// group (3) × child × limited permit × whole months waited (0…37, capped) × thresholds passed (0…3).
public struct WaitingBlock: Sendable {
    static let stride = 2 * 3 * 2 * 2 * 38 * 4
    public var counts: [Int]

    static func index(category: Int, group: Int, child: Bool, limited: Bool, months: Int, over: Int) -> Int {
        ((((category * 3 + group) * 2 + (child ? 1 : 0)) * 2 + (limited ? 1 : 0)) * 38 + months) * 4 + over
    }

    /// Calls `body` for every non-empty cell with its coordinates and count.
    func forEachCell(
        _ body: (_ category: Int, _ group: Int, _ child: Bool, _ limited: Bool, _ months: Int, _ over: Int, _ count: Int) -> Void
    ) {
        for i in counts.indices where counts[i] != 0 {
            body(i / 1824, (i / 608) % 3, (i / 304) % 2 == 1, (i / 152) % 2 == 1, (i / 4) % 38, i % 4, counts[i])
        }
    }
}
