import Foundation

/// Prices per place in each municipality: ordinary places and minors' places.
public struct MatchPrices: Sendable, Equatable {
    public var places: [Double]
    public var minorPlaces: [Double]
    public init(places: [Double], minorPlaces: [Double]) {
        self.places = places
        self.minorPlaces = minorPlaces
    }
    public static func zero(_ n: Int) -> MatchPrices {
        MatchPrices(places: .init(repeating: 0, count: n), minorPlaces: .init(repeating: 0, count: n))
    }
}

/// A solved allocation with its proven quality: `bound` is an upper bound on any allocation's
/// objective (the Lagrangian dual of the capacities), so the optimum lies in [objective, bound].
public struct MatchSolution: Sendable {
    public var allocation: MatchAllocation
    public var objective: Double
    public var bound: Double
    public var prices: MatchPrices
    public var sweeps: Int
    /// (bound − objective) / bound.
    public var gap: Double { bound > 0 ? max(0, bound - objective) / bound : 0 }
}

/// Remaining places per municipality (the whole year's, or what is left of it).
public struct MatchCapacity: Sendable, Equatable {
    public var places: [Int]
    public var minorPlaces: [Int]
    public init(places: [Int], minorPlaces: [Int]) {
        self.places = places
        self.minorPlaces = minorPlaces
    }
    public init(_ instance: MatchInstance) {
        self.init(places: instance.municipalities.map(\.places), minorPlaces: instance.municipalities.map(\.minorPlaces))
    }
}

/// Allocation by prices. Relaxing the capacities with a price per place splits the problem per
/// case (each takes its best score minus the price of the places it uses). Prices are found by
/// exact coordinate minimisation of the dual, one municipality at a time: the price at which the
/// cases that prefer it just fit — the transportation problem's dual, which is exact where all cases
/// are single persons and a proven bound where families make the problem harder. The allocation
/// is then built in order of regret at those prices and improved by moves into free places.
public enum MatchSolver {
    public struct Options: Sendable {
        public var maxSweeps = 60
        /// Stop when a sweep improves the bound by less than this fraction.
        public var tolerance = 1e-6
        /// Subgradient steps after the coordinate sweeps.
        public var polishSteps = 300
        public init() {}
    }

    public static func solve(
        _ inst: MatchInstance, capacity: MatchCapacity? = nil, cases active: [Int]? = nil, start: MatchPrices? = nil,
        options: Options = Options()
    ) -> MatchSolution {
        let cap = capacity ?? MatchCapacity(inst)
        var dual = Dual(inst, capacity: cap, active: active, start: start)
        let sweeps = dual.run(options)
        var allocation = Primal.build(inst, dual: dual, capacity: cap)
        var objective = allocation.objective(inst)
        if options.polishSteps > 0 {
            dual.polish(target: objective, steps: options.polishSteps)
            let again = Primal.build(inst, dual: dual, capacity: cap)
            let value = again.objective(inst)
            if value > objective {
                allocation = again
                objective = value
            }
        }
        return MatchSolution(allocation: allocation, objective: objective, bound: dual.bound(), prices: dual.prices, sweeps: sweeps)
    }
}

/// The dual state: prices, each case's best and second-best reduced score.
struct Dual {
    let inst: MatchInstance
    /// Places per municipality.
    let capPlaces: [Double]
    let capMinor: [Double]
    var prices: MatchPrices
    /// Case index of each pair.
    var pairCase: [Int32]
    /// Pairs of each municipality (transpose): `muniPairs[muniStart[m]..<muniStart[m+1]]`.
    var muniStart: [Int]
    var muniPairs: [Int32]
    var best1: [Double]
    var best1Muni: [Int32]
    var best2: [Double]
    let active: [Bool]
    /// Ordinary and minors' places each case uses.
    let ordinary: [Double]
    let minorCount: [Double]
    var scratch: [(Double, Double)] = []

    /// `start` warm-starts the prices.
    init(_ inst: MatchInstance, capacity: MatchCapacity, active list: [Int]?, start: MatchPrices? = nil) {
        self.inst = inst
        capPlaces = capacity.places.map { Double($0) }
        capMinor = capacity.minorPlaces.map { Double($0) }
        let n = inst.cases.count, m = inst.municipalities.count
        prices = start ?? .zero(m)
        var isActive = [Bool](repeating: list == nil, count: n)
        if let list { for c in list { isActive[c] = true } }
        active = isActive
        ordinary = inst.cases.map { Double($0.ordinary) }
        minorCount = inst.cases.map { Double($0.minors) }
        pairCase = [Int32](repeating: 0, count: inst.pairCount)
        var counts = [Int](repeating: 0, count: m + 1)
        for c in 0..<n where isActive[c] {
            for k in inst.pairs(of: c) {
                pairCase[k] = Int32(c)
                counts[Int(inst.pairMunicipality[k]) + 1] += 1
            }
        }
        for i in 0..<m { counts[i + 1] += counts[i] }
        var fill = counts
        var mp = [Int32](repeating: 0, count: counts[m])
        for c in 0..<n where isActive[c] {
            for k in inst.pairs(of: c) {
                let mu = Int(inst.pairMunicipality[k])
                mp[fill[mu]] = Int32(k)
                fill[mu] += 1
            }
        }
        muniStart = counts
        muniPairs = mp
        best1 = .init(repeating: 0, count: n)
        best1Muni = .init(repeating: -1, count: n)
        best2 = .init(repeating: 0, count: n)
        for c in 0..<n where isActive[c] { refresh(c) }
    }

    @inline(__always) func reduced(_ k: Int, _ c: Int) -> Double {
        let m = Int(inst.pairMunicipality[k])
        return inst.pairScore[k] - ordinary[c] * prices.places[m] - minorCount[c] * prices.minorPlaces[m]
    }

    mutating func refresh(_ c: Int) {
        var b1 = -Double.infinity, b2 = -Double.infinity
        var m1: Int32 = -1
        for k in inst.pairs(of: c) {
            let r = reduced(k, c)
            if r > b1 {
                b2 = b1
                b1 = r
                m1 = inst.pairMunicipality[k]
            } else if r > b2 {
                b2 = r
            }
        }
        best1[c] = b1
        best2[c] = b2
        best1Muni[c] = m1
    }

    /// The Lagrangian value at the current prices: an upper bound on every allocation.
    func bound() -> Double {
        var total = 0.0
        for c in 0..<inst.cases.count where active[c] { total += max(0, best1[c]) }
        for m in 0..<inst.municipalities.count {
            total += capPlaces[m] * prices.places[m] + capMinor[m] * prices.minorPlaces[m]
        }
        return total
    }

    /// Coordinate sweeps until the bound stops improving; returns the number of sweeps.
    mutating func run(_ options: MatchSolver.Options) -> Int {
        var last = bound()
        for sweep in 1...max(1, options.maxSweeps) {
            for m in 0..<inst.municipalities.count {
                update(m, minors: false)
                update(m, minors: true)
            }
            let now = bound()
            if last - now <= options.tolerance * max(1, abs(now)) { return sweep }
            last = now
        }
        return options.maxSweeps
    }

    /// Subgradient steps (Polyak's rule towards `target`, a known allocation's objective) from the
    /// coordinate optimum, which can stall where several prices must rise together. Keeps the
    /// best prices seen.
    mutating func polish(target: Double, steps: Int) {
        let n = inst.cases.count, mCount = inst.municipalities.count
        var bestBound = bound()
        var bestPrices = prices
        var theta = 1.0
        var sinceBetter = 0
        var demand = [Double](repeating: 0, count: mCount), demandMinor = demand
        for _ in 0..<steps {
            for i in 0..<mCount {
                demand[i] = 0
                demandMinor[i] = 0
            }
            for c in 0..<n where active[c] && best1[c] > 0 {
                let m = Int(best1Muni[c])
                demand[m] += ordinary[c]
                demandMinor[m] += minorCount[c]
            }
            var norm = 0.0
            for i in 0..<mCount {
                let g = capPlaces[i] - demand[i], h = capMinor[i] - demandMinor[i]
                // Projected: a zero price with spare places does not move.
                norm += (prices.places[i] > 0 || g < 0 ? g * g : 0) + (prices.minorPlaces[i] > 0 || h < 0 ? h * h : 0)
            }
            let current = bound()
            guard norm > 0, current > target else { break }
            let step = theta * (current - target) / norm
            for i in 0..<mCount {
                prices.places[i] = max(0, prices.places[i] - step * (capPlaces[i] - demand[i]))
                prices.minorPlaces[i] = max(0, prices.minorPlaces[i] - step * (capMinor[i] - demandMinor[i]))
            }
            for c in 0..<n where active[c] { refresh(c) }
            let now = bound()
            if now < bestBound - 1e-9 {
                bestBound = now
                bestPrices = prices
                sinceBetter = 0
            } else {
                sinceBetter += 1
                if sinceBetter >= 5 {
                    theta *= 0.5
                    sinceBetter = 0
                }
            }
        }
        prices = bestPrices
        for c in 0..<n where active[c] { refresh(c) }
    }

    /// Sets municipality m's price of one kind of place to the lowest at which the cases that
    /// prefer it fit its places, the others' prices fixed.
    mutating func update(_ m: Int, minors: Bool) {
        let capacityHere = minors ? capMinor[m] : capPlaces[m]
        scratch.removeAll(keepingCapacity: true)
        let range = muniStart[m]..<muniStart[m + 1]
        let m32 = Int32(m)
        for i in range {
            let k = Int(muniPairs[i])
            let c = Int(pairCase[k])
            let w = minors ? minorCount[c] : ordinary[c]
            guard w > 0 else { continue }
            let other = max(0, best1Muni[c] == m32 ? best2[c] : best1[c])
            let base = inst.pairScore[k] - (minors ? ordinary[c] * prices.places[m] : minorCount[c] * prices.minorPlaces[m])
            let t = (base - other) / w
            if t > 0 { scratch.append((t, w)) }
        }
        var price = 0.0
        var total = 0.0
        for (_, w) in scratch { total += w }
        if total > capacityHere {
            scratch.sort { $0.0 > $1.0 }
            var cum = 0.0
            for (t, w) in scratch {
                if cum + w > capacityHere {
                    price = t
                    break
                }
                cum += w
            }
        }
        let old = minors ? prices.minorPlaces[m] : prices.places[m]
        guard price != old else { return }
        if minors { prices.minorPlaces[m] = price } else { prices.places[m] = price }
        for i in range { refresh(Int(pairCase[Int(muniPairs[i])])) }
    }
}
