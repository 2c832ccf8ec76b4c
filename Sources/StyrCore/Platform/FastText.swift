import Foundation

extension String {
    /// Without white space (Unicode White_Space, line breaks included) at either end.
    ///
    /// Foundation's `trimmingCharacters(in:)` bridges through NSString and UTF-16 on Linux, and
    /// trimming Characters runs grapheme breaking: together a fifth of reading a letter. This
    /// walks the scalars and copies once (or not at all when there is nothing to trim).
    var trimmed: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

extension String {
    /// Without a list bullet («- », «• », «– ») in front.
    var trimmingLeadingBullet: String {
        guard let c = first, "-•–".contains(c) else { return self }
        return String(dropFirst()).trimmed
    }

    /// Lower-cased, the same as `lowercased()`, by bytes for ASCII, Latin-1 letters (æøå) and
    /// punctuation; text with any other letter goes to `lowercased()`, which maps scalar by
    /// scalar through the Unicode tables (a sixth of reading a letter, whose text is ASCII and
    /// Norwegian letters).
    var lowered: String {
        var copy = self
        let fast = copy.withUTF8 { u -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            var i = 0
            while i < u.count {
                let b = u[i]
                if b < 0x80 {
                    out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                    i += 1
                } else if (b == 0xC2 || b == 0xC3), i + 1 < u.count {
                    // U+00C0–U+00DE but × lower by 0x20; nothing else from U+0080 to U+00FF changes.
                    let c = u[i + 1]
                    out.append(b)
                    out.append(b == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97 ? c + 0x20 : c)
                    i += 2
                } else if b == 0xE2, i + 2 < u.count, u[i + 1] >= 0x80 && u[i + 1] <= 0x82 {
                    // U+2000–U+20BF: spaces, dashes, quotes, super- and subscripts, currency; no case.
                    out.append(contentsOf: u[i...(i + 2)])
                    i += 3
                } else {
                    return nil
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return fast ?? lowercased()
    }

    /// Whether `other` occurs in the string, compared literally (as Foundation's `contains`
    /// does), by UTF-8 bytes: Foundation's bridges both to NSString on Linux.
    func contains(_ other: String) -> Bool {
        var needle = other
        return needle.withUTF8 { utf8.containsSequence($0) }
    }
}

extension String.UTF8View {
    /// Whether the bytes contain `needle` (a cheap test before running a regular expression).
    func containsSequence(_ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { containsSequence($0) }
    }

    func containsSequence(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        if let found = withContiguousStorageIfAvailable({ Self.search($0, for: needle) }) { return found }
        return Array(self).withUnsafeBufferPointer { Self.search($0, for: needle) }  // a bridged string
    }

    private static func search(_ bytes: UnsafeBufferPointer<UInt8>, for needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard let base = bytes.baseAddress, bytes.count >= needle.count else { return false }
        let n = needle.count
        let last = bytes.count - n
        var i = 0
        while i <= last {
            // memchr finds the candidates; most lines hold no first byte of the needle at all.
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < n && bytes[i + k] == needle[k] { k += 1 }
            if k == n { return true }
            i += 1
        }
        return false
    }
}
