import Foundation

/// A generated national-size instance with the profiles behind its scores.
public struct GeneratedMatch: Sendable {
    public var instance: MatchInstance
    public var caseProfiles: [CaseProfile]
    public var municipalityProfiles: [MunicipalityProfile]
}

/// Generates realistic allocation instances: households of refugees (singles, couples, families
/// up to nine, unaccompanied minors), needs, competence, ties and readiness week; municipalities
/// of very different size with places decided for about the year's demand, minors' places in
/// some, services and offers. Each case lists its best-fitting allowed municipalities.
public enum MatchGenerator {
    public static let sectors = ["helse", "bygg", "industri", "handel", "transport", "renhold", "landbruk", "it"]
    public static let needCodes = ["helse", "tilrettelagt_bolig", "spesialpedagogikk", "stor_bolig"]

    /// `codes`: municipality numbers to use (their count is the number of municipalities).
    public static func generate(persons: Int, codes: [String], seed: UInt64, candidates: Int = 40, weights: MatchWeights = .init())
        -> GeneratedMatch
    {
        var r = SeededRandom(seed: seed)
        // Municipalities: heavy-tailed size, offers that grow with size.
        var weight: [Double] = []
        var profiles: [MunicipalityProfile] = []
        var services: [[String]] = []
        for (i, _) in codes.enumerated() {
            let w = i == 0 ? 40.0 : pow(2, r.double(-1.5..<4.5))
            weight.append(w)
            let big = w > 4
            var s = ["tilrettelagt_bolig"].filter { _ in r.chance(big ? 0.8 : 0.35) }
            if r.chance(big ? 0.9 : 0.4) { s.append("helse") }
            if r.chance(big ? 0.8 : 0.3) { s.append("spesialpedagogikk") }
            if r.chance(big ? 0.7 : 0.25) { s.append("stor_bolig") }
            services.append(s)
            var strong = Set<String>()
            for _ in 0..<(big ? 4 : 2) { strong.insert(sectors[r.int(0...(sectors.count - 1))]) }
            profiles.append(
                MunicipalityProfile(
                    programme: r.double(0.35..<0.85), adultEducation: min(1, r.double(0.2..<0.7) + (big ? 0.3 : 0)),
                    higherEducation: big && r.chance(0.6), sectors: strong.sorted(), countyRecommends: r.chance(0.5)))
        }
        // Cases until the persons are used.
        var cases: [MatchCase] = []
        var caseProfiles: [CaseProfile] = []
        let totalWeight = weight.reduce(0, +)
        var cumulative: [Double] = []
        var acc = 0.0
        for w in weight {
            acc += w
            cumulative.append(acc)
        }
        func pickMunicipality() -> Int {
            let x = r.double(0..<totalWeight)
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        var used = 0
        var minorsTotal = 0
        while used < persons {
            let roll = r.double(0..<1)
            let minor = roll < 0.05
            let size = minor ? 1 : sizeFor(r.double(0..<1))
            let n = min(size, persons - used)
            var needs: [String] = []
            if r.chance(0.08) { needs.append("helse") }
            if r.chance(0.03) { needs.append("tilrettelagt_bolig") }
            if n >= 3 && r.chance(0.08) { needs.append("spesialpedagogikk") }
            if n >= 6 { needs.append("stor_bolig") }
            let week = min(52, max(1, Int((r.double(0..<1) * 52).rounded(.up))))
            cases.append(MatchCase(id: "S\(cases.count + 1)", size: n, minors: minor ? 1 : 0, needs: needs, week: week))
            let tie = r.chance(0.15) ? codes[pickMunicipality()] : nil
            caseProfiles.append(
                CaseProfile(
                    education: minor ? 1 : r.int(0...3), sector: sectors[r.int(0...(sectors.count - 1))],
                    schoolChildren: n >= 3 ? r.int(1...(n - 2)) : 0, tie: tie))
            used += n
            if minor { minorsTotal += 1 }
        }
        // Places: about the year's demand, by size; minors' places in the larger half.
        let ordinaryTotal = persons - minorsTotal
        let medianWeight = weight.sorted()[weight.count / 2]
        let minorWeight = weight.map { $0 >= medianWeight ? $0 : 0 }.reduce(0, +)
        var municipalities: [MatchMunicipality] = []
        for (i, code) in codes.enumerated() {
            let share = weight[i] / totalWeight
            let places = Int((Double(ordinaryTotal) * 1.03 * share).rounded(.up)) + (r.chance(0.5) ? 5 : 0)
            let minorPlaces = weight[i] >= medianWeight ? Int((Double(minorsTotal) * 1.1 * weight[i] / minorWeight).rounded(.up)) : 0
            municipalities.append(MatchMunicipality(code: code, places: places, minorPlaces: minorPlaces, services: services[i]))
        }
        // Pairs: each case's best-fitting allowed municipalities, and its tie.
        var pairs: [(caseIndex: Int, municipality: Int, score: Double)] = []
        pairs.reserveCapacity(cases.count * candidates)
        var scored: [(Double, Int)] = []
        for (c, mc) in cases.enumerated() {
            scored.removeAll(keepingCapacity: true)
            for (m, mm) in municipalities.enumerated() where MatchInstance.allowed(mc, mm) {
                let s = FitScore.score(caseProfiles[c], profiles[m], code: mm.code, size: mc.size, weights: weights)
                scored.append((s + r.double(0..<0.5), m))
            }
            scored.sort { $0.0 > $1.0 }
            var chosen = Set(scored.prefix(candidates).map(\.1))
            if let tie = caseProfiles[c].tie, let m = codes.firstIndex(of: tie), MatchInstance.allowed(mc, municipalities[m]) {
                chosen.insert(m)
            }
            for m in chosen.sorted() {
                pairs.append((c, m, FitScore.score(caseProfiles[c], profiles[m], code: codes[m], size: mc.size, weights: weights)))
            }
        }
        return GeneratedMatch(
            instance: MatchInstance(cases: cases, municipalities: municipalities, pairs: pairs), caseProfiles: caseProfiles,
            municipalityProfiles: profiles)
    }

    /// Household sizes of settled refugees: about half single adults, families up to nine.
    static func sizeFor(_ x: Double) -> Int {
        let cumulative: [(Double, Int)] = [(0.50, 1), (0.62, 2), (0.72, 3), (0.82, 4), (0.90, 5), (0.95, 6), (0.98, 7), (0.995, 8)]
        return cumulative.first { x < $0.0 }?.1 ?? 9
    }
}
