import Foundation

/// One dimension of a statistics table, with its categories in order.
public struct StatDimension: Sendable, Equatable {
    public enum Role: String, Sendable { case time, geo, metric }
    public var id: String
    public var label: String
    public var codes: [String]
    public var labels: [String]
    public var role: Role?
    /// The category that is the sum of the others (for secondary suppression), if any.
    public var totalCode: String?
    /// For the metric dimension: unit per code ("antall", "prosent", "måneder").
    public var units: [String: String]

    public init(
        id: String, label: String, categories: [(String, String)], role: Role? = nil, totalCode: String? = nil,
        units: [String: String] = [:]
    ) {
        self.id = id
        self.label = label
        self.codes = categories.map(\.0)
        self.labels = categories.map(\.1)
        self.role = role
        self.totalCode = totalCode
        self.units = units
    }

    public var size: Int { codes.count }

    /// Each code's position in `codes`.
    public var positions: [String: Int] { Dictionary(codes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) }

    /// The position of `totalCode`, if the dimension has one.
    public var totalPosition: Int? { totalCode.flatMap(codes.firstIndex) }
}

/// A cell: a count, or a figure derived from counts (share, mean) that must be hidden with them.
public struct StatCell: Sendable, Equatable {
    public var value: Double?
    /// Whether the value is a count of persons (subject to small-count suppression).
    public var isCount: Bool
    /// Flat indices of the count cells this value is derived from.
    public var derivedFrom: [Int]
    /// Size of the population behind a non-count figure (a mean over n persons), for suppression.
    public var basis: Int?
    /// A whole number that is not a count of persons (a weighted sum such as register searches):
    /// shown without decimals, like a count, but not suppressed.
    public var isWhole: Bool = false

    public static func count(_ n: Int) -> StatCell { StatCell(value: Double(n), isCount: true, derivedFrom: [], basis: nil) }
    public static func derived(_ v: Double?, from: [Int], basis: Int? = nil) -> StatCell {
        StatCell(value: v, isCount: false, derivedFrom: from, basis: basis)
    }
    public static let missing = StatCell(value: nil, isCount: false, derivedFrom: [], basis: nil)
    /// A whole-number total that is not a person count (see `isWhole`).
    public static func sum(_ n: Int) -> StatCell { StatCell(value: Double(n), isCount: false, derivedFrom: [], basis: nil, isWhole: true) }
}

/// A statistics table: dimensions (the last varies fastest) and row-major cells, as in JSON-stat.
public struct StatTable: Sendable {
    public var number: String
    public var title: String
    public var year: Int
    public var period: Period
    public var unitLabel: String
    public var source: String
    public var dimensions: [StatDimension]
    public var cells: [StatCell]
    /// Symbols per flat index: ":" suppressed, "." not applicable.
    public var status: [Int: String] = [:]
    public var notes: [String] = []

    public init(number: String, title: String, year: Int, period: Period, unitLabel: String, source: String, dimensions: [StatDimension]) {
        self.number = number
        self.title = title
        self.year = year
        self.period = period
        self.unitLabel = unitLabel
        self.source = source
        self.dimensions = dimensions
        self.cells = Array(repeating: .missing, count: dimensions.reduce(1) { $0 * $1.size })
    }

    /// Flat index of a cell from its category codes, one per dimension in order.
    public func index(_ codes: [String]) -> Int {
        var i = 0
        for (d, code) in zip(dimensions, codes) {
            i = i * d.size + (d.codes.firstIndex(of: code) ?? 0)
        }
        return i
    }

    /// Category positions of a flat index.
    public func coordinates(_ flat: Int) -> [Int] {
        var out = Array(repeating: 0, count: dimensions.count)
        var rest = flat
        for d in dimensions.indices.reversed() {
            out[d] = rest % dimensions[d].size
            rest /= dimensions[d].size
        }
        return out
    }

    public subscript(_ codes: String...) -> StatCell {
        get { cells[index(codes)] }
        set { cells[index(codes)] = newValue }
    }

    /// The published value of a cell: nil when suppressed or missing.
    public func published(_ flat: Int) -> Double? { status[flat] == ":" ? nil : cells[flat].value }
}
