import Foundation

/// One line of a document after clean-up, remembering its line number in the source.
public struct SourceLine: Sendable, Equatable {
    public let text: String
    /// 1-based line number in the original text.
    public let number: Int
    /// The text without surrounding white space (kept, since every scanner reads it).
    public let trimmed: String
    public var isBlank: Bool { trimmed.isEmpty }
    /// The level of a Markdown heading ("## Budsjett" → 2), nil for other lines.
    public var headingLevel: Int?

    public init(text: String, number: Int, headingLevel: Int? = nil) {
        self.text = text
        self.number = number
        self.trimmed = text.trimmed
        self.headingLevel = headingLevel
    }
}

/// Turns raw letter text (from a file, PDF extraction or DOCX) into clean lines.
///
/// HTML fragments are removed (`</p>` and `<li>` become line breaks so that paragraph
/// structure survives), page numbers and table rulers are dropped, and every line keeps
/// the number of the source line it came from, for error messages.
public enum SourceText {
    private static let tagRegex = try! NSRegularExpression(pattern: #"<[^>]{0,300}>"#)

    public static func lines(_ raw: String) -> [SourceLine] { read(raw).lines }

    /// The clean lines and the page furniture taken out: headers and footers that
    /// `pdftotext -layout` repeats on every page (the reading report counts those as read).
    public static func read(_ raw: String) -> (lines: [SourceLine], furniture: [SourceLine]) {
        var out: [SourceLine] = []
        let rawLines = split(raw)
        let furniture = PageFurniture.lines(in: rawLines)
        // Form feeds (page breaks from pdftotext) are not line breaks.
        let special: Set<Unicode.Scalar> = ["\u{000C}", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{FEFF}"]
        for (index, original) in rawLines.enumerated() {
            let number = index + 1
            if furniture.contains(number) { continue }
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
            // Markdown from PDF converters: headings, "|" rows, bold and escapes become plain lines.
            var level: Int?
            if let md = Markdown.line(line) {
                if md.text.trimmed.isEmpty { continue }
                line = md.text
                level = md.headingLevel
            }
            if line.utf8.contains(UInt8(ascii: "<")) {
                for pieceLine in splitHTML(line) where !pieceLine.trimmed.isEmpty {
                    append(pieceLine, number, to: &out)
                }
                continue
            }
            line = decodeEntities(line)
            append(line, number, to: &out, headingLevel: level)
        }
        Hyphenation.join(&out)
        let dropped = furniture.sorted().map { SourceLine(text: String(rawLines[$0 - 1]), number: $0) }.filter { !$0.isBlank }
        return (out, dropped)
    }

    /// The text's lines, split at "\n", "\r\n" and "\r" by bytes (splitting Characters runs
    /// grapheme breaking over the whole letter).
    static func split(_ raw: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = raw.utf8
        var start = utf8.startIndex
        var i = start
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                lines.append(raw[start..<i])
                var next = utf8.index(after: i)
                if b == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                i = next
            } else {
                i = utf8.index(after: i)
            }
        }
        lines.append(raw[start...])
        return lines
    }

    private static func append(_ text: String, _ number: Int, to out: inout [SourceLine], headingLevel: Int? = nil) {
        let t = text.trimmed
        // Table rulers from converted HTML/Markdown ("---|---", "--\t--").
        if !t.isEmpty, t.allSatisfy({ $0 == "-" || $0 == "|" || $0 == "\t" || $0 == " " || $0 == ":" }) {
            return
        }
        // Bare page numbers and "Side 3 av 12".
        if !t.isEmpty, t.count <= 4, t.allSatisfy(\.isNumber) { return }
        if t.hasPrefix("Side "), t.matches(#"^Side \d+( av \d+)?$"#) { return }
        out.append(SourceLine(text: text, number: number, headingLevel: headingLevel))
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

/// Markdown as PDF converters write it: "#" headings, "|" table rows, "**bold**", escapes.
enum Markdown {
    private static let heading = Pattern.regex(#"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$"#)
    private static let escape = Pattern.regex(#"\\([\\`*_{}\[\]()#+\-.!|>])"#)
    private static let link = Pattern.regex(#"!?\[([^\]]*)\]\([^)]*\)"#)

    /// The line as plain text (with its heading level), or nil when it has no Markdown in it.
    static func line(_ line: String) -> (text: String, headingLevel: Int?)? {
        let lead = line.drop { $0 == " " || $0 == "\t" }
        guard let c = lead.first else { return nil }
        let startsMarkdown = c == "#" || c == ">" || ((c == "*" || c == "+") && lead.dropFirst().first == " ")
        // One pass over the bytes: most lines have none of "|", "*", "_", "\\", "]".
        guard
            startsMarkdown
                || line.utf8.contains(where: {
                    $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "\\")
                        || $0 == UInt8(ascii: "]")
                })
        else { return nil }
        guard
            startsMarkdown || line.contains("|") || line.contains("**") || line.contains("__") || line.contains("\\") || line.contains("](")
        else { return nil }
        var text = line
        var level: Int?
        if let g = heading.groups(text) {
            level = g[1].count
            text = g[2]
        }
        let t = text.trimmed
        if t.hasPrefix(">") { text = String(t.dropFirst()).trimmed }
        // Bullets "* item" / "+ item" as the letters write them: "- item".
        if let first = text.drop(while: { $0 == " " }).first, first == "*" || first == "+",
            let r = text.range(ofPattern: #"^\s*[*+]\s+"#)
        {
            text = "- " + text[r.upperBound...]
        }
        text = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        // Table rows: cells between "|" become tab-separated, as in text from Word.
        if text.trimmed.hasPrefix("|") || text.filter({ $0 == "|" }).count >= 2 {
            var cells = text.trimmed.components(separatedBy: "|").map { $0.trimmed }
            if cells.first == "" { cells.removeFirst() }
            if cells.last == "" { cells.removeLast() }
            // A row of dashes (the header ruler) is dropped by the caller as a ruler.
            text = cells.joined(separator: "\t")
            if cells.allSatisfy({ $0.allSatisfy { "-:| ".contains($0) } }) { text = "" }
        }
        text = link.stringByReplacingMatches(
            in: text, range: NSRange(location: 0, length: (text as NSString).length), withTemplate: "$1")
        text = escape.stringByReplacingMatches(
            in: text, range: NSRange(location: 0, length: (text as NSString).length), withTemplate: "$1")
        return (text, level)
    }
}

/// Page headers and footers that `pdftotext -layout` repeats on every page.
enum PageFurniture {
    /// Line numbers (1-based) of lines that stand at the top or foot of two or more pages with
    /// the same text (digits aside: "Side 2 av 5"). Needs form feeds to know the pages.
    static func lines(in raw: [Substring]) -> Set<Int> {
        guard raw.contains(where: { $0.utf8.contains(0x0C) }) else { return [] }
        var pages: [[Int]] = [[]]
        for (i, line) in raw.enumerated() {
            if line.utf8.contains(0x0C) && !(pages.last?.isEmpty ?? true) { pages.append([]) }
            pages[pages.count - 1].append(i)
        }
        guard pages.count >= 2 else { return [] }
        func key(_ i: Int) -> String {
            let t = raw[i].replacingOccurrences(of: "\u{000C}", with: "").lowered
            return NorwegianText.collapse(String(t.map { $0.isNumber ? "#" : $0 }))
        }
        var edges: [String: Set<Int>] = [:]  // key → pages where it stands at an edge
        var candidates: [(Int, String)] = []
        for (p, page) in pages.enumerated() {
            let nonBlank = page.filter { !key($0).isEmpty }
            for i in Array(nonBlank.prefix(2)) + Array(nonBlank.suffix(2)) {
                let k = key(i)
                guard k.count >= 4 else { continue }
                edges[k, default: []].insert(p)
                candidates.append((i, k))
            }
        }
        let needed = max(2, (pages.count + 1) / 2)
        return Set(candidates.filter { (edges[$0.1]?.count ?? 0) >= needed }.map { $0.0 + 1 })
    }
}

/// Words hyphenated at line ends ("kompetanse-" / "kartlegging") joined again on the first line.
enum Hyphenation {
    static func join(_ lines: inout [SourceLine]) {
        guard lines.count > 1 else { return }
        for k in 0..<(lines.count - 1) {
            let t = lines[k].trimmed
            guard t.hasSuffix("-"), !t.hasSuffix(" -"), !t.hasSuffix("--") else { continue }
            let word = t.dropLast().split(separator: " ").last.map(String.init) ?? ""
            // Only a lower-case word of three letters or more ("e-" and "covid-19-" stay).
            guard word.count >= 3, word.allSatisfy({ $0.isLetter && $0.isLowercase }) else { continue }
            guard let n = lines[(k + 1)...].firstIndex(where: { !$0.isBlank }), n == k + 1 else { continue }
            let next = lines[n].trimmed
            guard let first = next.split(separator: " ").first, let c = first.first, c.isLowercase else { continue }
            // "arbeids- og inkluderings…": a suspended compound, not a break.
            if ["og", "eller", "samt", "som"].contains(String(first)) { continue }
            let rest = String(next.dropFirst(first.count)).trimmed
            var piece = String(first)
            // Punctuation after the word stays with it.
            if let last = piece.last, ",.;:".contains(last), piece.count > 1 {
                piece = String(piece.dropLast())
                lines[k] = SourceLine(
                    text: String(t.dropLast()) + piece + String(last), number: lines[k].number, headingLevel: lines[k].headingLevel)
            } else {
                lines[k] = SourceLine(text: String(t.dropLast()) + piece, number: lines[k].number, headingLevel: lines[k].headingLevel)
            }
            lines[n] = SourceLine(text: rest, number: lines[n].number, headingLevel: lines[n].headingLevel)
        }
    }
}
