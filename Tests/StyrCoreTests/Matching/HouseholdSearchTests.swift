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

    /// Neither household can move alone: the family of three cannot join the family of four in B,
    /// nor the four join the three and the single person in A. Swapping them gains 14 and keeps
    /// the single person where she scores most.
    @Test func twoHouseholdsOfDifferentSizesSwap() {
        let cases = [MatchCase(id: "X", size: 3), MatchCase(id: "Y", size: 4), MatchCase(id: "S", size: 1)]
        let municipalities = [MatchMunicipality(code: "A", places: 5), MatchMunicipality(code: "B", places: 4)]
        let inst = MatchInstance(
            cases: cases, municipalities: municipalities,
            pairs: [(0, 0, 30), (0, 1, 36), (1, 0, 48), (1, 1, 40), (2, 0, 20), (2, 1, 5)])
        let cap = MatchCapacity(inst)
        let active = [Bool](repeating: true, count: 3)
        let lp = MatchLP(inst, capacity: cap, active: active)
        let start = MatchAllocation(municipalityOf: [0, 1, 0])
        #expect(start.objective(inst) == 90)
        let better = HouseholdSearch.improve(inst, lp: lp, capacity: cap, active: active, allocation: start)
        #expect(better.violations(inst).isEmpty)
        #expect(better.municipalityOf == [1, 0, 0])
        #expect(better.objective(inst) == 104)
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
        let plain = MatchSolver.solve(big, search: false)
        let lp = MatchLP(big, capacity: cap, active: active)
        let searched = HouseholdSearch.improve(big, lp: lp, capacity: cap, active: active, allocation: plain.allocation)
        #expect(searched.violations(big).isEmpty)
        #expect(searched.objective(big) >= plain.objective)
        #expect(searched.objective(big) <= plain.bound + 1e-6)
    }

    /// The solver with the search never ends below the solver without it, stays feasible and
    /// within its bound, and gains somewhere.
    @Test func theSearchNeverEndsBelowItsStartAndGainsSomewhere() {
        let codes = (0..<30).map { String(format: "K%02d", $0) }
        var gainedSomewhere = false
        for seed in 1...4 {
            let inst = MatchGenerator.generate(persons: 600, codes: codes, seed: UInt64(seed), candidates: 6).instance
            let plain = MatchSolver.solve(inst, search: false)
            let searched = MatchSolver.solve(inst)
            #expect(searched.allocation.violations(inst).isEmpty)
            #expect(searched.objective >= plain.objective)
            #expect(searched.objective <= searched.bound + 1e-6)
            if searched.objective > plain.objective { gainedSomewhere = true }
        }
        #expect(gainedSomewhere)
    }
}
