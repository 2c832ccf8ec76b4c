/// The settlement tables 16–24 of the statistics appendix, built from a `SettlementCube`.
public enum SettlementTables {
    public static let numbers = ["16", "17", "18", "19", "20", "21", "22", "23", "24"]

    public static let titles: [String: String] = [
        "16": "Personer som venter på bosetting",
        "17": "Bosettingsklare i mottak og i uttakslandet etter ventetid siden vedtak",
        "18": "Gjennomsnittlig ventetid fra vedtak til bosetting (måneder)",
        "19": "Bosatte personer",
        "20": "Bosatte per fylke",
        "21": "Bosatt innen 3, 6 og 12 måneder og etter mer enn 12 måneder",
        "22": "Anmodning om bosetting, vedtatte plasser og plassutnyttelse",
        "23": "Personer med begrenset oppholdstillatelse i påvente av dokumentert identitet",
        "24": "Bosettingsklare som har ventet mer enn 12, 24 og 36 måneder siden vedtak",
    ]

    /// Tables about the waiting stock, and the county table, exist only for the whole country.
    public static let nationalOnly: Set<String> = ["16", "17", "20", "24"]

    public enum TableError: Error, CustomStringConvertible, Equatable {
        case unknown(String)
        case nationalOnly(String)
        public var description: String {
            switch self {
            case .unknown(let n): "Tabell \(n) finnes ikke blant bosettingstabellene (16–24)."
            case .nationalOnly(let n): "Tabell \(n) finnes bare for hele landet."
            }
        }
    }

    static let source = "Integrerings- og mangfoldsdirektoratet (bosettingsregisteret)"
    static let groups: [(String, String)] = [
        ("em", "Enslige mindreårige"), ("barnefamilie", "Personer i barnefamilier"), ("voksne", "Voksne uten barnefamilie"),
        ("total", "I alt"),
    ]
    static let places: [(String, String)] = [("mottak", "Mottak"), ("uttaksland", "Uttakslandet (overføringsflyktninger)")]
    static let metric = StatDimension(
        id: "ContentsCode", label: "Måltall", categories: [("antall", "Antall"), ("prosent", "Prosent")], role: .metric,
        units: ["antall": "antall", "prosent": "prosent"])
    static let placeDimension = StatDimension(id: "sted", label: "Venter i", categories: places)

    /// Runs `body` for a category's own position and for its total's (cells count into both).
    @inline(__always)
    static func withTotal(_ position: Int, _ total: Int, _ body: (Int) -> Void) {
        body(position)
        body(total)
    }

    /// Every table for every year, both periods and every unit of each year's division (the
    /// country, its counties and municipalities), built concurrently per year and period. `body`
    /// gets each table and returns a figure to add up (e.g. its cells, or bytes written).
    /// Returns how many tables were built and the sum of `body`'s figures.
    public static func buildAll(
        cube: SettlementCube, years: ClosedRange<Int>, geography: Geography, _ body: @escaping @Sendable (StatTable) -> Int
    ) async throws -> (tables: Int, sum: Int) {
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for year in years {
                for period in [Period.year, .half] {
                    group.addTask {
                        let division = geography.division(for: year)
                        var built = 0
                        var sum = 0
                        for unit in [StatUnit.national] + division.counties.map({ .county($0.code) })
                            + division.municipalities.map({ .municipality($0.code) })
                        {
                            for no in numbers where unit == .national || !nationalOnly.contains(no) {
                                sum += body(
                                    try build(no, cube: cube, year: year, period: period, unit: unit, unitLabel: "", geography: geography))
                                built += 1
                            }
                        }
                        return (built, sum)
                    }
                }
            }
            return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
    }

    /// Convenience: builds the cube for the years the table needs, then the table.
    public static func build(
        _ no: String, register: SettlementRegister, year: Int, period: Period, unit: StatUnit, unitLabel: String, geography: Geography
    ) throws -> StatTable {
        let cube = SettlementCube(register, years: (year - 5)...year)
        return try build(no, cube: cube, year: year, period: period, unit: unit, unitLabel: unitLabel, geography: geography)
    }

    public static func build(
        _ no: String, cube: SettlementCube, year: Int, period: Period, unit: StatUnit, unitLabel: String, geography: Geography
    ) throws -> StatTable {
        guard let title = titles[no] else { throw TableError.unknown(no) }
        if nationalOnly.contains(no) && unit != .national { throw TableError.nationalOnly(no) }
        let pk = SettlementCube.PeriodKey(year: year, half: period == .half)
        func make(_ dims: [StatDimension]) -> StatTable {
            StatTable(number: no, title: title, year: year, period: period, unitLabel: unitLabel, source: source, dimensions: dims)
        }
        switch no {
        case "16": return table16(make(table16Dimensions), cube.waiting(pk))
        case "17": return table17(make(table17Dimensions), cube.waiting(pk))
        case "18": return table18(make(table18Dimensions), cube.settled(pk, unit: unit))
        case "19": return table19(make(table19Dimensions), cube.settled(pk, unit: unit))
        case "20":
            let counties = geography.division(for: year).counties.map { ($0.code, $0.name) } + [("0", "Hele landet")]
            return table20(
                make([StatDimension(id: "Region", label: "Fylke", categories: counties, role: .geo, totalCode: "0")] + table20Categories)
            ) {
                cube.settled(pk, unit: $0 == "0" ? .national : .county($0))
            }
        case "21": return table21(make(table21Dimensions), cube.settled(pk, unit: unit))
        case "22":
            let years = Array(cube.requestYears.filter { $0 <= year }.suffix(6))
            let t = make([
                StatDimension(id: "Tid", label: "År", categories: years.map { (String($0), String($0)) }, role: .time), table22Measures,
            ])
            return table22(t, cube: cube, years: years, period: period, unit: unit)
        case "23":
            return table23(
                make(table23Dimensions), waiting: unit == .national ? cube.waiting(pk) : nil, settled: cube.settled(pk, unit: unit))
        case "24": return table24(make(table24Dimensions), cube.waiting(pk))
        default: throw TableError.unknown(no)
        }
    }
}
