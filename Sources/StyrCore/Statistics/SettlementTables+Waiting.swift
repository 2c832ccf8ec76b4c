/// Tables 16, 17, 23 and 24: the waiting stock at a period's end (and table 23's settled part).
extension SettlementTables {
    static let groupDimension = StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups, totalCode: "total")

    static let table16Dimensions = [placeDimension, groupDimension]

    static func table16(_ table: StatTable, _ waiting: WaitingBlock) -> StatTable {
        var t = table
        var n = [Int](repeating: 0, count: t.cells.count)
        waiting.forEachCell { c, g, _, _, _, _, count in
            n[c * 4 + g] += count
            n[c * 4 + 3] += count
        }
        for i in n.indices { t.cells[i] = .count(n[i]) }
        return t
    }

    static let waitBands: [(String, String, ClosedRange<Int>)] = [
        ("0-3", "Under 3 måneder", 0...2), ("3-6", "3–6 måneder", 3...5), ("6-12", "6–12 måneder", 6...11),
        ("12+", "Over 12 måneder", 12...37), ("total", "I alt", 0...37),
    ]
    static let table17Dimensions = [
        placeDimension,
        StatDimension(
            id: "alder", label: "Alder", categories: [("voksne", "Voksne"), ("barn", "Barn under 18 år"), ("total", "I alt")],
            totalCode: "total"),
        StatDimension(id: "ventetid", label: "Ventetid siden vedtak", categories: waitBands.map { ($0.0, $0.1) }, totalCode: "total"),
    ]

    static func table17(_ table: StatTable, _ waiting: WaitingBlock) -> StatTable {
        var t = table
        var n = [Int](repeating: 0, count: t.cells.count)
        waiting.forEachCell { c, _, child, _, months, _, count in
            withTotal(child ? 1 : 0, 2) { age in
                for b in 0..<5 where waitBands[b].2.contains(months) { n[(c * 3 + age) * 5 + b] += count }
            }
        }
        for i in n.indices { t.cells[i] = .count(n[i]) }
        return t
    }

    static let table23Dimensions = [
        StatDimension(
            id: "status", label: "Status",
            categories: [("venter", "Bosettingsklare ved periodens slutt"), ("bosatt", "Bosatt i perioden")]),
        groupDimension,
    ]

    /// Limited permits pending identity; the waiting row exists only for the whole country.
    static func table23(_ table: StatTable, waiting: WaitingBlock?, settled: SettledBlock) -> StatTable {
        var t = table
        if let waiting {
            var n = [Int](repeating: 0, count: 4)
            waiting.forEachCell { _, g, _, limited, _, _, count in
                if limited {
                    n[g] += count
                    n[3] += count
                }
            }
            for g in 0..<4 { t.cells[g] = .count(n[g]) }
        }
        let limited = (0..<3).map { settled.counts[SettledBlock.limited + $0] }
        for g in 0..<3 { t.cells[4 + g] = .count(limited[g]) }
        t.cells[7] = .count(limited.reduce(0, +))
        return t
    }

    static let table24Dimensions = [
        placeDimension, StatDimension(id: "persongruppe", label: "Persongruppe", categories: groups),
        StatDimension(
            id: "ventet", label: "Har ventet",
            categories: [("12", "Mer enn 12 måneder"), ("24", "Mer enn 24 måneder"), ("36", "Mer enn 36 måneder")]),
        metric,
    ]

    static func table24(_ table: StatTable, _ waiting: WaitingBlock) -> StatTable {
        var t = table
        var base = [Int](repeating: 0, count: 8)
        var over = [Int](repeating: 0, count: 24)
        waiting.forEachCell { c, g, _, _, _, passed, count in
            withTotal(g, 3) { gg in
                base[c * 4 + gg] += count
                for level in 0..<passed { over[(c * 4 + gg) * 3 + level] += count }
            }
        }
        for row in 0..<8 {
            for level in 0..<3 {
                let antall = (row * 3 + level) * 2
                let n = over[row * 3 + level]
                t.cells[antall] = .count(n)
                t.cells[antall + 1] = .derived(base[row] == 0 ? nil : 100 * Double(n) / Double(base[row]), from: [antall], basis: base[row])
            }
        }
        return t
    }
}
