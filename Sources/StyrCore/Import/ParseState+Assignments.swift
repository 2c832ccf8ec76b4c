import Foundation

/// An assignment while its lines are being read.
struct AssignmentBuilder {
    enum Field { case title, background, description, financing, other }
    var assignment: Assignment
    var field: Field = .title
    var titleLines = 0
    var background: [String] = []
    var description: [String] = []
    var financing: [String] = []
    var parts: [(number: String, text: [String])] = []
    var all: [String] = []
}

extension ParseState {
    mutating func startAssignment(printed: String, rest: String, line: Int, printedId: String? = nil, listItem: Bool = false) {
        guard let id = NorwegianText.assignmentId(printed) else { return }
        assignmentFromRow = false
        // «Oppdrag 2027-04 – Ekspedisjonsfartøy», «TB2026-63: Title»: the separator is not the title's.
        let rest = rest.first.map { "–—-:".contains($0) } == true ? rest.replacing(pattern: #"^[–—:-]+\s*"#, with: "") : rest
        if !listItem { assignmentList?.numbered = true }
        let goalRef: String? =
            if let g = goalIndex, let s = spIndex { "SP \(doc.goals[g].steeringParameters[s].number)" } else if let g = goalIndex {
                "Mål \(doc.goals[g].number)"
            } else { sectionGoalRef }
        var b = AssignmentBuilder(
            assignment: Assignment(
                id: id,
                printedId: printedId
                    ?? (Int(printed) != nil || printed.hasPrefix("TB") ? printed.collapsed : "Oppdrag nr. \(printed.collapsed)"),
                title: "", goalRef: goalRef, line: line))
        // A row of an assignments table ("TB2026-63 | Title | 1.10.2026"): the title is the first
        // cell, cells with a date are deadlines, other cells are kept as the description.
        let cells = rest.components(separatedBy: "\t").map(\.collapsed).filter { !$0.isEmpty }
        if cells.count > 1 {
            b.assignment.title = cells[0]
            b.titleLines = 3
            for cell in cells.dropFirst() {
                if !NorwegianText.dateStarts(in: cell).isEmpty || cell.lowered.hasPrefix("innen") {
                    b.assignment.deadlines.append(NorwegianText.deadline(cell, year: doc.year))
                } else {
                    b.description.append(cell)
                }
            }
        } else if printedId != nil, rest.count > 100, let first = Self.sentences(rest.collapsed).first, first.count < rest.count {
            // A list item written as sentences: the first is the title, all of it the description.
            b.assignment.title = first.trimmingTrailing(".")
            b.titleLines = 3
            b.description.append(rest)
        } else {
            b.assignment.title = rest.collapsed
        }
        current = b
    }

    func fieldStart(_ t: String) -> (AssignmentBuilder.Field, String)? {
        guard let g = Pattern.field.groups(t, startingWith: "BbFf") else { return nil }
        let name = g[1].lowered
        let field: AssignmentBuilder.Field =
            name.hasPrefix("bakgrunn") ? .background : name.hasPrefix("finansiering") ? .financing : .description
        return (field, g[2])
    }

    mutating func handleAssignmentLine(at i: Int) -> Int {
        let t = lines[i].trimmed
        lastBodyUse = .stored
        guard var b = current else { return i + 1 }
        if let (field, rest) = fieldStart(t) {
            b.field = field
            if !rest.isEmpty { append(rest, to: &b) }
            current = b
            return i + 1
        }
        if let g = Pattern.responsible.groups(t, startingWith: "Aa-•–") {
            b.assignment.responsible = g[1].collapsed.trimmingTrailing(".")
            lastBodyUse = .placed
            b.field = .other
            current = b
            return i + 1
        }
        if Pattern.frist.groups(t, startingWith: "FfUu") != nil {
            let (deadlines, next) = readDeadlines(from: i)
            b.assignment.deadlines.append(contentsOf: deadlines)
            lastBodyUse = .placed
            b.field = .other
            current = b
            return next
        }
        if let g = Pattern.part.groups(t, startingWith: "Dd"), b.field == .description || b.field == .background || b.field == .title {
            b.field = .description
            b.parts.append((g[1], g[2].isEmpty ? [] : [g[2]]))
            b.all.append(t)
            current = b
            return i + 1
        }
        if b.field == .title, b.assignment.title.isEmpty, let label = t.range(ofPattern: Self.titleLabel) {
            // «ID: 2026-14» on its own line, then «Tittel: Kompetanseløft …».
            b.assignment.title = String(t[label.upperBound...]).collapsed
            b.titleLines = 1
            lastBodyUse = .placed
            current = b
            return i + 1
        }
        if b.field == .title {
            // PDF text wraps long titles; a title ends with the first field label.
            if b.titleLines < 3 && t.count < 100 && !b.assignment.title.hasSuffix(".")
                && Self.continuesTitle(b.assignment.title, with: t)
            {
                b.assignment.title = (b.assignment.title + " " + t).collapsed
                b.titleLines += 1
                current = b
                return i + 1
            }
            b.field = .description
        }
        if b.field == .other { b.field = .description }
        append(t, to: &b)
        current = b
        return i + 1
    }

    /// A title given under a label of its own, after the number.
    static let titleLabel = #"^(?i:tittel|oppdragets\s+tittel|navn\s+på\s+oppdraget|overskrift)\s*:\s*"#

    /// Whether a line continues a wrapped title: it starts in lower case, or the title so far
    /// ends where a title cannot end (a dash, a comma, a preposition or conjunction).
    static func continuesTitle(_ title: String, with line: String) -> Bool {
        if title.isEmpty { return true }
        if let c = line.first, c.isLowercase || c == "«" || c == "\"" { return true }
        let last = title.split(separator: " ").last.map { String($0).lowered } ?? ""
        if ["–", "-", "—"].contains(last) || title.hasSuffix(",") || title.hasSuffix("-") { return true }
        let open: Set<String> = [
            "og", "eller", "for", "av", "til", "i", "å", "med", "om", "på", "mot", "fra", "under", "ved", "etter", "som",
            "en", "et", "ei", "den", "det", "de", "nye", "ny", "nytt", "hos", "samt", "innen", "knyttet",
        ]
        return open.contains(last)
    }

    private func append(_ text: String, to b: inout AssignmentBuilder) {
        b.all.append(text)
        switch b.field {
        case .background: b.background.append(text)
        case .financing: b.financing.append(text)
        case .description, .title, .other:
            if !b.parts.isEmpty {
                b.parts[b.parts.count - 1].text.append(text)
            } else {
                b.description.append(text)
            }
        }
    }

    mutating func closeAssignment() {
        guard let b = current else { return }
        current = nil
        var a = b.assignment
        a.background = b.background.isEmpty ? nil : b.background.map(\.collapsed).joined(separator: "\n")
        a.description = b.description.isEmpty ? nil : b.description.map(\.collapsed).joined(separator: "\n")
        a.parts = b.parts.map { p in
            let text = p.text.map { $0.collapsed.replacing(pattern: #"^[-•–]\s+"#, with: "") }
                .joined(separator: "\n")
            let short = text.count < 80 && !text.contains(".") ? text : nil
            return AssignmentPart(number: p.number, title: short, text: text)
        }
        a.financing = Self.financing(fieldLines: b.financing, allLines: b.all + b.background + b.description)
        // Deadlines written in a sentence of the text ("Frist for oppdraget er 1. juni 2026",
        // "… innen 15. mars 2026"), unless a «Frist» line already gives that date.
        // A list item's title is its whole text («2. Etablere … Frist: 1. juli 2026.»).
        let title = a.title.isEmpty || a.title.hasSuffix(".") ? a.title : a.title + "."
        let body = ([title] + b.description + b.parts.flatMap(\.text)).map(\.collapsed).joined(separator: " ")
        let lowerBody = body.lowered
        let cued = Self.deadlineWords.contains { lowerBody.utf8.containsSequence($0) }
        // A clause about another assignment («Oppdrag 2027-02: ny frist …») is that one's change.
        for sentence in cued ? Self.sentences(body) : [] where !ChangeClause.isClause(sentence) {
            for g in Self.deadlineCue.allGroups(sentence) {
                guard let iso = NorwegianText.firstDate(in: g[1]) ?? doc.year.flatMap({ NorwegianText.dayMonth(in: g[1], year: $0) }),
                    !a.deadlines.contains(where: { $0.date == iso })
                else { continue }
                var d = NorwegianText.deadline(g[1], year: doc.year)
                d.text = String(sentence.prefix(240))
                a.deadlines.append(d)
            }
        }
        // Deadlines in words: «i forbindelse med årsrapporten», «løpende», «innen utgangen av 2. tertial».
        if a.deadlines.allSatisfy({ $0.date == nil }) {
            for sentence in Self.sentences(body) {
                guard let d = NorwegianText.textDeadline(in: sentence, year: doc.year),
                    !a.deadlines.contains(where: { $0.text == d.text })
                else { continue }
                a.deadlines.append(d)
            }
        }
        if a.title.isEmpty { warn(a.line, "Oppdrag \(a.id) mangler tittel.") }
        // An assignment named twice (an overview table and its own section): one assignment,
        // what each occurrence says merged, never counted twice.
        if let k = doc.assignments.firstIndex(where: { $0.id == a.id }) {
            var e = doc.assignments[k]
            if e.title.isEmpty || (a.title.count > e.title.count && a.title.hasPrefix(e.title)) { e.title = a.title }
            e.background = e.background ?? a.background
            if let d = a.description, d != e.description { e.description = e.description.map { $0 + "\n" + d } ?? d }
            if e.parts.isEmpty { e.parts = a.parts }
            for d in a.deadlines where !e.deadlines.contains(where: { $0.date == d.date && ($0.date != nil || $0.text == d.text) }) {
                e.deadlines.append(d)
            }
            for f in a.financing where !e.financing.contains(f) { e.financing.append(f) }
            e.goalRef = e.goalRef ?? a.goalRef
            doc.assignments[k] = e
            warn(
                a.line, "Oppdrag \(a.id) står flere steder (først linje \(e.line.map(String.init) ?? "?")); opplysningene er slått sammen.")
            return
        }
        doc.assignments.append(a)
    }

    /// Financing references: sentences naming a chapter and post, with their amount.
    static func financing(fieldLines: [String], allLines: [String]) -> [Financing] {
        var out: [Financing] = []
        let fieldText = fieldLines.map(\.collapsed).joined(separator: " ")
        let source = fieldText.isEmpty ? allLines.map(\.collapsed).joined(separator: " ") : fieldText
        for sentence in sentences(source) where sentence.utf8.containsSequence(Array("ap".utf8)) {
            for g in Pattern.kapPost.allGroups(sentence) {
                let f = Financing(
                    chapter: Int(g[1]), post: Int(g[2]), amountNOK: NorwegianText.firstAmountNOK(in: sentence), text: sentence)
                if !out.contains(where: { $0.chapter == f.chapter && $0.post == f.post && $0.amountNOK == f.amountNOK }) {
                    out.append(f)
                }
            }
        }
        if out.isEmpty && !fieldText.isEmpty {
            out.append(Financing(chapter: nil, post: nil, amountNOK: nil, text: fieldText))
        }
        return out
    }

    static let abbreviations: Set<String> = [
        "kap.", "nr.", "mill.", "jf.", "pkt.", "bl.a.", "Prop.", "St.", "ca.", "kr.", "pst.", "evt.", "f.eks.", "m.a.", "m.m.",
    ]

    /// Splits on ". " followed by an upper-case letter, but not after abbreviations. Works on the
    /// UTF-8 bytes: a walk over `Character`s was the importer's hottest spot.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var text = text
        text.withUTF8 { u in
            var start = 0
            var i = 0
            while i + 2 < u.count {
                defer { i += 1 }
                guard u[i] == 0x2E, u[i + 1] == 0x20 else { continue }
                let b = u[i + 2]
                let upper: Bool
                if b < 0x80 {
                    upper = b >= 0x41 && b <= 0x5A
                } else {
                    let end = min(i + 6, u.count)
                    upper = String(decoding: UnsafeBufferPointer(rebasing: u[(i + 2)..<end]), as: UTF8.self).first?.isUppercase ?? false
                }
                guard upper else { continue }
                var w = i
                while w > start && u[w - 1] != 0x20 { w -= 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: u[w...i]), as: UTF8.self)
                if abbreviations.contains(word) { continue }
                out.append(String(decoding: UnsafeBufferPointer(rebasing: u[start...i]), as: UTF8.self).trimmed)
                start = i + 1
            }
            let rest = String(decoding: UnsafeBufferPointer(rebasing: u[start...]), as: UTF8.self).trimmed
            if !rest.isEmpty { out.append(rest) }
        }
        return out
    }

    /// Reads a "Frist…" block starting at line `start` (the value may follow on later lines,
    /// as in PDF text) and returns the deadlines and the index of the next unread line.
    mutating func readDeadlines(from start: Int) -> ([Deadline], Int) {
        var collected: [String] = [lines[start].trimmed]
        var i = start + 1
        func hasValue(_ s: String) -> Bool {
            let joined = s.collapsed
            if !NorwegianText.dateStarts(in: joined).isEmpty { return true }
            if let colon = joined.firstIndex(of: ":"), !String(joined[joined.index(after: colon)...]).trimmed.isEmpty { return true }
            let lower = joined.lowered
            return lower.contains("løpende") || NorwegianText.frequency(lower) != nil
        }
        var blankRun = 0
        while i < lines.count && collected.count < 8 {
            let t = lines[i].trimmed
            if t.isEmpty {
                if hasValue(collected.joined(separator: " ")) { break }
                blankRun += 1
                if blankRun > 2 { break }
                i += 1
                continue
            }
            blankRun = 0
            if Pattern.frist.groups(t, startingWith: "FfUu") != nil || assignmentStart(t.trimmingLeadingBullet) != nil
                || Pattern.goal.groups(t, startingWith: "MDH") != nil
                || Pattern.field.groups(t, startingWith: "BbFf") != nil || headingIfAny(t) != nil
                || Pattern.responsible.groups(t, startingWith: "Aa-•–") != nil || listItem(t) != nil || prefixedItem(t) != nil
                || (Pattern.sp.groups(t, startingWith: "S") != nil && t.uppercased().hasPrefix("STYRINGSPARAMETER"))
            {
                break
            }
            collected.append(t)
            i += 1
        }
        return (parseDeadlineBlock(collected), i)
    }

    func parseDeadlineBlock(_ collected: [String]) -> [Deadline] {
        guard let first = collected.first, let g = Pattern.frist.groups(first) else { return [] }
        let head = g[1].collapsed
        var valueLines: [String] = []
        var label: String?
        let rest = ([head] + collected.dropFirst()).filter { !$0.isEmpty }
        let joined = rest.joined(separator: " ").collapsed
        if joined.range(ofPattern: #"^Del\s+\d+\s*:"#) != nil {
            valueLines = [joined]
        } else if let colon = joined.firstIndex(of: ":"),
            NorwegianText.dateStarts(in: String(joined[..<colon])).isEmpty
        {
            label = String(joined[..<colon]).trimmed
            // Keep the line structure of what follows the colon.
            let headAfter = head.firstIndex(of: ":").map { String(head[head.index(after: $0)...]).trimmed }
            if let headAfter {
                valueLines = ([headAfter] + collected.dropFirst()).filter { !$0.isEmpty }
            } else {
                // The colon sits on a later line ("Frist for å starte …\n… kommuner:\n24.6.2020").
                let after = String(joined[joined.index(after: colon)...]).trimmed
                valueLines = [after]
            }
        } else if var pos = NorwegianText.dateStarts(in: joined).first ?? inneDPosition(joined) {
            let ns = joined as NSString
            if let innen = inneDPosition(joined), innen < pos,
                ns.substring(with: NSRange(location: innen, length: pos - innen)).trimmed.lowered == "innen"
            {
                pos = innen
            }
            label = ns.substring(to: pos).trimmed
            valueLines = [ns.substring(from: pos)]
        } else {
            valueLines = [joined]
        }
        var parts: [String] = []
        if var l = label {
            l = l.replacing(pattern: #"^(for|til)\s+"#, with: "", .caseInsensitive)
            if let pg = Pattern.regex(#"^del(?:oppdrag)?\s+([\d\s,og\-–]+)$"#, [.caseInsensitive]).groups(l) {
                parts = pg[1].components(separatedBy: CharacterSet(charactersIn: " ,-–")).filter { Int($0) != nil }
                if pg[1].contains("-") || pg[1].contains("–"), parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a < b {
                    parts = (a...b).map(String.init)
                }
                l = ""
            }
            label = l.isEmpty ? nil : l
        }
        // Lines wrapped mid-sentence (PDF text) belong together; whole sentences stay apart.
        var merged: [String] = []
        for line in valueLines.map(\.collapsed) where !line.isEmpty {
            if let last = merged.last, !(last.hasSuffix(".") || last.hasSuffix("!") || last.hasSuffix("?") || last.hasSuffix(":")) {
                merged[merged.count - 1] = last + " " + line
            } else {
                merged.append(line)
            }
        }
        var out: [Deadline] = []
        for value in merged {
            // "Del 1: Løpende Del 2: 1. juli 2021 …" → one deadline per part.
            let partMatches = Pattern.regex(#"(?:^|\s)Del\s+(\d+)\s*:"#).allGroups(value)
            if partMatches.count > 1 || (partMatches.count == 1 && value.hasPrefix("Del")) {
                let pieces = value.components(separatedBy: Pattern.regex(#"(?=(?:^|\s)Del\s+\d+\s*:)"#), keepSeparators: true)
                for piece in pieces {
                    guard let pg = Pattern.regex(#"^\s*Del\s+(\d+)\s*:\s*(.*)$"#).groups(piece) else { continue }
                    out.append(NorwegianText.deadline(pg[2], label: label, parts: [pg[1]], year: doc.year))
                }
                continue
            }
            out.append(contentsOf: splitDateAndRecurrence(value, label: label, parts: parts))
        }
        return out
    }

    /// Position of "Innen"/"innen" when no date starts earlier.
    func inneDPosition(_ s: String) -> Int? {
        let r = (s as NSString).range(of: "innen", options: .caseInsensitive)
        return r.location == NSNotFound ? nil : r.location
    }

    /// "31. desember 2021 IMDi skal rapportere månedlig …" → a date deadline and a recurring one.
    func splitDateAndRecurrence(_ value: String, label: String?, parts: [String]) -> [Deadline] {
        let sentences = Self.sentences(value)
        guard sentences.count > 1 || value.count > 60 else {
            return [NorwegianText.deadline(value, label: label, parts: parts, year: doc.year)]
        }
        // Leading date phrase.
        if let g = Pattern.regex(
            #"^((?:innen\s+)?\d{1,2}\.\s*\p{L}+\s+\d{4}|(?:innen\s+)?\d{1,2}\.\d{1,2}\.\d{4})\s+(.+)$"#, [.caseInsensitive]
        ).groups(value) {
            var out = [NorwegianText.deadline(g[1], label: label, parts: parts, year: doc.year)]
            let rest = g[2]
            if NorwegianText.frequency(rest.lowered) != nil {
                out.append(NorwegianText.deadline(Self.sentences(rest).first ?? rest, label: "rapportering", parts: parts, year: doc.year))
            }
            return out
        }
        return [NorwegianText.deadline(value, label: label, parts: parts, year: doc.year)]
    }
}

extension String {
    /// Splits at the start of every match of `regex`.
    func components(separatedBy regex: NSRegularExpression, keepSeparators: Bool) -> [String] {
        let ns = self as NSString
        let starts = regex.matches(in: self, range: NSRange(location: 0, length: ns.length)).map(\.range.location)
        var bounds = starts.filter { $0 > 0 }
        bounds.insert(0, at: 0)
        bounds.append(ns.length)
        var out: [String] = []
        for k in 0..<(bounds.count - 1) where bounds[k + 1] > bounds[k] {
            out.append(ns.substring(with: NSRange(location: bounds[k], length: bounds[k + 1] - bounds[k])))
        }
        return out
    }
}

extension ParseState {
    /// Whether a line can hold cells at all (a tab, «|» or two spaces in a row): a byte test
    /// before splitting it by a pattern.
    static func hasCellGaps(_ line: SourceLine) -> Bool {
        let bytes = line.text.utf8
        return bytes.contains(UInt8(ascii: "\t")) || bytes.contains(UInt8(ascii: "|")) || bytes.containsSequence([0x20, 0x20])
    }

    /// The cells of a table row: tab-separated, or columns at least two spaces apart.
    static func tableCells(_ line: SourceLine) -> [String] {
        var cells = line.text.components(separatedBy: "\t").map(\.trimmed)
        if cells.filter({ !$0.isEmpty }).count < 2 {
            cells = line.trimmed.components(separatedBy: Pattern.regex(#"\s{2,}"#), keepSeparators: false).map(\.trimmed)
        }
        return cells.filter { !$0.isEmpty }
    }

    /// «Nr.  Oppdrag  Frist  Ansvarlig»: a header whose first column numbers assignments and
    /// another gives their deadline; the columns, lower-cased.
    static func assignmentTableHeader(_ line: SourceLine) -> [String]? {
        guard let c = line.trimmed.first, "NnIiOo".contains(c), line.trimmed.count < 120, Self.hasCellGaps(line) else { return nil }
        let cells = tableCells(line).map(\.lowered)
        guard cells.count >= 3, ["nr", "nr.", "id", "oppdrag nr.", "oppdragsnr.", "nummer"].contains(cells[0]),
            cells.contains(where: { $0.hasPrefix("frist") }), cells.contains(where: { $0.hasPrefix("oppdrag") || $0.hasPrefix("tittel") })
        else { return nil }
        return cells
    }

    /// A row of such a table: its number, title, deadlines, responsible unit and other cells.
    static func assignmentTableRow(_ line: SourceLine, columns: [String], year: Int?) -> (
        id: String, title: String, deadlines: [Deadline], responsible: String?, other: [String]
    )? {
        guard hasCellGaps(line) else { return nil }
        let cells = tableCells(line)
        // A bare number needs a row's worth of cells («3<tab>Budsjett» is a heading).
        let bare = cells.first?.first?.isNumber == true && cells[0].count <= 3
        guard cells.count >= (bare ? 3 : 2), cells.count <= columns.count, NorwegianText.assignmentId(cells[0]) != nil,
            cells[0].matches(#"^(?:[A-ZÆØÅ]{1,4}\s*)?(?:19|20)\d{2}\s*[-–]\s*\d{1,3}$|^\d{1,2}\.?$"#)
        else { return nil }
        var title = ""
        var deadlines: [Deadline] = []
        var responsible: String?
        var other: [String] = []
        for (k, cell) in cells.enumerated().dropFirst() {
            let column = columns[k]
            if column.hasPrefix("frist") {
                deadlines.append(NorwegianText.deadline(cell, year: year))
            } else if column.hasPrefix("ansvar") {
                responsible = cell.collapsed
            } else if title.isEmpty && (column.hasPrefix("oppdrag") || column.hasPrefix("tittel")) {
                title = cell.collapsed
            } else {
                other.append(cell.collapsed)
            }
        }
        return (cells[0].collapsed, title, deadlines, responsible, other)
    }
}
