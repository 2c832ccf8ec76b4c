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
