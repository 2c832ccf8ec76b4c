/// Settlement over a year: cases become ready week by week and the places decided for the whole
/// year must last. Each week's decision takes the cases waiting; the policies differ in how they
/// value a place now against the cases still to come.
public enum MatchPolicy: String, Sendable, CaseIterable, Codable {
    /// Forecast and re-solve: each week the waiting cases are solved together with a forecast of the
    /// rest of the year's cases against the places left, and only the waiting cases' places are committed.
    case dual
    /// Weekly batches solved optimally for that week alone (no thought for later weeks).
    case greedy
    /// First come, first served: each case in readiness order takes its best municipality with room.
    case fcfs
    /// Random proportional: each case to an allowed municipality with room, at random in proportion
    /// to its places left.
    case random
}

/// The outcome of a year under one policy.
public struct DynamicRun: Sendable {
    public var policy: MatchPolicy
    public var allocation: MatchAllocation
    /// The week each case was settled (nil: not settled within the year).
    public var settledWeek: [Int?]
    /// Seconds each weekly decision took.
    public var batchSeconds: [Double]
}

/// Figures to compare policies by.
public struct DynamicSummary: Sendable, Codable, Equatable {
    public var policy: String
    public var objective: Double
    public var shareOfHindsight: Double
    public var persons: Int
    public var personsSettled: Int
    /// Mean weeks from ready to settled, over settled persons.
    public var meanWaitWeeks: Double
    /// Shares of all persons settled within 13 and 26 weeks of being ready.
    public var within3m: Double
    public var within6m: Double
    /// Mean fit score per settled person.
    public var fitPerPerson: Double
    public var batchS: Double

    /// The JSON and column names stay snake_case (the command contract).
    enum CodingKeys: String, CodingKey {
        case policy
        case objective
        case shareOfHindsight = "share_of_hindsight"
        case persons
        case personsSettled = "persons_settled"
        case meanWaitWeeks = "mean_wait_weeks"
        case within3m = "within_3m"
        case within6m = "within_6m"
        case fitPerPerson = "fit_per_person"
        case batchS = "batch_s"
    }
}

public enum MatchDynamic {
    public struct Options: Sendable {
        public var weeks = 52
        public var weights = MatchWeights()
        public var seed: UInt64 = 1
        public init() {}
    }

    /// Replays the year under `policy`.
    public static func simulate(_ inst: MatchInstance, policy: MatchPolicy, options: Options = Options()) -> DynamicRun {
        var state = YearState(inst)
        var random = SeededRandom(seed: options.seed)
        var times: [Double] = []
        let clock = ContinuousClock()
        let byWeek = Dictionary(grouping: inst.cases.indices) { min(max(inst.cases[$0].week, 1), options.weeks) }
        var seen: [Int] = []
        var waiting: [Int] = []
        for week in 1...options.weeks {
            let arrivals = byWeek[week] ?? []
            seen += arrivals
            waiting += arrivals
            let elapsed = clock.measure {
                switch policy {
                case .dual:
                    plan(inst, state: &state, seen: seen, waiting: waiting, week: week, random: &random, options: options)
                case .greedy:
                    decide(inst, state: &state, waiting: waiting, week: week, options: options)
                case .fcfs:
                    for c in waiting.sorted() { state.placeBest(c, week: week) }
                case .random:
                    for c in waiting.sorted() { state.placeRandom(c, week: week, random: &random) }
                }
            }
            times.append(elapsed.seconds)
            waiting.removeAll { state.settledWeek[$0] != nil }
        }
        return DynamicRun(
            policy: policy, allocation: MatchAllocation(municipalityOf: state.at), settledWeek: state.settledWeek, batchSeconds: times)
    }

    /// The figures of a run, against the hindsight optimum's objective.
    public static func summary(_ inst: MatchInstance, run: DynamicRun, hindsight: Double) -> DynamicSummary {
        let objective = run.allocation.objective(inst)
        var persons = 0, settled = 0, within3 = 0, within6 = 0, waited = 0
        for (c, mc) in inst.cases.enumerated() {
            persons += mc.size
            guard let w = run.settledWeek[c] else { continue }
            settled += mc.size
            let wait = w - mc.week
            waited += wait * mc.size
            if wait <= 13 { within3 += mc.size }
            if wait <= 26 { within6 += mc.size }
        }
        return DynamicSummary(
            policy: run.policy.rawValue, objective: objective, shareOfHindsight: hindsight > 0 ? objective / hindsight : 0,
            persons: persons, personsSettled: settled, meanWaitWeeks: settled > 0 ? Double(waited) / Double(settled) : 0,
            within3m: persons > 0 ? Double(within3) / Double(persons) : 0, within6m: persons > 0 ? Double(within6) / Double(persons) : 0,
            fitPerPerson: settled > 0 ? objective / Double(settled) : 0,
            batchS: run.batchSeconds.isEmpty ? 0 : run.batchSeconds.reduce(0, +) / Double(run.batchSeconds.count))
    }

    /// The re-solving policy: the waiting cases and a forecast of the rest of the year's cases
    /// (the cases seen so far, each standing for as many as the weeks left should bring) are solved
    /// together against the places left; only the waiting cases' places are committed. A waiting
    /// case the plan leaves out waits for a better week; its urgency grows, and after
    /// `urgentAfterWeeks` it is placed wherever there is room.
    static func plan(
        _ inst: MatchInstance, state: inout YearState, seen: [Int], waiting: [Int], week: Int, random: inout SeededRandom,
        options: Options, seenPersons known: Int? = nil
    ) {
        guard !waiting.isEmpty else { return }
        // The seen cases are the sample; the pace is theirs, or the persons known to have become ready.
        let seenPersons = seen.reduce(0) { $0 + inst.cases[$1].size }
        let futurePersons = Int((Double(known ?? seenPersons) / Double(week) * Double(options.weeks - week)).rounded())
        // Every seen case stands for `factor` future ones: whole copies, and the fraction at random.
        var forecast: [Int] = []
        let factor = seenPersons > 0 ? Double(futurePersons) / Double(seenPersons) : 0
        for c in seen {
            let copies = Int(factor) + (random.double(0..<1) < factor - Double(Int(factor)) ? 1 : 0)
            forecast += Array(repeating: c, count: copies)
        }
        var pairs: [(caseIndex: Int, municipality: Int, score: Double)] = []
        var planCases: [MatchCase] = []
        for (i, c) in (waiting + forecast).enumerated() {
            let mc = inst.cases[c]
            let isWaiting = i < waiting.count
            let waited = isWaiting ? week - mc.week : 0
            let bonus =
                FitScore.urgency(weeks: waited, size: mc.size, weights: options.weights)
                + (waited >= options.weights.urgentAfterWeeks ? 10_000 : 0)
            for k in inst.pairs(of: c) {
                let m = Int(inst.pairMunicipality[k])
                guard state.fits(c, m) else { continue }
                pairs.append((planCases.count, m, inst.pairScore[k] + bonus))
            }
            planCases.append(mc)
        }
        let planned = MatchInstance(cases: planCases, municipalities: inst.municipalities, pairs: pairs)
        let solution = MatchSolver.solve(planned, capacity: state.remaining)
        for (i, c) in waiting.enumerated() {
            if let m = solution.allocation.municipalityOf[i] { state.place(c, m, week: week) }
        }
    }

    /// One week's decision from the register, the way the re-solving policy makes it: every case
    /// of `inst` waits now (in `week` of the year), `readyPersons` persons have become ready so far
    /// this year, and the rest of the year is forecast from the waiting cases (each standing for as
    /// many as the weeks left should bring at that pace). Only the waiting cases are placed; the
    /// places the forecast takes are kept for later weeks.
    public static func week(_ inst: MatchInstance, week: Int, readyPersons: Int, options: Options = Options()) -> MatchAllocation {
        var state = YearState(inst)
        var random = SeededRandom(seed: options.seed)
        let all = Array(inst.cases.indices)
        let w = max(1, min(options.weeks, week))
        plan(
            inst, state: &state, seen: all, waiting: all, week: w, random: &random, options: options,
            seenPersons: max(readyPersons, inst.cases.reduce(0) { $0 + $1.size }))
        return MatchAllocation(municipalityOf: state.at)
    }

    /// The greedy week: the waiting cases solved as one batch against the places left, as if no
    /// case were to come later.
    static func decide(_ inst: MatchInstance, state: inout YearState, waiting: [Int], week: Int, options: Options) {
        var pairs: [(caseIndex: Int, municipality: Int, score: Double)] = []
        for (i, c) in waiting.enumerated() {
            for k in inst.pairs(of: c) where state.fits(c, Int(inst.pairMunicipality[k])) {
                pairs.append((i, Int(inst.pairMunicipality[k]), inst.pairScore[k]))
            }
        }
        let batch = MatchInstance(cases: waiting.map { inst.cases[$0] }, municipalities: inst.municipalities, pairs: pairs)
        let solution = MatchSolver.solve(batch, capacity: state.remaining)
        for (i, m) in solution.allocation.municipalityOf.enumerated() {
            if let m { state.place(waiting[i], m, week: week) }
        }
    }
}

/// Places left and who is where, during a simulated year.
struct YearState {
    let inst: MatchInstance
    var remaining: MatchCapacity
    var at: [Int?]
    var settledWeek: [Int?]

    init(_ inst: MatchInstance) {
        self.inst = inst
        remaining = MatchCapacity(inst)
        at = .init(repeating: nil, count: inst.cases.count)
        settledWeek = .init(repeating: nil, count: inst.cases.count)
    }

    func fits(_ c: Int, _ m: Int) -> Bool {
        inst.cases[c].ordinary <= remaining.places[m] && inst.cases[c].minors <= remaining.minorPlaces[m]
    }

    mutating func place(_ c: Int, _ m: Int, week: Int) {
        guard at[c] == nil, fits(c, m) else { return }
        remaining.places[m] -= inst.cases[c].ordinary
        remaining.minorPlaces[m] -= inst.cases[c].minors
        at[c] = m
        settledWeek[c] = week
    }

    /// The best-scoring allowed municipality with room.
    mutating func placeBest(_ c: Int, week: Int) {
        var best: (m: Int, s: Double)?
        for k in inst.pairs(of: c) {
            let m = Int(inst.pairMunicipality[k])
            if fits(c, m) && (best == nil || inst.pairScore[k] > best!.s) { best = (m, inst.pairScore[k]) }
        }
        if let best { place(c, best.m, week: week) }
    }

    /// An allowed municipality with room, at random in proportion to its places left.
    mutating func placeRandom(_ c: Int, week: Int, random: inout SeededRandom) {
        var options: [(m: Int, w: Double)] = []
        for k in inst.pairs(of: c) {
            let m = Int(inst.pairMunicipality[k])
            if fits(c, m) { options.append((m, Double(remaining.places[m] + remaining.minorPlaces[m]))) }
        }
        let total = options.reduce(0) { $0 + $1.w }
        guard total > 0 else { return }
        var x = random.double(0..<total)
        for o in options {
            x -= o.w
            if x < 0 {
                place(c, o.m, week: week)
                return
            }
        }
        place(c, options[options.count - 1].m, week: week)
    }
}

extension Duration {
    /// The duration in seconds, for timings and benchmarks.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
