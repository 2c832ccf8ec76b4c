import Testing

@testable import StyrCore

/// Moves come out in order of their sharpened bound, each sharpened only when needed.
@Suite struct MoveQueueTests {
    @Test func givesMovesBestSharpBoundFirstAndDropsThoseNoLongerPositive() {
        // Cheap bounds 10, 9, 8, 7, 1; sharp bounds 3, 9, -1, 5, 1 (never above the cheap one).
        let cheap: [Double] = [10, 9, 8, 7, 1]
        let sharp: [Double] = [3, 9, -1, 5, 1]
        let moves = cheap.indices.map { HouseholdSearch.Move(c: $0, to: 0, other: -1, otherTo: -1, bound: cheap[$0]) }
        var queue = MoveQueue(moves: moves.reversed())
        var sharpened: [Int] = []
        var order: [Int] = []
        while let move = queue.next(refining: {
            sharpened.append($0.c); return sharp[$0.c]
        }) {
            order.append(move.c)
            #expect(move.bound == sharp[move.c])
        }
        #expect(order == [1, 3, 0, 4])
        // The move with bound 9 came out after sharpening only the two above it.
        #expect(sharpened.prefix(2) == [0, 1])
    }
}
