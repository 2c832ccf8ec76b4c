/// Reads the settlement register's person file (CSV, documented columns) with line-level
/// validation. Identity numbers are validated here; turning them into pseudonyms is the caller's
/// job, and no message ever contains a whole number.
public enum SettlementCSV {
    public static let columns = [
        "fodselsnummer", "sak_id", "kategori", "kjonn", "fodselsaar", "nasjonalitet", "enslig_mindreaarig", "barnefamilie",
        "vedtaksdato", "bosettingsklar_dato", "begrenset_tillatelse", "kompetansekartlagt", "kulturorientering",
        "annen_informasjon", "tildelt_kommune", "tildelt_dato", "bosatt_kommune", "bosatt_dato", "avtalt_selvbosetting",
        "bosatt_av_bufetat",
    ]
    public static let required: Set<String> = ["fodselsnummer", "sak_id", "kategori", "kjonn", "fodselsaar", "nasjonalitet", "vedtaksdato"]

    /// A valid row; `identity` is the validated identity number (to be pseudonymised).
    public struct Row: Sendable {
        public var line: Int
        public var identity: String
        public var person: SettlementPerson
    }

    public struct Result: Sendable {
        public var rows: [Row]
        public var errors: [ImportIssue]
        public var total: Int
    }

    /// A CSV file's lines, without the blank lines at its end.
    static func lines(_ text: String) -> [Substring] {
        // Split on bytes (line feeds; a carriage return before one is dropped): far faster than
        // by Character on files of hundreds of thousands of lines.
        var lines: [Substring] = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { raw in
            var line = raw
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            return Substring(line)
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines
    }

    /// Splits a CSV line (comma or semicolon, double-quoted fields).
    static func fields(_ line: Substring, separator: Character) -> [String] {
        if !line.utf8.contains(UInt8(ascii: "\"")), let sep = separator.asciiValue {
            return line.utf8.split(separator: sep, omittingEmptySubsequences: false).map { f in
                let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0D }
                guard let first = f.first, let last = f.last, isSpace(first) || isSpace(last) || first >= 0x80 || last >= 0x80 else {
                    return String(Substring(f))
                }
                return String(Substring(f)).trimmed
            }
        }
        var out: [String] = []
        var cur = ""
        var quoted = false
        var it = line.makeIterator()
        while let ch = it.next() {
            // A quote opens a quoted field only at the field's start; inside a field («Lønn "fast"»)
            // it is text (RFC 4180 has no other meaning for it).
            if ch == "\"" && (quoted || cur.allSatisfy(\.isWhitespace)) {
                if quoted, let next = it.next() {
                    if next == "\"" {
                        cur.append("\"")
                    } else {
                        quoted = false
                        if next == separator { out.append(cur); cur = "" } else { cur.append(next) }
                    }
                } else {
                    quoted.toggle()
                }
            } else if ch == separator && !quoted {
                out.append(cur)
                cur = ""
            } else {
                cur.append(ch)
            }
        }
        out.append(cur)
        return out.map(\.trimmed)
    }

    static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "", "0", "nei", "n", "false", "usann": false
        case "1", "ja", "j", "true", "sann": true
        default: nil
        }
    }

    static func date(_ s: String) -> Int? {
        if let d = CivilDate(iso: s) { return d.dayNumber }
        return NorwegianText.dates(in: s).first.flatMap(CivilDate.init(iso:))?.dayNumber
    }

    public static func parse(_ text: String, geography: Geography, maxRows: Int = 2_000_000) throws -> Result {
        let sheet = try CSVSheet(text, columns: columns, required: required, maxRows: maxRows)
        var rows: [Row] = []
        var errors: [ImportIssue] = []
        var seen = Set<String>()
        for row in sheet.rows {
            let line = row.line
            if let bad = row.malformed {
                errors.append(bad)
                continue
            }
            func v(_ c: String) -> String { row[c] }
            var problems: [String] = []
            let id = v("fodselsnummer")
            if let p = IdentityNumber.validate(id) { problems.append("fodselsnummer \(IdentityNumber.masked(id)) \(p.rawValue)") }
            if seen.contains(id) { problems.append("fodselsnummer \(IdentityNumber.masked(id)) står flere ganger") }
            seen.insert(id)
            let category = SettlementCategory(rawValue: v("kategori").lowercased())
            if category == nil { problems.append("kategori «\(v("kategori"))» er ikke mottak, overforing, privat eller familiegjenforent") }
            let gender = Gender(rawValue: v("kjonn").lowercased())
            if gender == nil { problems.append("kjonn må være m eller k") }
            let birthYear = Int(v("fodselsaar"))
            if birthYear == nil || !(1900...2100).contains(birthYear!) { problems.append("fodselsaar «\(v("fodselsaar"))» er ugyldig") }
            if v("sak_id").isEmpty { problems.append("sak_id mangler") }
            let permit = date(v("vedtaksdato"))
            if permit == nil { problems.append("vedtaksdato «\(v("vedtaksdato"))» er ikke en dato") }
            var flags: [String: Bool] = [:]
            for c in [
                "enslig_mindreaarig", "barnefamilie", "begrenset_tillatelse", "kompetansekartlagt", "kulturorientering",
                "annen_informasjon", "avtalt_selvbosetting", "bosatt_av_bufetat",
            ] {
                if let b = bool(v(c)) { flags[c] = b } else { problems.append("\(c) må være ja/nei") }
            }
            var optionalDays: [String: Int] = [:]
            for c in ["bosettingsklar_dato", "tildelt_dato", "bosatt_dato"] where !v(c).isEmpty {
                if let d = date(v(c)) { optionalDays[c] = d } else { problems.append("\(c) «\(v(c))» er ikke en dato") }
            }
            let settledKommune = v("bosatt_kommune").isEmpty ? nil : v("bosatt_kommune")
            if let k = settledKommune {
                if let d = optionalDays["bosatt_dato"] {
                    let year = CivilDate(dayNumber: d).year
                    if geography.division(for: year).municipality(k) == nil && k != Geography.unknownMunicipality {
                        problems.append("bosatt_kommune \(k) fantes ikke i \(year)")
                    }
                } else {
                    problems.append("bosatt_kommune er satt uten bosatt_dato")
                }
            } else if optionalDays["bosatt_dato"] != nil {
                problems.append("bosatt_dato er satt uten bosatt_kommune")
            }
            if let p = permit, let s = optionalDays["bosatt_dato"], s < p { problems.append("bosatt_dato er før vedtaksdato") }
            let allocated = v("tildelt_kommune").isEmpty ? nil : v("tildelt_kommune")
            if let a = allocated, a.count != 4 || Int(a) == nil { problems.append("tildelt_kommune må ha fire sifre") }
            guard problems.isEmpty, let category, let gender, let birthYear, let permit else {
                errors.append(ImportIssue(line: line, message: problems.joined(separator: "; ")))
                continue
            }
            let person = SettlementPerson(
                personId: "", caseId: v("sak_id"), category: category, gender: gender, birthYear: birthYear, nationality: v("nasjonalitet"),
                unaccompaniedMinor: flags["enslig_mindreaarig"]!, familyWithChildren: flags["barnefamilie"]!, permitDay: permit,
                readyDay: optionalDays["bosettingsklar_dato"], limitedPermit: flags["begrenset_tillatelse"]!,
                competenceMapped: flags["kompetansekartlagt"]!, culturalOrientation: flags["kulturorientering"]!,
                otherInformation: flags["annen_informasjon"]!, allocatedKommune: allocated, allocatedDay: optionalDays["tildelt_dato"],
                settledKommune: settledKommune, settledDay: optionalDays["bosatt_dato"], selfSettled: flags["avtalt_selvbosetting"]!,
                settledByBufetat: flags["bosatt_av_bufetat"]!)
            rows.append(Row(line: line, identity: id, person: person))
        }
        return Result(rows: rows, errors: errors, total: sheet.dataLineCount)
    }
}
