/// Builds `Geography` from the two published tables (`kommuner.csv`, 2024 division, and
/// `kommunenummer-2013-2020.csv`, numbers and names 2013–2020 with the kind of change) and,
/// optionally, the change list before 2013 (`kommuneendringer-1995-2013.csv`).
public enum GeographyLoader {
    /// County names before the 2020 reform (and Trøndelag from 2018).
    static let countyNamesBefore2020: [String: String] = [
        "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland", "06": "Buskerud",
        "07": "Vestfold", "08": "Telemark", "09": "Aust-Agder", "10": "Vest-Agder", "11": "Rogaland",
        "12": "Hordaland", "14": "Sogn og Fjordane", "15": "Møre og Romsdal", "16": "Sør-Trøndelag",
        "17": "Nord-Trøndelag", "18": "Nordland", "19": "Troms", "20": "Finnmark", "50": "Trøndelag",
    ]
    /// Counties 2020–2023.
    static let countyNames2020: [String: String] = [
        "03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland", "30": "Viken", "34": "Innlandet",
        "38": "Vestfold og Telemark", "42": "Agder", "46": "Vestland", "50": "Trøndelag", "54": "Troms og Finnmark",
    ]

    public enum LoadError: Error, CustomStringConvertible {
        case badRow(file: String, line: Int, reason: String)
        public var description: String {
            switch self {
            case .badRow(let f, let l, let r): "\(f) linje \(l): \(r)"
            }
        }
    }

    static func fields(_ line: Substring, separator: Character) -> [String] {
        line.split(separator: separator, omittingEmptySubsequences: false).map {
            var s = String($0).trimmed
            if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { s = String(s.dropFirst().dropLast()) }
            return s
        }
    }

    public static func load(kommunerCSV: String, historyCSV: String) throws -> Geography {
        try load(kommunerCSV: kommunerCSV, historyCSV: historyCSV, changesCSV: nil)
    }

    /// `changesCSV`: `år;endring;fra_nummer;fra_navn;til_nummer;til_navn` (lines beginning `#` are
    /// comments), the changes from 1995 up to the 2013 division; each year of it begins a division.
    public static func load(kommunerCSV: String, historyCSV: String, changesCSV: String?) throws -> Geography {
        // 2024 division.
        var current: [Municipality] = []
        for (i, line) in kommunerCSV.split(whereSeparator: \.isNewline).enumerated() where i > 0 && !line.isEmpty {
            let f = fields(line, separator: ",")
            guard f.count >= 4, f[0].count == 4, f[2].count == 2 else {
                throw LoadError.badRow(
                    file: "kommuner.csv", line: i + 1, reason: "forventet kommunenummer,kommunenavn,fylkesnummer,fylkesnavn")
            }
            current.append(Municipality(code: f[0], name: f[1], countyCode: f[2], countyName: f[3]))
        }
        // 2013–2020.
        struct Row { var codes: [Int: (String, String)] }
        var rows: [Row] = []
        for (i, line) in historyCSV.split(whereSeparator: \.isNewline).enumerated() where i > 0 && !line.isEmpty {
            let f = fields(line, separator: ";")
            guard f.count >= 14 else {
                throw LoadError.badRow(file: "kommunenummer-2013-2020.csv", line: i + 1, reason: "forventet 14 felt, fant \(f.count)")
            }
            rows.append(Row(codes: [2013: (f[0], f[1]), 2017: (f[2], f[3]), 2018: (f[5], f[6]), 2019: (f[8], f[9]), 2020: (f[11], f[12])]))
        }
        var divisions: [Int: Division] = [:]
        for year in [2013, 2017, 2018, 2019, 2020] {
            var seen: [String: Municipality] = [:]
            for r in rows {
                // "9999 Uoppgitt" and Svalbard (21xx) are not municipalities of the division.
                guard let (code, name) = r.codes[year], !code.isEmpty, !code.hasPrefix("99"), !code.hasPrefix("21") else { continue }
                let county = String(code.prefix(2))
                let countyName = (year >= 2020 ? countyNames2020[county] : countyNamesBefore2020[county]) ?? county
                seen[code] = Municipality(code: code, name: name, countyCode: county, countyName: countyName)
            }
            divisions[year] = Division(year: year, municipalities: Array(seen.values))
        }
        divisions[2024] = Division(year: 2024, municipalities: current)

        // 2020 → 2024: same name in the county's successor, else same code; Ålesund 2020 was split
        // into Ålesund and Haram.
        // Sami and Kven double names are written in either order ("Kautokeino - Guovdageaidnu").
        // Homonyms carry their county in parentheses ("Våler (Viken)"); the county check below decides.
        func nameParts(_ name: String) -> [String] {
            var n = name.lowercased()
            if let paren = n.firstIndex(of: "(") { n = String(n[..<paren]) }
            return n.components(separatedBy: " - ").map(\.trimmed)
        }
        var currentByName: [String: [Municipality]] = [:]
        for m in current { for part in nameParts(m.name) { currentByName[part, default: []].append(m) } }
        var from2020: [String: Set<String>] = [:]
        for m in divisions[2020]!.municipalities {
            var sameNameSet: [String: Municipality] = [:]
            for part in nameParts(m.name) { for c in currentByName[part] ?? [] { sameNameSet[c.code] = c } }
            let sameName = Array(sameNameSet.values).sorted { $0.code < $1.code }
            var targets = Set(sameName.filter { successorCounties(of: m.countyCode).contains($0.countyCode) }.map(\.code))
            if targets.isEmpty, current.contains(where: { $0.code == m.code }) { targets = [m.code] }
            if targets.isEmpty, let first = sameName.first { targets = [first.code] }
            from2020[m.code] = targets
        }
        if from2020["1507"] != nil, current.contains(where: { $0.code == "1580" }) { from2020["1507"]!.insert("1580") }

        var byYear: [Int: [String: Set<String>]] = [
            2024: Dictionary(uniqueKeysWithValues: current.map { ($0.code, [$0.code]) }), 2020: from2020,
        ]
        var any: [String: Set<String>] = [:]
        for year in [2013, 2017, 2018, 2019] {
            var map: [String: Set<String>] = [:]
            for r in rows {
                guard let (code, _) = r.codes[year], let (c2020, _) = r.codes[2020] else { continue }
                map[code, default: []].formUnion(from2020[c2020] ?? [])
            }
            byYear[year] = map
        }
        var endings: [String: Geography.Ending] = [:]
        if let changesCSV { endings = try addChanges(changesCSV, divisions: &divisions, byYear: &byYear) }
        for (_, map) in byYear { for (k, v) in map { any[k, default: []].formUnion(v) } }
        var geography = Geography(divisions: divisions, toCurrent: any, toCurrentByYear: byYear)
        geography.endings = endings
        return geography
    }

    /// The year the earliest division of the change list begins.
    public static let firstYear = 1995

    /// Builds the divisions before 2013 backwards from the 2013 division: before each change year
    /// the municipalities it made are replaced by those it was made from.
    /// Returns how each number that ended did (merged into another, or continued under a new
    /// number or with a larger extent).
    static func addChanges(
        _ csv: String, divisions: inout [Int: Division], byYear: inout [Int: [String: Set<String>]]
    ) throws -> [String: Geography.Ending] {
        let file = "kommuneendringer-1995-2013.csv"
        struct Change {
            var line: Int
            var from: String
            var fromName: String
            var to: String
            var toName: String
        }
        var changes: [Int: [Change]] = [:]
        var header = true
        for (i, raw) in csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if header {
                header = false
                continue
            }
            let f = fields(raw, separator: ";")
            guard f.count >= 6, let year = Int(f[0]), (firstYear + 1...2013).contains(year), f[2].count == 4, f[4].count == 4,
                f[2].allSatisfy(\.isNumber), f[4].allSatisfy(\.isNumber)
            else {
                throw LoadError.badRow(file: file, line: i + 1, reason: "forventet år;endring;fra_nummer;fra_navn;til_nummer;til_navn")
            }
            changes[year, default: []].append(Change(line: i + 1, from: f[2], fromName: f[3], to: f[4], toName: f[5]))
        }
        guard var later = divisions[2013] else { return [:] }
        let years = changes.keys.sorted()
        var endings: [String: Geography.Ending] = [:]
        for (year, cs) in changes {
            for c in cs where c.from != c.to {
                // Under the same name the municipality goes on: the one the others were merged
                // into, or one only renumbered. (Bodø 1804 kept its number: no ending.)
                let survives = c.fromName == c.toName
                endings[c.from] = Geography.Ending(year: year, into: c.to, survives: survives)
            }
        }
        for (n, year) in years.enumerated().reversed() {
            let cs = changes[year]!
            // The division valid from `year` up to the next change; 2013 is already loaded.
            let laterKey = year
            if laterKey != 2013 { divisions[laterKey] = later }
            var before = Dictionary(later.municipalities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            for c in cs {
                guard later.municipality(c.to) != nil else {
                    throw LoadError.badRow(file: file, line: c.line, reason: "\(c.to) finnes ikke i inndelingen fra \(year)")
                }
                before[c.to] = nil
            }
            var successors: [String: Set<String>] = [:]
            for c in cs {
                let county = String(c.from.prefix(2))
                before[c.from] = Municipality(
                    code: c.from, name: c.fromName, countyCode: county, countyName: countyNamesBefore2020[county] ?? county)
                successors[c.from, default: []].insert(c.to)
            }
            let beforeKey = n == 0 ? firstYear : years[n - 1]
            let laterMap = byYear[laterKey] ?? [:]
            var map: [String: Set<String>] = [:]
            for code in before.keys {
                for s in successors[code] ?? [code] { map[code, default: []].formUnion(laterMap[s] ?? []) }
            }
            byYear[beforeKey] = map
            later = Division(year: beforeKey, municipalities: Array(before.values))
            divisions[beforeKey] = later
        }
        return endings
    }

    /// The 2024 counties a 2020 county became.
    static func successorCounties(of code: String) -> Set<String> {
        switch code {
        case "30": ["31", "32", "33", "03"]
        case "38": ["39", "40"]
        case "54": ["55", "56"]
        default: [code]
        }
    }
}
