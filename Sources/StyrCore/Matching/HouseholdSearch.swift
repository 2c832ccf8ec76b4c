/// The last improvement of an allocation: households move, or two households swap places, while
/// the single persons are always placed optimally around them.
///
/// With every household (two persons or more) fixed to its municipality or left out, what is left
/// — the single persons and unaccompanied minors over the places the households leave — is a
/// transportation problem with integral optimum, so the LP relaxation's network (`MatchLP`, whose
/// household arcs are then forbidden but for the one chosen) solves it exactly, and from its basis
/// again after each change.
///
/// A household moving from a to b takes its places from b and gives them to a; a swap of two
/// households between a and b shifts only the difference of their sizes. What that shift costs the
/// single persons is bounded from below by their residual network (`ResidualDistances`: exact for
/// one place), so each move's and swap's gain has an upper bound. The moves are tried best bound
/// first — the household's arcs changed, the network re-solved, the move kept when the total rises
/// and otherwise undone by restoring the saved network. After a kept move that shifted places the
/// round goes on only with moves between municipalities whose single persons it left as they were,
/// and the next round computes the distances again (a swap of equal sizes changes no single
/// person). The search stops when a round keeps nothing or the effort limit (`budget`, about a
/// second at national size) is spent.
///
/// This finds the chains one household's moves miss: a family of five leaving for a family of four
/// frees one place that a single person fills, and that person's place another, in a cascade.
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
    /// Effort left, in network re-solves (a round of distances and bounds counts as a few).
    var budget = 0
    /// Nodes whose single persons changed since the distances were computed.
    private var changed: [Bool] = []
    /// The single persons (ordinary places) and the households in the network.
    private var singles: [Int] = []
    private var households: [Int] = []
    /// The most ordinary places a household takes.
    private var most = 1

    /// A move of household `c` to arc `to`, with (`other` ≥ 0) household `other` to `otherTo`.
    struct Move {
        var c: Int
        var to: Int
        var other: Int
        var otherTo: Int
        /// An upper bound on the move's gain.
        var bound: Double
    }

    /// Whether the search can run: every active case is in the network, so none needs both
    /// ordinary and minors' places.
    static func applies(_ inst: MatchInstance, active: [Bool]) -> Bool {
        inst.cases.indices.allSatisfy { !active[$0] || inst.cases[$0].ordinary == 0 || inst.cases[$0].minors == 0 }
    }

    /// Improves `allocation` (a feasible allocation of the active cases) and returns the better one;
    /// unchanged when a case needs both kinds of places (it is not in the network).
    static func improve(
        _ inst: MatchInstance, lp: MatchLP, capacity: MatchCapacity, active: [Bool], allocation: MatchAllocation
    ) -> MatchAllocation {
        guard applies(inst, active: active) else { return allocation }
        var search = HouseholdSearch(inst, lp: lp, capacity: capacity, allocation: allocation)
        guard let start = search.resolve() else { return allocation }
        search.cost = start
        // Each try costs about one scan of the network's arcs per pivot: the budget keeps the
        // search to about half a second at national size. It is capped so that a weekly plan late
        // in the year (few places left, a small network) does not search longer than a national
        // one: measured, more tries there made the year's outcome worse, not better.
        search.budget = min(150, max(20, 38_000_000 / max(1, lp.net.arcCount)))
        // A round's distances take (municipalities + 1)³ steps, about four tries' worth at 357
        // municipalities; past 2 000 municipalities (never a real case) their memory is not spent.
        let nodes = inst.municipalities.count + 1
        if nodes <= 2_001 { search.run(roundCost: max(4, nodes * nodes * nodes / 12_000_000)) }
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
        for c in inst.cases.indices where lp.caseArcs[c] < lp.caseArcs[c + 1] {
            guard inst.cases[c].size > 1 else {
                if inst.cases[c].minors == 0 { singles.append(c) }
                continue
            }
            let arcs = lp.caseArcs[c]..<lp.caseArcs[c + 1]
            let target = allocation.municipalityOf[c].map(Int32.init) ?? -1
            // A placement the network lacks (a household larger than the places) stays out.
            let e = arcs.first { lp.arcMunicipality[$0] == target } ?? (arcs.upperBound - 1)
            chosen[c] = e
            households.append(c)
            most = max(most, inst.cases[c].ordinary)
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

    /// The score of household c on arc e.
    private func score(_ c: Int, _ e: Int) -> Double { -lp.arcCost[e] * Double(inst.cases[c].size) }

    /// Rounds of: distances, then moves best bound first. A kept move that shifts places changes
    /// the single persons' placement, so the round goes on only with moves between nodes it left
    /// as they were, and ends after a few tries in a row fail. The search ends with a round that
    /// keeps nothing. A round's distances and bounds cost about as much as `roundCost` tries.
    private mutating func run(roundCost: Int, failures: Int = 6) {
        let nodes = inst.municipalities.count + 1
        while budget > 0 {
            budget -= roundCost
            var distances = ResidualDistances(lp: lp, municipalities: inst.municipalities.count, singles: singles, most: most)
            var queue = MoveQueue(moves: quickBounds(distances))
            changed = .init(repeating: false, count: nodes)
            var kept = false, failed = 0
            while budget > 0 && failed < failures, let move = queue.next(refining: { sharpen($0, &distances) }) {
                let from = distances.node(chosen[move.c]), to = distances.node(move.to)
                if changed[from] || changed[to] { continue }
                switch attempt(move) {
                case .stale: continue
                case .rejected: failed += 1
                case .kept:
                    kept = true
                    failed = 0
                }
            }
            if !kept { break }
        }
    }

    /// Every move and swap whose bound is positive when each shifted place is priced at one unit's
    /// cost (optimistic; `sharpen` tightens it).
    ///
    /// Swaps are found per pair of nodes: the households at b that may go to a, sorted by their
    /// change of score, are read only while a swap with them could still have a positive bound.
    private func quickBounds(_ distances: ResidualDistances) -> [Move] {
        let nodes = distances.nodes, spare = distances.spare
        // Households at b with an arc to a, by key b * nodes + a (compressed rows), best change first.
        var start = [Int32](repeating: 0, count: nodes * nodes + 1)
        for o in households {
            let b = distances.node(chosen[o])
            for e in lp.caseArcs[o]..<lp.caseArcs[o + 1] where e != chosen[o] { start[b * nodes + distances.node(e) + 1] += 1 }
        }
        for k in 0..<(nodes * nodes) { start[k + 1] += start[k] }
        var fill = start
        var partner = [(o: Int32, back: Int32, change: Double)](repeating: (0, 0, 0), count: Int(start[nodes * nodes]))
        for o in households {
            let b = distances.node(chosen[o]), here = score(o, chosen[o])
            for e in lp.caseArcs[o]..<lp.caseArcs[o + 1] where e != chosen[o] {
                let key = b * nodes + distances.node(e)
                partner[Int(fill[key])] = (Int32(o), Int32(e), score(o, e) - here)
                fill[key] += 1
            }
        }
        var moves: [Move] = []
        for key in 0..<(nodes * nodes) where start[key + 1] - start[key] > 1 {
            partner[Int(start[key])..<Int(start[key + 1])].sort { $0.change != $1.change ? $0.change > $1.change : $0.o < $1.o }
        }
        for c in households {
            let from = chosen[c], a = distances.node(from), size = inst.cases[c].ordinary
            let here = score(c, from)
            for e in lp.caseArcs[c]..<lp.caseArcs[c + 1] where e != from {
                let b = distances.node(e)
                let change = score(c, e) - here
                if b == spare || room[b] >= size {
                    let bound = change - Double(size) * distances.unit(b, a)
                    if bound > 1e-6 { moves.append(Move(c: c, to: e, other: -1, otherTo: -1, bound: bound)) }
                }
                // The most a shift of places can add to a swap between a and b.
                let shiftGain = Double(most) * max(0, -distances.unit(b, a), -distances.unit(a, b))
                let key = b * nodes + a
                for p in Int(start[key])..<Int(start[key + 1]) {
                    let (o32, back32, otherChange) = partner[p]
                    if change + otherChange + shiftGain <= 1e-6 { break }
                    let o = Int(o32)
                    guard o != c && (c < o || a == spare || b == spare) else { continue }
                    let otherSize = inst.cases[o].ordinary
                    guard fits(size - otherSize, into: b) && fits(otherSize - size, into: a) else { continue }
                    var bound = change + otherChange
                    if size > otherSize { bound -= Double(size - otherSize) * distances.unit(b, a) }
                    if size < otherSize { bound -= Double(otherSize - size) * distances.unit(a, b) }
                    if bound > 1e-6 { moves.append(Move(c: c, to: e, other: o, otherTo: Int(back32), bound: bound)) }
                }
            }
        }
        return moves
    }

    /// The move's bound with the shift's sharper cost (`ResidualDistances.shiftCost`).
    private func sharpen(_ move: Move, _ distances: inout ResidualDistances) -> Double {
        let c = move.c, from = chosen[c]
        let a = distances.node(from), b = distances.node(move.to)
        var change = score(c, move.to) - score(c, from)
        var shift = inst.cases[c].ordinary
        if move.other >= 0 {
            change += score(move.other, move.otherTo) - score(move.other, chosen[move.other])
            shift -= inst.cases[move.other].ordinary
        }
        if shift > 0 { return change - distances.shiftCost(shift, from: b, to: a) }
        if shift < 0 { return change - distances.shiftCost(-shift, from: a, to: b) }
        return change
    }

    /// Whether `places` more (a negative number: fewer) ordinary places fit beside the households
    /// at node m (the spare node takes anything).
    private func fits(_ places: Int, into m: Int) -> Bool {
        m >= inst.municipalities.count || places <= room[m]
    }

    enum Outcome { case stale, rejected, kept }

    /// Tries a move: stale when it is no longer possible (an earlier move changed its households),
    /// kept when the total rose, else rejected (and undone).
    private mutating func attempt(_ move: Move) -> Outcome {
        let from = chosen[move.c]
        let otherFrom = move.other >= 0 ? chosen[move.other] : -1
        let a = lp.arcMunicipality[from], b = lp.arcMunicipality[move.to]
        let size = inst.cases[move.c].ordinary
        var shift = size, minorShift = inst.cases[move.c].minors
        if move.other >= 0 {
            guard lp.arcMunicipality[otherFrom] == b && lp.arcMunicipality[move.otherTo] == a else { return .stale }
            shift -= inst.cases[move.other].ordinary
            minorShift -= inst.cases[move.other].minors
        }
        guard move.to != from, b < 0 || (shift <= room[Int(b)] && minorShift <= minorRoom[Int(b)]),
            a < 0 || (-shift <= room[Int(a)] && -minorShift <= minorRoom[Int(a)])
        else { return .stale }
        budget -= 1
        // Undoing a move by restoring the network is much cheaper than re-solving it back.
        let saved = lp.net
        apply(move.c, from: from, to: move.to)
        if move.other >= 0 { apply(move.other, from: otherFrom, to: move.otherTo) }
        if let total = resolve(), total < cost - 1e-6 {
            cost = total
            if shift != 0 { markChanged(since: saved, a, b) }
            return .kept
        }
        if move.other >= 0 { apply(move.other, from: move.otherTo, to: otherFrom) }
        apply(move.c, from: move.to, to: from)
        lp.net = saved
        return .rejected
    }

    /// Marks in `changed` the nodes whose single persons or empty places differ from `before`'s,
    /// and a and b (a municipality, or -1 for the spare node).
    private mutating func markChanged(since before: NetworkSimplex, _ a: Int32, _ b: Int32) {
        let spare = inst.municipalities.count
        func mark(_ e: Int) { changed[ResidualDistances.node(e, lp.arcMunicipality, spare: spare)] = true }
        changed[a < 0 ? spare : Int(a)] = true
        changed[b < 0 ? spare : Int(b)] = true
        for c in singles {
            for e in lp.caseArcs[c]..<lp.caseArcs[c + 1] where before.flow[e] != lp.net.flow[e] { mark(e) }
        }
        for m in 0..<spare where before.flow[lp.emptyPlacesArc(m)] != lp.net.flow[lp.emptyPlacesArc(m)] { changed[m] = true }
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
