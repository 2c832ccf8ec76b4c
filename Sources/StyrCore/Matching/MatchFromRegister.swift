/// An allocation instance from the settlement register: the households ready for settlement and
/// not yet allocated or settled, against the places each municipality decided for the year less
/// the places already used by persons allocated or settled there that year.
///
/// The register knows who waits, since when, and what each municipality decided and its county
/// recommended; it holds no competence mapping, needs or ties. The score of a household in a
/// municipality is therefore, per person, the county term when the county governor recommends the
/// municipality (recommended places > 0) plus a base of 1 point (any settlement beats none), and
/// the household's urgency (weeks waited since it was ready) on top — so scarce places go to those
/// who have waited longest. The full fit score needs the CSV route (`scores.csv`).
public enum MatchFromRegister {
    public static func instance(_ register: SettlementRegister, year: Int, asOf day: Int, weights: MatchWeights = .init())
        -> MatchInstance
    {
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
        var municipalities: [MatchMunicipality] = []
        var recommended: [Bool] = []
        for r in register.requests.filter({ $0.year == year }).sorted(by: { $0.kommune < $1.kommune }) {
            guard let decided = r.decided else { continue }
            let minors = r.decidedMinors ?? 0
            let u = used[r.kommune, default: (0, 0)]
            municipalities.append(
                MatchMunicipality(code: r.kommune, places: max(0, decided - minors - u.ordinary), minorPlaces: max(0, minors - u.minors)))
            recommended.append((r.countyRecommendation ?? 0) > 0)
        }
        var cases: [MatchCase] = []
        var pairs: [(caseIndex: Int, municipality: Int, score: Double)] = []
        for id in waiting.keys.sorted() {
            let members = waiting[id]!
            let ready = members.map(\.waitStartDay).min()!
            let minors = members.filter(\.unaccompaniedMinor).count
            let week = max(1, min(52, (ready - yearStart) / 7 + 1))
            let mc = MatchCase(id: id, size: members.count, minors: minors, week: week)
            let urgency = FitScore.urgency(weeks: (day - ready) / 7, size: mc.size, weights: weights)
            for (m, muni) in municipalities.enumerated() where MatchInstance.allowed(mc, muni) {
                let perPerson = 1 + (recommended[m] ? weights.county : 0)
                pairs.append((cases.count, m, perPerson * Double(mc.size) + urgency))
            }
            cases.append(mc)
        }
        return MatchInstance(cases: cases, municipalities: municipalities, pairs: pairs)
    }
}
