import Foundation

/// Prices per place in each municipality: ordinary places and minors' places.
public struct MatchPrices: Sendable, Equatable {
    public var places: [Double]
    public var minorPlaces: [Double]
    public init(places: [Double], minorPlaces: [Double]) {
        self.places = places
        self.minorPlaces = minorPlaces
    }
}

/// A solved allocation with its proven quality: `bound` is an upper bound on any allocation's
/// objective, so the optimum lies in [objective, bound]. It is the tighter of the LP relaxation's
/// optimum (`lpBound`, the Lagrangian value of its place prices) and the knapsack bound at the LP's
/// case values (`KnapsackBound`: households are not split).
public struct MatchSolution: Sendable {
    public var allocation: MatchAllocation
    public var objective: Double
    public var bound: Double
    /// The LP relaxation's optimum (equal to any LP solver's on the same pairs).
    public var lpBound: Double
    public var prices: MatchPrices
    /// Network simplex pivots: the LP relaxation's and its rounding's.
    public var pivots: Int
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

/// Allocation by the LP relaxation and its prices. The relaxation (a transportation problem in
/// persons, `MatchLP`) is solved exactly; its optimal place prices give the bound and split the
/// problem per case (each case's value is its best score minus the price of the places it uses).
/// The relaxation is rounded (`MatchLP.roundHouseholds`); the allocation starts from the rounded
/// placements, places any case left out that is worth its places at those prices (in order of
/// regret), and is improved by moves into free places and ejections (`Primal`), then (with
/// `search`) by the household search (`HouseholdSearch`: households move and swap while the single
/// persons are re-placed optimally around them) — or, where a case needs both ordinary and minors'
/// places (it is not in the network the search uses), by refill moves (`Primal.refill`).
public enum MatchSolver {
    public static func solve(_ inst: MatchInstance, capacity: MatchCapacity? = nil, cases active: [Int]? = nil, search: Bool = true)
        -> MatchSolution
    {
        let cap = capacity ?? MatchCapacity(inst)
        var isActive = [Bool](repeating: active == nil, count: inst.cases.count)
        if let active { for c in active { isActive[c] = true } }
        let lp = MatchLP(inst, capacity: cap, active: isActive)
        let dual = Dual(inst, capacity: cap, active: isActive, prices: lp.prices)
        let searchable = HouseholdSearch.applies(inst, active: isActive)
        var allocation = Primal.build(inst, dual: dual, capacity: cap, seed: lp.whole, refill: search && !searchable)
        if search && searchable {
            allocation = HouseholdSearch.improve(inst, lp: lp, capacity: cap, active: isActive, allocation: allocation)
        }
        let caseValues = dual.caseValues
        let lpBound = dual.bound(caseValues: caseValues)
        let knapsack = KnapsackBound.value(inst, capacity: cap, active: isActive, caseValue: caseValues)
        return MatchSolution(
            allocation: allocation, objective: allocation.objective(inst), bound: min(lpBound, knapsack), lpBound: lpBound,
            prices: lp.prices, pivots: lp.pivots)
    }
}

/// Prices and what they say per case: its best and second-best reduced score.
struct Dual {
    let inst: MatchInstance
    /// Places per municipality.
    let capPlaces: [Double]
    let capMinor: [Double]
    let prices: MatchPrices
    var best1: [Double]
    var best2: [Double]
    let active: [Bool]
    /// Ordinary and minors' places each case uses.
    let ordinary: [Double]
    let minorCount: [Double]

    init(_ inst: MatchInstance, capacity: MatchCapacity, active: [Bool], prices: MatchPrices) {
        self.inst = inst
        capPlaces = capacity.places.map { Double($0) }
        capMinor = capacity.minorPlaces.map { Double($0) }
        let n = inst.cases.count
        self.prices = prices
        self.active = active
        ordinary = inst.cases.map { Double($0.ordinary) }
        minorCount = inst.cases.map { Double($0.minors) }
        best1 = .init(repeating: 0, count: n)
        best2 = .init(repeating: 0, count: n)
        for c in 0..<n where active[c] { refresh(c) }
    }

    @inline(__always) func reduced(_ k: Int, _ c: Int) -> Double {
        let m = Int(inst.pairMunicipality[k])
        return inst.pairScore[k] - ordinary[c] * prices.places[m] - minorCount[c] * prices.minorPlaces[m]
    }

    private mutating func refresh(_ c: Int) {
        var b1 = -Double.infinity, b2 = -Double.infinity
        for k in inst.pairs(of: c) {
            // A household larger than the places never goes there.
            let m = Int(inst.pairMunicipality[k])
            guard ordinary[c] <= capPlaces[m] && minorCount[c] <= capMinor[m] else { continue }
            let r = reduced(k, c)
            if r > b1 {
                b2 = b1
                b1 = r
            } else if r > b2 {
                b2 = r
            }
        }
        best1[c] = b1
        best2[c] = b2
    }

    /// Each active case's value at the prices: its best score less the price of the places it
    /// uses, or 0 (the dual of "at most one municipality"); 0 for inactive cases.
    var caseValues: [Double] { (0..<inst.cases.count).map { active[$0] ? max(0, best1[$0]) : 0 } }

    /// The Lagrangian value at the current prices (the case values plus the places at their
    /// prices): an upper bound on every allocation.
    func bound(caseValues: [Double]) -> Double {
        var total = caseValues.reduce(0, +)
        for m in 0..<inst.municipalities.count {
            total += capPlaces[m] * prices.places[m] + capMinor[m] * prices.minorPlaces[m]
        }
        return total
    }
}
