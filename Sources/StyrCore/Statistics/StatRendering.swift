import Foundation

/// JSON-stat 2.0 (the format of Statistics Norway's API), CSV and a pivot for HTML.
public enum StatRendering {
    /// JSON-stat 2.0 dataset. Suppressed cells are `null` in `value` with ":" in `status`.
    public static func jsonStat(_ t: StatTable, updated: String) throws -> Data {
        var dimension: [String: Any] = [:]
        var role: [String: [String]] = [:]
        for d in t.dimensions {
            var category: [String: Any] = [
                "index": Dictionary(uniqueKeysWithValues: d.codes.enumerated().map { ($1, $0) }),
                "label": Dictionary(uniqueKeysWithValues: zip(d.codes, d.labels).map { ($0, $1) }),
            ]
            if d.role == .metric {
                category["unit"] = Dictionary(
                    uniqueKeysWithValues: d.codes.map { code -> (String, Any) in
                        let u = d.units[code] ?? "antall"
                        return (code, ["label": u, "decimals": u == "antall" ? 0 : 1] as [String: Any])
                    })
            }
            dimension[d.id] = ["label": d.label, "category": category]
            if let r = d.role { role[r.rawValue, default: []].append(d.id) }
        }
        let values: [Any] = t.cells.indices.map { i -> Any in
            guard let v = t.published(i) else { return NSNull() }
            let decimals = decimals(t, i)
            return decimals == 0 ? Int(v.rounded()) as Any : (v * 10).rounded() / 10 as Any
        }
        var out: [String: Any] = [
            "version": "2.0", "class": "dataset", "label": "Tabell \(t.number): \(t.title)", "source": t.source,
            "updated": updated, "id": t.dimensions.map(\.id), "size": t.dimensions.map(\.size), "dimension": dimension,
            "value": values,
        ]
        if !t.status.isEmpty { out["status"] = Dictionary(uniqueKeysWithValues: t.status.map { (String($0.key), $0.value) }) }
        if !role.isEmpty { out["role"] = role }
        if !t.notes.isEmpty { out["note"] = t.notes }
        out["extension"] = ["year": t.year, "period": t.period.rawValue, "unit": t.unitLabel]
        return try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func decimals(_ t: StatTable, _ i: Int) -> Int {
        t.cells[i].isCount || t.cells[i].isWhole ? 0 : 1
    }

    /// Formats a cell the Norwegian way: "11 078", "76,2", ":" for suppressed, "." for missing.
    public static func text(_ t: StatTable, _ i: Int) -> String {
        if let s = t.status[i] { return s }
        guard let v = t.cells[i].value else { return "." }
        if decimals(t, i) == 0 { return Money.kroner(Int(v.rounded())) }
        return String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",")
    }

    /// Long CSV: one row per cell, semicolon-separated, UTF-8, decimal comma.
    public static func csv(_ t: StatTable) -> String {
        var lines = ["\"Tabell \(t.number): \(t.title) (\(t.unitLabel), \(t.period == .half ? "1. halvår " : "")\(t.year))\""]
        lines.append((t.dimensions.map { "\"\(CSVCell.safe($0.label))\"" } + ["\"verdi\"", "\"status\""]).joined(separator: ";"))
        for i in t.cells.indices {
            let coords = t.coordinates(i)
            let labels = t.dimensions.enumerated().map { d, dim in
                "\"\(CSVCell.safe(dim.labels[coords[d]]).replacingOccurrences(of: "\"", with: "\"\""))\""
            }
            let value: String
            if let v = t.published(i) {
                value = decimals(t, i) == 0 ? String(Int(v.rounded())) : String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",")
            } else {
                value = ""
            }
            lines.append((labels + [value, t.status[i] ?? ""]).joined(separator: ";"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A pivot for HTML: rows are every dimension but the last, columns the last.
    public struct Pivot: Sendable, Encodable {
        public var columns: [String]
        public var rowHeaders: [String]
        public var rows: [Row]
        /// The row dimensions, in the order of `rowHeaders`.
        public var rowDimensions: [RowDimension] = []
        public struct Row: Sendable, Encodable {
            public var headers: [String]
            public var cells: [String]
            public var isTotal: Bool
            /// The row's category code in each row dimension.
            public var codes: [String] = []
        }
        /// A row dimension as the row picker needs it.
        public struct RowDimension: Sendable, Encodable {
            public var id: String
            public var label: String
            public var codes: [String]
            public var labels: [String]
            public var isGeo: Bool
            public var totalCode: String?
        }
    }

    public static func pivot(_ t: StatTable) -> Pivot {
        // A time series with other breakdowns reads across: the years (× measures) as columns.
        if t.dimensions.count > 2, t.dimensions[0].role == .time { return pivotByTime(t) }
        let last = t.dimensions[t.dimensions.count - 1]
        let rowDims = Array(t.dimensions.dropLast())
        var rows: [Pivot.Row] = []
        let rowCount = rowDims.reduce(1) { $0 * $1.size }
        for r in 0..<rowCount {
            var headers: [String] = []
            var rest = r
            var coords = Array(repeating: 0, count: rowDims.count)
            for d in rowDims.indices.reversed() {
                coords[d] = rest % rowDims[d].size
                rest /= rowDims[d].size
            }
            var total = false
            for (d, dim) in rowDims.enumerated() {
                headers.append(dim.labels[coords[d]])
                if dim.totalCode == dim.codes[coords[d]] { total = true }
            }
            let cells = (0..<last.size).map { c in text(t, r * last.size + c) }
            let codes = rowDims.indices.map { rowDims[$0].codes[coords[$0]] }
            rows.append(Pivot.Row(headers: headers, cells: cells, isTotal: total, codes: codes))
        }
        return Pivot(columns: last.labels, rowHeaders: rowDims.map(\.label), rows: rows, rowDimensions: rowDims.map(rowDimension))
    }

    static func pivotByTime(_ t: StatTable) -> Pivot {
        let time = t.dimensions[0]
        let metric = t.dimensions[t.dimensions.count - 1]
        let rowDims = Array(t.dimensions.dropFirst().dropLast())
        let rowCount = rowDims.reduce(1) { $0 * $1.size }
        let columns = time.labels.flatMap { y in metric.size == 1 ? [y] : metric.labels.map { "\(y) \($0.lowercased())" } }
        var rows: [Pivot.Row] = []
        for r in 0..<rowCount {
            var rest = r
            var coords = Array(repeating: 0, count: rowDims.count)
            for d in rowDims.indices.reversed() {
                coords[d] = rest % rowDims[d].size
                rest /= rowDims[d].size
            }
            let headers = rowDims.indices.map { rowDims[$0].labels[coords[$0]] }
            let total = rowDims.indices.contains { rowDims[$0].totalCode == rowDims[$0].codes[coords[$0]] }
            let cells = (0..<time.size).flatMap { y in (0..<metric.size).map { m in text(t, (y * rowCount + r) * metric.size + m) } }
            let codes = rowDims.indices.map { rowDims[$0].codes[coords[$0]] }
            rows.append(Pivot.Row(headers: headers, cells: cells, isTotal: total, codes: codes))
        }
        return Pivot(columns: columns, rowHeaders: rowDims.map(\.label), rows: rows, rowDimensions: rowDims.map(rowDimension))
    }

    static func rowDimension(_ d: StatDimension) -> Pivot.RowDimension {
        Pivot.RowDimension(id: d.id, label: d.label, codes: d.codes, labels: d.labels, isGeo: d.role == .geo, totalCode: d.totalCode)
    }
}
