import Foundation

/// Reads the ledger extract from the accounting system (CSV): `aar, maaned, kapittel, post, belop`
/// required; `art` (a `LedgerKind`, default `regnskap`) and `tekst` optional. Amounts in kroner with
/// up to two decimals (comma or point; spaces as thousands separators are allowed).
public enum LedgerCSV {
    public static let columns = ["aar", "maaned", "kapittel", "post", "belop", "art", "tekst"]
    public static let required: Set<String> = ["aar", "maaned", "kapittel", "post", "belop"]

    public static func parse(_ text: String, maxRows: Int = 1_000_000) throws -> (rows: [LedgerEntry], errors: [ImportIssue]) {
        let sheet = try CSVSheet(text, columns: columns, required: required, maxRows: maxRows)
        var rows: [LedgerEntry] = []
        var errors: [ImportIssue] = []
        for row in sheet.rows {
            if let bad = row.malformed {
                errors.append(bad)
                continue
            }
            var problems: [String] = []
            let year = Int(row["aar"]).flatMap { (2000...2100).contains($0) ? $0 : nil }
            if year == nil { problems.append("aar «\(row["aar"])» må være et årstall") }
            let month = Int(row["maaned"]).flatMap { (1...12).contains($0) ? $0 : nil }
            if month == nil { problems.append("maaned «\(row["maaned"])» må være 1–12") }
            let chapter = Int(row["kapittel"]).flatMap { (1...9999).contains($0) ? $0 : nil }
            if chapter == nil { problems.append("kapittel «\(row["kapittel"])» må være et tall 1–9999") }
            let post = Int(row["post"]).flatMap { (1...99).contains($0) ? $0 : nil }
            if post == nil { problems.append("post «\(row["post"])» må være et tall 1–99") }
            let amount = ore(row["belop"])
            if amount == nil { problems.append("belop «\(row["belop"])» må være et beløp i kroner med høyst to desimaler") }
            let kindText = row["art"].lowercased()
            let kind = kindText.isEmpty ? LedgerKind.regnskap : LedgerKind(rawValue: kindText.replacingOccurrences(of: "ø", with: "o"))
            if kind == nil {
                problems.append("art «\(row["art"])» må være en av \(LedgerKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let kind, let chapter, let post {
                if let p = rule(kind: kind, chapter: chapter, post: post) { problems.append(p) }
            }
            guard problems.isEmpty, let year, let month, let chapter, let post, let amount, let kind else {
                errors.append(ImportIssue(line: row.line, message: problems.joined(separator: "; ")))
                continue
            }
            rows.append(
                LedgerEntry(year: year, month: month, chapter: chapter, post: post, amountOre: amount, kind: kind, text: row["tekst"]))
        }
        return (rows, errors)
    }

    /// Where each kind of row may stand.
    static func rule(kind: LedgerKind, chapter: Int, post: Int) -> String? {
        let income = LedgerEntry.isIncomeChapter(chapter)
        switch kind {
        case .regnskap, .prognose: return nil
        case .overfort, .forpliktelse, .tildeling:
            return income ? "art \(kind.rawValue) gjelder utgiftskapitler, ikke inntektskapittel \(chapter)" : nil
        case .omdisponering: return post == 45 && !income ? nil : "art omdisponering føres på post 45 (mottakerposten)"
        case .utstyrssalg: return (post == 1 || post == 21) && !income ? nil : "art utstyrssalg føres på post 01 eller 21"
        }
    }

    /// "1 234,50" / "-1234.5" / "1234" / "−1 234" / "(1 234)" / "1 234-" → øre; nil when not an amount with at most two
    /// decimals. Spaces may only group the whole kroner in threes («100 200», not «1 234 5,67»),
    /// and the sign stands once, first.
    public static func ore(_ text: String) -> Int? {
        var s = text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\u{202F}", with: " ").trimmingCharacters(in: .whitespaces)
        // Accounting systems write a negative amount in parentheses «(1 234,50)» or with the minus
        // last «1 234,50-»: read as «-1 234,50» (still one sign only).
        if s.count > 2, s.hasPrefix("("), s.hasSuffix(")") {
            s = "-" + s.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        } else if s.count > 1, s.hasSuffix("-"), !s.hasPrefix("-"), !s.hasPrefix("+") {
            s = "-" + s.dropLast().trimmingCharacters(in: .whitespaces)
        }
        guard let g = Pattern.regex(#"^([+-]?) ?([0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:[.,]([0-9]{1,2}))?$"#).groups(s) else { return nil }
        let digits = g[2].filter { $0 != " " }
        guard digits.count <= 13, let whole = Int(digits) else { return nil }
        let cents = g[3].isEmpty ? 0 : (Int(g[3]) ?? 0) * (g[3].count == 1 ? 10 : 1)
        let value = whole * 100 + cents
        return g[1] == "-" ? -value : value
    }
}
