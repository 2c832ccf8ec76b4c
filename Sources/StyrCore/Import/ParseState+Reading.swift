import Foundation

/// The values the model holds, to tell whether an amount, date or number in a line was placed.
struct PlacedValues {
    var ids: Set<String> = []
    var dates: Set<String> = []
    var amounts: Set<Int> = []
    /// Budget chapters the model names (a table row's first cells).
    var chapters: Set<Int> = []

    init(_ d: SteeringDocument) {
        func addDeadlines(_ ds: [Deadline]) { for x in ds { if let date = x.date { dates.insert(date) } } }
        for a in d.assignments {
            ids.insert(a.id)
            addDeadlines(a.deadlines)
            for f in a.financing { if let v = f.amountNOK { amounts.insert(v) } }
        }
        for c in d.carriedOverAssignments + d.referencedAssignments {
            ids.insert(c.id)
            addDeadlines(c.deadlines)
        }
        for r in d.renumberings { ids.formUnion([r.from, r.to]) }
        for c in d.closedAssignments ?? [] { ids.insert(c.id) }
        for c in d.deadlineChanges {
            ids.insert(c.assignmentId)
            if let date = c.deadline.date { dates.insert(date) }
        }
        if let date = d.date { dates.insert(date) }
        for m in d.meetings { if let date = m.date { dates.insert(date) } }
        for r in d.reporting { dates.formUnion([r.countDate, r.deadline].compactMap { $0 }) }
        for c in d.budget {
            amounts.insert(c.totalNOK)
            for p in c.posts {
                amounts.formUnion([p.amountNOK, p.appropriationNOK, p.undisposedNOK].compactMap { $0 })
                for e in p.earmarks {
                    if let v = e.amountNOK { amounts.insert(v) }
                    ids.formUnion(e.assignmentRefs)
                }
            }
        }
        for c in d.budgetChanges { amounts.insert(abs(c.deltaNOK)) }
        amounts.formUnion(d.authorizations.compactMap(\.limitNOK))
        chapters = Set(d.budget.map(\.chapter) + d.budgetChanges.map(\.chapter))
    }

    func containsAmount(_ value: Int, tolerance: Int) -> Bool {
        if amounts.contains(value) { return true }
        return tolerance > 0 && amounts.contains { abs($0 - value) <= tolerance }
    }

    /// Whether a number read from a table (unit unknown) is one of the placed amounts in
    /// kroner, thousands or millions.
    func containsTableNumber(_ value: Decimal) -> Bool {
        for factor: Decimal in [1, 1000, 1_000_000] {
            let v = NorwegianText.roundedInt(value * factor)
            if amounts.contains(v) { return true }
            // Millions printed with one or two decimals.
            if factor == 1_000_000, amounts.contains(where: { abs($0 - v) <= 5000 }) { return true }
        }
        return false
    }
}

extension ParseState {
    static let deadlineWords = ["frist", "innen", "senest", "leveres", "rapporteres"].map { Array($0.utf8) }

    /// Dates in a line of prose that are deadlines: "frist", "innen", "senest" just before.
    static let deadlineCue = Pattern.regex(
        #"(?:frist(?:en)?|innen|senest|leveres|rapporteres)\b[^.;]{0,25}?((?<![\d.])\d{1,2}\.\s*(?:\d{1,2}\.\s*\d{4}|\p{L}+(?:\s+\d{4})?))"#,
        [.caseInsensitive])
    /// Assignment numbers written as references in prose: "oppdrag 2021-04", "TB2026-63".
    static let idInProse = Pattern.regex(
        #"(?:\boppdrag(?:et)?\s+(?:nr\.?\s*)?((?:19|20)\d{2}\s*[-–]\s*\d{1,3})(?!\d)|\b(TB\s*(?:19|20)\d{2}\s*[-–]\s*\d{1,3})(?!\d))"#,
        [.caseInsensitive])
    static let leadingId = Pattern.regex(#"^[-•–]?\s*((?:TB\s*)?(?:19|20)\d{2}\s*[-–]\s*\d{1,3})(?![\d.,])"#)

    /// A table row that was not read: cells between "|", or three or more cells of which one is a number.
    static func looksLikeTableRow(_ line: SourceLine) -> Bool {
        let t = line.trimmed
        let bytes = line.text.utf8
        guard bytes.contains(UInt8(ascii: "|")) || bytes.contains(UInt8(ascii: "\t")) || bytes.containsSequence([0x20, 0x20, 0x20])
        else { return false }
        let hasNumber = t.matches(#"\d{2,}"#)
        if t.hasPrefix("|") || t.filter({ $0 == "|" }).count >= 2 { return hasNumber }
        let cells = Self.cells(line.text).filter { !$0.isEmpty }
        return cells.count >= 3 && cells.filter { NorwegianText.number($0) != nil }.count >= 2
    }

    /// Builds the reading report from what each line became and the values in the model.
    func readingReport() -> ReadingReport {
        let placed = PlacedValues(doc)
        var listed: [ReadingReport.Line] = []
        var reportWarnings = warnings.map { ReadingReport.Warning(line: $0.line, message: $0.message) }
        var seen = Set<Int>()
        var nonBlank = 0
        var placedCount = 0
        var textByNumber: [Int: String] = [:]
        for line in lines where !line.isBlank {
            textByNumber[line.number] = textByNumber[line.number].map { $0 + " " + line.trimmed } ?? line.trimmed
        }
        for line in lines where !line.isBlank && seen.insert(line.number).inserted {
            nonBlank += 1
            let text = textByNumber[line.number] ?? line.trimmed
            let use = uses[line.number]
            if use == .placed || use == .stored { placedCount += 1 }
            var reasons: [String] = []
            let impossible = ImpossibleDates.find(in: text, year: doc.year)
            for d in impossible {
                reportWarnings.append(.init(line: line.number, message: "Umulig dato «\(d)»."))
                reasons.append("umulig dato «\(d)»")
            }
            if use == nil { reasons.append("linjen hører ikke til noen kjent del av brevet") }
            if let sum = budget.sumMismatches[line.number] { reasons.append(sum) }
            // Text kept with a structure keeps its amounts and references; a deadline must still be a deadline.
            // …but a table row or a sum on a chapter or post kept as text was not read, and says so.
            let tableRow = Self.looksLikeTableRow(line)  // once a line: it splits the line by a pattern
            let budgetLike = tableRow || Self.namesBudgetPost(text) || Self.looksLikePostRow(text)
            reasons.append(
                contentsOf: unplacedValues(
                    in: text, line: line, use: use, placed: placed, deadlinesOnly: use == .stored && !budgetLike, tableRow: tableRow))
            if !reasons.isEmpty {
                listed.append(.init(line: line.number, text: text.collapsed, reason: reasons.joined(separator: "; ")))
            }
        }
        nonBlank += furniture.count
        placedCount += furniture.count
        // A required field that was not found: the title line (where it belongs) is listed.
        let (missing, absent) = requiredFields()
        if !missing.isEmpty, let first = evidence?.titleLine ?? lines.first(where: { !$0.isBlank }) {
            let reason = "fant ikke " + missing.map { "«\($0)»" }.joined(separator: ", ")
            if let k = listed.firstIndex(where: { $0.line == first.number }) {
                listed[k].reason += "; " + reason
            } else {
                listed.append(.init(line: first.number, text: first.trimmed.collapsed, reason: reason))
                listed.sort { $0.line < $1.line }
            }
            reportWarnings.append(.init(line: first.number, message: "Brevet mangler \(missing.joined(separator: ", "))."))
        }
        let coverage = nonBlank == 0 ? 1 : Double(nonBlank - listed.count) / Double(nonBlank)
        var report = ReadingReport(
            coverage: (coverage * 10000).rounded() / 10000, notUnderstood: listed, warnings: reportWarnings,
            lines: nonBlank, placed: placedCount)
        report.missing = missing
        report.absent = absent
        return report
    }

    /// The fields every letter of its kind names that were not found although the letter gives
    /// them (`missing`: the reading is then not complete), and those the letter does not state at
    /// all (`absent`: no date line in the head, no ministry's name standing alone): recipient,
    /// issuer, date, year (not for an instruks) and a supplement's number.
    func requiredFields() -> (missing: [String], absent: [String]) {
        var missing: [String] = []
        var absent: [String] = []
        if doc.kind == .referat { return ([], []) }
        let text = lines.filter { !$0.isBlank }
        let ends = Array(text.prefix(25)) + Array(text.suffix(25))
        // The head: the lines before the body (letterhead, address block, title, reference line).
        var head = lines.prefix(bodyStart).filter { !$0.isBlank }
        if let title = evidence?.titleLine, let k = lines.firstIndex(where: { $0.number == title.number }) {
            head += lines[k...].prefix(4).prefix { !$0.isBlank }  // the title, over up to four lines
        }
        if evidence?.issuer == nil && (doc.issuer ?? "").isEmpty {
            let named = ends.contains { l in
                let t = l.trimmed.replacing(pattern: #"^#+\s*|\*\*"#, with: "").trimmed
                return t.count < 70 && t.lowered.contains("departement") && Issuer.ministry(named: t) != nil
            }
            if named { missing.append("utsteder") } else { absent.append("utsteder") }
        }
        if (evidence?.recipients ?? []).isEmpty && (doc.recipient ?? "").isEmpty {
            // An agency named in the head («… i Direktoratet for …», «Statens vegvesen») was not read.
            let named = head.contains {
                $0.trimmed.matches(#"(?:[Dd]irektorat|[Tt]ilsyn|etaten\b|[Ii]nstitutt|vesen\b|verket\b|nemnda\b|RHF\b|\bSF\b|\bHF\b)"#)
            }
            if named { missing.append("mottaker") } else { absent.append("mottaker") }
        }
        if doc.date == nil {
            if head.contains(where: { !NorwegianText.dates(in: $0.trimmed).isEmpty && assignmentStart($0.trimmed) == nil }) {
                missing.append("dato")
            } else {
                absent.append("dato")
            }
        }
        if doc.year == nil && doc.kind != .instruks { missing.append("år") }
        if doc.kind == .tillegg && doc.number == nil { missing.append("nummer") }
        return (missing, absent)
    }

    /// Amounts, deadline dates and assignment numbers in a line that the model does not hold.
    func unplacedValues(
        in text: String, line: SourceLine, use: LineUse?, placed: PlacedValues, deadlinesOnly: Bool, tableRow: Bool
    ) -> [String] {
        var reasons: [String] = []
        let lower = text.lowered
        if deadlinesOnly {
            // Text kept with a structure: a line that starts with an assignment number is a row or
            // item of its own, and its number must be in the model.
            var reasons = unplacedDeadlines(in: text, lower: lower, placed: placed)
            if let g = Self.leadingId.groups(text), let id = NorwegianText.assignmentId(g[1]), !placed.ids.contains(id) {
                reasons.append("oppdragsnummer \(id) er ikke plassert")
            }
            // …and a fullmakt's sum is its limit in the model, or listed.
            if mode(of: line) == .authorizations {
                for (amount, tolerance) in NorwegianText.amountsWithPrecision(in: text)
                where !placed.containsAmount(amount, tolerance: tolerance) {
                    reasons.append("beløp \(Money.kroner(amount)) er ikke plassert")
                }
            }
            // …and a row of three or more cells kept as text holds no date the model lacks.
            if reasons.isEmpty, Self.hasCellGaps(line), Self.cells(line.text).filter({ !$0.isEmpty }).count >= 3 {
                for iso in NorwegianText.deadlineDates(in: text) where !placed.dates.contains(iso) {
                    reasons.append("dato \(iso) er ikke plassert")
                }
            }
            // …and a meeting section's dates are its meetings (or reports), or listed.
            if mode(of: line) == .meetings, reasons.isEmpty {
                for iso in NorwegianText.dates(in: text) where !placed.dates.contains(iso) {
                    reasons.append("dato \(iso) er ikke plassert")
                }
            }
            return reasons
        }
        // A row that starts with an assignment number («2024-01<tab>Plan …») is that assignment.
        if let g = Self.leadingId.groups(text), let id = NorwegianText.assignmentId(g[1]), !placed.ids.contains(id) {
            reasons.append("oppdragsnummer \(id) er ikke plassert")
        }
        // Assignment numbers.
        let lowerBytes = lower.utf8
        let mayHaveId = lowerBytes.containsSequence(Array("oppdrag".utf8)) || text.utf8.containsSequence(Array("TB".utf8))
        for g in mayHaveId ? Self.idInProse.allGroups(text) : [] {
            let raw = g[1].isEmpty ? g[2] : g[1]
            guard let id = NorwegianText.assignmentId(raw), !placed.ids.contains(id) else { continue }
            reasons.append("oppdragsnummer \(id) er ikke plassert")
        }
        reasons.append(contentsOf: unplacedDeadlines(in: text, lower: lower, placed: placed))
        // A line placed as a value (an assignment's head, a table row), or a row of cells
        // («Årsrapport<tab>15. mars 2025», «Halvårsrapport      25. august 2027»), holds no date the model lacks.
        if use == .placed || tableRow || Self.cells(line.text).filter({ !$0.isEmpty }).count >= 2, reasons.isEmpty {
            for iso in NorwegianText.deadlineDates(in: text) where !placed.dates.contains(iso) {
                reasons.append("dato \(iso) er ikke plassert")
            }
        }
        // Rows of change tables were read number by number (the earlier amount of a supplement's
        // row is read but not kept); a row taken as read of whose amounts the model holds none
        // gave nothing, and is not understood.
        if budget.fullyRead.contains(line.number) {
            let sum = Self.isSumRow(lower)
            let cells = Self.tableNumbers(text)
            let numbers =
                cells.isEmpty ? Self.trailingAmount.groups(text).flatMap { NorwegianText.number($0[1]) }.map { [$0] } ?? [] : cells
            let amounts = numbers.filter { !placed.chapters.contains(NSDecimalNumber(decimal: $0).intValue) }
            if !sum, !amounts.isEmpty, !amounts.contains(where: placed.containsTableNumber) {
                reasons.append("tabellraden er ikke lest (ingen av tallene er plassert)")
            }
            return reasons
        }
        // Amounts in kroner.
        if lowerBytes.containsSequence(Array("kr".utf8)) || lowerBytes.containsSequence(Array("mill".utf8))
            || lowerBytes.containsSequence(Array("mrd".utf8))
        {
            // «(i 1 000 kr)» states a table's unit, not an amount.
            let statesUnit = BudgetScanner.statedUnit(lower) == 1000
            for (amount, tolerance) in NorwegianText.amountsWithPrecision(in: text)
            where !placed.containsAmount(amount, tolerance: tolerance) && !(statesUnit && amount == 1000) {
                // Every amount: prose that names a sum the model does not hold (a grant's size, a
                // fullmakt's limit) is listed too.
                reasons.append("beløp \(Money.kroner(amount)) er ikke plassert")
            }
        }
        // A budget line that ends in an amount with single spaces («01 Driftsutgifter 402 318 000»).
        if mode(of: line) == .budget || Self.looksLikePostRow(text), !tableRow, reasons.isEmpty,
            !Self.isSumRow(lower),
            let g = Self.trailingAmount.groups(text), let v = NorwegianText.number(g[1]),
            !(1900...2100).contains(NSDecimalNumber(decimal: v).intValue), !placed.containsTableNumber(v)
        {
            reasons.append("beløp \(g[1]) er ikke plassert")
        }
        // Table rows with numbers that were not read.
        if tableRow {
            let numbers = Self.tableNumbers(text)
            let missing = numbers.filter { !placed.containsTableNumber($0) }
            if !missing.isEmpty && (use == .prose || use == .stored || use == nil || mode(of: line) == .budget) {
                reasons.append("tabellraden er ikke lest (tall som ikke er plassert: \(missing.count))")
            }
        }
        return reasons
    }

    /// A post with its amount on one line, wherever it stands: «01 Driftsutgifter 402 318 000»,
    /// «Post 21 Spesielle driftsutgifter 96 750 000».
    static func looksLikePostRow(_ text: String) -> Bool {
        guard let c = text.first, c.isNumber || c == "P" || c == "p" else { return false }
        return text.range(
            ofPattern:
                #"^(?:post\s+|\d{3,4}\s*[/.]\s*)?\d{2}\s+\p{L}.*\s(?:\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+|\d{4,})(?:,\d+)?$"#,
            .caseInsensitive)
            != nil
    }

    /// A table's sum row («Sum …», «Totalt», «I alt»): its figure adds the rows up.
    static func isSumRow(_ lower: String) -> Bool { ["sum", "totalt", "i alt"].contains { lower.hasPrefix($0) } }

    static let trailingAmount = Pattern.regex(#"\s([-−]?(?:\d{1,3}(?:[ \x{00A0}\x{202F}]\d{3})+|\d{3,})(?:,\d+)?)\s*$"#)

    /// A row's cells, trimmed: split at tabs and at runs of three or more spaces (and at «|»), by
    /// bytes (splitting by a pattern was a tenth of the reading report).
    static func cells(_ text: String, pipes: Bool = false) -> [String] {
        var out: [String] = []
        var copy = text
        copy.withUTF8 { u in
            var start = 0
            var i = 0
            func cut(_ end: Int, next: Int) {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self).trimmed)
                start = next
            }
            while i < u.count {
                let b = u[i]
                if b == 0x09 || (pipes && b == 0x7C) {
                    var j = i + 1
                    while j < u.count && b == 0x09 && u[j] == 0x09 { j += 1 }
                    cut(i, next: j)
                    i = j
                } else if b == 0x20, i + 2 < u.count, u[i + 1] == 0x20, u[i + 2] == 0x20 {
                    var j = i + 3
                    while j < u.count && u[j] == 0x20 { j += 1 }
                    cut(i, next: j)
                    i = j
                } else {
                    i += 1
                }
            }
            cut(u.count, next: u.count)
        }
        return out
    }

    /// The numbers of a table row's cells that may be amounts (100 or more, not a year).
    static func tableNumbers(_ text: String) -> [Decimal] {
        cells(text, pipes: true).filter { $0.matches(#"^[-−]?[\d  .,]{3,}$"#) }
            .compactMap { NorwegianText.number($0) }
            .filter {
                abs(NSDecimalNumber(decimal: $0).doubleValue) >= 100 && !(1900...2100).contains(NSDecimalNumber(decimal: $0).intValue)
            }
    }

    /// Whether the text names a budget chapter or post («kap. 917», «kapittel 0291», «post 21»).
    static func namesBudgetPost(_ text: String) -> Bool {
        (text.contains("ap") || text.contains("ost"))
            && text.range(ofPattern: #"\b(?:kap(?:\.|ittel)?|post)\s*\d{2,4}\b"#, .caseInsensitive) != nil
    }

    /// Deadline dates ("Frist …", "innen …", "senest …") that no deadline in the model holds.
    func unplacedDeadlines(in text: String, lower: String, placed: PlacedValues) -> [String] {
        var reasons: [String] = []
        guard Self.deadlineWords.contains(where: { lower.utf8.containsSequence($0) }) else { return [] }
        for g in Self.deadlineCue.allGroups(text) {
            // An instruction is standing: "innen 1. mai" recurs every year and is kept as prose.
            let yearless = doc.kind == .instruks ? nil : doc.year.flatMap { NorwegianText.dayMonth(in: g[1], year: $0) }
            let iso = NorwegianText.firstDate(in: g[1]) ?? yearless
            guard let iso else {
                if doc.kind == .instruks { continue }
                if NorwegianText.dateStarts(in: g[1]).isEmpty && g[1].matches(#"\d{1,2}\.\s*\p{L}+"#),
                    NorwegianText.monthNames.contains(where: { !$0.isEmpty && g[1].lowered.contains($0) })
                {
                    reasons.append("frist «\(g[1].collapsed)» uten år er ikke plassert")
                }
                continue
            }
            if !placed.dates.contains(iso) { reasons.append("frist \(iso) er ikke plassert") }
        }
        return reasons
    }

    /// The section mode a line was read in (recorded while reading).
    func mode(of line: SourceLine) -> Mode? { lineModes[line.number] }
}
