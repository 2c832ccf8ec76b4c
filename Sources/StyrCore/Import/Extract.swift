import Foundation

/// A row type of a register extract delivered as CSV: declared columns, a reader that checks
/// every field, and the fields to write it back. The stored form of a register is its extract.
public protocol ExtractRecord: Sendable {
    static var columns: [String] { get }
    static var required: Set<String> { get }
    /// Reads one row; the reader collects the problems (the row is dropped when there are any).
    init(reading r: inout RowReader, geography: Geography)
    /// The row's fields in `columns` order.
    var fields: [String] { get }
    /// Rows with the same key may occur once per file (nil: no uniqueness).
    var key: String? { get }
    /// The year a row belongs to: a file replaces the stored rows of the years it contains.
    /// nil: the register is delivered whole.
    var year: Int? { get }
}

extension ExtractRecord {
    public var key: String? { nil }
    public var year: Int? { nil }
}

/// Parsing, writing and merging extracts of any `ExtractRecord`.
public enum Extract {
    public static func parse<T: ExtractRecord>(_ type: T.Type, _ text: String, geography: Geography, maxRows: Int = 2_000_000) throws
        -> (rows: [T], errors: [ImportIssue])
    {
        try rows(text, columns: T.columns, required: T.required, maxRows: maxRows, key: \.key) { T(reading: &$0, geography: geography) }
    }

    /// Reads every row of a CSV text with `read`; a row with problems, or with a key seen before,
    /// is reported by its line and dropped.
    static func rows<T>(
        _ text: String, columns: [String], required: Set<String>, maxRows: Int, key: (T) -> String?, read: (inout RowReader) -> T
    ) throws -> (rows: [T], errors: [ImportIssue]) {
        let sheet = try CSVSheet(text, columns: columns, required: required, maxRows: maxRows)
        var rows: [T] = []
        var errors: [ImportIssue] = []
        var seen = Set<String>()
        for raw in sheet.rows {
            if let bad = raw.malformed {
                errors.append(bad)
                continue
            }
            var reader = RowReader(raw)
            let row = read(&reader)
            if let k = key(row), !seen.insert(k).inserted { reader.problem("\(k) står flere ganger") }
            if let issue = reader.issue {
                errors.append(issue)
            } else {
                rows.append(row)
            }
        }
        return (rows, errors)
    }

    public static func csv<T: ExtractRecord>(_ rows: [T]) -> String {
        var out = T.columns.joined(separator: ";") + "\n"
        out.reserveCapacity(rows.count * 16 * T.columns.count)
        for r in rows {
            for (i, f) in r.fields.enumerated() {
                if i > 0 { out += ";" }
                out += quoted(f)
            }
            out += "\n"
        }
        return out
    }

    static func quoted(_ s: String) -> String { CSVCell.quoted(s) }

    /// The stored rows with the years `new` contains replaced by `new`'s rows (all of them when
    /// the register is delivered whole).
    public static func merge<T: ExtractRecord>(stored: [T], new: [T]) -> [T] {
        let years = Set(new.compactMap(\.year))
        guard !years.isEmpty else { return new }
        return stored.filter { !years.contains($0.year ?? -1) } + new
    }

    static func day(_ d: Int?) -> String { d.map { CivilDate(dayNumber: $0).iso } ?? "" }
}
