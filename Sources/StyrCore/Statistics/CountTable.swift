/// One way to break counted items down: a dimension (every item also counts into its
/// `totalCode`, when it has one) and where an item falls in a year: the position of its category
/// in the dimension's codes (nil: not counted).
public struct Breakdown<Item>: Sendable {
    public var dimension: StatDimension
    public var position: @Sendable (Item, Int) -> Int?

    public init(_ dimension: StatDimension, position: @escaping @Sendable (Item, Int) -> Int?) {
        self.dimension = dimension
        self.position = position
    }

    /// Classified by category code.
    public init(_ dimension: StatDimension, _ classify: @escaping @Sendable (Item, Int) -> String?) {
        let index = dimension.positions
        self.init(dimension, position: { item, year in classify(item, year).flatMap { index[$0] } })
    }
}

/// What a count table shows beside the counts.
public enum CountShare<Item>: Sendable {
    case none
    /// Percent of the total along the dimension with this id.
    case ofTotal(String)
    /// Percent of another population counted with the same breakdowns, shown as "grunnlag".
    case ofBase(label: String, @Sendable (Int, ClosedRange<Int>) -> [Item])
}

/// Builds tables that count register rows: dimensions [year (for a time series)] + breakdowns +
/// measure, with totals, shares and sources, ready for disclosure control.
public struct CountTable<Item>: Sendable {
    public var number: String
    public var title: String
    public var source: String
    public var breakdowns: [Breakdown<Item>]
    /// The items counted in a year, given the year and its period's days.
    public var items: @Sendable (Int, ClosedRange<Int>) -> [Item]
    public var share: CountShare<Item> = .none
    public var notes: [String] = []
    /// What an item adds (1 when nil); tables of weighted sums are not person counts.
    public var weight: (@Sendable (Item) -> Int)?

    public init(
        number: String, title: String, source: String, breakdowns: [Breakdown<Item>], share: CountShare<Item> = .none,
        notes: [String] = [], weight: (@Sendable (Item) -> Int)? = nil, items: @escaping @Sendable (Int, ClosedRange<Int>) -> [Item]
    ) {
        self.number = number
        self.title = title
        self.source = source
        self.breakdowns = breakdowns
        self.share = share
        self.notes = notes
        self.items = items
        self.weight = weight
    }

    /// The table for `years` (a time series when more than one; the last is the table's year).
    public func build(years: [Int], period: Period, unitLabel: String) -> StatTable {
        let year = years.last!
        var metrics: [(String, String)] = [("antall", "Antall")]
        var units = ["antall": "antall"]
        switch share {
        case .none: break
        case .ofTotal: metrics.append(("prosent", "Prosent"))
        case .ofBase(let label, _): metrics += [("grunnlag", label), ("prosent", "Prosent")]
        }
        for (code, _) in metrics where code != "antall" { units[code] = code == "prosent" ? "prosent" : "antall" }
        let metric = StatDimension(id: "ContentsCode", label: "Måltall", categories: metrics, role: .metric, units: units)
        let time = StatDimension(id: "Tid", label: "År", categories: years.map { (String($0), String($0)) }, role: .time)
        let dims = (years.count > 1 ? [time] : []) + breakdowns.map(\.dimension) + [metric]
        var t = StatTable(number: number, title: title, year: year, period: period, unitLabel: unitLabel, source: source, dimensions: dims)
        t.notes = notes
        let sizes = breakdowns.map(\.dimension.size)
        let block = sizes.reduce(1, *)
        var counts = [Int](repeating: 0, count: block * years.count)
        var base = [Int](repeating: 0, count: block * years.count)
        for (yi, y) in years.enumerated() {
            let range = period.range(y)
            tally(items(y, range), year: y, offset: yi * block, into: &counts)
            if case .ofBase(_, let population) = share { tally(population(y, range), year: y, offset: yi * block, into: &base) }
        }
        let m = metrics.count
        let totalOf: Int? = {
            guard case .ofTotal(let id) = share else { return nil }
            return breakdowns.firstIndex { $0.dimension.id == id }
        }()
        for c in counts.indices {
            t.cells[c * m] =
                weight == nil ? .count(counts[c]) : .sum(counts[c])
            switch share {
            case .none: break
            case .ofTotal:
                guard let d = totalOf, let total = breakdowns[d].dimension.totalPosition else { continue }
                let stride = sizes[(d + 1)...].reduce(1, *)
                let position = (c / stride) % sizes[d]
                let b = c + (total - position) * stride
                t.cells[c * m + 1] = .derived(percent(counts[c], counts[b]), from: [c * m, b * m])
            case .ofBase:
                t.cells[c * m + 1] = .count(base[c])
                t.cells[c * m + 2] = .derived(percent(counts[c], base[c]), from: [c * m, c * m + 1])
            }
        }
        return t
    }

    func percent(_ n: Int, _ of: Int) -> Double? { of == 0 ? nil : Double(n) * 100 / Double(of) }

    /// Adds each item to its cell, then every cell to its dimensions' totals (all combinations).
    func tally(_ list: [Item], year: Int, offset: Int, into counts: inout [Int]) {
        let sizes = breakdowns.map(\.dimension.size)
        var strides = [Int](repeating: 1, count: sizes.count)
        for d in sizes.indices.reversed().dropFirst() { strides[d] = strides[d + 1] * sizes[d + 1] }
        let block = sizes.reduce(1, *)
        // Each item's cell, one breakdown at a time (-1: not counted).
        var cell = [Int](repeating: 0, count: list.count)
        for (d, b) in breakdowns.enumerated() {
            let position = b.position
            let stride = strides[d]
            for k in list.indices where cell[k] >= 0 {
                if let p = position(list[k], year) { cell[k] += p * stride } else { cell[k] = -1 }
            }
        }
        var local = [Int](repeating: 0, count: block)
        for k in list.indices where cell[k] >= 0 { local[cell[k]] += weight?(list[k]) ?? 1 }
        for (d, b) in breakdowns.enumerated() {
            guard let total = b.dimension.totalPosition else { continue }
            let stride = strides[d]
            for c in 0..<block {
                let p = (c / stride) % sizes[d]
                if p != total { local[c + (total - p) * stride] += local[c] }
            }
        }
        for c in 0..<block { counts[offset + c] += local[c] }
    }
}
