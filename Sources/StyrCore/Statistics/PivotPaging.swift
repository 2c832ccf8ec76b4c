/// Long tables shown a page at a time: the rows a picker keeps (a category per row dimension, or the
/// municipalities of one county), at most `StatRendering.pageSize` of them per page. Only whole rows
/// of the already published pivot are left out, so the disclosure control is untouched.
public struct PivotFilter: Sendable, Equatable {
    /// Row dimension id → the one category code kept (absent: every category).
    public var codes: [String: String]
    /// A county code: on a geo dimension of municipalities, only the county's municipalities and the total.
    public var region: String?

    public init(codes: [String: String] = [:], region: String? = nil) {
        self.codes = codes.filter { !$0.value.isEmpty }
        self.region = region.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var isEmpty: Bool { codes.isEmpty && region == nil }

    func keeps(_ row: StatRendering.Pivot.Row, _ dimensions: [StatRendering.Pivot.RowDimension]) -> Bool {
        for (d, dim) in dimensions.enumerated() where d < row.codes.count {
            let code = row.codes[d]
            if let wanted = codes[dim.id], wanted != code { return false }
            if let region, dim.isGeo, StatRendering.regionPicker(dim), code != dim.totalCode, !code.hasPrefix(region) { return false }
        }
        return true
    }
}

/// One page of a pivot's rows.
public struct PivotPage: Sendable, Encodable {
    public var columns: [String]
    public var rowHeaders: [String]
    public var rows: [StatRendering.Pivot.Row]
    /// 1-based page number, and the number of pages (at least 1).
    public var page: Int
    public var pages: Int
    /// Rows the filter keeps, on every page; the whole table's rows.
    public var rowCount: Int
    public var tableRows: Int
    /// 1-based positions of this page's first and last row among `rowCount` (0 when there are none).
    public var first: Int
    public var last: Int
}

extension StatRendering {
    /// Rows per page: a page of the widest table (1A, 15 columns) stays near 50 kB.
    public static let pageSize = 100

    /// Whether a row dimension is picked by county (a geo dimension of municipalities) rather than by category.
    public static func regionPicker(_ d: Pivot.RowDimension) -> Bool {
        d.isGeo && d.codes.contains { $0.count == 4 }
    }

    /// The rows `filter` keeps, the `page`th `size` of them (a page past the end shows the last).
    public static func page(_ p: Pivot, filter: PivotFilter = PivotFilter(), page: Int = 1, size: Int = pageSize) -> PivotPage {
        let kept = filter.isEmpty ? p.rows : p.rows.filter { filter.keeps($0, p.rowDimensions) }
        let pages = max(1, (kept.count + size - 1) / size)
        let n = min(max(1, page), pages)
        let start = min((n - 1) * size, kept.count)
        let end = min(start + size, kept.count)
        return PivotPage(
            columns: p.columns, rowHeaders: p.rowHeaders, rows: Array(kept[start..<end]), page: n, pages: pages, rowCount: kept.count,
            tableRows: p.rows.count, first: end > start ? start + 1 : 0, last: end)
    }
}
