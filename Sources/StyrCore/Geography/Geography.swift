/// A municipality (kommune) in one year's division.
public struct Municipality: Codable, Sendable, Hashable {
    /// Kommunenummer, four digits.
    public var code: String
    public var name: String
    /// Fylkesnummer, two digits.
    public var countyCode: String
    public var countyName: String

    public init(code: String, name: String, countyCode: String, countyName: String) {
        self.code = code
        self.name = name
        self.countyCode = countyCode
        self.countyName = countyName
    }
}

/// A county (fylke).
public struct County: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
}

/// The municipalities and counties valid in one year.
public struct Division: Sendable {
    public let year: Int
    public let municipalities: [Municipality]
    public let byCode: [String: Municipality]

    init(year: Int, municipalities: [Municipality]) {
        self.year = year
        self.municipalities = municipalities.sorted { $0.code < $1.code }
        self.byCode = Dictionary(municipalities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var counties: [County] {
        var seen: [String: String] = [:]
        for m in municipalities { seen[m.countyCode] = m.countyName }
        return seen.map { County(code: $0.key, name: $0.value) }.sorted { $0.code < $1.code }
    }

    public func municipality(_ code: String) -> Municipality? { byCode[code] }
}

/// Municipality numbers and names over time: the divisions of 2013, 2017, 2018, 2019, 2020 and
/// 2024 (and, when the change list is loaded, of every year from 1995) and the mapping of every
/// code to the 2024 division (the 2020 and 2024 reforms). "9999 Uoppgitt" is never a municipality.
public struct Geography: Sendable {
    /// Years in which the division changed; a year uses the latest division not after it.
    public static let divisionYears = [2013, 2017, 2018, 2019, 2020, 2024]

    let divisions: [Int: Division]
    /// The years in which the loaded divisions begin, ascending.
    public let years: [Int]
    /// Any historical code → the 2024 codes it became (several when it was split).
    let toCurrent: [String: Set<String>]
    /// (year division, code) → 2024 codes.
    let toCurrentByYear: [Int: [String: Set<String>]]
    /// Division year → 2024 code → the codes of that division that became it (in code order).
    let fromCurrentByYear: [Int: [String: [String]]]

    init(divisions: [Int: Division], toCurrent: [String: Set<String>], toCurrentByYear: [Int: [String: Set<String>]]) {
        self.divisions = divisions
        self.years = divisions.keys.sorted()
        self.toCurrent = toCurrent
        self.toCurrentByYear = toCurrentByYear
        var reverse: [Int: [String: [String]]] = [:]
        for (key, division) in divisions {
            var map: [String: [String]] = [:]
            for m in division.municipalities {
                for target in toCurrentByYear[key]?[m.code] ?? toCurrent[m.code] ?? [] { map[target, default: []].append(m.code) }
            }
            reverse[key] = map
        }
        fromCurrentByYear = reverse
    }

    static func divisionKey(_ year: Int) -> Int { divisionYears.last { $0 <= year } ?? divisionYears[0] }

    /// The loaded division that holds in `year` (the earliest for a year before it).
    func divisionKey(_ year: Int) -> Int { years.last { $0 <= year } ?? years[0] }

    public func division(for year: Int) -> Division { divisions[divisionKey(year)]! }

    /// The 2024 codes a code valid in `year` maps to.
    public func currentCodes(for code: String, year: Int) -> Set<String> {
        let key = divisionKey(year)
        return toCurrentByYear[key]?[code] ?? toCurrent[code] ?? []
    }

    /// The code valid in `year` for a municipality written with any of its historical or later
    /// numbers (published files label 2017 rows with 2020 numbers, e.g. Halden 3001).
    public func code(_ code: String, validIn year: Int) -> [String] {
        let key = divisionKey(year)
        if divisions[key]!.byCode[code] != nil { return [code] }
        let reverse = fromCurrentByYear[key] ?? [:]
        // The division's codes that became any of the codes this one became.
        return Set((toCurrent[code] ?? []).flatMap { reverse[$0] ?? [] }).sorted()
    }

    /// The municipality of `year`'s division that a code of any year stands for (the first, when
    /// the municipality was split).
    public func municipality(_ code: String, in year: Int) -> Municipality? {
        let division = division(for: year)
        return division.municipality(code) ?? self.code(code, validIn: year).first.flatMap(division.municipality)
    }

    public static let unknownMunicipality = "9999"

    /// How a municipality number ended (from the change list before 2013).
    public struct Ending: Sendable, Equatable {
        /// The first year (1 January) without the number.
        public var year: Int
        /// The number it became part of.
        public var into: String
        /// True when the municipality went on under `into` (renumbered, or the one others were
        /// merged into: one municipality with a changed extent); false when it was merged away.
        public var survives: Bool
    }

    /// Numbers that ended before 2013, by number.
    var endings: [String: Ending] = [:]

    /// The number in `year`'s division under which the municipality numbered `code` goes on,
    /// following renumberings and mergers it survived (Inderøy 1729 → 1756 in 2012, Ølen 1214 →
    /// 1159 in 2002); nil when it was merged into another municipality by then (Mosvik 1723 in
    /// 2012) or is unknown. A number valid in `year` is itself.
    public func continuation(of code: String, in year: Int) -> String? {
        var current = code
        var steps = 0
        while division(for: year).municipality(current) == nil, steps < 10 {
            steps += 1
            if let end = endings[current] {
                guard year >= end.year else { return nil }
                guard end.survives else { return nil }
                current = end.into
            } else {
                // After 2013: the published table names no survivor; a single later number is it.
                let later = self.code(current, validIn: year)
                guard later.count == 1 else { return nil }
                current = later[0]
            }
        }
        return division(for: year).municipality(current) == nil ? nil : current
    }

    /// The merger that took `code` away by `year`, when it did: the year and the number of `year`'s
    /// division it became part of.
    public func mergedAway(_ code: String, by year: Int) -> (year: Int, into: String)? {
        var current = code
        var steps = 0
        while let end = endings[current], year >= end.year, steps < 10 {
            steps += 1
            if !end.survives {
                let into = continuation(of: end.into, in: year) ?? end.into
                return (end.year, into)
            }
            current = end.into
        }
        return nil
    }

    /// Every municipality code of every division (any year's numbers).
    public var allCodes: Set<String> { Set(divisions.values.flatMap { $0.municipalities.map(\.code) }) }
}
