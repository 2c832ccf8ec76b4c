/// Minimum-cost flow on uncapacitated arcs with integer supplies, by the primal network simplex
/// method. Used for the allocation's LP relaxation, which is a transportation problem: each case
/// sends its persons, each municipality takes at most its places, and a person's value in a
/// municipality is the pair's score divided by the household's size.
///
/// The basis is a spanning tree rooted at an artificial node (artificial arcs carry the initial
/// flow at a prohibitive cost). The tree is kept as parent/child lists with depths; the entering
/// arc is chosen by block search, the leaving arc by the strongly-feasible rule (the last blocking
/// arc met going round the cycle from the join), which rules out cycling on this highly
/// degenerate problem. Requires that no directed cycle exists (true of a bipartite transport net).
struct NetworkSimplex {
    /// Arcs: `src[e] → dst[e]` at `cost[e]` per unit; the real arcs, then (once solved) one
    /// artificial arc per node.
    private var src: [Int32] = []
    private var dst: [Int32] = []
    private var cost: [Double] = []
    /// The flow on each arc.
    private(set) var flow: [Int32] = []
    /// Node potentials: an arc's reduced cost is `cost + potential[source] − potential[target]`,
    /// ≥ 0 on every arc and 0 on every arc with flow at the optimum.
    private(set) var potential: [Double] = []
    let nodeCount: Int
    private var supply: [Int]
    /// The real arcs (those added; the artificial ones follow them).
    private(set) var arcCount = 0
    /// Pivots made so far.
    private(set) var pivots = 0
    private var started = false
    private var inTree: [Bool] = []
    private var parent: [Int32] = [], pred: [Int32] = [], depth: [Int32] = []
    /// Whether a node's tree arc points from the node to its parent.
    private var up: [Bool] = []
    private var firstChild: [Int32] = [], nextSibling: [Int32] = [], prevSibling: [Int32] = []
    private var epsilon = 0.0
    /// A cost per unit no optimal flow pays while any other feasible flow exists (the artificial
    /// arcs' cost); set on real arcs to forbid them.
    private(set) var prohibitive = 0.0
    private var stack: [Int32] = []
    private var next = 0

    init(nodes: Int) {
        nodeCount = nodes
        supply = .init(repeating: 0, count: nodes)
    }

    mutating func reserveArcs(_ n: Int) {
        src.reserveCapacity(n + nodeCount)
        dst.reserveCapacity(n + nodeCount)
        cost.reserveCapacity(n + nodeCount)
    }

    @discardableResult mutating func addArc(_ from: Int, _ to: Int, cost c: Double) -> Int {
        precondition(!started, "arcs are added before the first solve")
        src.append(Int32(from))
        dst.append(Int32(to))
        cost.append(c)
        arcCount += 1
        return arcCount - 1
    }

    /// Positive: the node sends; negative: it takes. Supplies must sum to zero.
    mutating func setSupply(_ node: Int, _ amount: Int) { supply[node] = amount }

    /// A real arc's ends.
    func arcSource(_ e: Int) -> Int32 { src[e] }
    func arcTarget(_ e: Int) -> Int32 { dst[e] }

    /// Changes a real arc's cost after a solve; the next `solve` continues from the current basis
    /// (the flow stays feasible, only its optimality is lost).
    mutating func setCost(_ e: Int, _ c: Double) {
        cost[e] = c
    }

    /// Solves (or, after cost changes, re-solves from the current basis); returns false when the
    /// supplies do not balance or no feasible flow exists.
    mutating func solve() -> Bool {
        if !started {
            guard supply.reduce(0, +) == 0 else { return false }
            start()
        } else {
            recomputePotentials()
        }
        pivots += run()
        return (arcCount..<flow.count).allSatisfy { flow[$0] == 0 }
    }

    /// Total cost of the flow on the real arcs.
    var totalCost: Double {
        var total = 0.0
        for e in 0..<arcCount where flow[e] != 0 { total += Double(flow[e]) * cost[e] }
        return total
    }

    /// The initial basis: every node hangs from an artificial root by an artificial arc that
    /// carries its supply, at no cost out of a sending node and at a prohibitive cost into a taking one.
    private mutating func start() {
        started = true
        let n = nodeCount
        let largest = cost.reduce(0) { max($0, abs($1)) }
        let artificial = (largest + 1) * Double(n + 1)
        prohibitive = artificial
        epsilon = 1e-9 * max(1, largest)
        flow = .init(repeating: 0, count: arcCount + n)
        inTree = .init(repeating: false, count: arcCount + n)
        parent = .init(repeating: Int32(n), count: n + 1)
        parent[n] = -1
        pred = .init(repeating: -1, count: n + 1)
        depth = .init(repeating: 1, count: n + 1)
        depth[n] = 0
        up = .init(repeating: true, count: n + 1)
        firstChild = .init(repeating: -1, count: n + 1)
        nextSibling = .init(repeating: -1, count: n + 1)
        prevSibling = .init(repeating: -1, count: n + 1)
        potential = .init(repeating: 0, count: n + 1)
        for u in 0..<n {
            let e = arcCount + u
            if supply[u] >= 0 {
                src.append(Int32(u))
                dst.append(Int32(n))
                cost.append(0)
                flow[e] = Int32(supply[u])
            } else {
                src.append(Int32(n))
                dst.append(Int32(u))
                cost.append(artificial)
                flow[e] = Int32(-supply[u])
                up[u] = false
                potential[u] = artificial
            }
            inTree[e] = true
            pred[u] = Int32(e)
            addChild(n, u)
        }
    }

    /// Potentials from the tree arcs (reduced cost 0 on each), from the root down.
    private mutating func recomputePotentials() {
        stack.removeAll(keepingCapacity: true)
        stack.append(Int32(nodeCount))
        potential[nodeCount] = 0
        while let top = stack.popLast() {
            var c = firstChild[Int(top)]
            while c >= 0 {
                let v = Int(c), e = Int(pred[v])
                potential[v] = up[v] ? potential[Int(top)] - cost[e] : potential[Int(top)] + cost[e]
                stack.append(c)
                c = nextSibling[v]
            }
        }
    }

    private mutating func addChild(_ p: Int, _ c: Int) {
        let first = firstChild[p]
        nextSibling[c] = first
        prevSibling[c] = -1
        if first >= 0 { prevSibling[Int(first)] = Int32(c) }
        firstChild[p] = Int32(c)
    }

    private mutating func removeChild(_ p: Int, _ c: Int) {
        let prev = prevSibling[c], next = nextSibling[c]
        if prev >= 0 { nextSibling[Int(prev)] = next } else { firstChild[p] = next }
        if next >= 0 { prevSibling[Int(next)] = prev }
    }

    /// An arc's cost less the potential it crosses.
    @inline(__always) func reducedCost(_ e: Int) -> Double {
        cost[e] + potential[Int(src[e])] - potential[Int(dst[e])]
    }

    /// Pivots until no real arc has a negative reduced cost; returns the number of pivots.
    private mutating func run() -> Int {
        let m = arcCount
        guard m > 0 else { return 0 }
        let block = max(10, Int(Double(m).squareRoot()))
        var pivots = 0
        while true {
            // Block search: the most negative arc of the first block that has one.
            var best = -1
            var bestValue = -epsilon
            var scanned = 0
            while scanned < m {
                let end = min(next + block, m)
                for e in next..<end where !inTree[e] {
                    let r = reducedCost(e)
                    if r < bestValue {
                        bestValue = r
                        best = e
                    }
                }
                scanned += end - next
                next = end == m ? 0 : end
                if best >= 0 { break }
            }
            guard best >= 0 else { return pivots }
            pivot(best, reducedCost: bestValue)
            pivots += 1
        }
    }

    /// Brings arc `e` (i → j) into the tree: flow goes round the cycle i → j → … → join → … → i.
    private mutating func pivot(_ e: Int, reducedCost: Double) {
        let i = Int(src[e]), j = Int(dst[e])
        var a = i, b = j
        while a != b {
            if depth[a] > depth[b] {
                a = Int(parent[a])
            } else if depth[b] > depth[a] {
                b = Int(parent[b])
            } else {
                a = Int(parent[a])
                b = Int(parent[b])
            }
        }
        let join = a
        // The leaving arc: the last blocking arc going round from the join (down to i, then
        // from j up to the join). Blocking arcs are those the cycle runs against.
        var delta = Int32.max
        var leaving = -1
        var onISide = false
        var u = i
        while u != join {
            // The cycle runs parent(u) → u: against the arc if it points u → parent.
            if up[u] && flow[Int(pred[u])] < delta {
                delta = flow[Int(pred[u])]
                leaving = u
                onISide = true
            }
            u = Int(parent[u])
        }
        u = j
        while u != join {
            // The cycle runs u → parent(u): against the arc if it points parent → u.
            if !up[u] && flow[Int(pred[u])] <= delta {
                delta = flow[Int(pred[u])]
                leaving = u
                onISide = false
            }
            u = Int(parent[u])
        }
        precondition(leaving >= 0, "unbounded flow: the network has a negative cycle")
        if delta > 0 {
            flow[e] += delta
            u = i
            while u != join {
                flow[Int(pred[u])] += up[u] ? -delta : delta
                u = Int(parent[u])
            }
            u = j
            while u != join {
                flow[Int(pred[u])] += up[u] ? delta : -delta
                u = Int(parent[u])
            }
        }
        inTree[Int(pred[leaving])] = false
        inTree[e] = true
        // The subtree under the leaving arc hangs from the entering arc's end inside it.
        let x = onISide ? i : j, y = onISide ? j : i
        var v = x
        var newParent = y
        var newPred = Int32(e)
        var newUp = x == i
        while true {
            let oldParent = Int(parent[v]), oldPred = pred[v], oldUp = up[v]
            removeChild(oldParent, v)
            parent[v] = Int32(newParent)
            pred[v] = newPred
            up[v] = newUp
            addChild(newParent, v)
            if v == leaving { break }
            newParent = v
            newPred = oldPred
            newUp = !oldUp
            v = oldParent
        }
        // Potentials shift by the entering arc's reduced cost across the moved subtree.
        let shift = x == j ? reducedCost : -reducedCost
        stack.removeAll(keepingCapacity: true)
        stack.append(Int32(x))
        while let top = stack.popLast() {
            let t = Int(top)
            potential[t] += shift
            depth[t] = depth[Int(parent[t])] + 1
            var c = firstChild[t]
            while c >= 0 {
                stack.append(c)
                c = nextSibling[Int(c)]
            }
        }
    }
}
