import Foundation
import Testing

@testable import StyrCore

/// The importer's byte-level text helpers give what Foundation and the standard library give.
@Suite struct FastText {
    static let samples = [
        "", " ", "\t\n", "Oppdrag 2021-04", "  Frist: 1. mars 2021  ", "ÆØÅ æøå Ü É ß ÿ Þ × ÷", "Čáhcesuolu ŊŠŦŽĐ",
        "Ελληνικά ΣΟΦΙΑ", "İstanbul", "Ⅻ Ⓐ", "“Sitat” – «tekst» … €", "\u{00A0}mill.\u{202F}kroner\u{2009}", "a\u{030A}r (decomposed)",
        "\r\nlinje\r\n", "ﬁ ligature", "\u{3000}full width\u{3000}", "emoji 👩‍👩‍👧 🇳🇴 ", "TB2026-63\u{2028}",
    ]

    @Test func loweredIsLowercased() {
        for s in Self.samples { #expect(s.lowered == s.lowercased(), "\(s)") }
    }

    @Test func trimmedIsFoundationsTrim() {
        for s in Self.samples { #expect(s.trimmed == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s)") }
    }

    @Test func containsIsALiteralSearch() {
        let needles = ["", "æ", "Oppdrag", "2021-0", "ŊŠ", "mill.", "\u{00A0}", "🇳🇴", "r\n", "x", "ΣΟΦ", "ligature "]
        for s in Self.samples {
            for n in needles {
                #expect(
                    s.contains(n) == (n.isEmpty || (s as NSString).range(of: n, options: .literal).location != NSNotFound), "\(s) ∋ \(n)")
            }
        }
    }

    @Test func collapseJoinsEveryKindOfSpace() {
        for s in Self.samples {
            let expected = s.split(whereSeparator: { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) }).joined(separator: " ")
            #expect(NorwegianText.collapse(s) == expected, "\(s)")
        }
    }

    @Test func linesSplitAtEveryKindOfBreak() {
        #expect(SourceText.split("a\nb\r\nc\rd\n").map(String.init) == ["a", "b", "c", "d", ""])
        #expect(SourceText.split("").map(String.init) == [""])
        #expect(SourceText.split("æ\r\n\r\nø").map(String.init) == ["æ", "", "ø"])
    }
}
