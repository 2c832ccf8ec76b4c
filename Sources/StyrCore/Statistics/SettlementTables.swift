/// The settlement tables 16–24 of the statistics appendix, built from the register.
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

    /// Tables about the waiting stock exist only for the whole country.
    public static let nationalOnly: Set<String> = ["16", "17", "24", "20"]

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

    static func group(_ p: SettlementPerson) -> String {
        p.unaccompaniedMinor ? "em" : p.familyWithChildren ? "barnefamilie" : "voksne"
    }

    public static func build(
        _ no: String, register: SettlementRegister, year: Int, period: Period, unit: StatUnit, unitLabel: String, geography: Geography
    ) throws -> StatTable {
        guard let title = titles[no] else { throw TableError.unknown(no) }
        if nationalOnly.contains(no) && unit != .national { throw TableError.nationalOnly(no) }
        let range = period.range(year)
        let settled = register.persons.filter { p in p.settledDay.map { range.contains($0) } ?? false && unit.contains(p.settledKommune) }
        func make(_ dims: [StatDimension]) -> StatTable {
            StatTable(number: no, title: title, year: year, period: period, unitLabel: unitLabel, source: source, dimensions: dims)
        }
        let metric = StatDimension(
            id: "ContentsCode", label: "Måltall", categories: [("antall", "Antall"), ("prosent", "Prosent")], role: .metric,
            units: ["antall": "antall", "prosent": "prosent"])
        switch no {
        case "16":
            var t = make([
                StatDimension(
                    id: "sted", label: "Venter i",
                    categories: [("mottak", "Mottak"), ("uttaksland", "Uttakslandet (overføringsflyktninger)")]),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups, totalCode: "total"),
            ])
            for (place, category) in [("mottak", SettlementCategory.reception), ("uttaksland", .resettlement)] {
                let waiting = register.persons.filter { $0.category == category && $0.isWaiting(at: range.upperBound) }
                for (g, _) in groups {
                    t[place, g] = .count(g == "total" ? waiting.count : waiting.filter { group($0) == g }.count)
                }
            }
            return t
        case "17":
            let bands = [
                ("0-3", "Under 3 måneder"), ("3-6", "3–6 måneder"), ("6-12", "6–12 måneder"), ("12+", "Over 12 måneder"),
                ("total", "I alt"),
            ]
            var t = make([
                StatDimension(id: "sted", label: "Venter i", categories: [("mottak", "Mottak"), ("uttaksland", "Uttakslandet")]),
                StatDimension(
                    id: "alder", label: "Alder", categories: [("voksne", "Voksne"), ("barn", "Barn under 18 år"), ("total", "I alt")],
                    totalCode: "total"),
                StatDimension(id: "ventetid", label: "Ventetid siden vedtak", categories: bands, totalCode: "total"),
            ])
            let end = range.upperBound
            for (place, category) in [("mottak", SettlementCategory.reception), ("uttaksland", .resettlement)] {
                let waiting = register.persons.filter { $0.category == category && $0.isWaiting(at: end) }
                for (age, _) in [("voksne", ""), ("barn", ""), ("total", "")] {
                    let inAge = waiting.filter { age == "total" || ($0.age(at: end) < 18) == (age == "barn") }
                    var counts = [0, 0, 0, 0]
                    for p in inAge {
                        let m = Months.between(p.waitStartDay, end)
                        counts[m < 3 ? 0 : m < 6 ? 1 : m < 12 ? 2 : 3] += 1
                    }
                    for (k, band) in bands.enumerated() {
                        t[place, age, band.0] = .count(band.0 == "total" ? inAge.count : counts[k])
                    }
                }
            }
            return t
        case "18":
            var t = make([
                StatDimension(
                    id: "kategori", label: "Kategori",
                    categories: [
                        ("mottak", "Tidligere asylsøkere fra mottak"), ("overforing", "Overføringsflyktninger"), ("privat", "Privatboende"),
                        ("total", "Alle"),
                    ]),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups),
            ])
            for (cat, _) in [("mottak", ""), ("overforing", ""), ("privat", ""), ("total", "")] {
                let inCat = settled.filter { $0.category != .familyReunification && (cat == "total" || $0.category.rawValue == cat) }
                for (g, _) in groups {
                    let ps = inCat.filter { g == "total" || group($0) == g }
                    let mean = ps.isEmpty ? nil : ps.compactMap(\.waitMonths).reduce(0, +) / Double(ps.count)
                    t[cat, g] = .derived(mean, from: [], basis: ps.count)
                }
            }
            return t
        case "19":
            let cats = [
                ("mottak", "Tidligere asylsøkere fra mottak"), ("privat", "Privatboende"), ("overforing", "Overføringsflyktninger"),
                ("familiegjenforent", "Familiegjenforente"), ("total", "I alt"),
            ]
            let persongrupper = [
                ("barnefamilie", "Personer i barnefamilier"), ("voksne", "Voksne uten barnefamilie"),
                ("em-imdi", "Enslige mindreårige bosatt av IMDi"), ("em-bufetat", "Enslige mindreårige bosatt av Bufetat"),
                ("total", "I alt"),
            ]
            var t = make([
                StatDimension(id: "kategori", label: "Kategori", categories: cats, totalCode: "total"),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: persongrupper, totalCode: "total"),
                StatDimension(
                    id: "alder", label: "Alder", categories: [("under18", "Under 18 år"), ("over18", "18 år og over"), ("total", "I alt")],
                    totalCode: "total"),
                metric,
            ])
            func pg(_ p: SettlementPerson) -> String {
                p.unaccompaniedMinor ? (p.settledByBufetat ? "em-bufetat" : "em-imdi") : p.familyWithChildren ? "barnefamilie" : "voksne"
            }
            let all = settled.count
            let allIndex = t.index(["total", "total", "total", "antall"])
            for (c, _) in cats {
                for (g, _) in persongrupper {
                    for a in ["under18", "over18", "total"] {
                        let n = settled.filter { p in
                            (c == "total" || p.category.rawValue == c) && (g == "total" || pg(p) == g)
                                && (a == "total" || p.isChildAtSettlement == (a == "under18"))
                        }.count
                        t[c, g, a, "antall"] = .count(n)
                        let idx = t.index([c, g, a, "antall"])
                        t[c, g, a, "prosent"] = .derived(all == 0 ? nil : 100 * Double(n) / Double(all), from: [idx, allIndex])
                    }
                }
            }
            return t
        case "20":
            let division = geography.division(for: year)
            let counties = division.counties.map { ($0.code, $0.name) } + [("0", "Hele landet")]
            let cats = [
                ("mottak", "Fra mottak"), ("overforing", "Overføringsflyktninger"), ("privat", "Privatboende"),
                ("familiegjenforent", "Familiegjenforente"), ("total", "I alt"), ("selvbosatt", "Herav avtalt selvbosetting"),
            ]
            var t = make([
                StatDimension(id: "Region", label: "Fylke", categories: counties, role: .geo, totalCode: "0"),
                StatDimension(id: "kategori", label: "Kategori", categories: cats),
            ])
            for (code, _) in counties {
                let inRegion = settled.filter { code == "0" || StatUnit.county(code).contains($0.settledKommune) }
                for (c, _) in cats {
                    let n: Int
                    switch c {
                    case "total": n = inRegion.count
                    case "selvbosatt": n = inRegion.filter(\.selfSettled).count
                    default: n = inRegion.filter { $0.category.rawValue == c }.count
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
            let times = [
                ("3", "Innen 3 måneder"), ("6", "Innen 6 måneder"), ("12", "Innen 12 måneder"), ("over12", "Etter mer enn 12 måneder"),
            ]
            var t = make([
                StatDimension(id: "gruppe", label: "Gruppe", categories: rowsDef),
                StatDimension(id: "tid", label: "Tid fra vedtak til bosetting", categories: times),
                metric,
            ])
            let measured = settled.filter { $0.category != .familyReunification }
            for (r, _) in rowsDef {
                let ps = measured.filter { p in
                    switch r {
                    case "total": true
                    case "em", "barnefamilie", "voksne": group(p) == r
                    default: p.category.rawValue == r
                    }
                }
                for (time, _) in times {
                    let n =
                        time == "over12"
                        ? ps.filter { !$0.settledWithin(months: 12) }.count : ps.filter { $0.settledWithin(months: Int(time)!) }.count
                    t[r, time, "antall"] = .count(n)
                    t[r, time, "prosent"] = .derived(
                        ps.isEmpty ? nil : 100 * Double(n) / Double(ps.count), from: [t.index([r, time, "antall"])], basis: ps.count)
                }
            }
            return t
        case "22":
            let years = Array(Set(register.requests.map(\.year)).filter { $0 <= year }).sorted().suffix(6)
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
                let v = SettlementIndicators.compute(register, year: y, period: y == year ? period : .year, unit: unit)
                let req = register.requests.filter { $0.year == y && unit.contains($0.kommune) }
                t[String(y), "anmodet"] = .count(Int((v["requested"] ?? nil) ?? 0))
                t[String(y), "vedtatt"] = .count(Int((v["decided_places"] ?? nil) ?? 0))
                t[String(y), "bosatt"] = .count(Int((v["settled_total"] ?? nil) ?? 0))
                t[String(y), "utnyttelse"] = .derived((v["place_utilisation"] ?? nil), from: [t.index([String(y), "bosatt"])])
                t[String(y), "kommuner-anmodet"] = StatCell(value: Double(req.count), isCount: false, derivedFrom: [], basis: nil)
                t[String(y), "kommuner-bosatt"] = StatCell(
                    value: (v["municipalities_settled"] ?? nil), isCount: false, derivedFrom: [], basis: nil)
            }
            return t
        case "23":
            var t = make([
                StatDimension(
                    id: "status", label: "Status",
                    categories: [("venter", "Bosettingsklare ved periodens slutt"), ("bosatt", "Bosatt i perioden")]),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups, totalCode: "total"),
            ])
            let waiting = register.persons.filter { $0.limitedPermit && $0.isWaiting(at: range.upperBound) && unit == .national }
            let settledLimited = settled.filter(\.limitedPermit)
            for (g, _) in groups {
                t["venter", g] =
                    unit == .national ? .count(g == "total" ? waiting.count : waiting.filter { group($0) == g }.count) : .missing
                t["bosatt", g] = .count(g == "total" ? settledLimited.count : settledLimited.filter { group($0) == g }.count)
            }
            return t
        case "24":
            var t = make([
                StatDimension(id: "sted", label: "Venter i", categories: [("mottak", "Mottak"), ("uttaksland", "Uttakslandet")]),
                StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups),
                StatDimension(
                    id: "ventet", label: "Har ventet",
                    categories: [("12", "Mer enn 12 måneder"), ("24", "Mer enn 24 måneder"), ("36", "Mer enn 36 måneder")]),
                metric,
            ])
            let end = range.upperBound
            for (place, category) in [("mottak", SettlementCategory.reception), ("uttaksland", .resettlement)] {
                let waiting = register.persons.filter { $0.category == category && $0.isWaiting(at: end) }
                for (g, _) in groups {
                    let ps = waiting.filter { g == "total" || group($0) == g }
                    for m in ["12", "24", "36"] {
                        let n = ps.filter { Months.add(Int(m)!, to: $0.waitStartDay) < end }.count
                        t[place, g, m, "antall"] = .count(n)
                        t[place, g, m, "prosent"] = .derived(
                            ps.isEmpty ? nil : 100 * Double(n) / Double(ps.count), from: [t.index([place, g, m, "antall"])], basis: ps.count
                        )
                    }
                }
            }
            return t
        default:
            throw TableError.unknown(no)
        }
    }
}
