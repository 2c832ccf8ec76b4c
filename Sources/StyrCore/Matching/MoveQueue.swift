/// Moves in order of their bound, sharpened lazily: the moves' cheap optimistic bounds are kept in
/// a heap; a move is sharpened only when its cheap bound is the best left, and given out once its
/// sharp bound is at least every cheap bound left and every other sharp bound. Ties go to the
/// lower household, then the lower arc, so the order does not depend on how the moves were listed.
struct MoveQueue {
    typealias Move = HouseholdSearch.Move
    private var cheap: [Move]
    /// Sharpened moves, a heap like `cheap`.
    private var sharp: [Move] = []

    init(moves: [Move]) {
        cheap = moves
        if cheap.count > 1 {
            for i in stride(from: cheap.count / 2 - 1, through: 0, by: -1) { Self.down(&cheap, i) }
        }
    }

    mutating func next(refining: (Move) -> Double) -> Move? {
        while true {
            if let best = sharp.first, cheap.isEmpty || !Self.before(cheap[0], best) {
                return Self.pop(&sharp)
            }
            guard var move = Self.pop(&cheap) else { return nil }
            move.bound = refining(move)
            if move.bound > 1e-6 { Self.push(&sharp, move) }
        }
    }

    /// Whether x comes before y: a higher bound, or the same and lower indices.
    @inline(__always) private static func before(_ x: Move, _ y: Move) -> Bool {
        if x.bound != y.bound { return x.bound > y.bound }
        return (x.c, x.to, x.other) < (y.c, y.to, y.other)
    }

    private static func pop(_ heap: inout [Move]) -> Move? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        if !heap.isEmpty { down(&heap, 0) }
        return top
    }

    private static func push(_ heap: inout [Move], _ move: Move) {
        heap.append(move)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private static func down(_ heap: inout [Move], _ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var first = i
            if l < heap.count && before(heap[l], heap[first]) { first = l }
            if r < heap.count && before(heap[r], heap[first]) { first = r }
            if first == i { return }
            heap.swapAt(i, first)
            i = first
        }
    }
}
