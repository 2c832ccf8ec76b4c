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
    static let groupCodes: [String: UInt8] = ["em": 0, "barnefamilie": 1, "voksne": 2]
    static let places: [(String, SettlementCategory, String)] = [
        ("mottak", .reception, "Mottak"), ("uttaksland", .resettlement, "Uttakslandet (overføringsflyktninger)"),
    ]

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
        let metric = StatDimension(
            id: "ContentsCode", label: "Måltall", categories: [("antall", "Antall"), ("prosent", "Prosent")], role: .metric,
            units: ["antall": "antall", "prosent": "prosent"])
        let waiting = cube.waiting[pk] ?? [:]
        func waitingCount(_ filter: (SettlementCube.WaitingKey) -> Bool) -> Int {
            waiting.reduce(0) { filter($1.key) ? $0 + $1.value : $0 }
        }
        let settled = no == "16" || no == "17" || no == "24" ? [:] : cube.settled(pk, unit: unit)
        func settledSum(_ filter: (SettlementCube.SettledKey) -> Bool) -> SettlementCube.Sum {
            var s = SettlementCube.Sum()
            for (k, v) in settled where filter(k) {
                s.count += v.count
                s.waitMonths += v.waitMonths
            }
            return s
        }
        func inGroup(_ g: String, _ code: UInt8) -> Bool { g == "total" || groupCodes[g] == code }
        switch no {
        case "16":
            var t = make([
                StatDimension(id: "sted", label: "Venter i", categories: places.map { ($0.0, $0.2) }),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups, totalCode: "total"),
            ])
            for (place, category, _) in places {
                for (g, _) in groups { t[place, g] = .count(waitingCount { $0.category == category && inGroup(g, $0.group) }) }
            }
            return t
        case "17":
            let bands = [
                ("0-3", "Under 3 måneder", 0...2), ("3-6", "3–6 måneder", 3...5), ("6-12", "6–12 måneder", 6...11),
                ("12+", "Over 12 måneder", 12...255), ("total", "I alt", 0...255),
            ]
            var t = make([
                StatDimension(id: "sted", label: "Venter i", categories: places.map { ($0.0, $0.2) }),
                StatDimension(
                    id: "alder", label: "Alder", categories: [("voksne", "Voksne"), ("barn", "Barn under 18 år"), ("total", "I alt")],
                    totalCode: "total"),
                StatDimension(id: "ventetid", label: "Ventetid siden vedtak", categories: bands.map { ($0.0, $0.1) }, totalCode: "total"),
            ])
            for (place, category, _) in places {
                for age in ["voksne", "barn", "total"] {
                    for band in bands {
                        t[place, age, band.0] = .count(
                            waitingCount { k in
                                k.category == category && (age == "total" || k.child == (age == "barn")) && band.2.contains(Int(k.months))
                            })
                    }
                }
            }
            return t
        case "18":
            let cats: [(String, String, SettlementCategory?)] = [
                ("mottak", "Tidligere asylsøkere fra mottak", .reception), ("overforing", "Overføringsflyktninger", .resettlement),
                ("privat", "Privatboende", .privateLiving), ("total", "Alle", nil),
            ]
            var t = make([
                StatDimension(id: "kategori", label: "Kategori", categories: cats.map { ($0.0, $0.1) }),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups),
            ])
            var sums = [String: SettlementCube.Sum]()
            for (k, v) in settled where k.category != .familyReunification {
                let g = ["em", "barnefamilie", "voksne"][Int(k.group)]
                for c in [k.category.rawValue, "total"] {
                    for gg in [g, "total"] {
                        sums[c + "|" + gg, default: SettlementCube.Sum()].count += v.count
                        sums[c + "|" + gg]!.waitMonths += v.waitMonths
                    }
                }
            }
            for (code, _, _) in cats {
                for (g, _) in groups {
                    let s = sums[code + "|" + g] ?? SettlementCube.Sum()
                    t[code, g] = .derived(s.count == 0 ? nil : s.waitMonths / Double(s.count), from: [], basis: s.count)
                }
            }
            return t
        case "19":
            let cats: [(String, String)] = [
                ("mottak", "Tidligere asylsøkere fra mottak"), ("privat", "Privatboende"), ("overforing", "Overføringsflyktninger"),
                ("familiegjenforent", "Familiegjenforente"), ("total", "I alt"),
            ]
            let pgs: [(String, String)] = [
                ("barnefamilie", "Personer i barnefamilier"), ("voksne", "Voksne uten barnefamilie"),
                ("em-imdi", "Enslige mindreårige bosatt av IMDi"), ("em-bufetat", "Enslige mindreårige bosatt av Bufetat"),
                ("total", "I alt"),
            ]
            var t = make([
                StatDimension(id: "kategori", label: "Kategori", categories: cats, totalCode: "total"),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: pgs, totalCode: "total"),
                StatDimension(
                    id: "alder", label: "Alder", categories: [("under18", "Under 18 år"), ("over18", "18 år og over"), ("total", "I alt")],
                    totalCode: "total"),
                metric,
            ])
            func pg(_ k: SettlementCube.SettledKey) -> String {
                k.group == 0 ? (k.bufetat ? "em-bufetat" : "em-imdi") : k.group == 1 ? "barnefamilie" : "voksne"
            }
            var counts = [Int](repeating: 0, count: t.cells.count)
            var all = 0
            for (k, v) in settled {
                all += v.count
                for c in [k.category.rawValue, "total"] {
                    for g in [pg(k), "total"] {
                        for a in [k.child ? "under18" : "over18", "total"] { counts[t.index([c, g, a, "antall"])] += v.count }
                    }
                }
            }
            let allIndex = t.index(["total", "total", "total", "antall"])
            for (c, _) in cats {
                for (g, _) in pgs {
                    for a in ["under18", "over18", "total"] {
                        let idx = t.index([c, g, a, "antall"])
                        t.cells[idx] = .count(counts[idx])
                        t[c, g, a, "prosent"] = .derived(all == 0 ? nil : 100 * Double(counts[idx]) / Double(all), from: [idx, allIndex])
                    }
                }
            }
            return t
        case "20":
            let counties = geography.division(for: year).counties.map { ($0.code, $0.name) } + [("0", "Hele landet")]
            let cats = [
                ("mottak", "Fra mottak"), ("overforing", "Overføringsflyktninger"), ("privat", "Privatboende"),
                ("familiegjenforent", "Familiegjenforente"), ("total", "I alt"), ("selvbosatt", "Herav avtalt selvbosetting"),
            ]
            var t = make([
                StatDimension(id: "Region", label: "Fylke", categories: counties, role: .geo, totalCode: "0"),
                StatDimension(id: "kategori", label: "Kategori", categories: cats),
            ])
            for (code, _) in counties {
                let cells = cube.settled(pk, unit: code == "0" ? .national : .county(code))
                for (c, _) in cats {
                    let n = cells.reduce(0) { acc, e in
                        let hit: Bool
                        switch c {
                        case "total": hit = true
                        case "selvbosatt": hit = e.key.selfSettled
                        default: hit = e.key.category.rawValue == c
                        }
                        return hit ? acc + e.value.count : acc
                    }
                    t[code, c] = .count(n)
                }
            }
            return t
        case "21":
            let rowsDef = [
                ("mottak", "Tidligere asylsøkere fra mottak"), ("overforing", "Overføringsflyktninger"), ("privat", "Privatboende"),
                ("em", "Enslige mindreårige"), ("barnefamilie", "Personer i barnefamilier"), ("voksne", "Voksne uten barnefamilie"),
                ("total", "Alle bosatte (unntatt familiegjenforente)"),
            ]
            let times: [(String, String, ClosedRange<UInt8>)] = [
                ("3", "Innen 3 måneder", 0...0), ("6", "Innen 6 måneder", 0...1), ("12", "Innen 12 måneder", 0...2),
                ("over12", "Etter mer enn 12 måneder", 3...3),
            ]
            var t = make([
                StatDimension(id: "gruppe", label: "Gruppe", categories: rowsDef),
                StatDimension(id: "tid", label: "Tid fra vedtak til bosetting", categories: times.map { ($0.0, $0.1) }),
                metric,
            ])
            var base = [String: Int]()
            var hits = [String: Int]()
            for (k, v) in settled where k.category != .familyReunification {
                let rows = [k.category.rawValue, ["em", "barnefamilie", "voksne"][Int(k.group)], "total"]
                for r in rows {
                    base[r, default: 0] += v.count
                    for (time, _, bands) in times where bands.contains(k.band) { hits[r + "|" + time, default: 0] += v.count }
                }
            }
            for (r, _) in rowsDef {
                let b = base[r] ?? 0
                for (time, _, _) in times {
                    let n = hits[r + "|" + time] ?? 0
                    t[r, time, "antall"] = .count(n)
                    t[r, time, "prosent"] = .derived(
                        b == 0 ? nil : 100 * Double(n) / Double(b), from: [t.index([r, time, "antall"])], basis: b)
                }
            }
            return t
        case "22":
            let years = cube.requests.keys.filter { $0 <= year }.sorted().suffix(6)
            let measures = [
                ("anmodet", "Anmodet om bosetting"), ("vedtatt", "Vedtatte plasser"), ("bosatt", "Bosatte"),
                ("utnyttelse", "Plassutnyttelse (prosent)"), ("kommuner-anmodet", "Kommuner anmodet"),
                ("kommuner-bosatt", "Kommuner som bosatte"),
            ]
            var t = make([
                StatDimension(id: "Tid", label: "År", categories: years.map { (String($0), String($0)) }, role: .time),
                StatDimension(id: "ContentsCode", label: "Måltall", categories: measures, role: .metric, units: ["utnyttelse": "prosent"]),
            ])
            for y in years {
                let ypk = SettlementCube.PeriodKey(year: y, half: y == year && period == .half)
                let requests = (cube.requests[y] ?? [:]).values.filter { unit.contains($0.kommune) }
                let decided = requests.compactMap(\.decided).reduce(0, +)
                let byKommune = cube.settled[ypk] ?? [:]
                let settledN = byKommune.filter { unit.contains($0.key) }.reduce(0) { $0 + $1.value.values.reduce(0) { $0 + $1.count } }
                let municipalities = byKommune.filter { unit.contains($0.key) && $0.key != Geography.unknownMunicipality }.count
                let y = String(y)
                t[y, "anmodet"] = .count(requests.map(\.requested).reduce(0, +))
                t[y, "vedtatt"] = .count(decided)
                t[y, "bosatt"] = .count(settledN)
                t[y, "utnyttelse"] = .derived(
                    decided == 0 || ypk.half ? nil : 100 * Double(settledN) / Double(decided), from: [t.index([y, "bosatt"])])
                t[y, "kommuner-anmodet"] = StatCell(value: Double(requests.count), isCount: false, derivedFrom: [], basis: nil)
                t[y, "kommuner-bosatt"] = StatCell(value: Double(municipalities), isCount: false, derivedFrom: [], basis: nil)
            }
            return t
        case "23":
            var t = make([
                StatDimension(
                    id: "status", label: "Status",
                    categories: [("venter", "Bosettingsklare ved periodens slutt"), ("bosatt", "Bosatt i perioden")]),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups, totalCode: "total"),
            ])
            for (g, _) in groups {
                t["venter", g] = unit == .national ? .count(waitingCount { $0.limited && inGroup(g, $0.group) }) : .missing
                t["bosatt", g] = .count(settledSum { $0.limited && inGroup(g, $0.group) }.count)
            }
            return t
        case "24":
            var t = make([
                StatDimension(id: "sted", label: "Venter i", categories: places.map { ($0.0, $0.2) }),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups),
                StatDimension(
                    id: "ventet", label: "Har ventet",
                    categories: [("12", "Mer enn 12 måneder"), ("24", "Mer enn 24 måneder"), ("36", "Mer enn 36 måneder")]),
                metric,
            ])
            for (place, category, _) in places {
                for (g, _) in groups {
                    let base = waitingCount { $0.category == category && inGroup(g, $0.group) }
                    for (m, level) in [("12", 1), ("24", 2), ("36", 3)] {
                        let n = waitingCount { $0.category == category && inGroup(g, $0.group) && Int($0.over) >= level }
                        t[place, g, m, "antall"] = .count(n)
                        t[place, g, m, "prosent"] = .derived(
                            base == 0 ? nil : 100 * Double(n) / Double(base), from: [t.index([place, g, m, "antall"])], basis: base)
                    }
                }
            }
            return t
        default:
            throw TableError.unknown(no)
        }
    }
}
