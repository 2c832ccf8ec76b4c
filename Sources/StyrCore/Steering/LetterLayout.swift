import Foundation

/// A letter's text laid out as the letter is printed: its numbered sections as headings (with an
/// anchor each), goals, steering parameters and assignments as subheadings, tab-separated rows as
/// tables, dash lines as lists and the rest as paragraphs. Markup a converter left in the text
/// (`<p>`, `**`) is taken out; nothing is lost or added.
public enum LetterLayout {
    public struct Block: Sendable, Equatable, Encodable {
        /// "title", "h2", "h3", "h4", "p", "list", "table".
        public var kind: String
        public var text: String
        public var anchor: String?
        public var items: [String]
        public var rows: [[String]]

        init(kind: String, text: String = "", anchor: String? = nil, items: [String] = [], rows: [[String]] = []) {
            self.kind = kind
            self.text = text
            self.anchor = anchor
            self.items = items
            self.rows = rows
        }
    }

    public static func blocks(text: String, sections: [Section]) -> [Block] {
        let headings = Dictionary(sections.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
        var out: [Block] = []
        var titled = false
        func append(row cells: [String]) {
            if out.last?.kind == "table" { out[out.count - 1].rows.append(cells) } else { out.append(Block(kind: "table", rows: [cells])) }
        }
        func append(item: String) {
            if out.last?.kind == "list" { out[out.count - 1].items.append(item) } else { out.append(Block(kind: "list", items: [item])) }
        }
        for (i, raw) in lines.enumerated() {
            let line = clean(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if let s = headings[i + 1] {
                let depth = (s.number ?? "").split(separator: ".").filter { !$0.isEmpty }.count
                let text = [s.number.map { $0.hasSuffix(".") ? $0 : $0 + "." }, s.title].compactMap { $0 }.joined(separator: " ")
                out.append(Block(kind: depth > 1 ? "h3" : "h2", text: text, anchor: anchor(s)))
                continue
            }
            if !titled && trimmed.lowercased().contains("tildelingsbrev") || !titled && out.isEmpty && trimmed.count < 160 {
                out.append(Block(kind: "title", text: collapse(trimmed)))
                titled = true
                continue
            }
            if LetterDraft.isSeparator(trimmed) { continue }
            let upper = trimmed.uppercased()
            if upper.hasPrefix("MÅL ") || upper.hasPrefix("MÅL\t") || upper.hasPrefix("STYRINGSPARAMETER") || upper.hasPrefix("OPPDRAG NR")
            {
                out.append(Block(kind: upper.hasPrefix("OPPDRAG") ? "h4" : "h3", text: collapse(trimmed)))
                continue
            }
            if trimmed.contains("\t") {
                let cells = trimmed.components(separatedBy: "\t").map { collapse($0) }
                if cells.filter({ !$0.isEmpty }).count >= 2 {
                    append(row: cells)
                    continue
                }
            }
            if let r = trimmed.range(of: #"^([-•–*]|\d+\.|[a-z]\))\s+"#, options: .regularExpression), trimmed.count > 3 {
                let marker = trimmed[r].trimmingCharacters(in: .whitespaces)
                append(item: (["-", "•", "–", "*"].contains(marker) ? "" : marker + " ") + collapse(String(trimmed[r.upperBound...])))
                continue
            }
            out.append(Block(kind: "p", text: collapse(trimmed)))
        }
        return out
    }

    /// The anchor of a section on the letter page ("s-4-3").
    public static func anchor(_ s: Section) -> String {
        let key = (s.number ?? s.title).lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }
            .joined()
        return "s-" + key.split(separator: "-").joined(separator: "-")
    }

    /// Takes out the HTML and Markdown a converter left: `<p>`, `</p>`, `<ul …>`, `**`, `*`.
    static func clean(_ line: String) -> String {
        var s = line.replacingOccurrences(of: #"</?(p|ul|li|i|b|em|strong|br)( [^>]*)?/?>"#, with: " ", options: .regularExpression)
        s = s.replacingOccurrences(of: "**", with: "")
        return s
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
