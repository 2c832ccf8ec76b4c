import Foundation

/// Places a published region label in a year's division. Published files mix numbers: a
/// municipality that was later only renumbered carries its newer number for every year (Halden is
/// K3001 also for 2017); one merged away keeps its old number, named "… (t.o.m. 2019)".
public struct HistoryRegions: Sendable {
    let geography: Geography
    /// Municipality numbers that have a row of their own in the file.
    let ownRows: Set<String>

    public init(geography: Geography, ownRows: Set<String>) {
        self.geography = geography
        self.ownRows = ownRows
    }

    /// Reads "K3001", "K-3001", "F30", "3001", "30", "0" or "Hele landet".
    public static func parse(_ raw: String, name: String = "") -> (level: HistoryLevel, code: String)? {
        // The common label, a four-digit municipality number, without string work.
        if raw.utf8.count == 4, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), raw != "0000",
            name.utf8.count != 11 || name.lowercased() != "hele landet"
        {
            return raw == Geography.unknownMunicipality ? (.unknown, raw) : (.municipality, raw)
        }
        var s = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if s.isEmpty || s == "L" || s == "L0" || s == "0" || s == "00" || s.lowercased() == "hele landet"
            || name.lowercased() == "hele landet"
        {
            return s.isEmpty && name.isEmpty ? nil : (.country, "0")
        }
        var level: HistoryLevel?
        if s.hasPrefix("K") || s.hasPrefix("F") {
            level = s.hasPrefix("K") ? .municipality : .county
            s.removeFirst()
            if s.hasPrefix("-") { s.removeFirst() }
        }
        guard !s.isEmpty, s.allSatisfy(\.isNumber) else { return nil }
        switch (level, s.count) {
        case (.municipality, 4), (nil, 4): return s == Geography.unknownMunicipality ? (.unknown, s) : (.municipality, s)
        case (.county, 2), (nil, 2): return (.county, s)
        default: return nil
        }
    }

    /// The municipality number valid in `year`, or why there is none.
    public func municipality(_ code: String, name: String, year: Int) -> Result<String, HistoryPlacement> {
        let division = geography.division(for: year)
        if let last = Self.lastYear(name), year > last { return .failure(.notInYear(last)) }
        if division.municipality(code) != nil { return .success(code) }
        // A municipality merged away, while the one it became part of has a row of its own
        // (with its old or new number): that row holds the year's figure, not this one.
        if let merged = geography.mergedAway(code, by: year),
            ownRows.contains(where: { $0 != code && geography.continuation(of: $0, in: year) == merged.into })
        {
            return .failure(.mergedInto(merged.into, division.municipality(merged.into)?.name ?? "", merged.year))
        }
        var candidates = geography.code(code, validIn: year)
        let others = candidates.filter { !ownRows.contains($0) }
        if !others.isEmpty { candidates = others }
        if candidates.count == 1 { return .success(candidates[0]) }
        let plain = Self.plainName(name).lowercased()
        let named = candidates.filter { division.municipality($0).map { Self.plainName($0.name).lowercased() == plain } ?? false }
        if named.count == 1 { return .success(named[0]) }
        if candidates.isEmpty { return .failure(.unknown) }
        return .failure(.ambiguous(candidates))
    }

    public func county(_ code: String, year: Int) -> Bool {
        geography.division(for: year).counties.contains { $0.code == code }
    }

    /// "Rygge (t.o.m. 2019)" → "Rygge"; "Oslo - Oslove" → "Oslo".
    static func plainName(_ name: String) -> String {
        var n = name
        if let r = n.range(of: #"\s*\(t\.o\.m\.?\s*\d{4}\)"#, options: .regularExpression) { n.removeSubrange(r) }
        if let r = n.range(of: " - ") { n = String(n[..<r.lowerBound]) }
        return n.trimmingCharacters(in: .whitespaces)
    }

    /// The year in "(t.o.m. 2019)".
    static func lastYear(_ name: String) -> Int? {
        guard name.contains("t.o.m") else { return nil }
        guard let r = name.range(of: #"t\.o\.m\.?\s*\d{4}"#, options: .regularExpression) else { return nil }
        return Int(name[r].suffix(4))
    }
}

/// Why a region label could not be placed in a year.
public enum HistoryPlacement: Error, Equatable, Sendable {
    /// The municipality ended before the year (its cell should be empty).
    case notInYear(Int)
    case unknown
    case ambiguous([String])
    /// Merged into (number, name) from a year; the figure belongs on that municipality's row.
    case mergedInto(String, String, Int)

    public var message: String {
        switch self {
        case .notInYear(let y): "kommunen fantes bare til og med \(y)"
        case .unknown: "nummeret finnes ikke i kommunehistorikken"
        case .ambiguous(let c): "nummeret svarer til flere kommuner det året (\(c.joined(separator: ", ")))"
        case .mergedInto(let code, let name, let from):
            "kommunen ble slått sammen med \(name) (\(code)) fra \(from); tallet hører til på den kommunens rad"
        }
    }
}

/// A file that cannot be imported; every problem names its line and column.
public struct HistoryFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ImportIssue]
    public init(_ issues: [ImportIssue]) { self.issues = issues }
    public init(line: Int?, _ message: String) { self.issues = [ImportIssue(line: line, message: message)] }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// A plain number ("1234", "12,5", "-3", "1 234", with no-break spaces) read byte by byte,
/// without string copies; nil for anything else (read the slow way).
private func fastNumber(_ raw: String) -> Double? {
    var out: [UInt8] = []
    out.reserveCapacity(raw.utf8.count)
    var digits = 0
    var separators = 0
    var previous: UInt8 = 0
    for b in raw.utf8 {
        switch b {
        case 0x30...0x39:
            digits += 1
            out.append(b)
        case 0x2C, 0x2E:
            separators += 1
            out.append(0x2E)
        case 0x2D where out.isEmpty: out.append(b)
        case 0x20: break
        case 0xC2: break
        case 0xA0 where previous == 0xC2: break
        default: return nil
        }
        previous = b
    }
    guard digits > 0, separators <= 1, out.last != 0x2E else { return nil }
    return Double(String(decoding: out, as: UTF8.self))
}

/// Reads a published cell: a number (decimal point or comma, spaces as thousands separators),
/// ":" suppressed, "." or ".." missing; nil for an empty cell (no figure).
enum HistoryCell {
    static func read(_ raw: String) -> (value: Double?, status: HistoryStatus)?? {
        if let v = fastNumber(raw) { return (v, .exact) }
        let s = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{a0}", with: "")
        if s.isEmpty { return .some(nil) }
        if s == ":" { return (nil, .suppressed) }
        if s == "." || s == ".." || s == "…" { return (nil, .missing) }
        // "-": an exact zero (Statistics Norway's symbol).
        if s == "-" { return (0, .exact) }
        guard let v = Double(s.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")) else { return nil }
        return (v, .exact)
    }
}
