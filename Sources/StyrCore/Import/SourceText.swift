import Foundation

/// One line of a document after clean-up, remembering its line number in the source.
public struct SourceLine: Sendable, Equatable {
    public var text: String
    /// 1-based line number in the original text.
    public var number: Int
    public var trimmed: String { text.trimmingCharacters(in: .whitespaces) }
    public var isBlank: Bool { trimmed.isEmpty }
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
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let special: Set<Unicode.Scalar> = ["\u{000C}", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{FEFF}"]
        for (index, original) in normalized.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = String(original)
            if line.unicodeScalars.contains(where: { special.contains($0) }) {
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
            if line.contains("<") {
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
        let t = text.trimmingCharacters(in: .whitespaces)
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
    static func splitHTML(_ line: String) -> [String] {
        var s = line
        for block in ["</p>", "<br>", "<br/>", "<br />", "</li>", "</ul>", "</ol>", "</tr>", "</h1>", "</h2>", "</h3>"] {
            s = s.replacingOccurrences(of: block, with: "\n", options: .caseInsensitive)
        }
        s = s.replacingOccurrences(of: "<li>", with: "\n- ", options: .caseInsensitive)
        let ns = s as NSString
        s = tagRegex.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: ns.length), withTemplate: "")
        s = decodeEntities(s)
        return s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
