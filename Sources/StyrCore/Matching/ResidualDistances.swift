/// What moving places between municipalities costs the single persons, read from their optimal
/// placement around fixed households (`HouseholdSearch`).
///
/// Taking k places from municipality b and giving k to municipality a changes the single persons'
/// best total by exactly minus the cost of sending k units from b to a in the residual network of
/// their transportation problem (a unit leaves b as a single person who moves on, or as an empty
/// place, and arrives at a as a single person who moves in, or as an empty place). This type
/// contracts that network to the municipalities and the spare node (places left empty, persons
/// left out), one arc per pair of nodes at the cheapest single person's move, and computes every
/// shortest distance (Floyd–Warshall; no negative cycle exists at the optimum). One unit's cost is
/// then exact; k units cost at least k times it, at least the k cheapest ways out of b (each single
/// person there moves once), and at least the k cheapest ways into a (each single person moves in
/// once) — `shiftCost` is the largest of these lower bounds, so a household move's gain computed
/// with it is an upper bound.
struct ResidualDistances {
    let nodes: Int
    /// The spare node's index (`nodes - 1`).
    let spare: Int
    /// `distance[b * nodes + a]`: the cheapest unit from b to a.
    private var distance: [Double]
    /// The single persons at each node, with the arc each uses.
    private let singlesAt: [[(person: Int, arc: Int)]]
    /// Empty places per municipality.
    private let emptyAt: [Int]
    /// Per municipality, the single persons who may move in: their arc there and their current arc.
    private let enterers: [[(arc: Int, current: Int)]]
    private let caseArcs: [Int]
    private let arcMunicipality: [Int32]
    private let arcCost: [Double]
    /// The most places a household takes (the bounds keep that many ways out and in).
    private let most: Int
    private var exitCache: [Int: [Double]] = [:]
    private var entryCache: [Int: [Double]] = [:]

    /// `singles`: the single persons (one ordinary place each) in the network.
    init(lp: MatchLP, municipalities: Int, singles: [Int], most: Int) {
        nodes = municipalities + 1
        spare = municipalities
        caseArcs = lp.caseArcs
        arcMunicipality = lp.arcMunicipality
        arcCost = lp.arcCost
        self.most = max(1, most)
        let size = nodes
        let node = { (e: Int) in Self.node(e, lp.arcMunicipality, spare: municipalities) }
        var w = [Double](repeating: .infinity, count: size * size)
        for v in 0..<size { w[v * size + v] = 0 }
        // An empty place can be made anywhere; one that exists can be taken.
        for y in 0..<municipalities { w[spare * size + y] = 0 }
        var empty = [Int](repeating: 0, count: size)
        for m in 0..<municipalities {
            empty[m] = Int(lp.net.flow[lp.emptyPlacesArc(m)])
            if empty[m] > 0 { w[m * size + spare] = 0 }
        }
        var at = [[(person: Int, arc: Int)]](repeating: [], count: size)
        var enter = [[(arc: Int, current: Int)]](repeating: [], count: size)
        for c in singles {
            let arcs = lp.caseArcs[c]..<lp.caseArcs[c + 1]
            guard let e = arcs.first(where: { lp.net.flow[$0] > 0 }) else { continue }
            let x = node(e)
            at[x].append((c, e))
            for f in arcs where f != e {
                let y = node(f)
                let cost = lp.arcCost[f] - lp.arcCost[e]
                if cost < w[x * size + y] { w[x * size + y] = cost }
                if y != spare { enter[y].append((f, e)) }
            }
        }
        w.withUnsafeMutableBufferPointer { d in
            for k in 0..<size {
                for i in 0..<size {
                    let dik = d[i * size + k]
                    if dik == .infinity { continue }
                    for j in 0..<size {
                        let v = dik + d[k * size + j]
                        if v < d[i * size + j] { d[i * size + j] = v }
                    }
                }
            }
        }
        distance = w
        singlesAt = at
        emptyAt = empty
        enterers = enter
    }

    /// The node of arc e: its municipality, or the spare node for "unplaced".
    func node(_ e: Int) -> Int { Self.node(e, arcMunicipality, spare: spare) }

    static func node(_ e: Int, _ arcMunicipality: [Int32], spare: Int) -> Int {
        arcMunicipality[e] < 0 ? spare : Int(arcMunicipality[e])
    }

    /// The cheapest unit from b to a.
    func unit(_ b: Int, _ a: Int) -> Double { distance[b * nodes + a] }

    /// A lower bound on the cost of sending k units from b to a (exact for one unit).
    mutating func shiftCost(_ k: Int, from b: Int, to a: Int) -> Double {
        guard k > 0 else { return 0 }
        let one = unit(b, a)
        guard k > 1 else { return one }
        let out = exits(b, a), into = entries(b, a)
        var leaving = 0.0, arriving = 0.0
        for j in 0..<k {
            leaving += j < out.count ? max(out[j], one) : .infinity
            arriving += max(j < into.count ? into[j] : into.last ?? one, one)
        }
        return max(leaving, arriving)
    }

    /// The cheapest ways out of b towards a, one per single person there or empty place, ascending.
    private mutating func exits(_ b: Int, _ a: Int) -> [Double] {
        if let v = exitCache[b * nodes + a] { return v }
        var v: [Double] = []
        if b == spare {
            v = [Double](repeating: unit(b, a), count: most)
        } else {
            let viaEmpty = unit(spare, a)
            for _ in 0..<min(most, emptyAt[b]) { v.append(viaEmpty) }
            for (c, e) in singlesAt[b] {
                var best = Double.infinity
                for f in caseArcs[c]..<caseArcs[c + 1] where f != e {
                    best = min(best, arcCost[f] - arcCost[e] + unit(node(f), a))
                }
                v.append(best)
            }
            v.sort()
            if v.count > most { v.removeLast(v.count - most) }
        }
        exitCache[b * nodes + a] = v
        return v
    }

    /// The cheapest ways into a from b, one per single person who may move in, ascending; an empty
    /// place (reached from b through the spare node) can always be left, so the list is padded
    /// with that.
    private mutating func entries(_ b: Int, _ a: Int) -> [Double] {
        if let v = entryCache[b * nodes + a] { return v }
        let viaEmpty = unit(b, spare)
        var v: [Double] = []
        if a != spare {
            for (f, e) in enterers[a] {
                let value = unit(b, node(e)) + arcCost[f] - arcCost[e]
                if value < viaEmpty { v.append(value) }
            }
            v.sort()
            if v.count > most { v.removeLast(v.count - most) }
        }
        while v.count < most { v.append(viaEmpty) }
        entryCache[b * nodes + a] = v
        return v
    }
}
