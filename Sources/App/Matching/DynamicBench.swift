import Foundation
import StyrCore
import Vapor

/// `styr bench match --dynamic`: a generated year (cases ready week by week) replayed under each
/// policy — forecast dual prices (Styr's), greedy weekly batches, first come first served, random
/// proportional — against the hindsight optimum of the whole year solved in the same run.
/// The last line is one JSON object with `share_of_hindsight` and `batch_s` of the dual policy.
enum DynamicBench {
    struct Result: Encodable {
        let share_of_hindsight: Double
        let batch_s: Double
        let share_of_bound: Double
        let hindsight_objective: Double
        let bound: Double
        let hindsight_s: Double
        let persons: Int
        let cases: Int
        let policies: [DynamicSummary]
    }

    static func run(_ app: Application, persons: Int, municipalities: Int, seed: Int) throws {
        let generated = MatchFiles.generate(persons: persons, municipalities: municipalities, seed: UInt64(seed), geography: app.geography)
        let inst = generated.instance
        let clock = ContinuousClock()
        var hindsight: MatchSolution?
        let hindsightTime = clock.measure { hindsight = MatchSolver.solve(inst) }
        guard let hindsight else { return }
        printErr(
            "Fasit i ettertid: mål \(Int(hindsight.objective)), grense \(Int(hindsight.bound)), \(String(format: "%.2f", hindsightTime.seconds)) s."
        )
        var options = MatchDynamic.Options()
        options.seed = UInt64(seed)
        var summaries: [DynamicSummary] = []
        for policy in MatchPolicy.allCases {
            let run = MatchDynamic.simulate(inst, policy: policy, options: options)
            let s = MatchDynamic.summary(inst, run: run, hindsight: hindsight.objective)
            summaries.append(s)
            printErr(
                String(
                    format:
                        "%-7@ %6.1f %% av fasit, bosatt %5.1f %%, innen 3 mnd %5.1f %%, innen 6 mnd %5.1f %%, ventetid %4.1f uker, %.3f s/uke",
                    policy.rawValue, s.share_of_hindsight * 100, Double(s.persons_settled) / Double(max(s.persons, 1)) * 100,
                    s.within_3m * 100, s.within_6m * 100, s.mean_wait_weeks, s.batch_s))
        }
        let dual = summaries[0]
        let result = Result(
            share_of_hindsight: dual.share_of_hindsight, batch_s: dual.batch_s,
            share_of_bound: hindsight.bound > 0 ? dual.objective / hindsight.bound : 0, hindsight_objective: hindsight.objective,
            bound: hindsight.bound, hindsight_s: hindsightTime.seconds, persons: persons, cases: inst.cases.count, policies: summaries)
        try printJSONLine(result)
    }
}
