import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The first sheet of an `.xlsx` download, as the semicolon text the other readers take: shared
/// and inline strings, numbers, booleans, empty cells kept in their columns (cell references),
/// and merged cells (a theme spanning several year columns) repeated over their span (not one
/// beginning in the first column: a title). The archive
/// is unpacked by the caller (the app, with the size guard of the DOCX reader); this reads the
/// XML parts with Foundation's `XMLParser`.
public enum XLSXSheet {
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The archive path of the first sheet: the first `<sheet>` of `xl/workbook.xml`, its target
    /// in `xl/_rels/workbook.xml.rels`; `xl/worksheets/sheet1.xml` when either is missing.
    public static func firstSheetPath(workbook: Data?, rels: Data?) -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook, let rels else { return fallback }
        let sheets = elements(named: "sheet", in: workbook)
        guard let id = sheets.first?["r:id"] ?? sheets.first?.first(where: { $0.key.hasSuffix(":id") })?.value else { return fallback }
        guard let target = elements(named: "Relationship", in: rels).first(where: { $0["Id"] == id })?["Target"] else {
            return fallback
        }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }

    /// The strings of `xl/sharedStrings.xml` in order (rich text runs joined, phonetic hints left out).
    public static func sharedStrings(_ data: Data) throws -> [String] {
        let reader = SharedStringsReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else { throw ReadError(description: "xl/sharedStrings.xml kan ikke leses (skadet fil?)") }
        return reader.strings
    }

    /// The sheet as lines of `;`-separated cells (quoted when a cell holds `;`, `"` or a line break).
    public static func text(sheet: Data, sharedStrings: [String]) throws -> String {
        let reader = SheetReader(shared: sharedStrings)
        let parser = XMLParser(data: sheet)
        parser.delegate = reader
        guard parser.parse() else { throw ReadError(description: "Arket kan ikke leses (skadet fil?)") }
        if let bad = reader.error { throw ReadError(description: bad) }
        var rows = reader.rows
        // A merged range shows its first cell's value in every cell of the range (a theme over
        // its year columns); one that begins in the first column is a title or a note, left as
        // it is written.
        for range in reader.merges {
            guard let (top, left, bottom, right) = cellRange(range), left > 1, let value = rows[top]?[left], !value.isEmpty else {
                continue
            }
            for r in top...bottom {
                for c in left...right where rows[r]?[c]?.isEmpty ?? true { rows[r, default: [:]][c] = value }
            }
        }
        var lines: [String] = []
        let last = rows.keys.max() ?? 0
        for r in stride(from: 1, through: last, by: 1) {
            let cells = rows[r] ?? [:]
            let width = cells.filter { !$0.value.isEmpty }.keys.max() ?? 0
            lines.append((0..<width).map { quoted(cells[$0 + 1] ?? "") }.joined(separator: ";"))
        }
        return lines.joined(separator: "\n")
    }

    static func quoted(_ s: String) -> String {
        guard s.contains(";") || s.contains("\"") || s.contains("\n") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// "C12" → (row 12, column 3).
    static func cellReference(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        for b in ref.utf8 {
            switch b {
            case 0x41...0x5A: column = column * 26 + Int(b - 0x40)
            case 0x61...0x7A: column = column * 26 + Int(b - 0x60)
            case 0x30...0x39: row = row * 10 + Int(b - 0x30)
            case 0x24: continue  // "$C$12"
            default: return nil
            }
        }
        return row > 0 && column > 0 ? (row, column) : nil
    }

    /// "C1:E2" → (top 1, left 3, bottom 2, right 5).
    static func cellRange(_ ref: String) -> (Int, Int, Int, Int)? {
        let parts = ref.split(separator: ":")
        guard let a = parts.first.flatMap({ cellReference(String($0)) }) else { return nil }
        let b = parts.count > 1 ? cellReference(String(parts[1])) : a
        guard let b else { return nil }
        return (min(a.row, b.row), min(a.column, b.column), max(a.row, b.row), max(a.column, b.column))
    }

    /// A number as written in the sheet: whole numbers without a decimal part, others shortest.
    static func number(_ raw: String) -> String {
        guard let v = Double(raw) else { return raw }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }

    /// The attributes of every element with a (local) name.
    private static func elements(named name: String, in data: Data) -> [[String: String]] {
        let reader = ElementReader(name: name)
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader.found
    }

    private final class ElementReader: NSObject, XMLParserDelegate {
        let name: String
        var found: [[String: String]] = []
        init(name: String) { self.name = name }
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            if elementName == name || elementName.hasSuffix(":" + name) { found.append(attributeDict) }
        }
    }

    private final class SharedStringsReader: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            switch elementName {
            case "si": current = ""
            case "rPh": phonetic += 1
            case "t": inText = phonetic == 0
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            switch elementName {
            case "si": strings.append(current)
            case "rPh": phonetic -= 1
            case "t": inText = false
            default: break
            }
        }
    }

    private final class SheetReader: NSObject, XMLParserDelegate {
        let shared: [String]
        var rows: [Int: [Int: String]] = [:]
        var merges: [String] = []
        var error: String?
        var row = 0
        var column = 0
        var type = ""
        var value = ""
        var inValue = false
        init(shared: [String]) { self.shared = shared }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            switch elementName {
            case "row":
                row = attributeDict["r"].flatMap(Int.init) ?? row + 1
                column = 0
            case "c":
                if let r = attributeDict["r"], let ref = XLSXSheet.cellReference(r) {
                    column = ref.column
                } else {
                    column += 1
                }
                type = attributeDict["t"] ?? "n"
                value = ""
            case "v", "t": inValue = true
            case "mergeCell": if let ref = attributeDict["ref"] { merges.append(ref) }
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { value += string } }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            switch elementName {
            case "v", "t": inValue = false
            case "c":
                let text: String
                switch type {
                case "s":
                    guard let i = Int(value), shared.indices.contains(i) else {
                        if error == nil { error = "Celle i rad \(row), kolonne \(column) viser til en delt tekst som ikke finnes." }
                        return
                    }
                    text = shared[i]
                case "b": text = value == "1" ? "SANN" : "USANN"
                case "n": text = value.isEmpty ? "" : XLSXSheet.number(value)
                default: text = value  // inlineStr, str (a formula's text), e (an error such as #N/A)
                }
                rows[row, default: [:]][column] = text
            default: break
            }
        }
    }
}
