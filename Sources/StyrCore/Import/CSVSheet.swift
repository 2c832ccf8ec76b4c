/// A CSV file read against declared columns: the header is checked once (separator `,` or `;`,
/// byte-order mark and case ignored, missing and unknown columns named), and every data row is
/// handed out with its line number.
public struct CSVSheet: Sendable {
    public let separator: Character
    public let names: [String]
    let index: [String: Int]
    let lines: [Substring]

    /// One data row; `row["kolonne"]` is the trimmed field, "" when the column is absent.
    public struct Row: Sendable {
        public let line: Int
        let fields: [String]
        let index: [String: Int]
        /// Set when the row has the wrong number of fields.
        public let malformed: ImportIssue?
        public subscript(_ column: String) -> String { index[column].map { fields[$0] } ?? "" }
        public func has(_ column: String) -> Bool { index[column] != nil }
    }

    public init(_ text: String, columns: [String], required: Set<String>, maxRows: Int? = nil) throws {
        lines = SettlementCSV.lines(text)
        guard let header = lines.first else { throw ImportError(line: 1, "Filen er tom.") }
        // The separator the header uses most: «;» (Norwegian Excel), tab, or «,».
        separator = [";", "\t", ","].max { a, b in header.filter { $0 == a }.count < header.filter { $0 == b }.count }!
        let declared = Dictionary(columns.map { (Self.columnName($0), $0) }, uniquingKeysWith: { a, _ in a })
        names = SettlementCSV.fields(header, separator: separator).map { declared[Self.columnName($0)] ?? Self.columnName($0) }
        let missing = required.subtracting(names)
        guard missing.isEmpty else {
            throw ImportError(
                line: 1, "Mangler kolonne(ne) \(missing.sorted().joined(separator: ", ")). Forventet: \(columns.joined(separator: ","))")
        }
        if let unknown = names.first(where: { !columns.contains($0) }) { throw ImportError(line: 1, "Ukjent kolonne «\(unknown)».") }
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            guard index[name] == nil else { throw ImportError(line: 1, "Kolonnen «\(name)» står to ganger.") }
            index[name] = i
        }
        self.index = index
        if let maxRows, lines.count - 1 > maxRows { throw ImportError(line: nil, "Filen har flere enn \(maxRows) rader.") }
    }

    /// A column name compared without case, byte-order mark or Norwegian letters, so that a header
    /// written «År;Måned;Beløp» finds the declared `aar`, `maaned`, `belop`.
    static func columnName(_ raw: String) -> String {
        raw.lowered.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "å", with: "aa")
            .replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "æ", with: "ae")
    }

    /// Number of lines after the header (blank ones included).
    public var dataLineCount: Int { max(lines.count - 1, 0) }

    /// The non-blank data rows, read lazily (large files are not held twice). A row with the wrong
    /// field count carries the issue in `malformed` and no fields.
    public var rows: some Sequence<Row> {
        let (names, index, separator) = (names, index, separator)
        return lines.enumerated().dropFirst().lazy.filter { !$0.element.allSatisfy(\.isWhitespace) }.map { i, raw in
            let f = SettlementCSV.fields(raw, separator: separator)
            guard f.count == names.count else {
                return Row(
                    line: i + 1, fields: [], index: [:],
                    malformed: ImportIssue(line: i + 1, message: "har \(f.count) felt, forventet \(names.count)"))
            }
            return Row(line: i + 1, fields: f, index: index, malformed: nil)
        }
    }
}
