/// The directorate's "Alle kommuner" statistics download: semicolon-separated, three header rows
/// (`Region;Navn;<Tema>: <measure>…`, `;;Enhet: Personer…`, `;;År: 2017…`), then one row per
/// region (`K0301;Oslo;…`, counties `F03`, `K9999;Uoppgitt kommune`).
public enum IMDiCrossTable {
    /// Whether the text looks like this format (first row starts with Region;Navn).
    public static func matches(_ text: String) -> Bool {
        let first = text.prefix { !$0.isNewline }.replacingOccurrences(of: "\u{FEFF}", with: "").lowercased()
        return first.hasPrefix("region;navn;") || first.hasPrefix("\"region\";\"navn\";")
    }

    public static func parse(_ text: String, geography: Geography, title: String = "") throws -> HistoryTable {
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard lines.count >= 4 else { throw HistoryFileError(line: nil, "Filen må ha tre overskriftsrader og minst én datarad.") }
        let header = lines[0..<3].map { SettlementCSV.fields($0, separator: ";") }
        guard header[0].count >= 3, header[0][0].lowercased() == "region", header[0][1].lowercased() == "navn" else {
            throw HistoryFileError(line: 1, "Første rad må begynne med «Region;Navn;».")
        }
        var columns: [(index: Int, label: String, measure: String, unit: String, year: Int)] = []
        var issues: [ImportIssue] = []
        for i in 2..<header[0].count where !header[0][i].trimmingCharacters(in: .whitespaces).isEmpty {
            let label = header[0][i].trimmingCharacters(in: .whitespaces)
            let unitCell = i < header[1].count ? header[1][i] : ""
            let yearCell = i < header[2].count ? header[2][i] : ""
            guard let year = Self.value(yearCell, after: "år").flatMap({ Int($0) }), (1990...2100).contains(year) else {
                issues.append(ImportIssue(line: 3, message: "kolonne \(i + 1) («\(label)»): «\(yearCell)» er ikke «År: ÅÅÅÅ»"))
                continue
            }
            let unit = Self.value(unitCell, after: "enhet")?.lowercased() ?? ""
            columns.append((i, label, HistoryMeasures.id(label), unit, year))
        }
        guard issues.isEmpty else { throw HistoryFileError(issues) }
        let rows = lines.enumerated().dropFirst(3).filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { (line: $0.offset + 1, fields: SettlementCSV.fields($0.element, separator: ";")) }
        var b = HistoryBuilder(geography: geography, regionLabels: rows.map { $0.fields[0] })
        for (line, f) in rows {
            let name = f.count > 1 ? f[1].trimmingCharacters(in: .whitespaces) : ""
            guard let region = HistoryRegions.parse(f[0], name: name) else {
                b.issues.append(
                    ImportIssue(line: line, message: "kolonne «Region»: «\(f[0])» er ikke K<kommunenummer> eller F<fylkesnummer>"))
                continue
            }
            for c in columns {
                b.add(
                    line: line, column: "\(c.label), \(c.year)", region: region, name: name, year: c.year, measure: c.measure,
                    cell: c.index < f.count ? f[c.index] : "")
            }
        }
        var measures: [String: String] = [:]
        var units: [String: String] = [:]
        for c in columns {
            measures[c.measure] = c.label
            units[c.measure] = c.unit
        }
        return try b.finish(format: .imdi, title: title, measures: measures, units: units)
    }

    /// "År: 2017" → "2017"; "Enhet: Personer" → "Personer".
    static func value(_ cell: String, after key: String) -> String? {
        let parts = cell.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
