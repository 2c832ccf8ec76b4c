/// The directorate's "Alle kommuner" statistics download: semicolon-separated cross-tables with
/// one to four header rows above the figures. Each header cell names one dimension of its column,
/// as "Key: Value" or a bare value: the theme and measure (`Bosetting: Faktisk bosetting`), the
/// unit (`Enhet: Personer`, `Enhet: Prosent`), the year (`År: 2017`) and breakdowns (`Kjønn:
/// Kvinner`, `Alder: 0-17 år`, `Botid: …`); a cell may also hold several, comma-separated. The
/// first header row or the last begins `Region;Navn`; each row below is a region (`K0301;Oslo;…`,
/// counties `F03`, `K9999;Uoppgitt kommune`). Cells: figures with decimal comma, `:` hidden,
/// `.` missing.
public enum IMDiCrossTable {
    /// The most header rows read above the figures.
    static let maxHeaderRows = 6

    /// Whether the text looks like this format: a header row that begins `Region;Navn` (or
    /// `Region;` with `K…`/`F…` rows below).
    public static func matches(_ text: String) -> Bool {
        let head = HistoryText.head(text)
        guard let h = head.firstIndex(where: { HistoryText.names($0, separator: ";").first == "region" }) else { return false }
        let f = HistoryText.names(head[h], separator: ";")
        if f.count > 2 && f[1] == "navn" { return true }
        return head[(h + 1)...].contains { isDataRow(SettlementCSV.fields($0, separator: ";")) }
    }

    /// A row of figures: its first cell is a region code (`K0301`, `F03`, `L`) or it is the
    /// country's row.
    static func isDataRow(_ f: [String]) -> Bool {
        guard let first = f.first?.trimmed.uppercased() else { return false }
        if let c = first.first, "KFL".contains(c) {
            let rest = first.dropFirst().drop { $0 == "-" }
            return (c == "L" && rest.isEmpty) || (!rest.isEmpty && rest.count <= 4 && rest.allSatisfy(\.isNumber))
        }
        return (first.isEmpty || first == "0") && f.count > 1 && f[1].trimmed.lowercased() == "hele landet"
    }

    /// What a value column's header cells say.
    struct Column {
        var index: Int
        var parts: [String] = []
        var unit = ""
        var year: Int?
        var yearText: [String] = []
        var name: String {
            let u = HistoryUnit.normal(unit)
            let label = parts.joined(separator: ", ") + (u.suffix.isEmpty ? "" : " (\(unit))")
            return year.map { "\(label), \($0)" } ?? label
        }
    }

    public static func parse(_ text: String, geography: Geography, title: String = "", skipInvalid: Bool = false) throws -> HistoryTable {
        let lines = HistoryText.lines(text)
        guard let firstData = lines.firstIndex(where: { !$0.text.isEmpty && isDataRow(SettlementCSV.fields($0.text, separator: ";")) })
        else { throw HistoryFileError(line: nil, "Finner ingen rad med regionnummer (K0301, F03) under overskriftene.") }
        let headerLines = lines[..<firstData].filter { !$0.text.allSatisfy(\.isWhitespace) }
            .map { (number: $0.number, fields: SettlementCSV.fields($0.text, separator: ";")) }
        // Title rows (one cell, no dimensions) are not header rows.
        let header = headerLines.filter { $0.fields.dropFirst().contains { !$0.isEmpty } }
        let fileTitle = headerLines.first { !$0.fields.dropFirst().contains { !$0.isEmpty } }?.fields.first ?? ""
        guard !header.isEmpty else { throw HistoryFileError(line: 1, "Filen mangler overskriftsrader over tallene.") }
        guard header.count <= maxHeaderRows else {
            throw HistoryFileError(line: header[0].number, "Flere enn \(maxHeaderRows) overskriftsrader før første region.")
        }
        var issues: [ImportIssue] = []
        let width = header.map(\.fields.count).max() ?? 0
        var columns: [Column] = []
        for i in 2..<max(width, 2) {
            var c = Column(index: i)
            for row in header {
                let cell = i < row.fields.count ? row.fields[i] : ""
                for (key, value) in pairs(cell) {
                    let k = key?.lowercased() ?? ""
                    if ["år", "aar", "year", "årstall", "tid", "periode"].contains(k) || (key == nil && yearValue(value) != nil) {
                        c.yearText.append(value)
                        if c.year == nil { c.year = yearValue(value) }
                    } else if ["enhet", "måleenhet", "benevning", "unit"].contains(k) || (key == nil && HistoryUnit.isUnitWord(value)) {
                        c.unit = value
                    } else if key == nil, header.count == 1, let (label, year) = trailingYear(value) {
                        // "Faktisk bosetting 2019": with one header row, a label and its year in one cell.
                        c.parts.append(label)
                        c.yearText.append(String(year))
                        if c.year == nil { c.year = year }
                    } else {
                        c.parts.append(key.map { "\($0): \(value)" } ?? value)
                    }
                }
            }
            if c.parts.isEmpty && c.yearText.isEmpty && c.unit.isEmpty { continue }  // a trailing separator
            guard let year = c.year, (1990...2100).contains(year), c.yearText.count == 1 else {
                issues.append(
                    ImportIssue(
                        line: header.last?.number,
                        message:
                            "kolonne \(i + 1) («\(c.name)»): \(c.yearText.isEmpty ? "mangler år («År: ÅÅÅÅ»)" : "«\(c.yearText.joined(separator: "», «"))» er ikke ett årstall")"
                    ))
                continue
            }
            if c.parts.isEmpty { c.parts = [fileTitle.isEmpty ? title : fileTitle] }
            columns.append(c)
        }
        guard issues.isEmpty else { throw HistoryFileError(issues) }
        guard !columns.isEmpty else { throw HistoryFileError(line: header.last?.number, "Ingen tallkolonner i overskriften.") }
        let rows = lines[firstData...].filter { !$0.text.allSatisfy(\.isWhitespace) }
            .map { (line: $0.number, fields: SettlementCSV.fields($0.text, separator: ";")) }
        var b = HistoryBuilder(geography: geography, regionLabels: rows.map { $0.fields[0] })
        let ids = columns.map { b.measure(parts: $0.parts, unit: $0.unit) }
        let names = columns.map(\.name)
        for (line, f) in rows {
            let name = f.count > 1 ? f[1].trimmed : ""
            guard let region = HistoryRegions.parse(f[0], name: name) else {
                // A note below the table («Kilde: IMDi», «* Foreløpige tall»): only its first cell
                // is filled, so it holds no figure; it is listed, not refused.
                if f.dropFirst().allSatisfy({ $0.trimmed.isEmpty }) {
                    b.warnings.append("linje \(line): merknad under tabellen, ikke tall: «\(f[0])»")
                    continue
                }
                b.issue(line, "kolonne «Region»: «\(f[0])» er ikke K<kommunenummer> eller F<fylkesnummer>")
                continue
            }
            for (n, c) in columns.enumerated() {
                b.add(
                    line: line, column: names[n], region: region, name: name, year: c.year!, measure: ids[n],
                    cell: c.index < f.count ? f[c.index] : "")
            }
        }
        var table = try b.finish(format: .imdi, title: title, skipInvalid: skipInvalid)
        if table.title.isEmpty { table.title = fileTitle }
        return table
    }

    /// A header cell's dimensions: "Bosetting: Faktisk bosetting" → ("Bosetting", "Faktisk
    /// bosetting"); "2017" → (nil, "2017"); "Kjønn: Kvinner, År: 2017" → two pairs.
    static func pairs(_ cell: String) -> [(key: String?, value: String)] {
        let t = cell.trimmed
        guard !t.isEmpty else { return [] }
        var segments: [String] = []
        for s in t.components(separatedBy: ", ") {
            // A segment without a key of its own continues the one before ("Alder: 0-17 år, gutter").
            if let last = segments.last, last.contains(":"), !s.contains(":") {
                segments[segments.count - 1] = last + ", " + s
            } else {
                segments.append(s)
            }
        }
        return segments.map { s in
            guard let colon = s.firstIndex(of: ":") else { return (nil, s.trimmed) }
            let key = String(s[..<colon]).trimmed
            let value = String(s[s.index(after: colon)...]).trimmed
            return key.isEmpty ? (nil, value) : (key, value)
        }
    }

    /// "Faktisk bosetting 2019" → ("Faktisk bosetting", 2019).
    static func trailingYear(_ s: String) -> (String, Int)? {
        guard let r = s.range(of: #"\s+\d{4}\*?$"#, options: .regularExpression), let y = yearValue(String(s[r])) else { return nil }
        let label = String(s[..<r.lowerBound]).trimmed
        return label.isEmpty ? nil : (label, y)
    }

    /// "2017" or "2017*" (preliminary) → 2017.
    static func yearValue(_ s: String) -> Int? {
        let t = s.trimmed
        guard t.count >= 4, t.prefix(4).allSatisfy(\.isNumber) else { return nil }
        let rest = String(t.dropFirst(4)).trimmed
        guard rest.isEmpty || rest == "*" else { return nil }
        return Int(t.prefix(4))
    }

    /// "År: 2017" → "2017"; "Enhet: Personer" → "Personer".
    static func value(_ cell: String, after key: String) -> String? {
        let parts = cell.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
