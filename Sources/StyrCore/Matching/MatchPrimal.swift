/// Builds a feasible allocation from prices: cases in order of regret take the best municipality
/// (at the prices) that still has room, the rest take any with room, then moves into free places
/// and swaps between municipalities raise the score while any does.
enum Primal {
    static func build(_ inst: MatchInstance, dual: Dual, capacity: MatchCapacity) -> MatchAllocation {
        let n = inst.cases.count
        var places = capacity.places, minor = capacity.minorPlaces
        var at = [Int?](repeating: nil, count: n)
        var pairAt = [Int](repeating: -1, count: n)
        func fits(_ c: Int, _ m: Int) -> Bool {
            inst.cases[c].ordinary <= places[m] && inst.cases[c].minors <= minor[m]
        }
        func place(_ c: Int, _ k: Int) {
            let m = Int(inst.pairMunicipality[k])
            places[m] -= inst.cases[c].ordinary
            minor[m] -= inst.cases[c].minors
            at[c] = m
            pairAt[c] = k
        }
        func remove(_ c: Int) {
            guard let m = at[c] else { return }
            places[m] += inst.cases[c].ordinary
            minor[m] += inst.cases[c].minors
            at[c] = nil
            pairAt[c] = -1
        }
        let order = (0..<n).filter { dual.active[$0] }.sorted { a, b in
            let ra = dual.best1[a] - max(0, dual.best2[a]), rb = dual.best1[b] - max(0, dual.best2[b])
            return ra != rb ? ra > rb : a < b
        }
        // 1. At the prices: the best reduced score with room, while it is worth taking.
        for c in order where dual.best1[c] > 0 {
            var bestK = -1
            var bestR = 0.0
            for k in inst.pairs(of: c) where fits(c, Int(inst.pairMunicipality[k])) {
                let r = dual.reduced(k, c)
                if r >= bestR - 1e-9 && (bestK < 0 || r > bestR) {
                    bestR = r
                    bestK = k
                }
            }
            if bestK >= 0 { place(c, bestK) }
        }
        // 2. Everyone left: the best score with room.
        for c in order where at[c] == nil {
            var bestK = -1
            for k in inst.pairs(of: c) where fits(c, Int(inst.pairMunicipality[k])) && inst.pairScore[k] > 0 {
                if bestK < 0 || inst.pairScore[k] > inst.pairScore[bestK] { bestK = k }
            }
            if bestK >= 0 { place(c, bestK) }
        }
        // 3. Improve: move a case to a better municipality with room; swap two cases of equal
        //    size between their municipalities when both gain.
        for _ in 0..<4 {
            var improved = false
            for c in order {
                let k0 = pairAt[c]
                let current = k0 >= 0 ? inst.pairScore[k0] : 0
                remove(c)
                var bestK = -1
                var bestS = current
                for k in inst.pairs(of: c) where fits(c, Int(inst.pairMunicipality[k])) && inst.pairScore[k] > bestS + 1e-9 {
                    bestS = inst.pairScore[k]
                    bestK = k
                }
                if bestK >= 0 {
                    place(c, bestK)
                    improved = true
                } else if k0 >= 0 {
                    place(c, k0)
                }
            }
            if !improved { break }
        }
        // 4. Ejection: a case takes a better municipality by moving one of its cases to another
        //    municipality with room, when the gain beats the loss.
        var holders = [[Int]](repeating: [], count: inst.municipalities.count)
        for c in order { if let m = at[c] { holders[m].append(c) } }
        func bestElsewhere(_ h: Int, not m: Int) -> (k: Int, score: Double)? {
            var best: (Int, Double)?
            for k in inst.pairs(of: h) {
                let m2 = Int(inst.pairMunicipality[k])
                guard m2 != m, fits(h, m2) else { continue }
                if best == nil || inst.pairScore[k] > best!.1 { best = (k, inst.pairScore[k]) }
            }
            return best
        }
        for _ in 0..<2 {
            var improved = false
            for c in order {
                let current = pairAt[c] >= 0 ? inst.pairScore[pairAt[c]] : 0
                let candidates = inst.pairs(of: c).filter { inst.pairScore[$0] > current + 1e-9 }
                    .sorted { inst.pairScore[$0] > inst.pairScore[$1] }.prefix(8)
                var done = false
                for k in candidates where !done {
                    let m = Int(inst.pairMunicipality[k])
                    guard m != at[c] else { continue }
                    let gain = inst.pairScore[k] - current
                    let needOrd = inst.cases[c].ordinary - places[m], needMin = inst.cases[c].minors - minor[m]
                    var bestMove: (h: Int, k2: Int, net: Double)?
                    for h in holders[m] {
                        guard inst.cases[h].ordinary >= needOrd, inst.cases[h].minors >= needMin, let alt = bestElsewhere(h, not: m)
                        else { continue }
                        // h is at m, so its pair there is pairAt[h].
                        let net = gain - (inst.pairScore[pairAt[h]] - alt.score)
                        if net > 1e-9 && (bestMove == nil || net > bestMove!.net) { bestMove = (h, alt.k, net) }
                    }
                    guard let move = bestMove else { continue }
                    let old = at[c], oldK = pairAt[c]
                    remove(move.h)
                    holders[m].removeAll { $0 == move.h }
                    place(move.h, move.k2)
                    holders[Int(inst.pairMunicipality[move.k2])].append(move.h)
                    remove(c)
                    if let old { holders[old].removeAll { $0 == c } }
                    if fits(c, m) {
                        place(c, k)
                        holders[m].append(c)
                        improved = true
                        done = true
                    } else if let old {
                        place(c, oldK)
                        holders[old].append(c)
                    }
                }
            }
            if !improved { break }
        }
        return MatchAllocation(municipalityOf: at)
    }
}
