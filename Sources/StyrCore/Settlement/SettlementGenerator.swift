import Foundation

/// Generates a national settlement register for demos and benchmarks.
///
/// The generator aims at the targets (for 2017 the annual report's published figures); the
/// indicator engine computes the figures from the rows without knowing the targets, and a test
/// shows that the two agree. Families are indivisible cases; waiting times are drawn per case in
/// bands (≤ 3, 3–6, 6–12, > 12 months) sized to the targets and then shifted inside their bands to
/// meet the target means.
public struct SettlementGenerator: Sendable {
    public var seed: UInt64
    public var geography: Geography
    /// The year whose figures are exact: no reception resident with an earlier permit is left
    /// over for later years except the published year-end stock.
    public var exactYear = 2017

    public init(seed: UInt64, geography: Geography) {
        self.seed = seed
        self.geography = geography
    }

    static let bands: [ClosedRange<Int>] = [7...88, 95...178, 188...360, 372...700]
    static let bandMeansMonths: [Double] = [1.55, 4.5, 8.9, 17.5]

    struct Member {
        var gender: Gender
        var age: Int
    }

    final class Case {
        var id: String
        var category: SettlementCategory
        var members: [Member]
        var uma = false
        var family = false
        var band = 0
        var waitDays = 0
        var settledDay: Int?
        var permitDay = 0
        var nationality = ""
        var kommune: String?
        init(id: String, category: SettlementCategory, members: [Member]) {
            self.id = id
            self.category = category
            self.members = members
        }
        var size: Int { members.count }
    }

    public func generate(from: Int, to: Int, scale: Double = 1) -> SettlementRegister {
        var rng = SeededRandom(seed: seed)
        var persons: [SettlementPerson] = []
        var requests: [MunicipalRequest] = []
        var pendingStock: [Case] = []
        var stockTargets: [(year: Int, total: Int)] = []
        for var target in SettlementYearTarget.series(from: from, to: to) {
            if scale != 1 { target = target.scaled(scale) }
            if let total = target.waitingEndTotal, target.waitingEnd == nil, target.year < to { stockTargets.append((target.year, total)) }
            let weights = municipalityWeights(year: target.year, rng: &rng)
            let yearRequests = makeRequests(target, weights: weights, rng: &rng)
            requests += yearRequests
            var cases = makeCases(target, rng: &rng)
            assignBands(&cases, target, rng: &rng)
            adjustMeans(cases, target, rng: &rng)
            placeInYear(cases, target, rng: &rng)
            let capacity = yearRequests.filter { ($0.decided ?? 0) > 0 }
            for c in pendingStock + cases { c.kommune = pick(capacity, rng: &rng) }
            for c in pendingStock + cases { persons += people(c, year: target.year, rng: &rng) }
            pendingStock = makeStock(target, last: target.year == to, rng: &rng)
            if target.year == to {
                for c in pendingStock { persons += people(c, year: target.year, rng: &rng) }
            }
        }
        var calibration = SeededRandom(seed: seed &+ 31)
        for t in stockTargets { Self.calibrateStock(&persons, year: t.year, total: t.total, rng: &calibration) }
        return SettlementRegister(persons: persons, requests: requests)
    }

    /// Brings the stock waiting in reception at 31.12 of `year` to the published `total` by moving
    /// whole reception cases settled the next year across the year end: a case's permit, readiness,
    /// allocation and settlement move by the same number of days, so its wait, its settlement year
    /// and every figure of the year it settles in stay as they were. Only cases whose wait started in
    /// `year` or the next are moved, so the stocks of other year ends are left alone.
    static func calibrateStock(_ persons: inout [SettlementPerson], year: Int, total: Int, rng: inout SeededRandom) {
        let end = CivilDate(year: year, month: 12, day: 31)!.dayNumber
        let nextEnd = CivilDate(year: year + 1, month: 12, day: 31)!.dayNumber
        let yearStart = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        var stock = persons.filter { $0.category == .reception && $0.isWaiting(at: end) }.count
        guard stock != total else { return }
        var cases: [String: [Int]] = [:]
        for (i, p) in persons.enumerated() where p.category == .reception {
            guard let settled = p.settledDay, settled > end, settled <= nextEnd, p.waitStartDay >= yearStart else { continue }
            cases[p.caseId, default: []].append(i)
        }
        let adding = stock < total
        // Candidates on the side of the year end that needs them, larger cases first, single persons last to land exactly.
        var candidates = cases.filter { _, members in
            let p = persons[members[0]]
            return adding ? p.waitStartDay > end && p.settledDay! - p.waitStartDay > 31 : p.waitStartDay <= end
        }.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
        candidates.shuffle(using: &rng)
        let order = candidates.enumerated().sorted { a, b in (b.element.1.count, a.offset) < (a.element.1.count, b.offset) }
        for (_, (_, members)) in order {
            let gap = abs(total - stock)
            if gap == 0 { break }
            if members.count > gap { continue }
            let p = persons[members[0]]
            let shift: Int
            if adding {
                // Ready in the last half of December; the wait (over a month) still ends next year.
                shift = end - rng.int(0...15) - p.waitStartDay
            } else {
                shift = end + 1 + rng.int(0...20) - p.waitStartDay
                guard p.settledDay! + shift <= nextEnd else { continue }
            }
            for i in members {
                persons[i].permitDay += shift
                persons[i].readyDay = persons[i].readyDay.map { $0 + shift }
                persons[i].allocatedDay = persons[i].allocatedDay.map { $0 + shift }
                persons[i].settledDay = persons[i].settledDay.map { $0 + shift }
            }
            stock += adding ? members.count : -members.count
        }
    }

    // MARK: Cases

    func makeCases(_ t: SettlementYearTarget, rng: inout SeededRandom) -> [Case] {
        var n = 0
        func next(_ category: SettlementCategory, _ members: [Member]) -> Case {
            n += 1
            return Case(id: "S\(t.year)-\(n)", category: category, members: members)
        }
        func adult(_ male: Double = 0.5) -> Member { Member(gender: rng.chance(male) ? .male : .female, age: rng.int(19...55)) }
        var cases: [Case] = []
        for i in 0..<t.uma {
            let c = next(
                .reception, [Member(gender: rng.chance(0.85) ? .male : .female, age: i < t.umaOver15 ? rng.int(15...17) : rng.int(10...14))]
            )
            c.uma = true
            cases.append(c)
        }
        // Families: every family has at least one adult and one child.
        var families: [[Member]] = (0..<t.families).map { _ in
            [adult(), Member(gender: rng.chance(0.5) ? .male : .female, age: rng.int(0...17))]
        }
        var childrenLeft = t.familyChildren - t.families
        var adultsLeft = t.familyPersons - t.familyChildren - t.families
        while childrenLeft > 0 {
            families[rng.int(0...(families.count - 1))].append(Member(gender: rng.chance(0.5) ? .male : .female, age: rng.int(0...17)))
            childrenLeft -= 1
        }
        while adultsLeft > 0 {
            let i = rng.int(0...(families.count - 1))
            if families[i].filter({ $0.age >= 18 }).count < 2 || rng.chance(0.05) {
                families[i].append(adult())
                adultsLeft -= 1
            }
        }
        var resettlementLeft = t.resettlement
        let resettlementFamilyTarget = t.resettlement * 65 / 100
        var inResettlementFamilies = 0
        for members in families {
            let c = next(.reception, members)
            c.family = true
            if inResettlementFamilies + members.count <= resettlementFamilyTarget {
                c.category = .resettlement
                inResettlementFamilies += members.count
            }
            cases.append(c)
        }
        resettlementLeft -= inResettlementFamilies
        let measured = t.settled - t.familyReunified
        for _ in 0..<max(0, resettlementLeft) { cases.append(next(.resettlement, [adult(0.55)])) }
        for _ in 0..<t.privateLiving { cases.append(next(.privateLiving, [adult(0.6)])) }
        let receptionSingles = measured - t.uma - t.familyPersons - max(0, resettlementLeft) - t.privateLiving
        for _ in 0..<max(0, receptionSingles) { cases.append(next(.reception, [adult(0.62)])) }
        for _ in 0..<t.familyReunified {
            let c = next(.familyReunification, [adult(0.3)])
            c.waitDays = rng.int(30...120)
            cases.append(c)
        }
        return cases
    }

    // MARK: Waiting bands and means

    func assignBands(_ cases: inout [Case], _ t: SettlementYearTarget, rng: inout SeededRandom) {
        let measured = t.settled - t.familyReunified
        let c6 = Int((t.within6 / 100 * Double(measured)).rounded())
        let c12 = measured - t.over12
        let u3 = Int((t.umaWithin3 / 100 * Double(t.uma)).rounded())
        let u6 = min(t.uma - u3, Int(Double(t.uma - u3) * 0.85))
        let u12 = t.uma - u3 - u6
        var umaIndex = 0
        for c in cases where c.uma {
            c.band = umaIndex < u3 ? 0 : umaIndex < u3 + u6 ? 1 : 2
            umaIndex += 1
        }
        let q36 = max(0, c6 - u3 - u6)
        let q12 = max(0, c12 - t.uma - q36)
        let qL = t.over12
        var q3 = q36 * 2 / 5
        if let avg = t.avgWait {
            let m = Self.bandMeansMonths
            let umaSum = Double(u3) * m[0] + Double(u6) * m[1] + Double(u12) * m[2]
            let target = avg * Double(measured) - umaSum
            let solved = (m[1] * Double(q36) + m[2] * Double(q12) + m[3] * Double(qL) - target) / (m[1] - m[0])
            q3 = min(q36, max(0, Int(solved.rounded())))
        }
        var quota = [q3, q36 - q3, q12, qL]
        var others = cases.filter { !$0.uma && $0.category != .familyReunification }
        others.shuffle(using: &rng)
        // Families first (indivisible), in bands that still have room; singles fill the rest exactly.
        for c in others where c.family {
            let open = (0...2).filter { quota[$0] >= c.size }
            let total = open.map { quota[$0] }.reduce(0, +)
            var band = quota[0...2].indices.max { quota[$0] < quota[$1] } ?? 0
            if total > 0 {
                var r = rng.int(0...(total - 1))
                for b in open {
                    if r < quota[b] { band = b; break }
                    r -= quota[b]
                }
            }
            c.band = band
            quota[band] -= c.size
        }
        // Long waits go to singles; after the exact year, to those not in reception first.
        var singles = others.filter { !$0.family }
        if t.year > exactYear { singles.sort { ($0.category == .reception ? 1 : 0) < ($1.category == .reception ? 1 : 0) } }
        var i = 0
        for band in [3, 0, 1, 2] {
            while quota[band] > 0 && i < singles.count {
                singles[i].band = band
                quota[band] -= 1
                i += 1
            }
        }
        while i < singles.count {
            singles[i].band = 1
            i += 1
        }
        for c in others { c.waitDays = rng.int(Self.bands[c.band]) }
        for c in cases where c.uma { c.waitDays = rng.int(Self.bands[c.band]) }
    }

    func adjustMeans(_ cases: [Case], _ t: SettlementYearTarget, rng: inout SeededRandom) {
        let uma = cases.filter { $0.uma }
        let receptionOthers = cases.filter { !$0.uma && $0.category == .reception }
        let rest = cases.filter { !$0.uma && ($0.category == .resettlement || $0.category == .privateLiving) }
        func sum(_ cs: [Case]) -> Double { cs.reduce(0) { $0 + Double($1.waitDays * $1.size) } / 30.4375 }
        func persons(_ cs: [Case]) -> Int { cs.reduce(0) { $0 + $1.size } }
        if let a = t.avgWaitUMA { shift(uma, toMonths: a * Double(persons(uma)), rng: &rng) }
        if let a = t.avgWaitReception {
            shift(receptionOthers, toMonths: a * Double(persons(uma) + persons(receptionOthers)) - sum(uma), rng: &rng)
        }
        if let a = t.avgWait {
            let measured = Double(persons(uma) + persons(receptionOthers) + persons(rest))
            if t.avgWaitReception != nil {
                shift(rest, toMonths: a * measured - sum(uma) - sum(receptionOthers), rng: &rng)
            } else {
                shift(receptionOthers + rest, toMonths: a * measured - sum(uma), rng: &rng)
            }
        }
    }

    /// Moves waits inside their bands until the group's person-months reach the target.
    func shift(_ group: [Case], toMonths target: Double, rng: inout SeededRandom) {
        guard !group.isEmpty else { return }
        var order = group
        order.shuffle(using: &rng)
        var diff = target * 30.4375 - Double(group.reduce(0) { $0 + $1.waitDays * $1.size })
        for _ in 0..<4 {
            for c in order where abs(diff) >= Double(c.size) {
                let band = Self.bands[c.band]
                let wanted = Int((diff / Double(c.size)).rounded(.towardZero))
                let step = wanted > 0 ? min(wanted, band.upperBound - c.waitDays) : max(wanted, band.lowerBound - c.waitDays)
                c.waitDays += step
                diff -= Double(step * c.size)
            }
        }
    }

    // MARK: Dates

    func placeInYear(_ cases: [Case], _ t: SettlementYearTarget, rng: inout SeededRandom) {
        let start = CivilDate(year: t.year, month: 1, day: 1)!.dayNumber
        let end = CivilDate(year: t.year, month: 12, day: 31)!.dayNumber
        let horizon = CivilDate(year: exactYear + 1, month: 1, day: 1)!.dayNumber
        for c in cases {
            var lowest = start
            if t.year > exactYear && c.category == .reception {
                // No reception resident with a permit from the exact year or before settles later.
                lowest = max(start, horizon + c.waitDays + 1)
                if lowest > end {
                    c.category = .privateLiving
                    lowest = start
                }
            }
            let settled = rng.int(lowest...end)
            c.settledDay = settled
            c.permitDay = settled - c.waitDays
        }
    }

    /// The reception residents still waiting at 31.12: the published stock for the exact year,
    /// and a plausible one for the last year. They settle early next year, or not yet.
    func makeStock(_ t: SettlementYearTarget, last: Bool, rng: inout SeededRandom) -> [Case] {
        guard t.waitingEnd != nil || last else { return [] }
        let w = t.waitingEnd ?? (t.settled * 3 / 100, t.uma / 12, t.settled * 2 / 100)
        let end = CivilDate(year: t.year, month: 12, day: 31)!.dayNumber
        // After the exact year nobody may have a permit from before it (that year's stock is published).
        let horizon = t.year > exactYear ? CivilDate(year: exactYear + 1, month: 1, day: 1)!.dayNumber : Int.min
        let longFrom = max(end - 700, horizon)
        let over12 = t.waitingEnd != nil ? t.waitingOver12 : (longFrom <= end - 380 ? w.adults / 10 : 0)
        var out: [Case] = []
        var n = 0
        func add(_ members: [Member], permit: Int, uma: Bool = false, family: Bool = false) {
            n += 1
            let c = Case(id: "V\(t.year)-\(n)", category: .reception, members: members)
            c.uma = uma
            c.family = family
            c.permitDay = permit
            c.settledDay = last ? nil : rng.int((end + 1)...(end + 150))
            out.append(c)
        }
        func adultMember() -> Member { Member(gender: rng.chance(0.62) ? .male : .female, age: rng.int(19...55)) }
        for i in 0..<w.adults {
            add([adultMember()], permit: i < over12 ? rng.int(longFrom...(end - 380)) : rng.int(max(end - 330, horizon)...(end - 3)))
        }
        for _ in 0..<w.minors {
            add(
                [Member(gender: rng.chance(0.85) ? .male : .female, age: rng.int(12...17))], permit: rng.int((end - 200)...(end - 3)),
                uma: true)
        }
        var left = w.families
        while left > 0 {
            var size = min(left, rng.int(3...6))
            if left - size == 1 || left - size == 2 { size = left }
            let members = [adultMember()] + (1..<size).map { _ in Member(gender: rng.chance(0.5) ? .male : .female, age: rng.int(0...16)) }
            add(members, permit: rng.int((end - 300)...(end - 3)), family: true)
            left -= size
        }
        return out
    }

    // MARK: Municipalities

    func municipalityWeights(year: Int, rng: inout SeededRandom) -> [(String, Double)] {
        let big: Set<String> = [
            "0301", "1201", "4601", "1601", "5001", "1103", "1001", "4204", "0602", "3005", "1902", "5401", "5501", "0106", "3004", "3107",
        ]
        return geography.division(for: year).municipalities.map { m in
            var h = SeededRandom(seed: UInt64(Int(m.code) ?? 1) &* 2_654_435_761 &+ seed)
            let base = exp(h.double(-1.2..<1.2))
            return (m.code, big.contains(m.code) ? base * 6 : base)
        }
    }

    func makeRequests(_ t: SettlementYearTarget, weights: [(String, Double)], rng: inout SeededRandom) -> [MunicipalRequest] {
        // Larger municipalities are more likely to be asked.
        let keyed = weights.map { ($0, $0.1 * rng.double(0.15..<1)) }.sorted { $0.1 > $1.1 }.map(\.0)
        let chosen = Array(keyed.prefix(min(t.municipalitiesRequested, keyed.count)))
        let total = chosen.reduce(0) { $0 + $1.1 }
        var requested = chosen.map { max(1, Int((Double(t.requested) * $0.1 / total).rounded())) }
        requested[requested.indices.max { requested[$0] < requested[$1] }!] += t.requested - requested.reduce(0, +)
        // Those asked first (the larger ones) are the ones that decide.
        let deciding = Set((0..<chosen.count).prefix(t.municipalitiesDecided))
        var decided = requested.indices.map { deciding.contains($0) ? max(1, Int(Double(requested[$0]) * rng.double(0.8..<1.1))) : 0 }
        let scale = Double(t.decided) / Double(max(1, decided.reduce(0, +)))
        decided = decided.map { $0 == 0 ? 0 : max(1, Int((Double($0) * scale).rounded())) }
        decided[decided.indices.max { decided[$0] < decided[$1] }!] += t.decided - decided.reduce(0, +)
        return chosen.indices.map { i in
            MunicipalRequest(
                year: t.year, kommune: chosen[i].0, requested: requested[i], requestedMinors: requested[i] / 15,
                decided: deciding.contains(i) ? decided[i] : nil, decidedMinors: deciding.contains(i) ? decided[i] / 16 : nil,
                countyRecommendation: max(0, requested[i] + rng.int(-2...2)))
        }
    }

    func pick(_ requests: [MunicipalRequest], rng: inout SeededRandom) -> String? {
        let total = requests.reduce(0) { $0 + ($1.decided ?? 0) }
        guard total > 0 else { return nil }
        var r = rng.int(0...(total - 1))
        for q in requests {
            r -= q.decided ?? 0
            if r < 0 { return q.kommune }
        }
        return requests.last?.kommune
    }

    // MARK: Persons

    static let nationalities = [
        ("Syria", 40), ("Eritrea", 15), ("Afghanistan", 12), ("Somalia", 6), ("Irak", 6), ("Sudan", 4), ("Iran", 4), ("Etiopia", 3),
        ("Kongo", 3), ("Statsløs", 3), ("Annet", 4),
    ]
    static let nationalitiesFrom2022 = [("Ukraina", 85), ("Syria", 6), ("Afghanistan", 4), ("Eritrea", 2), ("Annet", 3)]

    func people(_ c: Case, year: Int, rng: inout SeededRandom) -> [SettlementPerson] {
        let list = year >= 2022 ? Self.nationalitiesFrom2022 : Self.nationalities
        var r = rng.int(0...(list.reduce(0) { $0 + $1.1 } - 1))
        var nationality = list[0].0
        for (name, w) in list {
            if r < w { nationality = name; break }
            r -= w
        }
        let reference = c.settledDay ?? c.permitDay
        let refYear = CivilDate(dayNumber: reference).year
        let selfSettled = c.category == .reception && !c.uma && rng.chance(0.03)
        let limited = c.category == .reception && rng.chance(0.02)
        return c.members.enumerated().map { i, m in
            let adultish = m.age >= 15
            let co = c.category == .resettlement && rng.chance(0.7)
            return SettlementPerson(
                personId: "\(c.id)-\(i + 1)", caseId: c.id, category: c.category, gender: m.gender, birthYear: refYear - m.age,
                nationality: nationality, unaccompaniedMinor: c.uma, familyWithChildren: c.family, permitDay: c.permitDay,
                readyDay: c.permitDay, limitedPermit: limited,
                competenceMapped: adultish && (c.category == .reception || c.category == .resettlement) && rng.chance(0.6),
                culturalOrientation: co, otherInformation: c.category == .resettlement && !co && rng.chance(0.5),
                allocatedKommune: c.settledDay == nil ? nil : c.kommune,
                allocatedDay: c.settledDay.map { max(c.permitDay, $0 - 21) },
                settledKommune: c.settledDay == nil ? nil : c.kommune, settledDay: c.settledDay, selfSettled: selfSettled,
                settledByBufetat: c.uma && m.age < 15)
        }
    }
}

extension SettlementYearTarget {
    /// The same year at another size (benchmarks); shares and means are kept, counts scaled.
    func scaled(_ f: Double) -> SettlementYearTarget {
        func s(_ v: Int) -> Int { max(0, Int((Double(v) * f).rounded())) }
        var t = self
        t.settled = max(10, s(settled))
        t.familyReunified = s(familyReunified)
        t.resettlement = s(resettlement)
        t.privateLiving = s(privateLiving)
        t.uma = s(uma)
        t.umaOver15 = min(t.uma, s(umaOver15))
        t.families = max(1, s(families))
        t.familyPersons = max(2 * t.families, s(familyPersons))
        t.familyChildren = min(t.familyPersons - t.families, max(t.families, s(familyChildren)))
        t.over12 = s(over12)
        t.waitingEnd = waitingEnd.map { (s($0.families), s($0.minors), s($0.adults)) }
        t.waitingOver12 = s(waitingOver12)
        t.requested = max(1, s(requested))
        t.decided = max(1, s(decided))
        return t
    }
}
