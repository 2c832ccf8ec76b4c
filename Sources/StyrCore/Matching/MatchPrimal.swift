/// Builds a feasible allocation from the rounded LP: its placements are kept; the cases it leaves
/// out, in order of regret at the LP's prices, take the best municipality (at the prices) that
/// still has room, then any with room; then moves raise the score while any does: a case into a
/// better municipality with room, or into a full one by moving out the cases that lose least
/// (each to its best other municipality with room, or out of the batch) when the gain beats the loss;
/// then, with `refill` (used where the household search cannot run: a case needs both kinds of
/// places), refill moves (a household out, the places it frees filled anew) alternate with those
/// moves while either gains.
struct Primal {
    let inst: MatchInstance
    var places: [Int]
    var minor: [Int]
    /// Each case's pair index in the allocation, or -1.
    var pairAt: [Int]
    /// The cases in each municipality.
    var holders: [[Int]]
    /// Case c's pair index in municipality m is `pairIn[c * municipalities + m]` (-1: none).
    let pairIn: [Int32]
    /// Kept moves so far; `altScore[h]` is valid while `altEpoch[h] == epoch`.
    var epoch = 0
    var altEpoch: [Int]
    var altScore: [Double]

    static func build(_ inst: MatchInstance, dual: Dual, capacity: MatchCapacity, seed: [Int?], refill: Bool) -> MatchAllocation {
        var p = Primal(inst: inst, places: capacity.places, minor: capacity.minorPlaces)
        let order = (0..<inst.cases.count).filter { dual.active[$0] }.sorted { a, b in
            let ra = dual.best1[a] - max(0, dual.best2[a]), rb = dual.best1[b] - max(0, dual.best2[b])
            return ra != rb ? ra > rb : a < b
        }
        // The rounded LP's placements fit together: the LP respects every capacity.
        for c in order {
            if let m = seed[c], let k = inst.pairs(of: c).first(where: { Int(inst.pairMunicipality[$0]) == m }), p.fits(c, m) {
                p.place(c, k)
            }
        }
        for c in order where p.pairAt[c] < 0 && dual.best1[c] > 0 {
            p.placeBest(c) { k in dual.reduced(k, c) }
        }
        for c in order where p.pairAt[c] < 0 { p.placeBest(c) { k in inst.pairScore[k] } }
        for _ in 0..<4 { if !p.improve(order) { break } }
        if refill {
            let byMunicipality = pairsByMunicipality(inst)
            for _ in 0..<6 {
                let gained = p.refill(byMunicipality, active: dual.active)
                if !p.improve(order) && gained == 0 { break }
            }
        }
        return MatchAllocation(municipalityOf: p.pairAt.indices.map(p.municipality))
    }

    init(inst: MatchInstance, places: [Int], minor: [Int]) {
        self.inst = inst
        self.places = places
        self.minor = minor
        pairAt = .init(repeating: -1, count: inst.cases.count)
        holders = .init(repeating: [], count: inst.municipalities.count)
        let count = inst.municipalities.count
        var pairIn = [Int32](repeating: -1, count: inst.cases.count * count)
        for c in inst.cases.indices {
            for k in inst.pairs(of: c) { pairIn[c * count + Int(inst.pairMunicipality[k])] = Int32(k) }
        }
        self.pairIn = pairIn
        altEpoch = .init(repeating: -1, count: inst.cases.count)
        altScore = .init(repeating: 0, count: inst.cases.count)
    }

    func fits(_ c: Int, _ m: Int) -> Bool {
        inst.cases[c].ordinary <= places[m] && inst.cases[c].minors <= minor[m]
    }

    func score(_ c: Int) -> Double { pairAt[c] >= 0 ? inst.pairScore[pairAt[c]] : 0 }

    func municipality(_ c: Int) -> Int? { pairAt[c] >= 0 ? Int(inst.pairMunicipality[pairAt[c]]) : nil }

    mutating func place(_ c: Int, _ k: Int) {
        let m = Int(inst.pairMunicipality[k])
        places[m] -= inst.cases[c].ordinary
        minor[m] -= inst.cases[c].minors
        pairAt[c] = k
        holders[m].append(c)
    }

    mutating func remove(_ c: Int) {
        guard let m = municipality(c) else { return }
        places[m] += inst.cases[c].ordinary
        minor[m] += inst.cases[c].minors
        pairAt[c] = -1
        if let i = holders[m].firstIndex(of: c) { holders[m].swapAt(i, holders[m].count - 1) }
        holders[m].removeLast()
    }

    /// Places c at the pair with room that `value` ranks highest, if its value is positive.
    mutating func placeBest(_ c: Int, value: (Int) -> Double) {
        var best = -1
        var bestValue = 0.0
        for k in inst.pairs(of: c) where fits(c, Int(inst.pairMunicipality[k])) {
            let v = value(k)
            if v > bestValue {
                bestValue = v
                best = k
            }
        }
        if best >= 0 { place(c, best) }
    }

    /// The best pair of c with room outside municipality m.
    func bestElsewhere(_ c: Int, not m: Int) -> Int? {
        var best: Int?
        for k in inst.pairs(of: c) {
            let m2 = Int(inst.pairMunicipality[k])
            guard m2 != m, fits(c, m2) else { continue }
            if best == nil || inst.pairScore[k] > inst.pairScore[best!] { best = k }
        }
        return best
    }

    /// One pass of moves over the cases; whether any raised the score.
    mutating func improve(_ order: [Int]) -> Bool {
        var improved = false
        for c in order {
            let current = score(c)
            var candidates = inst.pairs(of: c).filter { inst.pairScore[$0] > current + 1e-9 }
            candidates.sort { inst.pairScore[$0] > inst.pairScore[$1] }
            for k in candidates.prefix(8) where moveIn(c, k) {
                improved = true
                break
            }
        }
        return improved
    }

    /// Moves c to pair k's municipality, making room by moving out the cases there that lose
    /// least per place freed; keeps the move only when the total score rises.
    ///
    /// The order of the cases to move out is by their loss in the allocation as last committed
    /// (`committedAlternative`, cached until a move is kept): in a large year almost every attempt
    /// fails (at 40 000 persons 73 of 734 000 were kept), and scanning every holder's pairs on every
    /// attempt made the moves grow quadratically with the year's size. Each case actually moved out
    /// goes to its best other municipality with room at that moment. The cases are taken from a heap,
    /// as a move usually needs only one or two of the hundreds a full municipality holds.
    mutating func moveIn(_ c: Int, _ k: Int) -> Bool {
        let m = Int(inst.pairMunicipality[k])
        let oldK = pairAt[c]
        let oldM = municipality(c)
        let gain = inst.pairScore[k] - (oldK >= 0 ? inst.pairScore[oldK] : 0)
        if fits(c, m) {
            remove(c)
            place(c, k)
            commit()
            return true
        }
        // The losses are taken as if c had left its municipality: there, c's places are free.
        let mc = inst.cases[c]
        let needOrdinary = mc.ordinary - places[m], needMinor = mc.minors - minor[m]
        var heap = LossHeap()
        heap.items.reserveCapacity(holders[m].count)
        for h in holders[m] {
            let hc = inst.cases[h]
            let useful = min(hc.ordinary, max(0, needOrdinary)) + min(hc.minors, max(0, needMinor))
            guard useful > 0 else { continue }
            var alt = committedAlternative(h)
            if let oldM, let kk = pairIndex(h, oldM), hc.ordinary <= places[oldM] + mc.ordinary, hc.minors <= minor[oldM] + mc.minors {
                alt = max(alt, inst.pairScore[kk])
            }
            heap.items.append(.init(loss: (score(h) - alt) / Double(useful), h: h))
        }
        heap.heapify()
        remove(c)
        var moved: [(h: Int, from: Int)] = []
        var loss = 0.0
        while !fits(c, m), let top = heap.pop() {
            let h = top.h
            let from = pairAt[h]
            let before = inst.pairScore[from]
            remove(h)
            let alt = bestElsewhere(h, not: m)
            if let alt { place(h, alt) }
            loss += before - (alt.map { inst.pairScore[$0] } ?? 0)
            moved.append((h, from))
            if loss >= gain { break }
        }
        if fits(c, m) && loss < gain - 1e-9 {
            place(c, k)
            commit()
            return true
        }
        for (h, from) in moved.reversed() {
            remove(h)
            place(h, from)
        }
        if oldK >= 0 { place(c, oldK) }
        return false
    }

    func pairIndex(_ c: Int, _ m: Int) -> Int? {
        let k = pairIn[c * inst.municipalities.count + m]
        return k >= 0 ? Int(k) : nil
    }

    /// Marks the allocation as changed for good: the cached alternatives are stale.
    mutating func commit() { epoch += 1 }

    /// The score case h (placed) would get at its best other municipality with room in the
    /// allocation as last committed, or 0 (out); cached until the next `commit`.
    mutating func committedAlternative(_ h: Int) -> Double {
        if altEpoch[h] != epoch {
            altScore[h] = bestElsewhere(h, not: municipality(h) ?? -1).map { inst.pairScore[$0] } ?? 0
            altEpoch[h] = epoch
        }
        return altScore[h]
    }
}

/// A min-heap of the cases that could leave a municipality, by (loss per useful place, case).
struct LossHeap {
    struct Item: Comparable {
        let loss: Double
        let h: Int
        static func < (a: Item, b: Item) -> Bool { a.loss != b.loss ? a.loss < b.loss : a.h < b.h }
        static func == (a: Item, b: Item) -> Bool { a.loss == b.loss && a.h == b.h }
    }
    var items: [Item] = []

    var peek: Item? { items.first }

    mutating func heapify() {
        var i = items.count / 2 - 1
        while i >= 0 {
            down(i)
            i -= 1
        }
    }

    mutating func push(_ item: Item) {
        items.append(item)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i] < items[parent] else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Item? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        down(0)
        return top
    }

    private mutating func down(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < items.count && items[l] < items[smallest] { smallest = l }
            if r < items.count && items[r] < items[smallest] { smallest = r }
            if smallest == i { return }
            items.swapAt(i, smallest)
            i = smallest
        }
    }
}
