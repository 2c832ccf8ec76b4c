import Testing

@testable import StyrCore

/// The refill move: a household gives up its places when the cases left out are worth more there.
@Suite struct MatchRefillTests {
    /// Municipality A has two places. The family of two (10 points per person) holds them; two
    /// single persons worth 15 each can only go to A. B has room for the family at 8 per person.
    static let instance = MatchInstance(
        cases: [MatchCase(id: "F", size: 2), MatchCase(id: "S1", size: 1), MatchCase(id: "S2", size: 1)],
        municipalities: [MatchMunicipality(code: "A", places: 2), MatchMunicipality(code: "B", places: 2)],
        pairs: [(0, 0, 20), (0, 1, 16), (1, 0, 15), (2, 0, 15)])

    static func familyInA(_ inst: MatchInstance) -> Primal {
        var p = Primal(inst: inst, places: [2, 2], minor: [0, 0])
        p.place(0, inst.pairs(of: 0).lowerBound)
        return p
    }

    @Test func theFamilyMakesRoomForTheSinglesItOutweighs() {
        let inst = Self.instance
        var p = Self.familyInA(inst)
        let gained = p.refill(Primal.pairsByMunicipality(inst), active: [true, true, true])
        // 16 (the family in B) + 30 (the singles in A) − 20.
        #expect(gained == 26)
        #expect(p.municipality(0) == 1 && p.municipality(1) == 0 && p.municipality(2) == 0)
        let allocation = MatchAllocation(municipalityOf: (0..<3).map(p.municipality))
        #expect(allocation.violations(inst).isEmpty && allocation.objective(inst) == 46)
    }

    @Test func aMoveThatLosesIsUndoneAndCasesOutsideTheBatchStayOut() {
        let inst = Self.instance
        var p = Self.familyInA(inst)
        // Neither single is in the batch: moving the family to B alone loses 4, so nothing changes.
        let gained = p.refill(Primal.pairsByMunicipality(inst), active: [true, false, false])
        #expect(gained == 0)
        #expect(p.municipality(0) == 0 && p.municipality(1) == nil && p.municipality(2) == nil)
        #expect(p.places == [0, 2])
    }
}
