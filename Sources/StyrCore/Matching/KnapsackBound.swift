/// An upper bound at least as tight as the LP relaxation's: the Lagrangian relaxation of "each case
/// goes to at most one municipality", taken at the LP's case values. With each case's value
/// `u[c] ≥ 0` paid up front, every municipality independently takes the set of cases worth most
/// above their value that fits its places — an exact 0-1 knapsack, because a household is never
/// split — so that
///
///     bound = Σ u[c] + Σ over municipalities of that knapsack's best value
///
/// is at least every allocation's score. At the LP's values each knapsack's fractional relaxation
/// is at most the municipality's places times their LP price, so the sum is at most the LP bound;
/// it is lower by the places the households cannot fill exactly.
///
/// Cases with unaccompanied minors only fill the minors' places; every other case (also one that
/// brings both) fills the ordinary places alone, which relaxes the minors' limit for the rare mixed
/// case and keeps the bound valid.
enum KnapsackBound {
    static func value(_ inst: MatchInstance, capacity: MatchCapacity, active: [Bool], caseValue u: [Double]) -> Double {
        let mCount = inst.municipalities.count
        // Per municipality: each allowed active case with its weight and profit above its value.
        var ordinary = [[(weight: Int, profit: Double)]](repeating: [], count: mCount)
        var minors = ordinary
        for c in 0..<inst.cases.count where active[c] {
            let mc = inst.cases[c]
            for k in inst.pairs(of: c) {
                let profit = inst.pairScore[k] - u[c]
                guard profit > 0 else { continue }
                let m = Int(inst.pairMunicipality[k])
                if mc.ordinary == 0 {
                    minors[m].append((mc.minors, profit))
                } else {
                    ordinary[m].append((mc.ordinary, profit))
                }
            }
        }
        var total = 0.0
        for c in 0..<inst.cases.count where active[c] { total += u[c] }
        var best: [Double] = []
        for m in 0..<mCount {
            total += knapsack(ordinary[m], capacity: capacity.places[m], table: &best)
            total += knapsack(minors[m], capacity: capacity.minorPlaces[m], table: &best)
        }
        return total
    }

    /// The best total profit of items whose weights fit the capacity (dynamic programming over
    /// the capacity; an item of weight 0 is always taken).
    static func knapsack(_ items: [(weight: Int, profit: Double)], capacity: Int, table best: inout [Double]) -> Double {
        var free = 0.0
        best.removeAll(keepingCapacity: true)
        best.append(contentsOf: repeatElement(0, count: max(0, capacity) + 1))
        for item in items {
            if item.weight <= 0 {
                free += item.profit
                continue
            }
            guard item.weight <= capacity else { continue }
            for w in stride(from: capacity, through: item.weight, by: -1) {
                let v = best[w - item.weight] + item.profit
                if v > best[w] { best[w] = v }
            }
        }
        return free + (best.last ?? 0)
    }
}
