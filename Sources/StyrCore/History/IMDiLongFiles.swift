/// The directorate's long downloads, one figure a row, read by their column names.
///
/// - «download_csv» from the statistics pages: `Enhet;År;Kommunenummer;Kommune;<tema>;Antall`,
///   semicolon-separated, ISO-8859-1 or UTF-8 with BOM; `<tema>` is a dimension column whose header
///   is the theme ("Bosetting") and whose cells are the measure ("Anmodning om bosetting"); further
///   dimension columns (Kjønn, Alder, …) may follow it; `Antall` holds the figure (decimal comma,
///   `:` hidden, `.` missing).
/// - The indicator site's flat files: `aar,fylke_nr,fylke_navn,kommune_nr,kommune_navn,enhet,
///   tabellvariabel,tabell_navn,…`, comma-separated with quoted text (written by R's `write.csv`);
///   `tabellvariabel` holds the figure, `enhet` is `personer` or `prosent`, every other column
///   (`bosetting`, `kjonn`, `innvkat5`, …) is a dimension. County rows leave `kommune_nr` empty;
///   the country is `fylke_nr` 00.
public enum IMDiLongFiles {
    static let yearNames: Set<String> = ["år", "aar", "year", "årstall"]
    static let municipalityNames: Set<String> = ["kommunenummer", "kommunenr", "kommune_nr", "knr", "kommunenr.", "kommune nr"]
    static let municipalityNameNames: Set<String> = ["kommune", "kommunenavn", "kommune_navn", "navn"]
    static let countyNames: Set<String> = ["fylkesnummer", "fylkenummer", "fylkesnr", "fylke_nr", "fnr"]
    static let countyNameNames: Set<String> = ["fylke", "fylkesnavn", "fylkenavn", "fylke_navn"]
    static let unitNames: Set<String> = ["enhet", "måleenhet", "benevning"]
    static let downloadValueNames: [String] = ["antall", "verdi", "tall", "value"]
    /// Columns of the indicator files that are neither a region, a year, a unit nor a dimension.
    static let indicatorIgnored: Set<String> = ["tabell_navn", "naringsregion_navn", "bydel_navn", "kommune_navn", "fylke_navn"]

    public static func matchesDownload(_ text: String) -> Bool {
        guard let first = HistoryText.head(text, limit: 1).first else { return false }
        let names = Set(HistoryText.names(first, separator: HistoryText.separator(first)))
        return !names.isDisjoint(with: yearNames) && !names.isDisjoint(with: municipalityNames) && !names.contains("tabellvariabel")
    }

    public static func matchesIndicator(_ text: String) -> Bool {
        guard let first = HistoryText.head(text, limit: 1).first else { return false }
        let names = Set(HistoryText.names(first, separator: HistoryText.separator(first)))
        return names.contains("tabellvariabel") && names.contains("aar")
    }

    /// The region of a row from its number columns. Numbers lose their leading zero when a file
    /// has passed through a spreadsheet ("301" for Oslo, "3" for Østfold); a column that says it
    /// holds a municipality or county number is padded back.
    static func region(municipality: String, county: String, name: String) -> (level: HistoryLevel, code: String)?? {
        var k = municipality.trimmed.uppercased()
        var f = county.trimmed.uppercased()
        for null in ["NULL", "NA"] {
            if k == null { k = "" }
            if f == null { f = "" }
        }
        if k.hasPrefix("K") { k.removeFirst() }
        if f.hasPrefix("F") { f.removeFirst() }
        let landName = ["hele landet", "landet", "norge", "i alt"].contains(name.lowercased().trimmed)
        if !k.isEmpty {
            guard k.allSatisfy(\.isNumber), k.count <= 4 else { return .some(nil) }
            if Int(k) == 0 { return (.country, "0") }
            let code = String(repeating: "0", count: 4 - k.count) + k
            return code == Geography.unknownMunicipality ? (.unknown, code) : (.municipality, code)
        }
        if !f.isEmpty {
            guard f.allSatisfy(\.isNumber), f.count <= 2 else { return .some(nil) }
            if Int(f) == 0 { return (.country, "0") }
            return (.county, String(repeating: "0", count: 2 - f.count) + f)
        }
        return landName ? (.country, "0") : nil
    }

    public static func parseDownload(_ text: String, geography: Geography, title: String = "", skipInvalid: Bool = false) throws
        -> HistoryTable
    {
        try parse(text, geography: geography, title: title, skipInvalid: skipInvalid, indicator: false)
    }

    public static func parseIndicator(_ text: String, geography: Geography, title: String = "", skipInvalid: Bool = false) throws
        -> HistoryTable
    {
        try parse(text, geography: geography, title: title, skipInvalid: skipInvalid, indicator: true)
    }

    static func parse(_ text: String, geography: Geography, title: String, skipInvalid: Bool, indicator: Bool) throws -> HistoryTable {
        let lines = HistoryText.lines(text)
        guard let head = lines.first else { throw HistoryFileError(line: 1, "Filen er tom.") }
        let separator = HistoryText.separator(head.text)
        let header = SettlementCSV.fields(head.text, separator: separator).map(\.trimmed)
        let names = header.map { $0.lowercased() }
        func index(_ set: Set<String>) -> Int? { names.firstIndex { set.contains($0) } }
        guard let yearColumn = index(yearNames) else { throw HistoryFileError(line: 1, "Mangler kolonnen «År» («aar»).") }
        let municipalityColumn = index(municipalityNames)
        let countyColumn = index(countyNames)
        guard municipalityColumn != nil || countyColumn != nil else {
            throw HistoryFileError(line: 1, "Mangler kolonnen «Kommunenummer» («kommune_nr») eller «fylke_nr».")
        }
        let nameColumn = index(municipalityNameNames)
        let countyNameColumn = index(countyNameNames)
        let unitColumn = index(unitNames)
        let valueColumn: Int
        if indicator {
            valueColumn = names.firstIndex(of: "tabellvariabel")!
        } else {
            guard let v = downloadValueNames.lazy.compactMap({ names.firstIndex(of: $0) }).first else {
                throw HistoryFileError(
                    line: 1,
                    "Mangler tallkolonnen (en av «\(downloadValueNames.joined(separator: "», «"))»); fant «\(header.joined(separator: ";"))»."
                )
            }
            valueColumn = v
        }
        let tableColumn = indicator ? names.firstIndex(of: "tabell_navn") : nil
        var known: Set<Int> = [yearColumn, valueColumn]
        for c in [municipalityColumn, countyColumn, nameColumn, countyNameColumn, unitColumn, tableColumn] { if let c { known.insert(c) } }
        let dimensions = header.indices.filter { !known.contains($0) && !(indicator && indicatorIgnored.contains(names[$0])) }
        let valueName = header[valueColumn]

        let rows = lines.dropFirst().filter { !$0.text.allSatisfy(\.isWhitespace) }
        var parsed: [(line: Int, fields: [String])] = []
        parsed.reserveCapacity(rows.count)
        for r in rows { parsed.append((r.number, SettlementCSV.fields(r.text, separator: separator))) }
        var b = HistoryBuilder(
            geography: geography,
            regionLabels: parsed.lazy.compactMap { row in
                municipalityColumn.flatMap { row.fields[safe: $0] }.map { k -> String in
                    k.count == 3 && k.allSatisfy(\.isNumber) ? "0" + k : k
                }
            })
        let context: (String) -> [String] = { $0.isEmpty ? [] : [$0] }
        for (line, f) in parsed {
            guard f.count >= header.count || f.count > valueColumn else {
                b.issue(line, "har \(f.count) felt, overskriften har \(header.count)")
                continue
            }
            let yearText = f[yearColumn]
            guard let year = IMDiCrossTable.yearValue(yearText), (1990...2100).contains(year) else {
                b.issue(line, "kolonne «\(header[yearColumn])»: «\(yearText)» er ikke et årstall")
                continue
            }
            let name = nameColumn.flatMap { f[safe: $0] } ?? countyNameColumn.flatMap { f[safe: $0] } ?? ""
            let k = municipalityColumn.flatMap { f[safe: $0] } ?? ""
            let c = countyColumn.flatMap { f[safe: $0] } ?? ""
            guard let placed = region(municipality: k, county: c, name: name) else {
                b.issue(line, "kolonne «\(header[municipalityColumn ?? countyColumn!])»: ingen region (tomt nummer)")
                continue
            }
            guard let region = placed else {
                let column = !k.isEmpty ? municipalityColumn! : countyColumn!
                b.issue(line, "kolonne «\(header[column])»: «\(f[column])» er ikke et kommune- eller fylkesnummer")
                continue
            }
            let unit = unitColumn.flatMap { f[safe: $0] } ?? ""
            var parts = dimensions.map { "\(header[$0]): \(f[safe: $0] ?? "")" }
            let table = tableColumn.flatMap { f[safe: $0] } ?? ""
            if indicator, let first = dimensions.first, !HistoryMeasures.isSettlement(f[safe: first] ?? "") {
                parts.insert("tabell_navn: \(table)", at: 0)
            }
            let measure = b.measure(parts: parts, unit: unit, context: context(table))
            let display =
                region.level == .country
                ? "Hele landet" : name.isEmpty ? geography.division(for: year).municipality(region.code)?.name ?? region.code : name
            // R's write.csv writes a missing number as NA (unquoted): no figure, as «.».
            let cell = indicator && f[valueColumn] == "NA" ? "." : f[valueColumn]
            b.add(line: line, column: valueName, region: region, name: display, year: year, measure: measure, cell: cell)
        }
        return try b.finish(format: indicator ? .imdiIndicator : .imdiDownload, title: title, skipInvalid: skipInvalid)
    }
}

extension HistoryMeasures {
    /// Whether a label is one of the settlement measures (request, decision, settled).
    static func isSettlement(_ label: String) -> Bool {
        ["anmodning", "vedtak", "bosatt"].contains(id(withoutUnaccompanied(label)))
    }
}
