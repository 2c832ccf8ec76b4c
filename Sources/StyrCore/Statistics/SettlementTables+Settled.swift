/// Tables 18–22: persons settled in a period, for any unit.
extension SettlementTables {
    static let table18Dimensions = [
        StatDimension(
            id: "kategori", label: "Kategori",
            categories: [
                ("mottak", "Tidligere asylsøkere fra mottak"), ("overforing", "Overføringsflyktninger"), ("privat", "Privatboende"),
                ("total", "Alle"),
            ]),
        StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups),
    ]

    /// Mean months from permit to settlement per category and group (family reunification excluded).
    static func table18(_ table: StatTable, _ settled: SettledBlock) -> StatTable {
        var t = table
        var count = [Int](repeating: 0, count: 16)
        var wait = [Double](repeating: 0, count: 16)
        settled.forEachCell { c, pg, _, _, n in
            guard c < 3 else { return }
            let g = SettledBlock.group(ofPersonGroup: pg)
            withTotal(c, 3) { cc in withTotal(g, 3) { gg in count[cc * 4 + gg] += n } }
        }
        for c in 0..<3 {
            for g in 0..<3 {
                let w = settled.waitMonths[c * 3 + g]
                withTotal(c, 3) { cc in withTotal(g, 3) { gg in wait[cc * 4 + gg] += w } }
            }
        }
        for i in 0..<16 { t.cells[i] = .derived(count[i] == 0 ? nil : wait[i] / Double(count[i]), from: [], basis: count[i]) }
        return t
    }

    static let table19Dimensions = [
        StatDimension(
            id: "kategori", label: "Kategori",
            categories: [
                ("mottak", "Tidligere asylsøkere fra mottak"), ("privat", "Privatboende"), ("overforing", "Overføringsflyktninger"),
                ("familiegjenforent", "Familiegjenforente"), ("total", "I alt"),
            ], totalCode: "total"),
        StatDimension(
            id: "persongruppe", label: "Persongruppe",
            categories: [
                ("barnefamilie", "Personer i barnefamilier"), ("voksne", "Voksne uten barnefamilie"),
                ("em-imdi", "Enslige mindreårige bosatt av IMDi"), ("em-bufetat", "Enslige mindreårige bosatt av Bufetat"),
                ("total", "I alt"),
            ], totalCode: "total"),
        StatDimension(
            id: "alder", label: "Alder", categories: [("under18", "Under 18 år"), ("over18", "18 år og over"), ("total", "I alt")],
            totalCode: "total"),
        metric,
    ]
    /// Row position of each category (cube order: reception, resettlement, private, reunification).
    static let table19Category = [0, 2, 1, 3]
    /// Row position of each person group (cube order: UMA by IMDi, UMA by Bufetat, families, adults).
    static let table19Group = [2, 3, 0, 1]
    static let table19All = ((4 * 5 + 4) * 3 + 2) * 2
    /// The counts each share is computed from: its own count and the grand total.
    static let table19Sources = (0..<75).map { [$0 * 2, table19All] }

    static func table19(_ table: StatTable, _ settled: SettledBlock) -> StatTable {
        var t = table
        var n = [Int](repeating: 0, count: 75)
        settled.forEachCell { c, pg, child, _, count in
            withTotal(table19Category[c], 4) { cc in
                withTotal(table19Group[pg], 4) { gg in withTotal(child ? 0 : 1, 2) { a in n[(cc * 5 + gg) * 3 + a] += count } }
            }
        }
        let all = n[74]
        for i in 0..<75 {
            t.cells[i * 2] = .count(n[i])
            t.cells[i * 2 + 1] = .derived(all == 0 ? nil : 100 * Double(n[i]) / Double(all), from: table19Sources[i])
        }
        return t
    }

    static let table20Categories = [
        StatDimension(
            id: "kategori", label: "Kategori",
            categories: [
                ("mottak", "Fra mottak"), ("overforing", "Overføringsflyktninger"), ("privat", "Privatboende"),
                ("familiegjenforent", "Familiegjenforente"), ("total", "I alt"), ("selvbosatt", "Herav avtalt selvbosetting"),
            ])
    ]

    /// Settled per county (the first dimension), by category.
    static func table20(_ table: StatTable, settledIn: (String) -> SettledBlock) -> StatTable {
        var t = table
        for (row, code) in t.dimensions[0].codes.enumerated() {
            let block = settledIn(code)
            var n = [Int](repeating: 0, count: 6)
            block.forEachCell { c, _, _, _, count in
                n[c] += count
                n[4] += count
            }
            n[5] = block.counts[SettledBlock.selfSettled]
            for i in 0..<6 { t.cells[row * 6 + i] = .count(n[i]) }
        }
        return t
    }

    static let table21Dimensions = [
        StatDimension(
            id: "gruppe", label: "Gruppe",
            categories: [
                ("mottak", "Tidligere asylsøkere fra mottak"), ("overforing", "Overføringsflyktninger"), ("privat", "Privatboende"),
                ("em", "Enslige mindreårige"), ("barnefamilie", "Personer i barnefamilier"), ("voksne", "Voksne uten barnefamilie"),
                ("total", "Alle bosatte (unntatt familiegjenforente)"),
            ]),
        StatDimension(
            id: "tid", label: "Tid fra vedtak til bosetting",
            categories: [
                ("3", "Innen 3 måneder"), ("6", "Innen 6 måneder"), ("12", "Innen 12 måneder"), ("over12", "Etter mer enn 12 måneder"),
            ]),
        metric,
    ]
    /// The time bands (0: ≤ 3 months … 3: > 12) each column counts.
    static let table21Bands: [ClosedRange<Int>] = [0...0, 0...1, 0...2, 3...3]
    static let table21Sources = (0..<28).map { [$0 * 2] }

    /// Settled within 3, 6 and 12 months of the permit, per category and group (reunification excluded).
    static func table21(_ table: StatTable, _ settled: SettledBlock) -> StatTable {
        var t = table
        var base = [Int](repeating: 0, count: 7)
        var hits = [Int](repeating: 0, count: 28)
        settled.forEachCell { c, pg, _, band, count in
            guard c < 3 else { return }
            func add(_ row: Int) {
                base[row] += count
                for col in 0..<4 where table21Bands[col].contains(band) { hits[row * 4 + col] += count }
            }
            add(c)
            add(3 + SettledBlock.group(ofPersonGroup: pg))
            add(6)
        }
        for i in 0..<28 {
            let b = base[i / 4]
            t.cells[i * 2] = .count(hits[i])
            t.cells[i * 2 + 1] = .derived(b == 0 ? nil : 100 * Double(hits[i]) / Double(b), from: table21Sources[i], basis: b)
        }
        return t
    }

    static let table22Measures = StatDimension(
        id: "ContentsCode", label: "Måltall",
        categories: [
            ("anmodet", "Anmodet om bosetting"), ("vedtatt", "Vedtatte plasser"), ("bosatt", "Bosatte"),
            ("utnyttelse", "Plassutnyttelse (prosent)"), ("kommuner-anmodet", "Kommuner anmodet"),
            ("kommuner-bosatt", "Kommuner som bosatte"),
        ], role: .metric, units: ["utnyttelse": "prosent"])

    /// Requests, decided places, settled persons and place utilisation for the last six years.
    static func table22(_ table: StatTable, cube: SettlementCube, years: [Int], period: Period, unit: StatUnit) -> StatTable {
        var t = table
        for (row, y) in years.enumerated() {
            let ypk = SettlementCube.PeriodKey(year: y, half: y == t.year && period == .half)
            let requests = cube.requests(y, unit: unit)
            let decided = requests.reduce(0) { $0 + ($1.decided ?? 0) }
            let settled = cube.settledTotal(ypk, unit: unit)
            let i = row * 6
            t.cells[i] = .count(requests.reduce(0) { $0 + $1.requested })
            t.cells[i + 1] = .count(decided)
            t.cells[i + 2] = .count(settled.persons)
            t.cells[i + 3] = .derived(
                decided == 0 || ypk.half ? nil : 100 * Double(settled.persons) / Double(decided), from: [i + 2])
            t.cells[i + 4] = StatCell(value: Double(requests.count), isCount: false, derivedFrom: [], basis: nil)
            t.cells[i + 5] = StatCell(value: Double(settled.municipalities), isCount: false, derivedFrom: [], basis: nil)
        }
        return t
    }
}
