extension RandomAccessCollection {
    /// The first index whose element satisfies `isAbove`, for a collection where every element
    /// that does comes after every element that does not (binary search).
    func partitionPoint(_ isAbove: (Element) -> Bool) -> Index {
        var low = startIndex
        var n = count
        while n > 0 {
            let half = n / 2
            let mid = index(low, offsetBy: half)
            if isAbove(self[mid]) {
                n = half
            } else {
                low = index(after: mid)
                n -= half + 1
            }
        }
        return low
    }
}

/// Persons (indices into a register) ordered by a date, with the dates beside them for binary search.
struct OrderedIndex: Sendable {
    let persons: [Int32]
    let keys: [Int32]

    /// `subset` ordered by `key`.
    init(_ subset: [Int32], key: (Int32) -> Int32) {
        persons = subset.sorted { key($0) < key($1) }
        keys = persons.map(key)
    }

    /// `subset` ordered by its values in `column`.
    init(_ subset: [Int32], by column: [Int32]) { self.init(subset) { column[Int($0)] } }

    /// The persons whose date lies in `from...to`.
    func within(_ from: Int32, _ to: Int32) -> ArraySlice<Int32> {
        let first = keys.partitionPoint { $0 >= from }
        return persons[first..<max(first, keys.partitionPoint { $0 > to })]
    }

    /// The persons whose date is on or before `day`.
    func upTo(_ day: Int32) -> ArraySlice<Int32> { persons[..<keys.partitionPoint { $0 > day }] }
}
