/// A case ready for settlement: a household (families are indivisible) or an unaccompanied minor.
/// It uses `size - minors` ordinary places and `minors` places for unaccompanied minors.
public struct MatchCase: Sendable, Equatable, Codable {
    public var id: String
    public var size: Int
    /// Unaccompanied minors in the case (they use the municipality's minors' places).
    public var minors: Int
    /// Need codes; the case may go only where every need is a service.
    public var needs: [String]
    /// The week of the year the case became ready for settlement (1…52).
    public var week: Int

    public init(id: String, size: Int, minors: Int = 0, needs: [String] = [], week: Int = 1) {
        self.id = id
        self.size = size
        self.minors = minors
        self.needs = needs
        self.week = week
    }

    /// Ordinary places the case uses.
    public var ordinary: Int { size - minors }
}

/// A municipality's supply: places decided for the year, of which places for unaccompanied
/// minors are separate, and the service codes it offers.
public struct MatchMunicipality: Sendable, Equatable, Codable {
    public var code: String
    public var places: Int
    public var minorPlaces: Int
    public var services: [String]

    public init(code: String, places: Int, minorPlaces: Int = 0, services: [String] = []) {
        self.code = code
        self.places = places
        self.minorPlaces = minorPlaces
        self.services = services
    }
}

/// An allocation problem: cases, municipalities and the allowed pairs with their fit score.
/// Pairs are stored per case (compressed rows): `pairs(of: c)` indexes `pairMunicipality` and
/// `pairScore`. Pairs a case's needs or minors exclude are never stored.
public struct MatchInstance: Sendable {
    public var cases: [MatchCase]
    public var municipalities: [MatchMunicipality]
    /// Case c's pairs are `pairStart[c]..<pairStart[c+1]`.
    public var pairStart: [Int]
    public var pairMunicipality: [Int32]
    public var pairScore: [Double]

    public init(cases: [MatchCase], municipalities: [MatchMunicipality], pairs: [(caseIndex: Int, municipality: Int, score: Double)]) {
        self.cases = cases
        self.municipalities = municipalities
        var counts = [Int](repeating: 0, count: cases.count + 1)
        for p in pairs { counts[p.caseIndex + 1] += 1 }
        for i in 0..<cases.count { counts[i + 1] += counts[i] }
        var fill = counts
        var muni = [Int32](repeating: 0, count: pairs.count)
        var score = [Double](repeating: 0, count: pairs.count)
        for p in pairs {
            let k = fill[p.caseIndex]
            muni[k] = Int32(p.municipality)
            score[k] = p.score
            fill[p.caseIndex] += 1
        }
        pairStart = counts
        pairMunicipality = muni
        pairScore = score
    }

    public func pairs(of c: Int) -> Range<Int> { pairStart[c]..<pairStart[c + 1] }

    public var pairCount: Int { pairScore.count }

    /// Whether case c may go to municipality m at all: every need a service, minors only where
    /// minors' places exist.
    public static func allowed(_ c: MatchCase, _ m: MatchMunicipality) -> Bool {
        (c.minors == 0 || m.minorPlaces > 0) && c.needs.allSatisfy { m.services.contains($0) }
    }
}

/// An allocation: for each case the index of its municipality, or nil.
public struct MatchAllocation: Sendable, Equatable {
    public var municipalityOf: [Int?]
    public init(municipalityOf: [Int?]) { self.municipalityOf = municipalityOf }

    /// The allocation's total score (sum over allocated cases of the pair's score).
    public func objective(_ instance: MatchInstance) -> Double {
        var total = 0.0
        for (c, m) in municipalityOf.enumerated() {
            guard let m else { continue }
            for k in instance.pairs(of: c) where Int(instance.pairMunicipality[k]) == m { total += instance.pairScore[k] }
        }
        return total
    }

    /// What breaks the rules: a pair not allowed, or a municipality over its places.
    public func violations(_ instance: MatchInstance) -> [String] {
        var out: [String] = []
        var used = [Int](repeating: 0, count: instance.municipalities.count)
        var usedMinor = used
        for (c, m) in municipalityOf.enumerated() {
            guard let m else { continue }
            let listed = instance.pairs(of: c).contains { Int(instance.pairMunicipality[$0]) == m }
            if !listed { out.append("\(instance.cases[c].id) → \(instance.municipalities[m].code): paret er ikke tillatt") }
            used[m] += instance.cases[c].ordinary
            usedMinor[m] += instance.cases[c].minors
        }
        for (m, muni) in instance.municipalities.enumerated() {
            if used[m] > muni.places { out.append("\(muni.code): \(used[m]) plasser brukt av \(muni.places)") }
            if usedMinor[m] > muni.minorPlaces {
                out.append("\(muni.code): \(usedMinor[m]) plasser for enslige mindreårige brukt av \(muni.minorPlaces)")
            }
        }
        return out
    }
}
