/// The allocation's LP relaxation, solved exactly. Because a household uses as many places as it
/// has members wherever it goes, the relaxation is a transportation problem in persons: each case
/// sends `size` persons worth `score / size` each to its allowed municipalities, each municipality
/// takes at most its places (ordinary and minors' places are separate sinks), and persons no
/// municipality takes stay unplaced. Its optimal potentials are the place prices; its optimal flow
/// places most cases whole, and splits at most about one case per binding municipality.
/// `prices` are the relaxation's; `whole` is its rounding (`roundHouseholds`), an allocation.
/// A pair whose household is larger than the municipality's places is left out: no allocation
/// uses it, and the relaxation would otherwise place part of the household there.
///
/// Cases that need both ordinary and minors' places are not a transport flow; they are left to
/// the allocation heuristics, and the bound is then the Lagrangian value at the LP's prices
/// (still a valid upper bound, no longer always equal to the LP optimum).
struct MatchLP {
    let prices: MatchPrices
    /// Network simplex pivots, the relaxation's and the rounding's.
    var pivots: Int { net.pivots }

    var net: NetworkSimplex
    /// Case c's arcs are `caseArcs[c]..<caseArcs[c+1]`: its fitting pairs, then "unplaced".
    let caseArcs: [Int]
    /// The municipality of each case arc (-1: unplaced), and its original cost.
    let arcMunicipality: [Int32]
    let arcCost: [Double]
    private let sizes: [Int32]

    init(_ inst: MatchInstance, capacity: MatchCapacity, active: [Bool]) {
        let n = inst.cases.count, mCount = inst.municipalities.count
        let firstMuni = n, firstMinor = n + mCount, spare = n + 2 * mCount
        var net = NetworkSimplex(nodes: spare + 1)
        net.reserveArcs(inst.pairCount + n + 2 * mCount)
        var sent = 0
        var caseArcs = [0]
        caseArcs.reserveCapacity(n + 1)
        var arcMunicipality: [Int32] = [], arcCost: [Double] = []
        func arc(_ from: Int, _ to: Int, _ m: Int, _ cost: Double) {
            net.addArc(from, to, cost: cost)
            arcMunicipality.append(Int32(m))
            arcCost.append(cost)
        }
        for c in 0..<n {
            let mc = inst.cases[c]
            if active[c] && mc.size > 0 && (mc.ordinary == 0 || mc.minors == 0) {
                let sink = mc.minors > 0 ? firstMinor : firstMuni
                for k in inst.pairs(of: c) {
                    let m = Int(inst.pairMunicipality[k])
                    if mc.ordinary <= capacity.places[m] && mc.minors <= capacity.minorPlaces[m] {
                        arc(c, sink + m, m, -inst.pairScore[k] / Double(mc.size))
                    }
                }
                arc(c, spare, -1, 0)
                net.setSupply(c, mc.size)
                sent += mc.size
            }
            caseArcs.append(net.arcCount)
        }
        var places = 0
        for m in 0..<mCount {
            net.addArc(spare, firstMuni + m, cost: 0)
            net.addArc(spare, firstMinor + m, cost: 0)
            net.setSupply(firstMuni + m, -capacity.places[m])
            net.setSupply(firstMinor + m, -capacity.minorPlaces[m])
            places += capacity.places[m] + capacity.minorPlaces[m]
        }
        net.setSupply(spare, places - sent)
        let feasible = net.solve()
        precondition(feasible, "the transport relaxation is always feasible")
        self.net = net
        self.caseArcs = caseArcs
        self.arcMunicipality = arcMunicipality
        self.arcCost = arcCost
        sizes = inst.cases.map { Int32($0.size) }
        let base = net.potential[spare]
        let potential = net.potential
        prices = MatchPrices(
            places: (0..<mCount).map { max(0, base - potential[firstMuni + $0]) },
            minorPlaces: (0..<mCount).map { max(0, base - potential[firstMinor + $0]) })
        roundHouseholds(inst, capacity: capacity)
    }

    /// The arc that carries municipality m's empty ordinary places (from the spare node); the
    /// minors' places' arc follows it.
    func emptyPlacesArc(_ m: Int) -> Int { caseArcs[caseArcs.count - 1] + 2 * m }

    /// For each case, its municipality in the (rounded) flow: nil when unplaced, mixed or inactive.
    var whole: [Int?] {
        (0..<sizes.count).map { c in wholeArc(c).map { Int(arcMunicipality[$0]) } }
    }

    /// The municipality arc that carries all of case c's persons, if one does.
    private func wholeArc(_ c: Int) -> Int? {
        (caseArcs[c]..<caseArcs[c + 1]).first { net.flow[$0] == sizes[c] && arcMunicipality[$0] >= 0 }
    }

    /// Makes every case whole. Single persons never split, so once every household of two or
    /// more is fixed to one municipality (or out), the relaxation of what is left is integral.
    /// Households the relaxation placed whole keep their municipality; the split ones, most
    /// valuable first, take the municipality with the best value at the LP's prices that still has
    /// room beside the fixed households; then the LP is re-solved from its basis with every
    /// household's other arcs forbidden (the flow stays feasible), which re-places the single
    /// persons around the households at once.
    private mutating func roundHouseholds(_ inst: MatchInstance, capacity: MatchCapacity) {
        let n = sizes.count
        var room = capacity.places, minorRoom = capacity.minorPlaces
        var keep = [Int](repeating: -1, count: n)
        var open: [(c: Int, options: [(arc: Int, value: Double)])] = []
        for c in 0..<n where sizes[c] > 1 && caseArcs[c] < caseArcs[c + 1] {
            if let e = wholeArc(c) {
                let m = Int(arcMunicipality[e])
                room[m] -= inst.cases[c].ordinary
                minorRoom[m] -= inst.cases[c].minors
                keep[c] = e
            } else if net.flow[caseArcs[c + 1] - 1] == sizes[c] {
                keep[c] = caseArcs[c + 1] - 1
            } else {
                open.append((c, options(c, inst)))
            }
        }
        func best(_ o: [(arc: Int, value: Double)]) -> Double { o.first?.value ?? 0 }
        open.sort { best($0.options) != best($1.options) ? best($0.options) > best($1.options) : $0.c < $1.c }
        for (c, options) in open {
            let mc = inst.cases[c]
            keep[c] = caseArcs[c + 1] - 1
            for (e, _) in options {
                let m = Int(arcMunicipality[e])
                if mc.ordinary <= room[m] && mc.minors <= minorRoom[m] {
                    room[m] -= mc.ordinary
                    minorRoom[m] -= mc.minors
                    keep[c] = e
                    break
                }
            }
        }
        for c in 0..<n where keep[c] >= 0 {
            for e in caseArcs[c]..<caseArcs[c + 1] where e != keep[c] { net.setCost(e, net.prohibitive) }
        }
        _ = net.solve()
    }

    /// Case c's municipality arcs with their value at the LP's prices (score − price of the
    /// places), best first.
    private func options(_ c: Int, _ inst: MatchInstance) -> [(arc: Int, value: Double)] {
        let mc = inst.cases[c]
        var out: [(arc: Int, value: Double)] = []
        for e in caseArcs[c]..<caseArcs[c + 1] where arcMunicipality[e] >= 0 {
            let m = Int(arcMunicipality[e])
            let v = -arcCost[e] * Double(mc.size) - Double(mc.ordinary) * prices.places[m] - Double(mc.minors) * prices.minorPlaces[m]
            out.append((e, v))
        }
        out.sort { $0.value != $1.value ? $0.value > $1.value : $0.arc < $1.arc }
        return out
    }
}
