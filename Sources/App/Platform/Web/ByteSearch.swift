import Foundation

extension String {
    /// Whether `needle`'s UTF-8 bytes occur in this string (a plain byte loop). Neither Foundation's
    /// `contains` (a CFString per call) nor the standard library's generic `firstRange(of:)` (whose
    /// unspecialised comparisons looked up generic metadata per byte, a twentieth of the server's
    /// time) is cheap enough for a check every response makes.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first, let hBase = h.baseAddress, let nBase = n.baseAddress else { return n.isEmpty }
                var i = 0
                while i + n.count <= h.count {
                    if h[i] == first && memcmp(hBase + i, nBase, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}
