import Foundation

/// Reads downloaded files as they come: the directorate's downloads are ISO-8859-1 (Windows-1252)
/// or UTF-8 with a byte-order mark; Statistics Norway's are UTF-8.
public enum HistoryText {
    /// The text of a downloaded file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, otherwise
    /// Windows-1252 / ISO-8859-1 (every byte is a character there, so nothing is lost).
    public static func decode(_ data: Data) -> String {
        let head = [UInt8](data.prefix(3))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: data.dropFirst(3), as: UTF8.self) }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]), let s = String(data: data, encoding: .utf16) {
            return s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s
        }
        if let s = String(data: data, encoding: .utf8) { return s }
        if let s = String(data: data, encoding: .windowsCP1252) { return s }
        return String(data: data, encoding: .isoLatin1) ?? String(decoding: data, as: UTF8.self)
    }

    /// The file's lines with their 1-based numbers, CR/LF or LF, a leading BOM removed; empty
    /// lines are kept (they count) but marked by an empty text. Linear in the file's size.
    static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var out: [(number: Int, text: Substring)] = []
        var n = 0
        for raw in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            n += 1
            var line = raw
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            out.append((n, Substring(line)))
        }
        while let last = out.last, last.text.allSatisfy(\.isWhitespace) { out.removeLast() }
        return out
    }

    /// The first `limit` non-empty lines (for detection).
    static func head(_ text: String, limit: Int = 8) -> [Substring] {
        var out: [Substring] = []
        var rest = Substring(text.prefix(64_000))
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        for line in rest.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            out.append(line)
            if out.count == limit { break }
        }
        return out
    }

    /// Header names: lowercased, trimmed, without quotes.
    static func names(_ line: Substring, separator: Character) -> [String] {
        SettlementCSV.fields(line, separator: separator).map { $0.trimmed.lowercased() }
    }

    /// `;` when the line has one, else `,`.
    static func separator(_ line: Substring) -> Character { line.contains(";") ? ";" : "," }
}

/// Units of published figures. A unit is part of the measure: counts, per cent, per 1 000
/// inhabitants and kroner are different measures and are never added to each other.
public enum HistoryUnit {
    /// The unit's normal name and the suffix it gives a measure id ("" for counts of persons).
    public static func normal(_ raw: String) -> (name: String, suffix: String) {
        let l = raw.lowercased().replacingOccurrences(of: "\u{a0}", with: " ").trimmed
        let compact = l.replacingOccurrences(of: " ", with: "")
        switch l {
        case "": return ("", "")
        case "personer", "person", "personar", "antall", "antall personer", "tal", "tall", "antal": return ("personer", "")
        case "prosent", "%", "prosentandel", "andel (prosent)", "andel i prosent", "prosent (%)": return ("prosent", "prosent")
        case "kroner", "kr", "kr.", "nok", "i kroner": return ("kroner", "kroner")
        default: break
        }
        if compact.contains("1000") && (compact.contains("innb") || compact.contains("befolkning")) || l == "promille" {
            return ("per 1 000 innbyggere", "per_1000")
        }
        if compact.hasPrefix("1000kr") || compact == "ikr1000" || compact == "tusenkroner" { return ("1 000 kroner", "1000_kroner") }
        return (l, HistoryMeasures.slug(l))
    }

    /// Whether figures of the unit add up across municipalities (counts and kroner do; shares and
    /// rates do not).
    public static func isAdditive(_ name: String) -> Bool { name == "" || name == "personer" || name.hasSuffix("kroner") }

    /// A unit word standing alone in a header cell ("Personer", "Prosent").
    static func isUnitWord(_ raw: String) -> Bool {
        let l = raw.lowercased().trimmed
        return ["personer", "prosent", "antall", "kroner", "promille", "%"].contains(l) || normal(raw).suffix == "per_1000"
    }
}

extension HistoryMeasures {
    /// Unaccompanied minors (enslige mindreårige) in a label or a table name.
    static func isUnaccompanied(_ text: String) -> Bool {
        let l = text.lowercased()
        if l.contains("enslig") || l.contains("mindreårig") || l.contains("mindrearig") { return true }
        let words = l.split { !$0.isLetter && !$0.isNumber }
        return words.contains("em")
    }

    /// "i alt", "alle", "begge kjønn": the total of a breakdown, which adds nothing to an id.
    static func isTotal(_ value: String) -> Bool {
        let l = value.lowercased().trimmed
        return ["i alt", "alle", "alt", "totalt", "total", "sum", "begge kjønn", "alle aldre", "alle kjønn", "hele landet"].contains(l)
    }

    /// Whether a measure's figures add up across municipalities: not shares or rates (ids ending
    /// in the suffix of such a unit).
    public static func isAdditive(_ id: String) -> Bool {
        !["_prosent", "_per_1000", "_promille", "_andel"].contains { id.hasSuffix($0) }
    }

    /// Removes the unaccompanied-minors words from a label ("Faktisk bosetting av enslige
    /// mindreårige" → "Faktisk bosetting").
    static func withoutUnaccompanied(_ label: String) -> String {
        var l = label
        for pattern in [#"\s*\((em|EM)\)"#, #"\s*(av|for|,|-|–)?\s*[Ee]nslige mindreårige( flyktninger)?"#] {
            while let r = l.range(of: pattern, options: .regularExpression) { l.removeSubrange(r) }
        }
        return l.trimmed
    }

    /// ASCII slug: "Faktisk bosetting (sammenslått)" → "faktisk_bosetting_sammenslatt".
    public static func slug(_ label: String) -> String {
        let folded = label.lowercased().replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "å", with: "a").folding(options: .diacriticInsensitive, locale: nil)
        var slug = ""
        for ch in folded {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                slug.append(ch)
            } else if !slug.isEmpty && !slug.hasSuffix("_") {
                slug.append("_")
            }
        }
        while slug.hasSuffix("_") { slug.removeLast() }
        return slug
    }

    /// The measure of a column or row: its label parts in order (the theme and measure first,
    /// "Tema: Mål", then breakdowns such as "Kjønn: Kvinner"), its unit, and context that only
    /// says whom it counts (a table name). Settlement measures keep their short ids, with `_em`
    /// for unaccompanied minors; totals of a breakdown add nothing; the unit's suffix comes last.
    public static func measure(parts: [String], unit: String, context: [String] = []) -> (id: String, label: String, unit: String) {
        let unaccompanied = (parts + context).contains(where: isUnaccompanied)
        func value(_ part: String) -> String {
            let v = part.split(separator: ":", maxSplits: 1).last.map { String($0).trimmed } ?? part
            return v
        }
        // Parts that only say "unaccompanied minors" are the `_em`, not a breakdown.
        let kept = parts.filter { p in
            let v = value(p)
            return !(isUnaccompanied(v) && withoutUnaccompanied(v).isEmpty) && !isTotal(v)
        }
        // A theme row above the measure row («Bosetting» over «Faktisk bosetting») is the key of
        // the measure, as in «Bosetting: Faktisk bosetting»: it adds nothing.
        var measured = kept
        while measured.count > 1, !measured[0].contains(":"), knownID(measured[0]) == nil, knownID(measured[1]) != nil {
            measured.removeFirst()
        }
        var ids: [String] = []
        if let first = measured.first {
            let base = id(unaccompanied ? withoutUnaccompanied(first) : first)
            ids.append(base.isEmpty ? slug(first) : base)
            for q in measured.dropFirst() {
                let v = value(q)
                let key = q.contains(":") ? String(q.split(separator: ":", maxSplits: 1)[0]) : ""
                ids.append(v.contains(where: \.isLetter) || key.isEmpty ? slug(v) : slug(key + " " + v))
            }
        } else if let c = context.first {
            ids.append(slug(c))
        } else {
            ids.append("verdi")
        }
        if unaccompanied && !ids.contains(where: { $0.contains("enslig") || $0.hasSuffix("_em") || $0 == "em" }) {
            ids.insert("em", at: 1)
        }
        let u = HistoryUnit.normal(unit)
        if !u.suffix.isEmpty { ids.append(u.suffix) }
        // Breakdowns read as words after the measure («Deltakere, kvinner»), not as the download's «Kjønn: Kvinner».
        let shown = parts.enumerated().map { i, p -> String in
            guard i > 0, p.contains(":") else { return p }
            let v = value(p)
            return v.prefix(1).lowercased() + v.dropFirst()
        }
        let label = (context.isEmpty || !parts.isEmpty ? shown : context).joined(separator: ", ")
        return (ids.filter { !$0.isEmpty }.joined(separator: "_"), label, u.name)
    }
}
