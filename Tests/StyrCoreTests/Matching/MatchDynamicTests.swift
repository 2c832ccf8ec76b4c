import Foundation
import Testing

@testable import StyrCore

/// The year replayed week by week: every policy stays within the places, settles no case before it
/// is ready, and the forecast policy keeps places for later cases better than greedy batches.
@Suite struct MatchDynamicTests {
    static func year(persons: Int, seed: UInt64) -> MatchInstance {
        var codes = (1...60).map { String(format: "%04d", 1000 + $0) }
        codes[0] = "0301"
        return MatchGenerator.generate(persons: persons, codes: codes, seed: seed, candidates: 10).instance
    }

    @Test(arguments: MatchPolicy.allCases) func everyPolicyIsFeasibleAndNeverEarly(policy: MatchPolicy) {
        let inst = Self.year(persons: 600, seed: 3)
        let run = MatchDynamic.simulate(inst, policy: policy)
        #expect(run.allocation.violations(inst).isEmpty)
        #expect(run.batchSeconds.count == 52)
        for (c, week) in run.settledWeek.enumerated() {
            #expect((week == nil) == (run.allocation.municipalityOf[c] == nil))
            if let week { #expect(week >= inst.cases[c].week, "settled before ready") }
        }
        let summary = MatchDynamic.summary(inst, run: run, hindsight: MatchSolver.solve(inst).objective)
        #expect(summary.persons == inst.cases.reduce(0) { $0 + $1.size })
        #expect(summary.within3m <= Double(summary.personsSettled) / Double(summary.persons) + 1e-9)
        #expect(summary.within3m <= summary.within6m)
    }

    @Test func forecastPolicyBeatsGreedyWhenPlacesAreScarce() {
        // Few candidate municipalities per case: early greedy choices use up what later cases need.
        var wins = 0
        for seed in UInt64(1)...3 {
            let inst = Self.year(persons: 1500, seed: seed)
            let hindsight = MatchSolver.solve(inst).objective
            let dual = MatchDynamic.summary(inst, run: MatchDynamic.simulate(inst, policy: .dual), hindsight: hindsight)
            let greedy = MatchDynamic.summary(inst, run: MatchDynamic.simulate(inst, policy: .greedy), hindsight: hindsight)
            #expect(dual.shareOfHindsight <= 1.02)
            if dual.objective > greedy.objective { wins += 1 }
        }
        #expect(wins >= 2)
    }

    @Test func urgencyGrowsWithTheWait() {
        let w = MatchWeights()
        #expect(FitScore.urgency(weeks: 0, size: 3, weights: w) == 0)
        #expect(FitScore.urgency(weeks: 4, size: 3, weights: w) == w.urgency * 12)
        #expect(FitScore.urgency(weeks: -2, size: 1, weights: w) == 0)
    }
}
