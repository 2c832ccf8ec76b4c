import Foundation

/// Disclosure control for the figures that are not tables: the settlement indicators and the key
/// figures (Hovedtall). Each is laid out as the counts it is computed from (a `StatTable` whose
/// count cells are persons, and whose shares and means are derived cells with their population as
/// basis) and passed through the same `DisclosureControl` as the appendix tables; a figure whose
/// cell comes out hidden is withheld. Nested counts (the waiting stock by time waited, the
/// unaccompanied minors by age, persons in families by age) are laid out as a partition with its
/// total, so that secondary suppression stops a hidden count from being recomputed by subtraction.
public enum IndicatorDisclosure {
    /// The figures a published version withholds, and the values with those set to nil.
    public struct Published: Sendable, Equatable {
        public var values: [String: Double?]
        public var suppressed: Set<String>

        public init(values: [String: Double?], suppressed: Set<String>) {
            self.values = values
            self.suppressed = suppressed
        }
    }

    /// Indicators that are not counts of persons (requests and decisions are the municipalities'
    /// published decisions; the number of municipalities that settled is no count of persons).
    public static let notPersonCounts: Set<String> = ["requested", "decided_places", "municipalities_settled"]

    /// The indicators of `SettlementIndicators.compute` as published under `control`.
    public static func indicators(
        _ register: SettlementRegister, year: Int, period: Period = .year, unit: StatUnit = .national, values: [String: Double?],
        control: DisclosureControl
    ) -> Published {
        var acc = SettlementIndicators.Accumulator()
        let range = period.range(year)
        for p in register.persons {
            if let s = p.settledDay, range.contains(s), unit.contains(p.settledKommune) { acc.addSettled(p) }
            if unit == .national, p.category == .reception, p.isWaiting(at: range.upperBound) { acc.addWaiting(p, at: range.upperBound) }
        }
        var hidden = Set<String>()

        // Settled persons: every count an indicator is computed from, and the indicators.
        let counts: [(String, Int)] = [
            ("settled", acc.settled), ("resettlement", acc.resettlement), ("uma", acc.uma), ("umaReception", acc.umaReception),
            ("reception", acc.reception), ("measured", acc.measured), ("within3", acc.within3), ("within6", acc.within6),
            ("within12", acc.within12), ("after12", acc.measured - acc.within12), ("umaWithin3", acc.umaWithin3),
            ("resettlementWithin6", acc.resettlementWithin6), ("receptionWithin3", acc.receptionWithin3),
        ]
        let shown: [(id: String, from: [String], basis: String?)] = [
            ("settled_total", ["settled"], nil), ("resettlement_refugees", ["resettlement"], nil), ("unaccompanied_minors", ["uma"], nil),
            ("share_settled_within_3m", ["within3", "measured"], "measured"),
            ("share_settled_within_6m", ["within6", "measured"], "measured"),
            ("share_settled_within_12m", ["within12", "after12", "measured"], "measured"),
            ("share_uma_settled_within_3m", ["umaWithin3", "uma"], "uma"),
            ("share_resettlement_within_6m", ["resettlementWithin6", "resettlement"], "resettlement"),
            ("share_reception_within_3m", ["receptionWithin3", "reception"], "reception"),
            ("settled_after_more_than_12m", ["after12"], nil), ("avg_wait_months", [], "measured"),
            ("avg_wait_months_from_reception", [], "reception"), ("avg_wait_months_uma", [], "umaReception"),
            ("place_utilisation", ["settled"], nil),
        ]
        let byCount = Dictionary(uniqueKeysWithValues: counts)
        var settled = table(codes: counts.map(\.0) + shown.map(\.id), total: nil)
        for (i, c) in counts.enumerated() { settled.cells[i] = .count(c.1) }
        let position = Dictionary(uniqueKeysWithValues: counts.enumerated().map { ($1.0, $0) })
        for (j, s) in shown.enumerated() {
            settled.cells[counts.count + j] = .derived(
                values[s.id] ?? nil, from: s.from.compactMap { position[$0] }, basis: s.basis.flatMap { byCount[$0] })
        }
        let settledOut = control.apply(settled)
        for (j, s) in shown.enumerated() where settledOut.status[counts.count + j] == ":" { hidden.insert(s.id) }

        // The waiting stock at the period's end, by time waited (national only).
        if unit == .national {
            var waiting = table(codes: ["total", "upTo12", "12to24", "24to36", "over36"], total: "total")
            waiting.cells = [
                .count(acc.waiting), .count(acc.waiting - acc.waiting12), .count(acc.waiting12 - acc.waiting24),
                .count(acc.waiting24 - acc.waiting36), .count(acc.waiting36),
            ]
            let out = control.apply(waiting)
            let h = { (i: Int) in out.status[i] == ":" }
            if h(0) { hidden.insert("waiting_in_reception_end") }
            if h(2) || h(3) || h(4) { hidden.insert("waiting_over_12m_end") }
            if h(3) || h(4) { hidden.insert("waiting_over_24m_end") }
            if h(4) { hidden.insert("waiting_over_36m_end") }
        }
        var published = values
        for id in hidden where published[id] != nil { published[id] = .some(nil) }
        return Published(values: published, suppressed: hidden.filter { (values[$0] ?? nil) != nil })
    }

    /// The key figures (Hovedtall) a published version withholds, by JSON key.
    public static func keyFigures(_ k: SettlementKeyFigures, control: DisclosureControl) -> Set<String> {
        // By the JSON keys (the command contract), read from the encoded figures.
        let data = (try? JSONEncoder().encode(k)) ?? Data()
        let v = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
        func n(_ key: String) -> Int { v[key] ?? 0 }
        var hidden = Set<String>()
        let singles = ["settled_total", "resettlement_refugees", "families_with_children"]
        var single = table(codes: singles, total: nil)
        single.cells = singles.map { .count(n($0)) }
        let s = control.apply(single)
        for (i, code) in singles.enumerated() where s.status[i] == ":" { hidden.insert(code) }
        let partitions: [[(String, Int)]] = [
            [
                ("unaccompanied_minors", n("unaccompanied_minors")), ("unaccompanied_minors_over15", n("unaccompanied_minors_over15")),
                ("unaccompanied_minors_under15", n("unaccompanied_minors_under15")),
            ],
            [
                ("persons_in_families_with_children", n("persons_in_families_with_children")),
                ("children_in_families_with_children", n("children_in_families_with_children")),
                ("adults", n("persons_in_families_with_children") - n("children_in_families_with_children")),
            ],
            [
                ("waiting_in_reception_year_end", n("waiting_in_reception_year_end")),
                ("waiting_in_reception_over12m_year_end", n("waiting_in_reception_over12m_year_end")),
                ("upTo12", n("waiting_in_reception_year_end") - n("waiting_in_reception_over12m_year_end")),
            ],
        ]
        for part in partitions {
            var t = table(codes: part.map(\.0), total: part[0].0)
            t.cells = part.map { .count($0.1) }
            let out = control.apply(t)
            for (i, code) in part.map(\.0).enumerated() where out.status[i] == ":" { hidden.insert(code) }
        }
        hidden.remove("adults")
        hidden.remove("upTo12")
        return hidden
    }

    /// Any counts of persons (other registers' key figures): a count from 1 to the threshold is withheld.
    public static func counts(_ values: [String: Int?], control: DisclosureControl) -> Set<String> {
        let codes = values.keys.sorted()
        var t = table(codes: codes, total: nil)
        t.cells = codes.map { values[$0].flatMap { $0 }.map(StatCell.count) ?? .missing }
        let out = control.apply(t)
        return Set(codes.enumerated().filter { out.status[$0.offset] == ":" }.map(\.element))
    }

    static func table(codes: [String], total: String?) -> StatTable {
        StatTable(
            number: "", title: "", year: 0, period: .year, unitLabel: "", source: "",
            dimensions: [StatDimension(id: "figure", label: "", categories: codes.map { ($0, $0) }, totalCode: total)])
    }
}
