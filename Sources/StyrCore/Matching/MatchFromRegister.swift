/// Where a case's profile comes from: the mapping interviews of its members, or the generator
/// (no member has been interviewed).
public enum MatchBasis: String, Sendable, Codable {
    case interview = "kartlegging"
    case generated = "generert"
}

/// An allocation instance from the settlement register, with what stands behind each case's
/// scores: its profile and basis, and the municipalities' profiles.
public struct RegisterMatch: Sendable {
    public var instance: MatchInstance
    public var caseProfiles: [CaseProfile]
    public var basis: [MatchBasis]
    /// Members with a mapping interview, per case.
    public var interviewed: [Int]
    /// Norwegian levels of the interviewed members, per case.
    public var norwegian: [[NorwegianLevel]]
    /// Weeks each case has waited since it was ready (at the as-of day).
    public var waitedWeeks: [Int]
    public var municipalityProfiles: [MunicipalityProfile]
    /// Persons (not self-settled, not family reunification) who became ready this year by the
    /// as-of day, waiting or not: the pace the weekly mode forecasts from.
    public var readyPersonsInYear = 0
    /// The municipalities' profiles and services are generated (the register holds none).
    public var municipalitiesGenerated = true
    public var weights: MatchWeights

    /// The score's parts for case `c` in municipality `m` (per person).
    public func parts(_ c: Int, _ m: Int) -> [(name: String, value: Double)] {
        FitScore.components(caseProfiles[c], municipalityProfiles[m], code: instance.municipalities[m].code, weights: weights)
    }
}

/// An allocation instance from the settlement register: the households ready for settlement and
/// not yet allocated or settled, against the places each municipality decided for the year less
/// the places already used by persons allocated or settled there that year.
///
/// The register knows who waits, since when, and what each municipality decided and its county
/// recommended. A household's profile (education, work experience by sector, school-age
/// children, ties, health needs) comes from its members' mapping interviews (`kartlegging`); a
/// household with no interviewed member gets a generated profile (`generert`: education and sector
/// drawn from its case id, no ties, no needs). A member's health or care needs limit the household
/// to municipalities with health services (a hard constraint). The municipalities' profiles
/// (programme results, education offer, strong sectors, services) are generated from their number
/// and size, as the register holds none. The score is `FitScore` per person times the household's
/// size, plus its urgency (weeks waited since it was ready) — so scarce places go to those who
/// have waited longest among those who fit.
public enum MatchFromRegister {
    public static func instance(_ register: SettlementRegister, year: Int, asOf day: Int, weights: MatchWeights = .init())
        -> MatchInstance
    {
        build(register, year: year, asOf: day, weights: weights).instance
    }

    /// NACE sections named by the generator's sectors (the municipalities' strong sectors).
    static let sectorOfSection: [String: String] = [
        "A": "landbruk", "C": "industri", "F": "bygg", "G": "handel", "H": "transport", "J": "it", "N": "renhold", "Q": "helse",
    ]

    /// The case profile from its members' interviews (nil when none is interviewed).
    static func profile(_ members: [SettlementPerson], interviews: [String: MappingInterview], year: Int) -> CaseProfile? {
        let found = members.compactMap { interviews[$0.personId] }
        guard !found.isEmpty else { return nil }
        let education =
            found.map { i -> Int in
                switch i.education {
                case .none: 0
                case .primary: 1
                case .upperSecondary, .vocational: 2
                case .higher: 3
                }
            }.max() ?? 0
        var sectors: [String] = []
        for i in found {
            for letter in i.experience {
                let s = sectorOfSection[letter] ?? letter
                if !sectors.contains(s) { sectors.append(s) }
            }
        }
        let children = members.filter { (6...15).contains(year - $0.birthYear) }.count
        return CaseProfile(education: education, sectors: sectors, schoolChildren: children, tie: found.compactMap(\.tie).first)
    }

    /// A profile drawn from the case id (the generator's distribution; no ties).
    static func generatedProfile(_ id: String, members: [SettlementPerson], year: Int) -> CaseProfile {
        var r = SeededRandom(seed: stableHash(id))
        let minor = members.contains(where: \.unaccompaniedMinor)
        let sectors = MatchGenerator.sectors
        let children = members.filter { (6...15).contains(year - $0.birthYear) }.count
        return CaseProfile(
            education: minor ? 1 : r.int(0...3), sector: sectors[r.int(0...(sectors.count - 1))], schoolChildren: children, tie: nil)
    }

    /// A municipality's profile and services drawn from its number, larger ones offering more.
    static func municipalityProfile(_ code: String, big: Bool, countyRecommends: Bool) -> (MunicipalityProfile, [String]) {
        var r = SeededRandom(seed: stableHash("kommune " + code))
        var services: [String] = []
        if r.chance(big ? 0.9 : 0.4) { services.append("helse") }
        var strong = Set<String>()
        for _ in 0..<(big ? 4 : 2) { strong.insert(MatchGenerator.sectors[r.int(0...(MatchGenerator.sectors.count - 1))]) }
        let profile = MunicipalityProfile(
            programme: r.double(0.35..<0.85), adultEducation: min(1, r.double(0.2..<0.7) + (big ? 0.3 : 0)),
            higherEducation: big && r.chance(0.6), sectors: strong.sorted(), countyRecommends: countyRecommends)
        return (profile, services)
    }

    /// FNV-1a: the same number for the same text on every run and platform.
    static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    public static func build(
        _ register: SettlementRegister, year: Int, asOf day: Int, interviews: [MappingInterview] = [], weights: MatchWeights = .init()
    ) -> RegisterMatch {
        let yearStart = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        let yearEnd = CivilDate(year: year + 1, month: 1, day: 1)!.dayNumber
        var used: [String: (ordinary: Int, minors: Int)] = [:]
        var waiting: [String: [SettlementPerson]] = [:]
        for p in register.persons {
            let placedDay = p.settledDay ?? p.allocatedDay
            if let k = p.settledKommune ?? p.allocatedKommune, let placedDay,
                placedDay >= yearStart && placedDay < yearEnd && !p.selfSettled
            {
                var u = used[k, default: (0, 0)]
                if p.unaccompaniedMinor { u.minors += 1 } else { u.ordinary += 1 }
                used[k] = u
            }
            let isWaiting =
                p.settledKommune == nil && p.allocatedKommune == nil && !p.selfSettled && p.category != .familyReunification
                && p.waitStartDay <= day
            if isWaiting { waiting[p.caseId, default: []].append(p) }
        }
        let requests = register.requests.filter { $0.year == year && $0.decided != nil }.sorted { $0.kommune < $1.kommune }
        let sortedDecided = requests.map { $0.decided! }.sorted()
        let median = sortedDecided.isEmpty ? 0 : sortedDecided[sortedDecided.count / 2]
        var municipalities: [MatchMunicipality] = []
        var profiles: [MunicipalityProfile] = []
        for r in requests {
            let decided = r.decided!
            let minors = r.decidedMinors ?? 0
            let u = used[r.kommune, default: (0, 0)]
            let (profile, services) = municipalityProfile(
                r.kommune, big: decided > max(median, 10), countyRecommends: (r.countyRecommendation ?? 0) > 0)
            municipalities.append(
                MatchMunicipality(
                    code: r.kommune, places: max(0, decided - minors - u.ordinary), minorPlaces: max(0, minors - u.minors),
                    services: services))
            profiles.append(profile)
        }
        let byPerson = Dictionary(interviews.map { ($0.personId, $0) }, uniquingKeysWith: { a, b in a.date >= b.date ? a : b })
        var match = RegisterMatch(
            instance: MatchInstance(cases: [], municipalities: municipalities, pairs: []), caseProfiles: [], basis: [], interviewed: [],
            norwegian: [], waitedWeeks: [], municipalityProfiles: profiles, weights: weights)
        var cases: [MatchCase] = []
        var pairs: [(caseIndex: Int, municipality: Int, score: Double)] = []
        for id in waiting.keys.sorted() {
            let members = waiting[id]!
            let ready = members.map(\.waitStartDay).min()!
            let minors = members.filter(\.unaccompaniedMinor).count
            let week = max(1, min(52, (ready - yearStart) / 7 + 1))
            let found = members.compactMap { byPerson[$0.personId] }
            let needs = found.contains(where: \.healthNeeds) ? ["helse"] : []
            let mc = MatchCase(id: id, size: members.count, minors: minors, needs: needs, week: week)
            let profile = profile(members, interviews: byPerson, year: year) ?? generatedProfile(id, members: members, year: year)
            let weeks = (day - ready) / 7
            let urgency = FitScore.urgency(weeks: weeks, size: mc.size, weights: weights)
            for (m, muni) in municipalities.enumerated() where MatchInstance.allowed(mc, muni) {
                pairs.append(
                    (cases.count, m, FitScore.score(profile, profiles[m], code: muni.code, size: mc.size, weights: weights) + urgency))
            }
            cases.append(mc)
            match.caseProfiles.append(profile)
            match.basis.append(found.isEmpty ? .generated : .interview)
            match.interviewed.append(found.count)
            match.norwegian.append(found.map(\.norwegian))
            match.waitedWeeks.append(weeks)
        }
        match.instance = MatchInstance(cases: cases, municipalities: municipalities, pairs: pairs)
        match.readyPersonsInYear =
            register.persons.filter {
                !$0.selfSettled && $0.category != .familyReunification && $0.waitStartDay >= yearStart && $0.waitStartDay <= day
            }.count
        return match
    }
}
