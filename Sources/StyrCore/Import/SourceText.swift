import Foundation

/// One line of a document after clean-up, remembering its line number in the source.
public struct SourceLine: Sendable, Equatable {
    public let text: String
    /// 1-based line number in the original text.
    public let number: Int
    /// The text without surrounding white space (kept, since every scanner reads it).
    public let trimmed: String
    public var isBlank: Bool { trimmed.isEmpty }

    public init(text: String, number: Int) {
        self.text = text
        self.number = number
        self.trimmed = text.trimmingWhitespace
    }
}

/// Turns raw letter text (from a file, PDF extraction or DOCX) into clean lines.
///
/// HTML fragments are removed (`</p>` and `<li>` become line breaks so that paragraph
/// structure survives), page numbers and table rulers are dropped, and every line keeps
/// the number of the source line it came from, for error messages.
public enum SourceText {
    private static let tagRegex = try! NSRegularExpression(pattern: #"<[^>]{0,300}>"#)

    public static func lines(_ raw: String) -> [SourceLine] {
        var out: [SourceLine] = []
        // "\r\n" is one Character; form feeds (page breaks from pdftotext) are not line breaks.
        let normalized = raw
        let special: Set<Unicode.Scalar> = ["\u{000C}", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{FEFF}"]
        for (index, original) in normalized.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        ).enumerated() {
            let number = index + 1
            var line = String(original)
            // Only lines with a form feed or bytes of the special spaces (C2 A0, E2 80 AF/89, EF BB BF) need a look.
            if line.utf8.contains(where: { $0 == 0x0C || $0 == 0xA0 || $0 == 0xAF || $0 == 0x89 || $0 == 0xBB }),
                line.unicodeScalars.contains(where: { special.contains($0) })
            {
                line = String(
                    String.UnicodeScalarView(
                        line.unicodeScalars.compactMap { c -> Unicode.Scalar? in
                            switch c {
                            case "\u{000C}", "\u{FEFF}": nil
                            case "\u{00A0}", "\u{202F}", "\u{2009}": " "
                            default: c
                            }
                        }))
            }
            if line.utf8.contains(UInt8(ascii: "<")) {
                for pieceLine in splitHTML(line) where !pieceLine.trimmingCharacters(in: .whitespaces).isEmpty {
                    append(pieceLine, number, to: &out)
                }
                continue
            }
            line = decodeEntities(line)
            append(line, number, to: &out)
        }
        return out
    }

    private static func append(_ text: String, _ number: Int, to out: inout [SourceLine]) {
        let t = text.trimmingWhitespace
        // Table rulers from converted HTML/Markdown ("---|---", "--\t--").
        if !t.isEmpty, t.allSatisfy({ $0 == "-" || $0 == "|" || $0 == "\t" || $0 == " " || $0 == ":" }) {
            return
        }
        // Bare page numbers and "Side 3 av 12".
        if !t.isEmpty, t.count <= 4, t.allSatisfy(\.isNumber) { return }
        if t.hasPrefix("Side "), t.range(of: #"^Side \d+( av \d+)?$"#, options: .regularExpression) != nil { return }
        out.append(SourceLine(text: text, number: number))
    }

    /// Splits a line with HTML fragments into text lines at block boundaries.
    private static let blockEnd = try! NSRegularExpression(
        pattern: #"</(?:p|li|ul|ol|tr|h[1-6])\s*>|<br\s*/?>"#, options: [.caseInsensitive])
    private static let listItem = try! NSRegularExpression(pattern: #"<li\b[^>]*>"#, options: [.caseInsensitive])

    static func splitHTML(_ line: String) -> [String] {
        func replace(_ re: NSRegularExpression, _ s: String, _ with: String) -> String {
            re.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: with)
        }
        var s = replace(blockEnd, line, "\n")
        s = replace(listItem, s, "\n- ")
        s = replace(tagRegex, s, "")
        s = decodeEntities(s)
        return s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        return s.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
