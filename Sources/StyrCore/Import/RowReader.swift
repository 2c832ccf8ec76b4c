/// Reads typed fields from one CSV row and collects every problem with the field's name, so a
/// row is reported once with all its faults ("linje 7: kjonn må være m eller k; …").
public struct RowReader {
    public let row: CSVSheet.Row
    public private(set) var problems: [String] = []

    public init(_ row: CSVSheet.Row) { self.row = row }

    public subscript(_ column: String) -> String { row[column] }

    public mutating func problem(_ text: String) { problems.append(text) }

    /// A required non-empty text of at most `max` characters.
    public mutating func text(_ column: String, max: Int = 80) -> String? {
        let v = row[column]
        if v.isEmpty || v.count > max {
            problems.append(v.isEmpty ? "\(column) mangler" : "\(column) er lengre enn \(max) tegn")
            return nil
        }
        return v
    }

    /// An optional date (ISO or Norwegian); "" is nil, anything else unreadable is a problem.
    public mutating func date(_ column: String) -> Int? {
        let v = row[column]
        if v.isEmpty { return nil }
        guard let d = SettlementCSV.date(v) else {
            problems.append("\(column) «\(v)» er ikke en dato")
            return nil
        }
        return d
    }

    /// A required date.
    public mutating func requiredDate(_ column: String) -> Int? {
        if row[column].isEmpty {
            problems.append("\(column) mangler")
            return nil
        }
        return date(column)
    }

    /// A whole number in `range`; "" is nil unless `required`.
    public mutating func int(_ column: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        let v = row[column]
        if v.isEmpty && !required { return nil }
        guard let n = Int(v), range.contains(n) else {
            problems.append("\(column) «\(v)» må være et heltall \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return n
    }

    /// A code from `T`'s raw values; "" is nil unless `required`.
    public mutating func code<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type, required: Bool = true) -> T?
    where T.RawValue == String {
        let v = row[column].lowered
        if v.isEmpty && !required { return nil }
        guard let c = T(rawValue: v) else {
            problems.append("\(column) «\(row[column])» må være \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return c
    }

    /// Yes/no ("ja"/"nei", "1"/"0"); "" is no.
    public mutating func flag(_ column: String) -> Bool {
        guard let b = SettlementCSV.bool(row[column]) else {
            problems.append("\(column) må være ja eller nei")
            return false
        }
        return b
    }

    /// A municipality number known in some year's division (or 9999 when allowed).
    public mutating func kommune(_ column: String, geography: Geography, allowUnknown: Bool = false) -> String? {
        let v = row[column]
        if allowUnknown && v == Geography.unknownMunicipality { return v }
        guard v.count == 4, Int(v) != nil, !geography.currentCodes(for: v, year: 2024).isEmpty || !geography.code(v, validIn: 2024).isEmpty
        else {
            problems.append("\(column) «\(v)» er ikke et kjent kommunenummer")
            return nil
        }
        return v
    }

    /// The row's issue, or nil when every field was good.
    public var issue: ImportIssue? {
        problems.isEmpty ? nil : ImportIssue(line: row.line, message: problems.joined(separator: "; "))
    }
}
