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
