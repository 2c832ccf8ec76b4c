/// Yearly targets for the generated introduction register. Where the annual report 2017
/// publishes a figure (2014–2017, "Hovedtall") it is exact; other years are plausible.
public struct NIRYearTarget: Sendable {
    public var year: Int
    public var started: Int
    public var ended: Int
    /// Participants at 31.12 not on leave (nil: about 5 % on leave).
    public var participantsYearEnd: Int?
    /// Persons with right and duty to the programme during the year (nil: 88 % of entrants).
    public var rightDuring: Int?
    /// Persons with right and duty in training in Norwegian during the year.
    public var trainingParticipants: Int
    /// Share (0–1) of the year's cohort with right and duty that starts training within three months.
    public var trainingWithin3: Double
    /// Share (0–1) of those who ended the programme that year in work or education a year later.
    public var workOrEducation: Double
    public var asylumArrivals: Int

    public static func series(from: Int, to: Int) -> [NIRYearTarget] {
        func t(_ y: Int, _ s: Int, _ e: Int, _ end: Int?, _ right: Int?, _ training: Int, _ w3: Double, _ work: Double, _ asylum: Int)
            -> NIRYearTarget
        {
            NIRYearTarget(
                year: y, started: s, ended: e, participantsYearEnd: end, rightDuring: right, trainingParticipants: training,
                trainingWithin3: w3, workOrEducation: work, asylumArrivals: asylum)
        }
        let known: [Int: NIRYearTarget] = [
            2012: t(2012, 5_500, 4_000, nil, nil, 30_000, 0.62, 0.62, 6_000),
            2013: t(2013, 5_000, 4_500, nil, nil, 31_500, 0.62, 0.62, 6_000),
            2014: t(2014, 5_000, 3_189, 10_841, 12_253, 33_431, 0.60, 0.58, 5_000),
            2015: t(2015, 7_061, 4_991, nil, nil, 35_039, 0.55, 0.61, 12_000),
            2016: t(2016, 9_903, 3_966, 18_148, 23_892, 39_858, 0.50, 0.63, 4_000),
            2017: t(2017, 9_469, 5_490, 21_388, 26_534, 41_816, 0.55, 0.64, 2_000),
            2018: t(2018, 7_000, 9_500, nil, nil, 38_000, 0.60, 0.65, 1_500),
            2019: t(2019, 5_000, 8_500, nil, nil, 33_000, 0.62, 0.66, 1_200),
            2020: t(2020, 3_500, 6_000, nil, nil, 28_000, 0.58, 0.61, 800),
            2021: t(2021, 4_000, 5_000, nil, nil, 26_000, 0.65, 0.66, 900),
            2022: t(2022, 9_000, 4_500, nil, nil, 30_000, 0.66, 0.68, 2_000),
            2023: t(2023, 14_000, 8_000, nil, nil, 36_000, 0.68, 0.69, 2_500),
            2024: t(2024, 12_000, 12_000, nil, nil, 38_000, 0.70, 0.70, 2_000),
        ]
        return (from...to).map { known[$0] ?? t($0, 6_000, 6_000, nil, nil, 30_000, 0.6, 0.65, 1_500) }
    }

    func scaled(_ f: Double) -> NIRYearTarget {
        func s(_ n: Int) -> Int { Int((Double(n) * f).rounded()) }
        var c = self
        c.started = s(started)
        c.ended = s(ended)
        c.participantsYearEnd = participantsYearEnd.map(s)
        c.rightDuring = rightDuring.map(s)
        c.trainingParticipants = s(trainingParticipants)
        c.asylumArrivals = s(asylumArrivals)
        return c
    }
}

/// Generates the introduction register for demos and benchmarks, from 2012 with a stock of
/// participants who started in 2010–2011. The figures are computed from the rows by the engine;
/// a test shows they equal the targets.
public struct NIRGenerator: Sendable {
    public var seed: UInt64
    public var geography: Geography

    public init(seed: UInt64, geography: Geography) {
        self.seed = seed
        self.geography = geography
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilDate(year: y, month: m, day: d)!.dayNumber }

    public func generate(from: Int = 2012, to: Int = 2024, scale: Double = 1) -> [NIRPerson] {
        var rng = SeededRandom(seed: seed &+ 17)
        let targets = NIRYearTarget.series(from: from, to: to).map { scale == 1 ? $0 : $0.scaled(scale) }
        var persons: [NIRPerson] = []
        var serial = 0
        func newPerson(_ year: Int, _ right: TrainingRight, _ rng: inout SeededRandom) -> NIRPerson {
            serial += 1
            let division = geography.division(for: year)
            let kommune = division.municipalities[rng.int(0...(division.municipalities.count - 1))].code
            return NIRPerson(
                personId: "N\(String(serial, radix: 36).uppercased())", gender: rng.chance(0.52) ? .male : .female,
                birthYear: year - rng.int(18...55), kommune: kommune, right: right)
        }
        // The programme: a pool of participants in order of start, ended first-in first-out.
        var pool: [Int] = []
        let stock = Int((7_330 * scale).rounded())
        for _ in 0..<stock {
            var p = newPerson(2011, .rightAndDuty, &rng)
            p.introStart = rng.int(Self.day(from - 2, 1, 1)...Self.day(from - 1, 12, 20))
            persons.append(p)
        }
        pool = persons.indices.sorted { persons[$0].introStart! < persons[$1].introStart! }
        for t in targets {
            let y = t.year
            let ending = pool.prefix(min(t.ended, pool.count))
            for i in ending {
                let earliest = max(Self.day(y, 1, 2), (persons[i].leaves.last?.upperBound ?? 0) + 1)
                persons[i].introEnd = rng.int(earliest...Self.day(y, 12, 30))
            }
            pool.removeFirst(ending.count)
            var new: [Int] = []
            for _ in 0..<t.started {
                var p = newPerson(y, .rightAndDuty, &rng)
                p.introStart = rng.int(Self.day(y, 1, 2)...Self.day(y, 12, 28))
                persons.append(p)
                new.append(persons.count - 1)
            }
            pool += new.sorted { persons[$0].introStart! < persons[$1].introStart! }
            // Leave over New Year: the participants at 31.12 are the rest.
            let leave = t.participantsYearEnd.map { pool.count - $0 } ?? pool.count / 20
            precondition(leave >= 0 && leave <= pool.count, "NIR-mål for \(y) går ikke opp")
            var candidates = pool
            for k in 0..<leave {
                let j = rng.int(k...(candidates.count - 1))
                candidates.swapAt(k, j)
                persons[candidates[k]].leaves.append(Self.day(y, 12, 1)...Self.day(y + 1, 1, 15))
            }
        }
        for i in persons.indices {
            let s = persons[i].introStart!
            persons[i].introTargetFrom = s - rng.int(10...150)
            if persons[i].introEnd != nil { persons[i].endReason = Self.endReason(&rng) }
            persons[i].measures = Self.measures(&rng)
        }
        calibrateRight(&persons, targets: targets, rng: &rng, newPerson: newPerson)
        addTraining(&persons, targets: targets, rng: &rng, newPerson: newPerson)
        addStatusAfter(&persons, targets: targets, rng: &rng)
        addIntegrationAct(&persons, rng: &rng)
        persons += asylumSeekers(targets, rng: &rng, serial: &serial)
        return persons
    }

    static func endReason(_ rng: inout SeededRandom) -> EndReason {
        let x = rng.double(0..<1)
        return x < 0.55 ? .completed : x < 0.72 ? .work : x < 0.80 ? .education : x < 0.87 ? .moved : x < 0.95 ? .interrupted : .other
    }

    static func measures(_ rng: inout SeededRandom) -> [Measure] {
        let odds: [(Measure, Double)] = [
            (.norwegian, 0.95), (.socialStudies, 0.6), (.primarySchool, 0.25), (.upperSecondary, 0.15), (.workPractice, 0.4),
            (.ordinaryWork, 0.1), (.higherEducation, 0.03), (.other, 0.1),
        ]
        return odds.compactMap { rng.chance($0.1) ? $0.0 : nil }
    }

    static func year(_ day: Int?) -> Int? { day.map { CivilDate(dayNumber: $0).year } }

    /// Sets right and duty vs. offered programme per entry year so that the persons with right
    /// and duty during each year with a target equal it; adds persons who left the target group
    /// without starting (moved, exempted) when the entrants are too few.
    func calibrateRight(
        _ persons: inout [NIRPerson], targets: [NIRYearTarget], rng: inout SeededRandom,
        newPerson: (Int, TrainingRight, inout SeededRandom) -> NIRPerson
    ) {
        var byEntry: [Int: [Int]] = [:]
        for i in persons.indices { byEntry[Self.year(persons[i].introTargetFrom)!, default: []].append(i) }
        let first = targets.first!.year
        // In year order: the draws must not follow the dictionary's (per-process) order.
        for y in byEntry.keys.sorted() where y < first {
            for i in byEntry[y]! { persons[i].introRight = rng.chance(0.85) ? .rightAndDuty : .offered }
        }
        for t in targets {
            let y = t.year
            let range = Period.year.range(y)
            let entrants = byEntry[y] ?? []
            let fixed = persons.indices.filter { i in
                (Self.year(persons[i].introTargetFrom) ?? y) < y && persons[i].introRightDuring(range)
            }.count
            let wanted = t.rightDuring.map { $0 - fixed } ?? Int((Double(entrants.count) * 0.88).rounded())
            let k = max(0, min(wanted, entrants.count))
            for (n, i) in entrants.enumerated() { persons[i].introRight = n < k ? .rightAndDuty : .offered }
            for _ in 0..<max(0, wanted - entrants.count) {
                var p = newPerson(y, .none, &rng)
                p.introRight = .rightAndDuty
                p.introTargetFrom = rng.int(range.lowerBound...(range.upperBound - 60))
                p.targetTo = p.introTargetFrom! + rng.int(20...55)
                persons.append(p)
            }
        }
    }

    /// Training in Norwegian: participants with right and duty to the programme have right and
    /// duty to training; others have a right only. Persons in training only are added so that
    /// those with right and duty in training during each year equal the target.
    func addTraining(
        _ persons: inout [NIRPerson], targets: [NIRYearTarget], rng: inout SeededRandom,
        newPerson: (Int, TrainingRight, inout SeededRandom) -> NIRPerson
    ) {
        let within3 = Dictionary(targets.map { ($0.year, $0.trainingWithin3) }, uniquingKeysWith: { a, _ in a })
        var alternation: [Int: (n: Int, hits: Int)] = [:]
        func start(_ from: Int, group: Int) -> Int {
            let y = CivilDate(dayNumber: from).year
            let key = y * 2 + group
            let share = within3[y] ?? 0.6
            var a = alternation[key] ?? (0, 0)
            a.n += 1
            let hit = Double(a.hits) < share * Double(a.n)
            if hit { a.hits += 1 }
            alternation[key] = a
            return from + (hit ? rng.int(5...85) : rng.int(100...175))
        }
        for i in persons.indices where persons[i].introStart != nil {
            let rightAndDuty = persons[i].introRight == .rightAndDuty
            persons[i].right = rightAndDuty ? .rightAndDuty : .right
            persons[i].targetFrom = persons[i].introTargetFrom
            let s = start(persons[i].targetFrom!, group: 0)
            persons[i].trainingStart = s
            persons[i].trainingEnd = s + rng.int(540...1_000)
        }
        for t in targets {
            let range = Period.year.range(t.year)
            let current = persons.filter { $0.right == .rightAndDuty && $0.inTraining(range) }.count
            for _ in 0..<max(0, t.trainingParticipants - current) {
                var p = newPerson(t.year, .rightAndDuty, &rng)
                p.targetFrom = rng.int(range.lowerBound...Self.day(t.year, 6, 30))
                let s = start(p.targetFrom!, group: 1)
                p.trainingStart = s
                p.trainingEnd = s + rng.int(240...600)
                persons.append(p)
            }
            // Persons with duty only or right only, not counted in the key figure.
            for _ in 0..<(t.trainingParticipants / 12) {
                let right: TrainingRight = rng.chance(0.6) ? .duty : .right
                var p = newPerson(t.year, right, &rng)
                p.targetFrom = rng.int(range.lowerBound...Self.day(t.year, 6, 30))
                let s = p.targetFrom! + (rng.chance(0.55) ? rng.int(5...85) : rng.int(100...175))
                p.trainingStart = s
                p.trainingEnd = s + rng.int(240...600)
                persons.append(p)
            }
        }
        // The duty fulfilled within three years: NIR holds it for the 2011 cohort and from 2015.
        var fulfilled: [Int: (n: Int, hits: Int)] = [:]
        for i in persons.indices where persons[i].right == .rightAndDuty {
            guard let from = persons[i].targetFrom, let s = persons[i].trainingStart else { continue }
            let y = CivilDate(dayNumber: from).year
            guard y == 2011 || y >= 2015 else { continue }
            var a = fulfilled[y] ?? (0, 0)
            a.n += 1
            if Double(a.hits) < (y == 2011 ? 0.88 : 0.84) * Double(a.n) {
                a.hits += 1
                persons[i].dutyFulfilled = min(s + rng.int(300...700), Months.add(35, to: from))
            }
            fulfilled[y] = a
        }
    }

    /// Statistics Norway's status a year after the programme, for those who ended up to 2022.
    func addStatusAfter(_ persons: inout [NIRPerson], targets: [NIRYearTarget], rng: inout SeededRandom) {
        let share = Dictionary(targets.map { ($0.year, $0.workOrEducation) }, uniquingKeysWith: { a, _ in a })
        var seen: [Int: (n: Int, hits: Int)] = [:]
        for i in persons.indices {
            guard let y = Self.year(persons[i].introEnd), y <= 2022 else { continue }
            var a = seen[y] ?? (0, 0)
            a.n += 1
            let hit = Double(a.hits) < (share[y] ?? 0.62) * Double(a.n)
            if hit { a.hits += 1 }
            seen[y] = a
            persons[i].afterStatus = hit ? (rng.chance(0.75) ? .work : .education) : .other
        }
    }

    /// The integration act (from 2021): competence mapping (§ 6, § 10), career guidance and final goals.
    func addIntegrationAct(_ persons: inout [NIRPerson], rng: inout SeededRandom) {
        let start = Self.day(2021, 1, 1)
        for i in persons.indices {
            guard let from = persons[i].introTargetFrom, from >= start else { continue }
            if rng.chance(0.7) { persons[i].mapped6 = from - rng.int(10...60) }
            if rng.chance(0.35) { persons[i].mapped10 = from + rng.int(5...60) }
            if let s = persons[i].introStart {
                if rng.chance(0.55) { persons[i].careerGuidance = s + rng.int(30...200) }
                let age = CivilDate(dayNumber: s).year - persons[i].birthYear
                persons[i].finalGoal = age < 25 ? (rng.chance(0.6) ? .upperSecondary : .work) : (rng.chance(0.8) ? .work : .higherEducation)
            }
        }
    }

    /// Asylum seekers in reception centres with training in Norwegian and social studies.
    func asylumSeekers(_ targets: [NIRYearTarget], rng: inout SeededRandom, serial: inout Int) -> [NIRPerson] {
        var out: [NIRPerson] = []
        for t in targets {
            let division = geography.division(for: t.year)
            let hosts = division.municipalities.enumerated().filter { $0.offset % 5 == 0 }.map(\.element.code)
            for _ in 0..<t.asylumArrivals {
                serial += 1
                let arrival = rng.int(Self.day(t.year, 1, 1)...Self.day(t.year, 12, 31))
                var p = NIRPerson(
                    personId: "A\(String(serial, radix: 36).uppercased())", gender: rng.chance(0.6) ? .male : .female,
                    birthYear: t.year - rng.int(18...50), kommune: hosts[rng.int(0...(hosts.count - 1))], right: .asylumSeeker)
                p.targetFrom = arrival
                p.targetTo = arrival + rng.int(120...720)
                if rng.chance(0.72) {
                    let s = arrival + (rng.chance(0.5) ? rng.int(10...90) : rng.int(91...400))
                    if s < p.targetTo! {
                        p.trainingStart = s
                        p.trainingEnd = p.targetTo
                        if rng.chance(0.45), s + 200 < p.targetTo! { p.completed175 = s + rng.int(150...200) }
                    }
                }
                if rng.chance(0.6) {
                    let s = arrival + rng.int(20...300)
                    if s < p.targetTo! {
                        p.socialStart = s
                        if rng.chance(0.7), s + 60 < p.targetTo! { p.socialCompleted = s + rng.int(40...60) }
                    }
                }
                out.append(p)
            }
        }
        return out
    }
}
