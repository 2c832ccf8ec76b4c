import Foundation
import StyrCore
import Vapor

/// `styr bench match --dynamic`: a generated year (cases ready week by week) replayed under each
/// policy — forecast dual prices (Styr's), greedy weekly batches, first come first served, random
/// proportional — against the hindsight optimum of the whole year solved in the same run.
/// The last line is one JSON object with `share_of_hindsight` and `batch_s` of the dual policy.
enum DynamicBench {
    struct Result: Encodable {
        let shareOfHindsight: Double
        let batchS: Double
        let share_of_bound: Double
        /// The dual policy's objective over the LP relaxation's optimum of the whole year (GLOP): a
        /// lower bound on its share of the true hindsight optimum.
        let share_of_lp_bound: Double
        let lp_bound: Double
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
            "Fasit i ettertid: mål \(String(format: "%.0f", hindsight.objective)), grense \(String(format: "%.0f", hindsight.bound)), \(String(format: "%.2f", hindsightTime.seconds)) s."
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
                    policy.rawValue, s.shareOfHindsight * 100, Double(s.personsSettled) / Double(max(s.persons, 1)) * 100,
                    s.within3m * 100, s.within6m * 100, s.meanWaitWeeks, s.batchS))
        }
        let dual = summaries[0]
        let lpBound = try lpBound(inst, solution: hindsight, app: app)
        printErr(
            "LP-grense for hele året (GLOP): \(Int(lpBound)); dual-politikken når \(String(format: "%.1f", dual.objective / lpBound * 100)) % av den."
        )
        let result = Result(
            shareOfHindsight: dual.shareOfHindsight, batchS: dual.batchS,
            share_of_bound: hindsight.bound > 0 ? dual.objective / hindsight.bound : 0,
            share_of_lp_bound: lpBound > 0 ? dual.objective / lpBound : 0, lp_bound: lpBound, hindsight_objective: hindsight.objective,
            bound: hindsight.bound, hindsight_s: hindsightTime.seconds, persons: persons, cases: inst.cases.count, policies: summaries)
        try printJSONLine(result)
    }

    /// The LP relaxation's optimum of the whole year, from OR-Tools' GLOP (scripts/match_ortools.py).
    static func lpBound(_ inst: MatchInstance, solution: MatchSolution, app: Application) throws -> Double {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-dynamic-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try MatchFiles.write(inst, solution: solution, seconds: 0, to: dir, includeInstance: true)
        struct LP: Decodable { let lp_bound: Double }
        let lp = try ExternalTool.pythonScript(
            "match_ortools.py", [dir, "lp"], as: LP.self, failure: "LP-grensen feilet (scripts/setup.sh installerer ortools).")
        return lp.lp_bound
    }
}
