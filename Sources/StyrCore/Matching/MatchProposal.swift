/// One proposed municipality for a new case, with why: its score, the price of the places it
/// would use (what weaker or later cases lose if they are taken), and the value at that price.
public struct MatchProposal: Sendable, Equatable, Codable {
    public var kommunenummer: String
    public var score: Double
    public var placePrice: Double
    /// score − price of the places: the proposal order.
    public var value: Double
    public var freePlaces: Int
}

/// The fast, incremental mode: proposals for one new case from the current prices and the
/// places left, without solving the batch again.
public enum MatchProposals {
    /// The best `top` allowed municipalities with room, best value first.
    public static func propose(
        case c: MatchCase, pairs: [(municipality: Int, score: Double)], instance inst: MatchInstance, prices: MatchPrices,
        remaining: MatchCapacity, top: Int = 5
    ) -> [MatchProposal] {
        var out: [MatchProposal] = []
        for (m, score) in pairs {
            let muni = inst.municipalities[m]
            guard MatchInstance.allowed(c, muni), c.ordinary <= remaining.places[m], c.minors <= remaining.minorPlaces[m] else { continue }
            let price = Double(c.ordinary) * prices.places[m] + Double(c.minors) * prices.minorPlaces[m]
            out.append(
                MatchProposal(
                    kommunenummer: muni.code, score: score, placePrice: price, value: score - price, freePlaces: remaining.places[m]))
        }
        out.sort { $0.value != $1.value ? $0.value > $1.value : $0.kommunenummer < $1.kommunenummer }
        return Array(out.prefix(top))
    }
}

/// Why a case goes where it goes: its allowed municipalities with room ranked by score minus the
/// price of the places they would use, each with the parts of its score.
public struct MatchAlternative: Sendable, Equatable, Codable {
    public struct Part: Sendable, Equatable, Codable {
        public var name: String
        public var points: Double
    }
    public var kommunenummer: String
    public var score: Double
    public var placePrice: Double
    public var value: Double
    /// The score's parts (per person × household size), when the profiles are known.
    public var parts: [Part]
}

public enum MatchExplanation {
    /// The `top` best alternatives for case `c` at the solution's prices (the chosen municipality
    /// first when it is allowed). `parts` gives a pair's score components when profiles are known.
    public static func alternatives(
        case c: Int, instance inst: MatchInstance, solution: MatchSolution, top: Int = 4,
        parts: ((Int, Int) -> [(name: String, value: Double)])? = nil
    ) -> [MatchAlternative] {
        let mc = inst.cases[c]
        var out: [MatchAlternative] = []
        for k in inst.pairs(of: c) {
            let m = Int(inst.pairMunicipality[k])
            let price = Double(mc.ordinary) * solution.prices.places[m] + Double(mc.minors) * solution.prices.minorPlaces[m]
            let components = (parts?(c, m) ?? []).map {
                MatchAlternative.Part(name: $0.name, points: ($0.value * Double(mc.size)).rounded())
            }
            out.append(
                MatchAlternative(
                    kommunenummer: inst.municipalities[m].code, score: inst.pairScore[k], placePrice: price,
                    value: inst.pairScore[k] - price,
                    parts: components))
        }
        let chosen = solution.allocation.municipalityOf[c].map { inst.municipalities[$0].code }
        out.sort {
            if ($0.kommunenummer == chosen) != ($1.kommunenummer == chosen) { return $0.kommunenummer == chosen }
            return $0.value != $1.value ? $0.value > $1.value : $0.kommunenummer < $1.kommunenummer
        }
        return Array(out.prefix(top))
    }
}
