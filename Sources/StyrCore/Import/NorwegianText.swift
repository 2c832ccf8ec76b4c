import Foundation

/// Parsing of the Norwegian conventions used in steering documents:
/// dates ("20. august 2021", "1.8.2020"), amounts ("6 035,13" mill. kroner) and assignment ids.
public enum NorwegianText {
    static let months: [String: Int] = [
        "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
        "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
    ]

    /// Month names in bokmål, 1-based.
    public static let monthNames = [
        "", "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "desember",
    ]

    /// Formats an ISO date as "20. august 2021".
    public static func longDate(_ iso: String) -> String {
        guard let d = CivilDate(iso: iso) else { return iso }
        return "\(d.day). \(monthNames[d.month]) \(d.year)"
    }

    /// Formats an ISO date as "20.08.2021".
    public static func shortDate(_ iso: String) -> String {
        guard let d = CivilDate(iso: iso) else { return iso }
        return String(format: "%02d.%02d.%04d", d.day, d.month, d.year)
    }

    private static let longDateRegex = try! NSRegularExpression(
        pattern: #"(?<![\d.])(\d{1,2})\.\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s+(\d{4})"#,
        options: [.caseInsensitive])
    private static let numericDateRegex = try! NSRegularExpression(
        pattern: #"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"#)
    private static let monthYearRegex = try! NSRegularExpression(
        pattern: #"(?<![\wæøå])(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s+(\d{4})"#,
        options: [.caseInsensitive])

    /// Dates that are deadlines: not those that name a document ("brev av 7.12.2020").
    public static func deadlineDates(in text: String) -> [String] {
        let ns = text as NSString
        let range = NSRange(location: 0, length: ns.length)
        var found: [(Int, String)] = []
        for m in longDateRegex.matches(in: text, range: range) + numericDateRegex.matches(in: text, range: range) {
            let before = ns.substring(to: m.range.location).lowered.trimmed
            if [" av", " datert", " fra", " den", " gitt", "jf."].contains(where: { before.hasSuffix($0) }) { continue }
            if let iso = dates(in: ns.substring(with: m.range)).first { found.append((m.range.location, iso)) }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// All full dates found in the text, in order, as ISO strings.
    public static func dates(in text: String) -> [String] {
        var found: [(Int, String)] = []
        let ns = text as NSString
        let range = NSRange(location: 0, length: ns.length)
        for m in longDateRegex.matches(in: text, range: range) {
            let day = Int(ns.substring(with: m.range(at: 1)))!
            let month = months[ns.substring(with: m.range(at: 2)).lowered]!
            let year = Int(ns.substring(with: m.range(at: 3)))!
            if let d = CivilDate(year: year, month: month, day: day) { found.append((m.range.location, d.iso)) }
        }
        for m in numericDateRegex.matches(in: text, range: range) {
            let day = Int(ns.substring(with: m.range(at: 1)))!
            let month = Int(ns.substring(with: m.range(at: 2)))!
            let year = Int(ns.substring(with: m.range(at: 3)))!
            if let d = CivilDate(year: year, month: month, day: day) { found.append((m.range.location, d.iso)) }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private static let dayMonthRegex = try! NSRegularExpression(
        pattern:
            #"(?<![\d.])(\d{1,2})\.\s*(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)(?!\s+\d{4})"#,
        options: [.caseInsensitive])

    /// "innen 15. mars" in a letter for `year` → that date in `year`.
    public static func dayMonth(in text: String, year: Int) -> String? {
        guard let g = dayMonthRegex.groups(text), let day = Int(g[1]), let month = months[g[2].lowered] else {
            return nil
        }
        return CivilDate(year: year, month: month, day: day)?.iso
    }

    /// Every «12. mars» without a year in the text, in `year`, in order.
    public static func dayMonths(in text: String, year: Int) -> [String] {
        dayMonthRegex.allGroups(text).compactMap { g in
            guard let day = Int(g[1]), let month = months[g[2].lowered] else { return nil }
            return CivilDate(year: year, month: month, day: day)?.iso
        }
    }

    /// Where each full date or month-year starts in the text (UTF-16 offsets), in order.
    public static func dateStarts(in text: String) -> [Int] {
        let range = NSRange(location: 0, length: (text as NSString).length)
        var starts = longDateRegex.matches(in: text, range: range).map(\.range.location)
        starts += numericDateRegex.matches(in: text, range: range).map(\.range.location)
        starts += monthYearRegex.matches(in: text, range: range).map(\.range.location)
        return starts.sorted()
    }

    /// The first full date in the text.
    public static func firstDate(in text: String) -> String? { dates(in: text).first }

    /// "Desember 2021" → (2021, 12) when the text names a month without a day.
    public static func monthYear(in text: String) -> (year: Int, month: Int)? {
        let ns = text as NSString
        guard let m = monthYearRegex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length))
        else { return nil }
        // Reject when the month is preceded by a day number ("1. juli 2021").
        let before = ns.substring(to: m.range.location).trimmed
        if let last = before.last, last == "." || last.isNumber { return nil }
        return (Int(ns.substring(with: m.range(at: 2)))!, months[ns.substring(with: m.range(at: 1)).lowered]!)
    }

    /// Parses a deadline text into a typed deadline, keeping the text.
    public static func deadline(_ raw: String, label: String? = nil, parts: [String] = [], year: Int? = nil) -> Deadline {
        let text = collapse(raw)
        let lower = text.lowered
        if let iso = deadlineDates(in: text).first ?? year.flatMap({ dayMonth(in: text, year: $0) }) {
            return Deadline(date: iso, text: text, kind: .date, label: label, parts: parts, frequency: frequency(lower))
        }
        if let freq = frequency(lower) {
            return Deadline(date: nil, text: text, kind: .recurring, label: label, parts: parts, frequency: freq)
        }
        if let my = monthYear(in: text) {
            let last = CivilDate.lastDay(year: my.year, month: my.month)
            return Deadline(date: last.iso, text: text, kind: .month, label: label, parts: parts)
        }
        if let end = periodEnd(lower, year: year) {
            return Deadline(date: end, text: text, kind: .month, label: label, parts: parts)
        }
        if lower.hasPrefix("løpende") || lower == "fortløpende" || lower.contains("løpende") && text.count < 60 {
            return Deadline(date: nil, text: text, kind: .continuous, label: label, parts: parts)
        }
        return Deadline(date: nil, text: text, kind: .text, label: label ?? reportLabel(lower), parts: parts)
    }

    private static let periodRegex = try! NSRegularExpression(
        pattern:
            #"(?:utgangen\s+av|slutten\s+av|løpet\s+av)\s+(?:(\d)\.|(første|andre|tredje))\s+(tertial|kvartal|halvår)|(?:utgangen\s+av|slutten\s+av)\s+(året|(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember))"#,
        options: [.caseInsensitive])

    /// «innen utgangen av 2. tertial» → the period's last day in `year` (tertial, kvartal, halvår,
    /// «året», a month), or nil.
    static func periodEnd(_ lower: String, year: Int?) -> String? {
        guard let year, let g = periodRegex.groups(lower) else { return nil }
        let ordinals = ["første": 1, "andre": 2, "tredje": 3]
        if !g[3].isEmpty {
            guard let n = Int(g[1]) ?? ordinals[g[2]] else { return nil }
            let months = ["tertial": 4, "kvartal": 3, "halvår": 6][g[3]] ?? 0
            guard n >= 1, n * months <= 12 else { return nil }
            return CivilDate.lastDay(year: year, month: n * months).iso
        }
        if g[4] == "året" { return CivilDate.lastDay(year: year, month: 12).iso }
        guard let m = months[g[5]] else { return nil }
        return CivilDate.lastDay(year: year, month: m).iso
    }

    /// «i forbindelse med årsrapporten» → "årsrapport" (the report a text deadline follows).
    static func reportLabel(_ lower: String) -> String? {
        if lower.contains("halvårsrapport") { return "halvårsrapport" }
        if lower.contains("årsrapport") { return "årsrapport" }
        if lower.contains("tertialrapport") { return "tertialrapport" }
        return nil
    }

    /// A deadline given as words in an assignment's prose (no date in it): «… i forbindelse med
    /// årsrapporten», «… inngår i halvårsrapporten», «… rapporteres løpende», «innen utgangen av
    /// 2. tertial». Nil when the sentence states no such deadline.
    public static func textDeadline(in sentence: String, year: Int?) -> Deadline? {
        let lower = sentence.lowered
        let cues = [
            "i forbindelse med årsrapport", "i forbindelse med halvårsrapport", "i forbindelse med tertialrapport",
            "inngår i årsrapport", "inngår i halvårsrapport", "rapporteres i årsrapport", "rapporteres i halvårsrapport",
            "rapportere i årsrapport", "rapportere i halvårsrapport", "rapporteres løpende", "rapportere løpende",
            "leveres løpende", "utgangen av", "i løpet av første", "i løpet av andre",
        ]
        guard cues.contains(where: { lower.contains($0) }) else { return nil }
        var d = deadline(sentence, year: year)
        if d.kind == .text, d.label == nil { return nil }
        if lower.contains("løpende") && d.kind == .text && d.label == nil { d.kind = .continuous }
        return d
    }

    static func frequency(_ lower: String) -> String? {
        if lower.contains("månedlig") || lower.contains("hver måned") { return "monthly" }
        if lower.contains("hvert kvartal") || lower.contains("kvartalsvis") { return "quarterly" }
        if lower.contains("hvert tertial") || lower.contains("tertialvis") || lower.contains("per tertial") { return "tertial" }
        if lower.contains("hvert år") || lower.contains("årlig") { return "yearly" }
        return nil
    }

    /// Collapses runs of white space (incl. tabs and no-break spaces) into one space.
    public static func collapse(_ s: String) -> String {
        // UTF-8 bytes into one buffer: appending scalars to a string one by one was the importer's
        // hottest spot. Only the lead bytes of multi-byte white space (C2, E1, E2, E3) are decoded.
        var copy = s
        return copy.withUTF8 { u -> String in
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            var space = false
            var i = 0
            while i < u.count {
                let b = u[i]
                let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                let end = min(i + length, u.count)
                let isSpace: Bool
                switch b {
                case 0x20, 0x09...0x0D: isSpace = true
                case 0xC2, 0xE1, 0xE2, 0xE3: isSpace = whitespaceScalar(u[i..<end])
                default: isSpace = false
                }
                if isSpace {
                    space = true
                } else {
                    if space && !out.isEmpty { out.append(0x20) }
                    space = false
                    if length == 1 { out.append(b) } else { for k in i..<end { out.append(u[k]) } }
                }
                i = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether the UTF-8 bytes of one scalar are white space (no-break and thin spaces among them).
    private static func whitespaceScalar(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var value: UInt32 = 0
        for (n, b) in bytes.enumerated() { value = n == 0 ? UInt32(b) & (bytes.count == 2 ? 0x1F : 0x0F) : value << 6 | UInt32(b & 0x3F) }
        return Unicode.Scalar(value)?.properties.isWhitespace ?? false
    }

    /// Parses a number written the Norwegian way ("6 035,13", "291 156 000", "0,464").
    public static func number(_ raw: String) -> Decimal? {
        var digits = ""
        for ch in raw {
            if ch.isNumber {
                digits.append(ch)
            } else if ch == "," || ch == "." {
                digits.append(".")
            } else if ch.isWhitespace {
                continue
            } else if ch == "-" || ch == "−" || ch == "–" {
                if digits.isEmpty { digits.append("-") } else { return nil }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty, digits.filter({ $0 == "." }).count <= 1 else { return nil }
        return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Millions of kroner written with decimal comma → whole kroner.
    public static func millionsToNOK(_ raw: String) -> Int? {
        guard let d = number(raw) else { return nil }
        return roundedInt(d * 1_000_000)
    }

    public static func roundedInt(_ d: Decimal) -> Int {
        var value = d
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return NSDecimalNumber(decimal: result).intValue
    }

    /// An amount: the currency before («kr 1 500 000», «NOK 2,5 mill.») or after the number, or a
    /// unit of millions or billions.
    private static let amountRegex = try! NSRegularExpression(
        pattern:
            #"(?:\b(kr\.?|nok)\s?)?(\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+|\d+)(?:,(\d+))?\s*(mill(?:\.|ioner|iard(?:er)?)?|mrd\.?)?\s*(kroner|kr\.?)?"#,
        options: [.caseInsensitive])

    /// One amount as written: its value, decimals, unit (mill., mrd.) and whether kroner are named.
    private struct AmountMatch {
        let value: Decimal
        let decimals: Int
        let unit: String?
        let kroner: Bool

        var billions: Bool { unit.map { $0.hasPrefix("mrd") || $0.hasPrefix("milliard") } ?? false }
        /// In kroner, when the text says it is an amount (a unit or the currency named).
        var nok: Int? {
            if unit != nil { return roundedInt(value * (billions ? 1_000_000_000 : 1_000_000)) }
            return kroner ? roundedInt(value) : nil
        }
    }

    private static func amountMatches(in text: String) -> [AmountMatch] {
        let ns = text as NSString
        return amountRegex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            func group(_ k: Int) -> String? { m.range(at: k).location == NSNotFound ? nil : ns.substring(with: m.range(at: k)) }
            let whole = group(2) ?? ""
            let frac = group(3)
            guard let value = number(frac.map { "\(whole),\($0)" } ?? whole) else { return nil }
            return AmountMatch(
                value: value, decimals: frac?.count ?? 0, unit: group(4)?.lowered, kroner: group(1) != nil || group(5) != nil)
        }
    }

    /// The first amount in kroner in a phrase such as "økes med 2,4 mill. kroner" or "9 mill.".
    /// Plain numbers count only with the currency named ("kroner", "kr 1 500 000").
    public static func firstAmountNOK(in text: String) -> Int? {
        amountMatches(in: text).lazy.compactMap(\.nok).first
    }

    /// Every amount in kroner in the text ("2,4 mill. kroner", "250 000 kroner", "1,2 mrd. kroner").
    public static func amountsNOK(in text: String) -> [Int] { amountsWithPrecision(in: text).map(\.nok) }

    /// Amounts with the rounding their writing allows: "230,4 mill." is 230 350 000…230 450 000.
    static func amountsWithPrecision(in text: String) -> [(nok: Int, tolerance: Int)] {
        amountMatches(in: text).compactMap { a in
            guard let nok = a.nok else { return nil }
            guard a.unit != nil else { return (nok, 0) }
            return (nok, Int(0.5 * pow(10.0, Double((a.billions ? 9 : 6) - a.decimals))))
        }
    }

    private static let prefixedIdRegex = try! NSRegularExpression(
        pattern: #"^\s*(?:ID\s*:?\s*|Oppdrag\s+(?:nr\.?\s*)?)?([A-ZÆØÅ]{1,4})?\s*((?:19|20)\d{2})\s*[-–—]\s*(\d{1,3})(?!\d)"#,
        options: [.caseInsensitive])

    /// An assignment number as written, white space removed: "TB 2026-67" → "TB2026-67",
    /// "ID: 2026-01" → "2026-01", "2021- 4" → "2021-04" (plain numbers keep two digits).
    public static func assignmentId(_ raw: String) -> String? {
        let bare = raw.trimmed
        if !bare.isEmpty, bare.count <= 3, bare.allSatisfy(\.isNumber) { return bare }  // "Oppdrag 3"
        if bare.count == 1, let c = bare.first, c.isLetter, c.isLowercase { return bare }  // "a)" in a list
        if bare.count <= 7, bare.range(ofPattern: #"^[A-ZÆØÅ]{1,3}[-–]\d{1,3}$"#) != nil {  // "O-3" in a list
            return bare.replacingOccurrences(of: "–", with: "-")
        }
        guard let g = prefixedIdRegex.groups(raw) else { return normalizeAssignmentId(raw) }
        let prefix = g[1].uppercased()
        if prefix.isEmpty || prefix == "NR" { return normalizeAssignmentId("\(g[2])-\(g[3])") }
        return "\(prefix)\(g[2])-\(g[3])"
    }

    private static let idRegex = try! NSRegularExpression(
        pattern: #"(?<!\d)(20\d{2}|19\d{2})\s*[-–—]\s*(\d{1,3})(?!\d)|(?<!\d)(\d{1,2})/(\d{4})(?!\d)"#)

    /// Normalises an assignment id: "2021- 05" → "2021-05", "2020 – 016" → "2020-016", "08/2019" kept.
    public static func normalizeAssignmentId(_ raw: String) -> String? {
        let ns = raw as NSString
        guard let m = idRegex.firstMatch(in: raw, range: NSRange(location: 0, length: ns.length)) else {
            return nil
        }
        if m.range(at: 1).location != NSNotFound {
            var num = ns.substring(with: m.range(at: 2))
            if num.count == 1 { num = "0" + num }
            return "\(ns.substring(with: m.range(at: 1)))-\(num)"
        }
        return "\(ns.substring(with: m.range(at: 3)))/\(ns.substring(with: m.range(at: 4)))"
    }

    /// Every assignment id mentioned in the text, normalised, in order.
    public static func assignmentIds(in text: String) -> [String] {
        let ns = text as NSString
        return idRegex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap {
            normalizeAssignmentId(ns.substring(with: $0.range))
        }
    }
}
