import Foundation

/// Statistics Norway's tables: JSON-stat 2.0 datasets (its API) and its semicolon CSV download
/// (a title row, then a header of region, variables and one column per year).
public enum SSBTables {
    public static func matchesJSONStat(_ text: String) -> Bool {
        text.drop { $0.isWhitespace }.hasPrefix("{") && text.contains("\"dimension\"")
    }

    public static func parseJSONStat(_ text: String, geography: Geography, skipInvalid: Bool = false) throws -> HistoryTable {
        guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw HistoryFileError(line: nil, "Filen er ikke gyldig JSON.")
        }
        let ds = (root["dataset"] as? [String: Any]) ?? root
        guard let ids = ds["id"] as? [String], let sizes = ds["size"] as? [Int], ids.count == sizes.count,
            let dims = ds["dimension"] as? [String: Any]
        else { throw HistoryFileError(line: nil, "JSON-stat: mangler «id», «size» eller «dimension».") }
        let role = ds["role"] as? [String: [String]] ?? [:]
        func find(_ r: String, _ names: [String]) -> String? {
            role[r]?.first ?? ids.first { names.contains($0.lowercased()) }
        }
        guard let timeID = find("time", ["tid", "time", "år", "year"]), let geoID = find("geo", ["region", "geo"]) else {
            throw HistoryFileError(line: nil, "JSON-stat: finner ikke tidsdimensjonen og regiondimensjonen.")
        }
        struct Dim {
            var codes: [String]
            var labels: [String: String]
            /// `category.unit[code].label` of the metric dimension.
            var units: [String: String] = [:]
        }
        var parsed: [Dim] = []
        for id in ids {
            guard let d = dims[id] as? [String: Any], let cat = d["category"] as? [String: Any] else {
                throw HistoryFileError(line: nil, "JSON-stat: dimensjonen «\(id)» mangler «category».")
            }
            let labels = cat["label"] as? [String: String] ?? [:]
            var codes: [String]
            if let index = cat["index"] as? [String: Int] {
                codes = index.sorted { $0.value < $1.value }.map(\.key)
            } else if let index = cat["index"] as? [String] {
                codes = index
            } else {
                codes = labels.keys.sorted()
            }
            var units: [String: String] = [:]
            for (code, u) in cat["unit"] as? [String: Any] ?? [:] {
                if let label = (u as? [String: Any])?["label"] as? String { units[code] = label }
            }
            parsed.append(Dim(codes: codes, labels: labels, units: units))
        }
        let n = sizes.reduce(1, *)
        var values = [Any?](repeating: nil, count: n)
        if let arr = ds["value"] as? [Any] {
            for (i, v) in arr.enumerated() where i < n { values[i] = v }
        } else if let obj = ds["value"] as? [String: Any] {
            for (k, v) in obj { if let i = Int(k), i < n { values[i] = v } }
        }
        var status = [String?](repeating: nil, count: n)
        if let s = ds["status"] as? String {
            status = Array(repeating: s, count: n)
        } else if let arr = ds["status"] as? [Any] {
            for (i, v) in arr.enumerated() where i < n { status[i] = v as? String }
        } else if let obj = ds["status"] as? [String: String] {
            for (k, v) in obj { if let i = Int(k), i < n { status[i] = v } }
        }
        let geoIndex = ids.firstIndex(of: geoID)!
        let timeIndex = ids.firstIndex(of: timeID)!
        var b = HistoryBuilder(geography: geography, regionLabels: parsed[geoIndex].codes)
        for flat in 0..<n {
            var rest = flat
            var pos = [Int](repeating: 0, count: ids.count)
            for d in ids.indices.reversed() {
                pos[d] = rest % sizes[d]
                rest /= sizes[d]
            }
            let geoCode = parsed[geoIndex].codes[pos[geoIndex]]
            let name = parsed[geoIndex].labels[geoCode] ?? geoCode
            let timeCode = parsed[timeIndex].codes[pos[timeIndex]]
            let column = ids.indices.map { "\(ids[$0])=\(parsed[$0].codes[pos[$0]])" }.joined(separator: ", ")
            guard let year = Int(timeCode.prefix(4)) else {
                b.issues.append(ImportIssue(line: nil, message: "verdi \(flat) (\(column)): «\(timeCode)» er ikke et år"))
                continue
            }
            guard let region = HistoryRegions.parse(geoCode, name: name) else {
                b.issues.append(ImportIssue(line: nil, message: "verdi \(flat) (\(column)): regionkoden «\(geoCode)» er ukjent"))
                continue
            }
            let other = ids.indices.filter { $0 != geoIndex && $0 != timeIndex && sizes[$0] > 1 }
            let label = other.map { parsed[$0].labels[parsed[$0].codes[pos[$0]]] ?? parsed[$0].codes[pos[$0]] }.joined(separator: ", ")
            let measureLabel = label.isEmpty ? (ds["label"] as? String ?? "verdi") : label
            let unit = ids.indices.compactMap { parsed[$0].units[parsed[$0].codes[pos[$0]]] }.first ?? ""
            let measure = b.measure(parts: [measureLabel], unit: unit)
            let cell: String
            switch values[flat] {
            case let v as NSNumber: cell = v.stringValue
            case let v as String: cell = v
            default: cell = status[flat] ?? ""
            }
            b.add(line: nil, column: column, region: region, name: name, year: year, measure: measure, cell: cell)
        }
        return try b.finish(format: .ssbJSONStat, title: ds["label"] as? String ?? "", skipInvalid: skipInvalid)
    }

    /// SSB's CSV download: an optional quoted title row, then a header whose first column is the
    /// region ("0301 Oslo"), then variable columns, then one column per year ("2019" or
    /// "Deltakere 2019").
    public static func matchesCSV(_ text: String) -> Bool {
        let lines = text.split(whereSeparator: \.isNewline).prefix(4).map { $0.lowercased() }
        return lines.contains { $0.contains(";") && $0.contains("region") }
    }

    public static func parseCSV(_ text: String, geography: Geography, skipInvalid: Bool = false) throws -> HistoryTable {
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let headerIndex = lines.firstIndex(where: { $0.lowercased().contains("region") && $0.contains(";") }) else {
            throw HistoryFileError(line: 1, "Finner ikke overskriftsraden (en kolonne «region»).")
        }
        let title = lines[..<headerIndex].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ;")) }.first { !$0.isEmpty } ?? ""
        let header = SettlementCSV.fields(lines[headerIndex], separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var yearColumns: [(Int, Int, String)] = []
        var variableColumns: [Int] = []
        for (i, h) in header.enumerated() where i > 0 {
            if let r = h.range(of: #"(^|\s)\d{4}$"#, options: .regularExpression), let y = Int(h[r].trimmingCharacters(in: .whitespaces)) {
                yearColumns.append((i, y, h[..<r.lowerBound].trimmingCharacters(in: .whitespaces)))
            } else {
                variableColumns.append(i)
            }
        }
        guard !yearColumns.isEmpty else {
            throw HistoryFileError(line: headerIndex + 1, "Ingen årskolonner (overskrifter som «2019» eller «Deltakere 2019»).")
        }
        let rows = lines.enumerated().dropFirst(headerIndex + 1).filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { (line: $0.offset + 1, fields: SettlementCSV.fields($0.element, separator: ";")) }
        func region(_ cell: String) -> (code: String, name: String) {
            let t = cell.trimmingCharacters(in: .whitespaces)
            guard let space = t.firstIndex(of: " ") else { return (t, t) }
            return (String(t[..<space]), t[space...].trimmingCharacters(in: .whitespaces))
        }
        var b = HistoryBuilder(geography: geography, regionLabels: rows.map { region($0.fields[0]).code })
        for (line, f) in rows {
            let (code, name) = region(f[0])
            guard let r = HistoryRegions.parse(code, name: name) else {
                b.issues.append(ImportIssue(line: line, message: "kolonne «\(header[0])»: «\(f[0])» har ikke et region-nummer først"))
                continue
            }
            let variables = variableColumns.compactMap { f[safe: $0]?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for (col, year, prefix) in yearColumns {
                let label = (variables + (prefix.isEmpty ? [] : [prefix])).joined(separator: ", ")
                let measureLabel = label.isEmpty ? title : label
                let measure = b.measure(parts: [measureLabel], unit: "")
                b.add(line: line, column: header[col], region: r, name: name, year: year, measure: measure, cell: f[safe: col] ?? "")
            }
        }
        return try b.finish(format: .ssbCSV, title: title, skipInvalid: skipInvalid)
    }
}
