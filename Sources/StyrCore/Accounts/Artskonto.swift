import Foundation

/// Artskontorapportering: the year's payments by kind (art), in the form the Ministry of Finance
/// sets for agencies that keep cash accounts (R-115), with notes 1–8. The lines of each note come
/// from the accounting system; every sum in the statement and the notes is computed here.
public enum Artskonto {
    /// A group of lines in a note; its sum is one line of the statement.
    public struct Group: Sendable, Equatable {
        /// `note.key`, as written in the file's `gruppe` column (or alone when the note has one group).
        public let note: String
        public let key: String
        /// The heading in the note and the line in the statement.
        public let title: String
        public let statementLine: String
        /// The sum line under the group in the note.
        public let sumLine: String
    }

    /// The groups R-115 defines, in the order of the notes.
    public static let groups: [Group] = [
        g("1", "gebyrer", "Innbetalinger fra gebyrer", "Innbetalinger fra gebyrer", "Sum innbetalinger fra gebyrer"),
        g(
            "1", "tilskudd", "Innbetalinger fra tilskudd og overføringer", "Innbetalinger fra tilskudd og overføringer",
            "Sum innbetalinger fra tilskudd og overføringer"),
        g("1", "salg", "Salgs- og leieinnbetalinger", "Salgs- og leieinnbetalinger", "Sum salgs- og leieinnbetalinger"),
        g("1", "andre", "Andre innbetalinger", "Andre innbetalinger", "Sum andre innbetalinger"),
        g("2", "lonn", "Utbetalinger til lønn", "Utbetalinger til lønn", "Sum utbetalinger til lønn"),
        g("3", "drift", "Andre utbetalinger til drift", "Andre utbetalinger til drift", "Sum andre utbetalinger til drift"),
        g("4", "finansinntekter", "Innbetaling av finansinntekter", "Innbetaling av finansinntekter", "Sum innbetaling av finansinntekter"),
        g("4", "finansutgifter", "Utbetaling av finansutgifter", "Utbetaling av finansutgifter", "Sum utbetaling av finansutgifter"),
        g("5", "investeringer", "Utbetaling til investeringer", "Utbetaling til investeringer", "Sum utbetalt til investeringer"),
        g("5", "aksjer", "Utbetaling til kjøp av aksjer", "Utbetaling til kjøp av aksjer", "Sum utbetalt til kjøp av aksjer"),
        g(
            "6", "innkreving", "Innkrevingsvirksomhet og andre overføringer til staten", "Innbetaling av skatter, avgifter, gebyrer m.m.",
            "Sum innkrevingsvirksomhet og andre overføringer til staten"),
        g(
            "7", "tilskudd", "Tilskuddsforvaltning og andre overføringer fra staten", "Utbetalinger av tilskudd og stønader",
            "Sum tilskuddsforvaltning og andre overføringer fra staten"),
        g("felles", "gruppeliv", "Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)", "", ""),
        g("felles", "arbeidsgiveravgift", "Arbeidsgiveravgift konto 1986 (ref. kap. 5700, inntekt)", "", ""),
        g("felles", "merverdiavgift", "Nettoføringsordning for merverdiavgift konto 1987 (ref. kap. 1633, utgift)", "", ""),
        g("8", "mellomvaerende", "Mellomværende med statskassen", "", "Sum mellomværende med statskassen"),
    ]

    static func g(_ note: String, _ key: String, _ title: String, _ line: String, _ sum: String) -> Group {
        Group(note: note, key: key, title: title, statementLine: line, sumLine: sum)
    }

    /// The titles of the notes 1–8.
    public static let noteTitles: [String: String] = [
        "1": "Innbetalinger fra drift", "2": "Utbetalinger til lønn", "3": "Andre utbetalinger til drift",
        "4": "Finansinntekter og finansutgifter", "5": "Utbetaling til investeringer og kjøp av aksjer",
        "6": "Innkrevingsvirksomhet og andre overføringer til staten", "7": "Tilskuddsforvaltning og andre overføringer fra staten",
        "8": "Mellomværende med statskassen",
    ]

    /// The group a file row names: `note` 1–8 or «felles», `gruppe` its key or title (may be left
    /// out where the note has one group).
    public static func group(note: String, name: String) -> Group? {
        let n = note.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "note", with: "")
            .trimmingCharacters(in: .whitespaces)
        let inNote = groups.filter { $0.note == n }
        let wanted = fold(name)
        if wanted.isEmpty { return inNote.count == 1 ? inNote[0] : nil }
        return inNote.first { fold($0.key) == wanted || fold($0.title) == wanted || fold($0.statementLine) == wanted }
    }

    /// Lower case, æøå folded, only letters and digits: how names are compared.
    static func fold(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "å", with: "a").filter { $0.isLetter || $0.isNumber }
    }
}

/// One line of a note as booked: the year, the group it belongs to, its text and its amount.
public struct ArtskontoLine: Codable, Sendable, Equatable {
    public var year: Int
    public var note: String
    public var group: String
    public var text: String
    /// Øre; payments out and in both positive, refunds and debts negative, as printed.
    public var amountOre: Int
    /// The line's place in the file, which is its place in the note.
    public var position: Int

    public init(year: Int, note: String, group: String, text: String, amountOre: Int, position: Int) {
        self.year = year
        self.note = note
        self.group = group
        self.text = text
        self.amountOre = amountOre
        self.position = position
    }
}

/// The statement and its notes for one year beside the year before.
public struct ArtskontoStatement: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case heading, line, sum }
        public let kind: Kind
        public let text: String
        public let note: String
        /// Øre per year, this year first; nil where the year has no figures.
        public let values: [Int?]
    }

    /// One of the notes 1–8: its lines and sums.
    public struct Note: Sendable, Equatable {
        public let number: String
        public let title: String
        public let rows: [Row]
    }

    public let year: Int
    /// This year and the year before, when the file has it.
    public let years: [Int]
    public let rows: [Row]
    public let notes: [Note]

    /// The statement of `year` from the lines of that year and the year before; nil when `year` has none.
    public static func build(_ lines: [ArtskontoLine], year: Int) -> ArtskontoStatement? {
        guard lines.contains(where: { $0.year == year }) else { return nil }
        let years = lines.contains { $0.year == year - 1 } ? [year, year - 1] : [year]
        /// Per year, the sum of a group's lines (of one line's, with `text`).
        func sum(_ note: String, _ group: String, text: String? = nil) -> [Int?] {
            years.map { y in
                lines.filter { $0.year == y && $0.note == note && $0.group == group && (text == nil || $0.text == text) }
                    .reduce(0) { $0 + $1.amountOre }
            }
        }
        func add(_ a: [Int?], _ b: [Int?], _ sign: Int = 1) -> [Int?] { zip(a, b).map { x, y in (x ?? 0) + sign * (y ?? 0) } }
        func line(_ text: String, _ note: String, _ v: [Int?]) -> Row { Row(kind: .line, text: text, note: note, values: v) }
        func total(_ text: String, _ v: [Int?], note: String = "") -> Row { Row(kind: .sum, text: text, note: note, values: v) }
        func heading(_ text: String) -> Row { Row(kind: .heading, text: text, note: "", values: years.map { _ in nil }) }
        let group = Dictionary(uniqueKeysWithValues: Artskonto.groups.map { ("\($0.note).\($0.key)", $0) })
        func groupLine(_ id: String, note: String? = nil) -> (Row, [Int?]) {
            let gr = group[id]!
            let v = sum(gr.note, gr.key)
            return (line(gr.statementLine.isEmpty ? gr.title : gr.statementLine, note ?? gr.note, v), v)
        }
        var rows: [Row] = []
        rows.append(heading("Driftsinntekter rapportert til bevilgningsregnskapet"))
        var income = years.map { _ in Int?(0) }
        for id in ["1.gebyrer", "1.tilskudd", "1.salg", "1.andre"] {
            let (r, v) = groupLine(id)
            rows.append(r)
            income = add(income, v)
        }
        rows.append(total("Sum innbetalinger fra drift", income))
        rows.append(heading("Driftsutgifter rapportert til bevilgningsregnskapet"))
        let (pay, payV) = groupLine("2.lonn")
        let (other, otherV) = groupLine("3.drift")
        let spending = add(payV, otherV)
        rows += [pay, other, total("Sum utbetalinger til drift", spending)]
        let netOperations = add(spending, income, -1)
        rows.append(total("Netto rapporterte driftsutgifter", netOperations))
        rows.append(heading("Investerings- og finansinntekter rapportert til bevilgningsregnskapet"))
        let (finIn, finInV) = groupLine("4.finansinntekter")
        rows += [finIn, total("Sum investerings- og finansinntekter", finInV)]
        rows.append(heading("Investerings- og finansutgifter rapportert til bevilgningsregnskapet"))
        let (inv, invV) = groupLine("5.investeringer")
        let (shares, sharesV) = groupLine("5.aksjer", note: "5,8B")
        let (finOut, finOutV) = groupLine("4.finansutgifter")
        let investing = add(add(invV, sharesV), finOutV)
        rows += [inv, shares, finOut, total("Sum investerings- og finansutgifter", investing)]
        let netInvesting = add(investing, finInV, -1)
        rows.append(total("Netto rapporterte investerings- og finansutgifter", netInvesting))
        rows.append(heading("Innkrevingsvirksomhet og andre overføringer til staten"))
        let (collect, collectV) = groupLine("6.innkreving")
        rows += [collect, total("Sum innkrevingsvirksomhet og andre overføringer til staten", collectV)]
        rows.append(heading("Tilskuddsforvaltning og andre overføringer fra staten"))
        let (grants, grantsV) = groupLine("7.tilskudd")
        rows += [grants, total("Sum tilskuddsforvaltning og andre overføringer fra staten", grantsV)]
        rows.append(heading("Inntekter og utgifter rapportert på felleskapitler"))
        let (life, lifeV) = groupLine("felles.gruppeliv", note: "")
        let (employer, employerV) = groupLine("felles.arbeidsgiveravgift", note: "")
        let (vat, vatV) = groupLine("felles.merverdiavgift", note: "")
        let common = add(add(vatV, lifeV, -1), employerV, -1)
        rows += [life, employer, vat, total("Netto rapporterte utgifter på felleskapitler", common)]
        let net = add(add(add(add(netOperations, netInvesting), collectV, -1), grantsV), common)
        rows.append(total("Netto rapportert til bevilgningsregnskapet", net))
        rows.append(heading("Oversikt over mellomværende med statskassen"))
        var balances: [Int?] = years.map { _ in 0 }
        for text in orderedTexts(lines, note: "8", group: "mellomvaerende") {
            let v = sum("8", "mellomvaerende", text: text)
            rows.append(line(text, "", v))
            balances = add(balances, v)
        }
        rows.append(total("Sum mellomværende med statskassen", balances, note: "8"))

        var notes: [Note] = []
        for number in ["1", "2", "3", "4", "5", "6", "7"] {
            var noteRows: [Row] = []
            var noteTotal: [Int?] = years.map { _ in 0 }
            let inNote = Artskonto.groups.filter { $0.note == number }
            for gr in inNote {
                if inNote.count > 1 { noteRows.append(heading(gr.title)) }
                for text in orderedTexts(lines, note: number, group: gr.key) {
                    noteRows.append(line(text, number, sum(number, gr.key, text: text)))
                }
                let v = sum(number, gr.key)
                noteRows.append(total(gr.sumLine, v))
                noteTotal = add(noteTotal, v)
            }
            if number == "1" { noteRows.append(total("Sum innbetalinger fra drift", noteTotal)) }
            notes.append(Note(number: number, title: Artskonto.noteTitles[number]!, rows: noteRows))
        }
        notes.append(
            Note(
                number: "8", title: Artskonto.noteTitles["8"]!, rows: Array(rows.suffix(from: rows.lastIndex { $0.kind == .heading }! + 1)))
        )
        return ArtskontoStatement(year: year, years: years, rows: rows, notes: notes)
    }

    /// The texts of a group's lines in the order the file gives them (first appearance, any year).
    static func orderedTexts(_ lines: [ArtskontoLine], note: String, group: String) -> [String] {
        var seen = Set<String>()
        return lines.filter { $0.note == note && $0.group == group }.sorted { $0.position < $1.position }.compactMap {
            seen.insert($0.text).inserted ? $0.text : nil
        }
    }
}

/// Reads the artskonto lines from the accounting system (CSV): `aar, note, gruppe, linje, belop`.
/// `note` is 1–8 or «felles»; `gruppe` a group of the note (key or title; may be empty where the
/// note has one group, and is the line itself under «felles»); amounts in kroner with up to two
/// decimals. Every row that does not fit is listed with its line.
public enum ArtskontoCSV {
    public static let columns = ["aar", "note", "gruppe", "linje", "belop"]
    public static let required: Set<String> = ["aar", "note", "linje", "belop"]

    /// Whether a header is this format's: it names `note`, `linje` or `gruppe` and none of the
    /// ledger's own columns (so that a file with a column missing is told what it misses).
    public static func matches(header: String) -> Bool {
        let names = header.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\t" }).map {
            CSVSheet.columnName($0.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\"\u{FEFF}"))))
        }
        let ledger = ["maaned", "kapittel", "post"].contains { names.contains($0) }
        return !ledger && ["note", "linje", "gruppe"].contains { names.contains($0) }
    }

    public static func parse(_ text: String, maxRows: Int = 100_000) throws -> (rows: [ArtskontoLine], errors: [ImportIssue]) {
        let sheet = try CSVSheet(text, columns: columns, required: required, maxRows: maxRows)
        var rows: [ArtskontoLine] = []
        var errors: [ImportIssue] = []
        var seen: [String: Int] = [:]
        for row in sheet.rows {
            if let bad = row.malformed {
                errors.append(bad)
                continue
            }
            var problems: [String] = []
            let year = Int(row["aar"]).flatMap { (2000...2100).contains($0) ? $0 : nil }
            if year == nil { problems.append("aar «\(row["aar"])» må være et årstall") }
            let group = Artskonto.group(note: row["note"], name: row["gruppe"])
            if group == nil {
                let note = row["note"].lowercased().replacingOccurrences(of: "note", with: "").trimmingCharacters(in: .whitespaces)
                let known = Artskonto.groups.filter { $0.note == note }.map(\.key)
                problems.append(
                    known.isEmpty
                        ? "note «\(row["note"])» må være 1–8 eller felles"
                        : "gruppe «\(row["gruppe"])» finnes ikke i note \(note) (\(known.joined(separator: ", ")))")
            }
            let textValue = row["linje"].trimmingCharacters(in: .whitespaces)
            let lineText = group?.note == "felles" ? group!.title : textValue
            if lineText.isEmpty { problems.append("linje er tom") }
            let amount = LedgerCSV.ore(row["belop"])
            if amount == nil { problems.append("belop «\(row["belop"])» må være et beløp i kroner med høyst to desimaler") }
            if let year, let group {
                let key = "\(year)|\(group.note)|\(group.key)|\(Artskonto.fold(lineText))"
                if let first = seen[key] {
                    problems.append("linjen «\(lineText)» står alt på linje \(first) for \(year)")
                } else {
                    seen[key] = row.line
                }
            }
            guard problems.isEmpty, let year, let group, let amount else {
                errors.append(ImportIssue(line: row.line, message: problems.joined(separator: "; ")))
                continue
            }
            rows.append(
                ArtskontoLine(year: year, note: group.note, group: group.key, text: lineText, amountOre: amount, position: row.line))
        }
        return (rows, errors)
    }
}
