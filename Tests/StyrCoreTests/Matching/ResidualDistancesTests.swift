import Testing

@testable import StyrCore

/// The single persons' residual distances: what moving places between municipalities costs them.
@Suite struct ResidualDistancesTests {
    /// The single persons' best total with the given places (their transport problem is integral,
    /// so the LP's optimum is it).
    static func best(_ inst: MatchInstance, places: [Int]) -> Double {
        let cap = MatchCapacity(places: places, minorPlaces: places.map { _ in 0 })
        let lp = MatchLP(inst, capacity: cap, active: [Bool](repeating: true, count: inst.cases.count))
        return -lp.net.totalCost
    }

    /// Single persons only, on generated scores: one place moved from b to a costs exactly the
    /// distance, and k places cost at least `shiftCost(k)` — checked against re-solving with the
    /// places changed, for every pair of municipalities.
    @Test(arguments: [1, 2, 3]) func oneUnitIsExactAndMoreAreBounded(seed: Int) {
        let generated = MatchGenerator.generate(
            persons: 120, codes: (0..<6).map { String(format: "K%02d", $0) }, seed: UInt64(seed), candidates: 4)
        var inst = generated.instance
        // Keep the single adults only, and fewer places than persons in some municipalities.
        let keep = inst.cases.indices.filter { inst.cases[$0].size == 1 && inst.cases[$0].minors == 0 }
        var pairs: [(caseIndex: Int, municipality: Int, score: Double)] = []
        for (i, c) in keep.enumerated() {
            for k in inst.pairs(of: c) { pairs.append((i, Int(inst.pairMunicipality[k]), inst.pairScore[k])) }
        }
        let municipalities = inst.municipalities.map { MatchMunicipality(code: $0.code, places: max(1, $0.places / 3)) }
        inst = MatchInstance(cases: keep.map { inst.cases[$0] }, municipalities: municipalities, pairs: pairs)
        let places = inst.municipalities.map(\.places)
        let lp = MatchLP(
            inst, capacity: MatchCapacity(places: places, minorPlaces: places.map { _ in 0 }),
            active: [Bool](repeating: true, count: inst.cases.count))
        var distances = ResidualDistances(lp: lp, municipalities: places.count, singles: Array(inst.cases.indices), most: 3)
        let now = Self.best(inst, places: places)
        for b in places.indices where places[b] >= 3 {
            for a in places.indices where a != b {
                for k in 1...3 {
                    var changed = places
                    changed[b] -= k
                    changed[a] += k
                    let cost = now - Self.best(inst, places: changed)
                    let bound = distances.shiftCost(k, from: b, to: a)
                    if k == 1 { #expect(abs(cost - bound) < 1e-6, "b \(b) a \(a)") }
                    #expect(bound <= cost + 1e-6, "b \(b) a \(a) k \(k)")
                }
            }
        }
    }
}
