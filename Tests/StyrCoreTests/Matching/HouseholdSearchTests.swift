import Testing

@testable import StyrCore

/// The household search: households move while single persons are re-placed optimally.
@Suite struct HouseholdSearchTests {
    /// One municipality of three places: a family of two sits there with one single, while the
    /// second single waits. Moving the family to the other municipality (one point less per person)
    /// frees both places for the singles, who score far more there.
    @Test func movingAFamilyLetsSinglePersonsInBehindIt() {
        let cases = [MatchCase(id: "F", size: 2), MatchCase(id: "S1", size: 1), MatchCase(id: "S2", size: 1)]
        let municipalities = [MatchMunicipality(code: "A", places: 3), MatchMunicipality(code: "B", places: 2)]
        let inst = MatchInstance(
            cases: cases, municipalities: municipalities, pairs: [(0, 0, 20), (0, 1, 18), (1, 0, 30), (2, 0, 30)])
        let cap = MatchCapacity(inst)
        let active = [Bool](repeating: true, count: 3)
        let lp = MatchLP(inst, capacity: cap, active: active)
        let start = MatchAllocation(municipalityOf: [0, 0, nil])
        let better = HouseholdSearch.improve(inst, lp: lp, capacity: cap, active: active, allocation: start)
        #expect(better.violations(inst).isEmpty)
        #expect(better.municipalityOf == [1, 0, 0])
        #expect(better.objective(inst) == 78)
    }

    /// On generated instances the search keeps the allocation feasible, never lowers its score, and
    /// never passes the brute-force optimum (tiny) or the bound.
    @Test(arguments: [1, 2, 3, 4, 5, 6]) func neverWorseAndAlwaysFeasible(seed: Int) {
        var codes = (1...4).map { String(format: "%04d", $0) }
        codes[0] = "0301"
        let tiny = MatchGenerator.generate(persons: 18, codes: codes, seed: UInt64(seed), candidates: 3).instance
        let solution = MatchSolver.solve(tiny)
        #expect(solution.allocation.violations(tiny).isEmpty)
        #expect(solution.objective <= MatchTests.bruteForce(tiny) + 1e-9)

        let big = MatchGenerator.generate(persons: 600, codes: (0..<30).map { String(format: "K%02d", $0) }, seed: UInt64(seed))
            .instance
        let cap = MatchCapacity(big)
        let active = [Bool](repeating: true, count: big.cases.count)
        let plain = MatchSolver.solve(big, refill: false)
        let lp = MatchLP(big, capacity: cap, active: active)
        let searched = HouseholdSearch.improve(big, lp: lp, capacity: cap, active: active, allocation: plain.allocation)
        #expect(searched.violations(big).isEmpty)
        #expect(searched.objective(big) >= plain.objective)
        #expect(searched.objective(big) <= plain.bound + 1e-6)
    }
}
