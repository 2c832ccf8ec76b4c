import Foundation
import StyrCore
import Vapor

/// `styr bench match --persons N --municipalities M --seed S [--limit SECONDS]`: generates an
/// instance, solves it with Styr and with OR-Tools (scripts/match_ortools.py: GLOP for the LP
/// bound, CP-SAT for the integer allocation) in the same run. The last line is one JSON object.
enum MatchBench {
    struct Result: Encodable {
        let styr_s: Double
        let ortools_s: Double
        let ratio: Double
        let objective: Double
        let ortools_objective: Double
        let bound: Double
        let gap: Double
        let styr_bound: Double
        let styr_lp_bound: Double
        let cases: Int
        let pairs: Int
        /// Mean and worst time of one incremental proposal (a new case against the solved state).
        let incremental_ms: Double
        let incremental_max_ms: Double
        /// OR-Tools' time limit per solver (GLOP, CP-SAT), its status, and whether it was stopped by
        /// the limit (its objective is then the best it found, its bound the best it proved).
        let ortools_limit_s: Double
        let ortools_status: String
        let ortools_limited: Bool
        let ortools_note: String
    }

    /// Times `MatchProposals.propose` for every case as if it arrived now, against the places the
    /// solution leaves and its prices.
    static func incremental(_ inst: MatchInstance, _ solution: MatchSolution) -> (mean: Double, max: Double) {
        var remaining = MatchCapacity(inst)
        for (c, m) in solution.allocation.municipalityOf.enumerated() {
            guard let m else { continue }
            remaining.places[m] -= inst.cases[c].ordinary
            remaining.minorPlaces[m] -= inst.cases[c].minors
        }
        let clock = ContinuousClock()
        var total = 0.0, worst = 0.0
        for c in inst.cases.indices {
            let pairs = inst.pairs(of: c).map { (municipality: Int(inst.pairMunicipality[$0]), score: inst.pairScore[$0]) }
            let t =
                clock.measure {
                    _ = MatchProposals.propose(
                        case: inst.cases[c], pairs: pairs, instance: inst, prices: solution.prices, remaining: remaining)
                }.seconds * 1000
            total += t
            worst = max(worst, t)
        }
        return (total / Double(max(1, inst.cases.count)), worst)
    }

    /// Runs `work` on a thread of its own (not an event loop's), as `styr match` does from the
    /// command line, and waits for it.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    static func run(_ app: Application, persons: Int, municipalities: Int, seed: Int, limit: Int) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-match-\(seed)-\(persons)").path
        let generated = MatchFiles.generate(persons: persons, municipalities: municipalities, seed: UInt64(seed), geography: app.geography)
        let inst = generated.instance
        let clock = ContinuousClock()
        let (solution, elapsed) = await onOwnThread {
            var solution: MatchSolution?
            let elapsed = clock.measure { solution = MatchSolver.solve(inst) }
            return (solution!, elapsed)
        }
        try MatchFiles.write(inst, solution: solution, seconds: elapsed.seconds, to: dir, includeInstance: true)
        printErr(
            "Styr: \(inst.cases.count) saker, \(inst.pairCount) par, \(String(format: "%.3f", elapsed.seconds)) s, mål \(String(format: "%.0f", solution.objective)), grense \(String(format: "%.0f", solution.bound))."
        )
        struct OR: Decodable {
            let ortools_s: Double
            let objective: Double
            /// None when OR-Tools proved no bound within its limit.
            let bound: Double?
            let status: String?
            let limit_s: Double?
            let limited: Bool?
        }
        let or = try ExternalTool.pythonScript(
            "match_ortools.py", [dir, String(limit)], as: OR.self,
            failure: "OR-Tools-kjøringen feilet (scripts/setup.sh installerer ortools).")
        let best = min(or.bound ?? solution.bound, solution.bound)
        let proposal = incremental(inst, solution)
        let result = Result(
            styr_s: elapsed.seconds, ortools_s: or.ortools_s, ratio: elapsed.seconds / max(or.ortools_s, 1e-9),
            objective: solution.objective,
            ortools_objective: or.objective, bound: best, gap: best > 0 ? (best - solution.objective) / best : 0,
            styr_bound: solution.bound, styr_lp_bound: solution.lpBound,
            cases: inst.cases.count, pairs: inst.pairCount, incremental_ms: proposal.mean, incremental_max_ms: proposal.max,
            ortools_limit_s: or.limit_s ?? Double(limit), ortools_status: or.status ?? "", ortools_limited: or.limited ?? false,
            ortools_note: (or.limited ?? false)
                ? "OR-Tools stoppet ved tidsgrensen (\(limit) s per løser): målet er det beste CP-SAT fant, grensen den beste som er bevist."
                : "OR-Tools ferdig innen tidsgrensen (\(limit) s per løser).")
        try printJSONLine(result)
    }
}
