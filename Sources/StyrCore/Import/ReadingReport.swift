import Foundation

/// How honestly a letter was read: every non-blank line of the source is either placed in the
/// model, kept as prose under a known section, or listed here as not understood (with its line
/// number). Amounts, dates and assignment numbers that could not be placed are listed, never
/// dropped; impossible dates are warnings.
public struct ReadingReport: Codable, Sendable, Equatable {
    /// A source line the importer did not understand, with the reason.
    public struct Line: Codable, Sendable, Equatable {
        public var line: Int
        public var text: String
        public var reason: String
        public init(line: Int, text: String, reason: String) {
            self.line = line
            self.text = text
            self.reason = reason
        }
    }

    /// A warning about the reading (impossible date, sum that does not add up, …).
    public struct Warning: Codable, Sendable, Equatable {
        public var line: Int?
        public var message: String
        public init(line: Int?, message: String) {
            self.line = line
            self.message = message
        }

        enum CodingKeys: String, CodingKey { case line, message }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(line, forKey: .line)
            try c.encode(message, forKey: .message)
        }
    }

    /// Share of the non-blank lines accounted for (placed or kept as prose), 0…1.
    public var coverage: Double
    public var notUnderstood: [Line]
    public var warnings: [Warning]
    /// Non-blank lines in the source, and how many of them were placed in the model.
    public var lines: Int
    public var placed: Int
    /// Fields the letter's kind requires that were not found («mottaker», «utsteder», «dato», «år»,
    /// «nummer»): the title line is then listed too, so the reading is never complete without them.
    public var missing: [String] = []
    /// Required fields the letter does not state at all (no date in its head, no ministry's name
    /// standing alone): reported, but not held against the reading.
    public var absent: [String] = []

    public init(coverage: Double, notUnderstood: [Line], warnings: [Warning], lines: Int = 0, placed: Int = 0) {
        self.coverage = coverage
        self.notUnderstood = notUnderstood
        self.warnings = warnings
        self.lines = lines
        self.placed = placed
    }

    enum CodingKeys: String, CodingKey { case coverage, notUnderstood, warnings, lines, placed, missing, absent }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        coverage = try c.decode(Double.self, forKey: .coverage)
        notUnderstood = try c.decode([Line].self, forKey: .notUnderstood)
        warnings = try c.decode([Warning].self, forKey: .warnings)
        lines = try c.decodeIfPresent(Int.self, forKey: .lines) ?? 0
        placed = try c.decodeIfPresent(Int.self, forKey: .placed) ?? 0
        missing = try c.decodeIfPresent([String].self, forKey: .missing) ?? []
        absent = try c.decodeIfPresent([String].self, forKey: .absent) ?? []
    }

    /// A report for a document that did not come from text (a JSON export): nothing to list.
    public static let notFromText = ReadingReport(coverage: 1, notUnderstood: [], warnings: [])

    /// «Alt ble forstått» only when nothing is listed.
    public var everythingUnderstood: Bool { notUnderstood.isEmpty && missing.isEmpty }

    /// One line in bokmål for the command line and the web page.
    public var summary: String {
        let percent = String(format: "%.1f", coverage * 100).replacingOccurrences(of: ".", with: ",")
        if everythingUnderstood { return "Alt ble forstått (\(lines) linjer, dekning \(percent) %)." }
        return "\(notUnderstood.count) av \(lines) linjer ble ikke forstått (dekning \(percent) %)."
    }
}

/// What became of one source line.
enum LineUse: Int, Comparable {
    /// Kept as prose under a known section (the section is in the model, the text is not).
    case prose = 1
    /// Taken into the model as a value (heading, goal, deadline, table row …).
    case placed = 2
    /// Taken into the model as text (an assignment's description, a fullmakt, a meeting …):
    /// the amounts and dates in it are kept with that text.
    case stored = 3

    static func < (a: LineUse, b: LineUse) -> Bool { a.rawValue < b.rawValue }
}

/// Dates that cannot exist ("31.06.2021", "31. februar", "30. februar 2024").
enum ImpossibleDates {
    private static let numeric = Pattern.regex(#"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"#)
    private static let long = Pattern.regex(
        #"(?<![\d.])(\d{1,2})\.\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)(?:\s+(\d{4}))?"#,
        [.caseInsensitive])

    /// The impossible dates written in the text, as written.
    static func find(in text: String, year: Int?) -> [String] {
        // Only a digit followed by "." can start a date.
        var candidate = false
        var previousIsDigit = false
        for b in text.utf8 {
            if b == UInt8(ascii: "."), previousIsDigit {
                candidate = true
                break
            }
            previousIsDigit = b >= 0x30 && b <= 0x39
        }
        guard candidate else { return [] }
        var out: [String] = []
        for g in numeric.allGroups(text) {
            guard let d = Int(g[1]), let m = Int(g[2]), let y = Int(g[3]) else { continue }
            if m < 1 || m > 12 || d < 1 || d > CivilDate.daysIn(year: y, month: max(1, min(12, m))) { out.append(g[0]) }
        }
        for g in long.allGroups(text) {
            guard let d = Int(g[1]), let m = NorwegianText.months[g[2].lowered] else { continue }
            // Without a year, 29 February is possible in some year; 30 and 31 never.
            let y = Int(g[3]) ?? 2024
            if d < 1 || d > CivilDate.daysIn(year: y, month: m) { out.append(g[0]) }
        }
        return out
    }
}
