/// The last improvement of an allocation: households move one at a time while the single persons
/// are always placed optimally around them.
///
/// With every household (two persons or more) fixed to its municipality or left out, what is left
/// — the single persons and unaccompanied minors over the places the households leave — is a
/// transportation problem with integral optimum, so the LP relaxation's network (`MatchLP`, whose
/// household arcs are then forbidden but for the one chosen) solves it exactly, and from its basis
/// again after each change. Its place prices say what a household's persons displace: moving a
/// household from m1 to m2 cannot gain more than its change of score plus its size times
/// (price at m1 − price at m2), because the singles' value is concave in the places. Moves whose
/// estimate is positive are tried, best first: the household's arcs are changed, the network
/// re-solved, and the move kept when the total score rises (else undone). Each try costs a few
/// scans of the network, so the tries are limited (`budget`, about a second at national size).
///
/// This finds the chains the other moves miss: a family moving frees places that single persons
/// from several municipalities fill in a cascade, each to its best place.
struct HouseholdSearch {
    let inst: MatchInstance
    var lp: MatchLP
    /// Each household's arc in the network (its municipality's or "unplaced"); -1 for single persons.
    var chosen: [Int]
    /// Ordinary and minors' places per municipality not taken by households.
    var room: [Int]
    var minorRoom: [Int]
    /// The network's total cost at the current choice.
    var cost: Double
    /// Moves still to try.
    var budget = 0

    /// Improves `allocation` (a feasible allocation of the active cases) and returns the better one;
    /// unchanged when a case needs both kinds of places (it is not in the network).
    static func improve(
        _ inst: MatchInstance, lp: MatchLP, capacity: MatchCapacity, active: [Bool], allocation: MatchAllocation, passes: Int = 3
    ) -> MatchAllocation {
        guard inst.cases.indices.allSatisfy({ !active[$0] || inst.cases[$0].ordinary == 0 || inst.cases[$0].minors == 0 }) else {
            return allocation
        }
        var search = HouseholdSearch(inst, lp: lp, capacity: capacity, allocation: allocation)
        guard let start = search.resolve() else { return allocation }
        search.cost = start
        // Each try costs about one scan of the network's arcs per pivot: the budget keeps the
        // search to about a second at national size.
        search.budget = max(20, 40_000_000 / max(1, lp.net.arcCount))
        for _ in 0..<passes where search.budget > 0 {
            if search.pass() == 0 { break }
        }
        let result = search.allocation()
        return result.objective(inst) >= allocation.objective(inst) ? result : allocation
    }

    private init(_ inst: MatchInstance, lp: MatchLP, capacity: MatchCapacity, allocation: MatchAllocation) {
        self.inst = inst
        self.lp = lp
        room = capacity.places
        minorRoom = capacity.minorPlaces
        chosen = .init(repeating: -1, count: inst.cases.count)
        cost = 0
        for c in inst.cases.indices where inst.cases[c].size > 1 && lp.caseArcs[c] < lp.caseArcs[c + 1] {
            let arcs = lp.caseArcs[c]..<lp.caseArcs[c + 1]
            let target = allocation.municipalityOf[c].map(Int32.init) ?? -1
            // A placement the network lacks (a household larger than the places) stays out.
            let e = arcs.first { lp.arcMunicipality[$0] == target } ?? (arcs.upperBound - 1)
            chosen[c] = e
            take(c, e, sign: -1)
            for f in arcs { self.lp.net.setCost(f, f == e ? lp.arcCost[f] : self.lp.net.prohibitive) }
        }
    }

    /// Re-solves the network; its cost, or nil when a forbidden arc carries flow.
    private mutating func resolve() -> Double? {
        _ = lp.net.solve()
        let total = lp.net.totalCost
        return total < lp.net.prohibitive / 2 ? total : nil
    }

    /// Takes (sign −1) or gives back (+1) the places of household c on arc e.
    private mutating func take(_ c: Int, _ e: Int, sign: Int) {
        let m = Int(lp.arcMunicipality[e])
        guard m >= 0 else { return }
        room[m] += sign * inst.cases[c].ordinary
        minorRoom[m] += sign * inst.cases[c].minors
    }

    /// The price of the places case c would use on arc e (0 when unplaced).
    private func price(_ c: Int, _ e: Int) -> Double {
        let m = Int(lp.arcMunicipality[e])
        guard m >= 0 else { return 0 }
        let mCount = inst.municipalities.count, n = inst.cases.count
        let potential = lp.net.potential
        let base = potential[n + 2 * mCount]
        let places = max(0, base - potential[n + m]), minors = max(0, base - potential[n + mCount + m])
        return Double(inst.cases[c].ordinary) * places + Double(inst.cases[c].minors) * minors
    }

    /// The score of household c on arc e.
    private func score(_ c: Int, _ e: Int) -> Double { -lp.arcCost[e] * Double(inst.cases[c].size) }

    /// Household c's best other arc by estimated gain, if any estimate is positive.
    private func bestMove(_ c: Int) -> (arc: Int, estimate: Double)? {
        let from = chosen[c]
        let base = score(c, from) - price(c, from)
        var best: (arc: Int, estimate: Double)?
        for e in lp.caseArcs[c]..<lp.caseArcs[c + 1] where e != from {
            let m = Int(lp.arcMunicipality[e])
            if m >= 0 && (inst.cases[c].ordinary > room[m] || inst.cases[c].minors > minorRoom[m]) { continue }
            let estimate = score(c, e) - price(c, e) - base
            if estimate > 1e-6 && estimate > (best?.estimate ?? 0) { best = (e, estimate) }
        }
        return best
    }

    /// One pass over the households, best estimate first; the total gain.
    private mutating func pass() -> Double {
        var candidates: [(c: Int, estimate: Double)] = []
        for c in inst.cases.indices where chosen[c] >= 0 {
            if let move = bestMove(c) { candidates.append((c, move.estimate)) }
        }
        candidates.sort { $0.estimate != $1.estimate ? $0.estimate > $1.estimate : $0.c < $1.c }
        var gained = 0.0
        for (c, _) in candidates where budget > 0 {
            guard let move = bestMove(c) else { continue }
            budget -= 1
            let from = chosen[c]
            // Undoing a move by restoring the network is much cheaper than re-solving it back.
            let saved = lp.net
            apply(c, from: from, to: move.arc)
            if let total = resolve(), total < cost - 1e-6 {
                gained += cost - total
                cost = total
                continue
            }
            apply(c, from: move.arc, to: from)
            lp.net = saved
        }
        return gained
    }

    private mutating func apply(_ c: Int, from: Int, to: Int) {
        take(c, from, sign: 1)
        take(c, to, sign: -1)
        lp.net.setCost(from, lp.net.prohibitive)
        lp.net.setCost(to, lp.arcCost[to])
        chosen[c] = to
    }

    /// The allocation the network holds: each case's arc that carries all its persons.
    private func allocation() -> MatchAllocation {
        MatchAllocation(
            municipalityOf: inst.cases.indices.map { c in
                let arcs = lp.caseArcs[c]..<lp.caseArcs[c + 1]
                let size = Int32(inst.cases[c].size)
                return arcs.first { lp.net.flow[$0] == size && lp.arcMunicipality[$0] >= 0 }.map { Int(lp.arcMunicipality[$0]) }
            })
    }
}
