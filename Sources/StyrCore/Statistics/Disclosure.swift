/// Small-count suppression for published statistics.
///
/// Rule (configurable threshold, default 4 as in the directorate's municipal settlement
/// figures): a count from 1 to the threshold is suppressed (":"). Secondary suppression then
/// hides further cells so that no hidden count can be recomputed from a total: in every group of
/// cells that differ only in a dimension with a total category, a single hidden cell next to a
/// shown total makes the smallest other non-zero cell hidden too, repeated until nothing changes.
/// A share or mean is hidden when a count it derives from is hidden, or when it is a mean over
/// a population at or under the threshold. Zero is never hidden (it reveals nothing about persons
/// beyond the total already shown). Internal users see the table before this is applied.
public struct DisclosureControl: Sendable {
    public var threshold: Int
    public init(threshold: Int = 4) { self.threshold = threshold }

    public func apply(_ table: StatTable) -> StatTable {
        var t = table
        for (i, c) in t.cells.enumerated() where c.isCount {
            if let v = c.value, v > 0, v <= Double(threshold) { t.status[i] = ":" }
        }
        var changed = true
        while changed {
            changed = false
            for (d, dim) in t.dimensions.enumerated() {
                guard let totalPos = dim.totalPosition else { continue }
                for group in groups(t, varying: d) {
                    let members = group.filter { t.coordinates($0)[d] != totalPos }
                    guard let totalIndex = group.first(where: { t.coordinates($0)[d] == totalPos }),
                        t.cells[totalIndex].isCount
                    else { continue }
                    let hidden = members.filter { t.status[$0] == ":" }
                    guard t.status[totalIndex] == nil, hidden.count == 1 else { continue }
                    let candidates = members.filter { t.status[$0] == nil && (t.cells[$0].value ?? 0) > 0 && t.cells[$0].isCount }
                    if let next = candidates.min(by: { (t.cells[$0].value ?? 0, $0) < (t.cells[$1].value ?? 0, $1) }) {
                        t.status[next] = ":"
                        changed = true
                    } else if t.status[totalIndex] == nil {
                        // Nothing else to hide: hide the total instead.
                        t.status[totalIndex] = ":"
                        changed = true
                    }
                }
            }
        }
        for (i, c) in t.cells.enumerated() where !c.isCount {
            if c.derivedFrom.contains(where: { t.status[$0] == ":" }) { t.status[i] = ":" }
            if let n = c.basis, n > 0, n <= threshold { t.status[i] = ":" }
        }
        t.notes.append(
            "Tall fra 1 til \(threshold) er skjult («:»), og flere celler er skjult der et skjult tall ellers kunne regnes ut fra summene.")
        return t
    }

    /// Flat indices grouped by every coordinate except dimension `d`.
    func groups(_ t: StatTable, varying d: Int) -> [[Int]] {
        var byKey: [[Int]: [Int]] = [:]
        for i in t.cells.indices {
            var c = t.coordinates(i)
            c[d] = -1
            byKey[c, default: []].append(i)
        }
        return byKey.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { byKey[$0]! }
    }
}
