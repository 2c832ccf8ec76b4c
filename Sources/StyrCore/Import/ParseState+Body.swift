import Foundation

/// Headings that switch the scanner into a special section, matched on the lower-cased title.
let sectionKeywords: [(String, Mode)] = [
    ("oppdrag gitt i tillegg", .referenced),
    ("videreføres", .carriedOver),
    ("oppdrag gitt tidligere", .carriedOver),
    ("tildeling av midler", .budget),
    ("budsjettrammen", .budget),
    ("budsjett", .budget),
    ("bevilgningsendring", .budget),
    ("endringer i bevilgning", .budget),
    ("fullmakter", .authorizations),
    ("styringsdialog", .meetings),
    ("møter", .meetings),
    ("etatsstyring", .meetings),
    ("møteplan", .meetings),
    ("rapportering", .reporting),
    ("mål, styringsparametere", .body),
    ("mål og styringsparametere", .body),
    ("fellesføringer", .other),
    ("internkontroll", .other),
    ("evalueringer", .other),
]

extension ParseState {
    mutating func readBody() {
        var i = bodyStart
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmed
            allText.append(t)
            if t.isEmpty {
                i += 1
                continue
            }
            lineModes[line.number] = mode
            // Only lines starting with I or M can be these markers; lower-casing every line is dear.
            let lower = "IiMm".contains(t.first!) ? t.lowered : ""
            if lower == "innhold" || lower == "innholdsfortegnelse" {
                let end = skipTableOfContents(from: i + 1)
                for k in i..<end { mark(lines[k].number, .placed) }
                i = end
                continue
            }
            if lower.hasPrefix("med hilsen") || lower.hasPrefix("med vennlig hilsen") {
                closeAll()
                mode = .other
                inSignature = true
                mark(line.number, .placed)
                i += 1
                continue
            }
            if "Vv*_T".contains(t.first!), readAppendixLine(t) {
                mark(line.number, .placed)
                i += 1
                continue
            }
            // An item of a list of assignments: «1. Plan for …», «a) …», «O-1 Utrede tiltak for …».
            if mode == .body, let item = listItem(t) ?? prefixedItem(t) {
                closeAssignment()
                closeRequirements()
                startAssignment(printed: item.id, rest: item.title, line: line.number, printedId: item.printed, listItem: true)
                assignmentList?.last = item.number
                mark(line.number, .placed)
                i += 1
                continue
            }
            let heading = headingIfAny(t)
            // «2.1 Oppdrag 1 – Eiendomsstrategi for Ørland»: an assignment under a numbered heading.
            if mode == .body || mode == .other, let heading, heading.number.contains("."),
                let g = assignmentStart(heading.title), !ChangeClause.isClause(heading.title)
            {
                closeAssignment()
                closeRequirements()
                let printedId = heading.title.range(of: g.printed).map { String(heading.title[..<$0.upperBound]).collapsed }
                startAssignment(printed: g.printed, rest: g.rest, line: line.number, printedId: printedId)
                current?.titleLines = 3
                mark(line.number, .placed)
                i += 1
                continue
            }
            if let heading {
                enterSection(number: heading.number, title: heading.title, line: line.number)
                inSignature = false
                mark(line.number, .placed)
                i += 1
                continue
            }
            // A Markdown heading without a number ("## Budsjett") after the title is a section too,
            // unless it opens an assignment, a goal or a steering parameter.
            if line.headingLevel != nil, line.number > (evidence?.titleLine?.number ?? 0), assignmentStart(t) == nil,
                Pattern.goal.groups(t, startingWith: "MDH") == nil, Pattern.goalBare.groups(t, startingWith: "MD") == nil,
                !t.uppercased().hasPrefix("STYRINGSPARAMETER"), !(lower.hasPrefix("med hilsen")), t.count < 110
            {
                enterSection(number: "", title: t.trimmingTrailing("."), line: line.number)
                inSignature = false
                mark(line.number, .placed)
                i += 1
                continue
            }
            // A known heading standing alone without a number («Budsjettendringer», «Nytt oppdrag»).
            // (A blank line above it is enough, «Budsjett» directly followed by «Kap. 490 …», but not
            // for a label: «Rapportering:» opens a steering parameter's reporting demand.)
            if Self.isStandaloneHeading(t), i > 0, lines[i - 1].isBlank,
                i + 1 >= lines.count || lines[i + 1].isBlank || !t.hasSuffix(":"),
                line.number > (evidence?.titleLine?.number ?? 0)
            {
                enterSection(number: "", title: t.trimmingTrailing(":"), line: line.number)
                mark(line.number, .placed)
                i += 1
                continue
            }
            switch mode {
            case .carriedOver, .referenced:
                if assignmentStart(t) != nil {
                    closeCarried()
                    mode = .body
                    continue
                }
                handleCarriedLine(line)
                mark(line.number, carried != nil ? .stored : .prose)
                i += 1
            case .budget where strayAuthorization(line):
                mark(line.number, .stored)
                i += 1
            case .body where current == nil && strayAuthorization(line), .other where strayAuthorization(line):
                mark(line.number, .stored)
                i += 1
            case .budget:
                let used = budget.handle(line, kind: doc.kind, warnings: &warnings)
                // A bullet under a post is an earmark: its whole text is kept as the earmark's purpose.
                let bullet = budget.post != nil && t.matches(#"^[-•–]\s"#)
                mark(line.number, used ? .placed : bullet ? .stored : .prose)
                i += 1
            case .authorizations:
                handleAuthorizationLine(line)
                mark(line.number, authorization != nil ? .stored : .prose)
                i += 1
            case .meetings:
                // A row of a meeting list («Etatsstyringsmøte 1      8. mai 2025») is a sentence of its own.
                let cells = Self.tableCells(line)
                meetingText.append(cells.count >= 2 && cells.count <= 4 ? cells.joined(separator: " – ") + "." : t)
                mark(line.number, .stored)
                i += 1
            case .reporting where t.lowered.contains("møte") && !NorwegianText.dates(in: t).isEmpty:
                // «Etatsstyringsmøter avholdes 5. mai 2025 og 3. november 2025.» below a reporting calendar.
                meetingText.append(t)
                closeMeetings()
                mark(line.number, .stored)
                i += 1
            case .reporting:
                let before = doc.reporting.count
                let header = reportingHeaderSeen
                handleReportingLine(line)
                mark(line.number, doc.reporting.count > before || reportingHeaderSeen != header ? .placed : .prose)
                i += 1
            case .body, .other:
                let next = handleBodyLine(at: i)
                let use = lastBodyUse ?? (inSignature && t.count < 90 ? .placed : .prose)
                for k in i..<max(next, i + 1) where k < lines.count && !lines[k].isBlank { mark(lines[k].number, use) }
                i = next
            }
        }
    }

    static let appendixPattern = Pattern.regex(
        #"^[*_]*Vedlegg\s+(?:nr\.?\s*)?(\d{1,2})\s*[:.–-]?\s+([^.]{2,100}?)[*_]*$"#)
    static let appendixTable = Pattern.regex(#"^[-•*]?\s*Tabell\s+(\d{1,2}[A-Z]?)\s*[:.–-]?\s*(\S.{0,200})$"#)

    /// «Vedlegg nr. 2 Statistikkrapportering», «*Vedlegg 1: Instruks …*»: an appendix; «Tabell 1A …»
    /// after a statistics appendix: one of its tables. True when the line was one.
    mutating func readAppendixLine(_ t: String) -> Bool {
        if let g = Self.appendixPattern.groups(t, startingWith: "V*_") {
            let title = g[2].trimmingTrailing("*_ ")
            var list = doc.appendices ?? []
            list.removeAll { $0.number == g[1] }
            list.append(Appendix(number: g[1], title: title))
            doc.appendices = list
            return true
        }
        if let last = doc.appendices?.last, last.title.lowered.contains("statistikk"),
            let g = Self.appendixTable.groups(t, startingWith: "T-•*")
        {
            doc.appendices![doc.appendices!.count - 1].tables.append("\(g[1]) \(g[2].collapsed)")
            return true
        }
        return false
    }

    static let listItemPattern = Pattern.regex(#"^(\d{1,2}|[a-h])([.)])\s+(\S.*)$"#)

    /// An item of a numbered list of assignments («1. Plan for …», «2) …», «a) …») under an
    /// «Oppdrag» heading: items count 1, 2, 3 … (or a, b, c …) in order; «4. Rapportering» after
    /// item 3 in section 3 is the next section, not item 4.
    func listItem(_ t: String) -> ListedAssignment? {
        guard let list = assignmentList, !list.numbered, carried == nil,
            let g = Self.listItemPattern.groups(t, startingWith: "0123456789abcdefgh")
        else { return nil }
        let n = g[1]
        let title = g[3].collapsed
        guard let first = title.first, first.isUppercase || first == "«", title.count < 200 else { return nil }
        let isLetter = n.first!.isLetter
        if isLetter && g[2] != ")" { return nil }
        let expected: String
        if let last = list.last {
            if let k = Int(last) {
                expected = String(k + 1)
            } else {
                expected = String(Character(UnicodeScalar(last.unicodeScalars.first!.value + 1)!))
            }
        } else {
            guard current == nil else { return nil }
            expected = isLetter ? "a" : "1"
        }
        guard n == expected else { return nil }
        if let s = list.section, Int(n) == s + 1, g[2] == "." {
            let lower = title.lowered
            let sectionWords = ["møte", "styring", "oppfølging", "økonomi", "vedlegg", "avslutning", "administrative", "kontakt"]
            if sectionKeywords.contains(where: { lower.contains($0.0) }) || sectionWords.contains(where: { lower.hasPrefix($0) }) {
                return nil
            }
        }
        return ListedAssignment(id: n, number: n, printed: n + g[2], title: title)
    }

    /// An assignment given as a list item: its id, its number in the list's count, as printed, its title.
    struct ListedAssignment {
        let id: String
        let number: String
        let printed: String
        let title: String
    }

    static let prefixedItemPattern = Pattern.regex(#"^([A-ZÆØÅ]{1,3})[-–](\d{1,3})\s+(\p{Lu}.*)$"#)

    /// An item of a list of assignments numbered with a letter prefix («O-1 Utrede …», «O-2 …»),
    /// in order from 1.
    func prefixedItem(_ t: String) -> ListedAssignment? {
        // A byte test first: a capital, up to two more, then a dash («O-1», «OPP-12», «A–3»).
        guard let list = assignmentList, carried == nil, t.count < 300, let c = t.utf8.first, c >= 0x41 && c <= 0x5A || c >= 0xC3,
            t.utf8.prefix(8).contains(UInt8(ascii: "-")) || t.contains("–"),
            let g = Self.prefixedItemPattern.groups(t), let n = Int(g[2])
        else { return nil }
        guard n == (list.last.flatMap { Int($0) }.map { $0 + 1 } ?? 1) else { return nil }
        return ListedAssignment(id: "\(g[1])-\(n)", number: String(n), printed: "\(g[1])-\(n)", title: g[3].collapsed)
    }

    /// Skips table-of-contents lines ("4.1.\tTitle\t22") after "Innhold".
    func skipTableOfContents(from start: Int) -> Int {
        var i = start
        while i < lines.count {
            let t = lines[i].trimmed
            if t.isEmpty || t.matches(#"\s\d{1,3}$"#)
                || t.matches(#"\.{3,}\s*\d{1,3}$"#)
            {
                i += 1
            } else {
                break
            }
        }
        return i
    }

    /// A numbered section heading, or nil. Multi-level numbers ("4.1", "5.1.") are headings
    /// anywhere; single numbers ("6 Fullmakter") only when they name a known section or when
    /// the scanner is not inside an assignment (where numbered lists are common).
    func headingIfAny(_ t: String) -> (number: String, title: String)? {
        guard let g = Pattern.heading.groups(t, startingWith: "0123456789") else { return nil }
        // «1      Utarbeide …      1. juni 2025» under «Nr.  Oppdrag  Frist» is a row, not a heading.
        if let columns = assignmentColumns, Self.assignmentTableRow(SourceLine(text: t, number: 0), columns: columns, year: doc.year) != nil
        {
            return nil
        }
        let number = g[1]
        var title = g[2].collapsed
        guard let first = title.first, first.isUppercase || first == "«" else { return nil }
        // "01  Driftsutgifter  178 450 …" is a table row (post numbers have a leading zero).
        if number.hasPrefix("0") || budget.changeTable != nil { return nil }
        if t.matches(#"(?:\t|\s{2,}|\|)\s*-?\d[\d  ]*(?:,\d+)?\s*(?:\t|\s{2,}|\|)\s*-?\d"#) {
            return nil
        }
        if title.matches(#"\s\d{1,3}$"#) && t.contains("\t") {
            return nil  // a table-of-contents line outside the TOC
        }
        title = title.trimmingTrailing(".")
        let lower = title.lowered
        // A supplement's sections after an assignment: «2. Endring i frister», «3. Nye oppdrag».
        let known =
            sectionKeywords.contains { lower.contains($0.0) }
            || ["endring", "nye oppdrag", "nytt oppdrag", "avsluttede oppdrag"].contains { lower.hasPrefix($0) }
        let multiLevel = number.contains(".")
        if title.count > 110 || t.hasSuffix("?") { return nil }
        if multiLevel {
            guard Int(number.split(separator: ".").first ?? "") ?? 99 <= 12 else { return nil }
            if current != nil && !known && title.count > 80 { return nil }
            return (number, title)
        }
        guard let n = Int(number), n >= 1, n <= 12 else { return nil }
        if known && title.count < 80 { return (number, title) }
        if current == nil && carried == nil && requirementLines == nil && title.count < 70
            && !t.hasSuffix(".") && !t.hasSuffix(",")
        {
            return (number, title)
        }
        return nil
    }

    static func isStandaloneHeading(_ t: String) -> Bool {
        guard t.count < 40, let c = t.first, c.isUppercase, !t.contains(where: \.isNumber) else { return false }
        let lower = t.trimmingTrailing(":").lowered
        return [
            "budsjettendringer", "budsjettendring", "budsjett", "endringer i budsjettet", "bevilgningsendringer",
            "endringer i bevilgningen", "nytt oppdrag", "nye oppdrag", "endring av frist", "endringer av frister",
            "endrede frister", "endringer i oppdrag", "fullmakter",
        ].contains(lower)
            // Words that are also labels («Oppdrag:» in a list) are headings only without the colon.
            || !t.hasSuffix(":")
                && ["oppdrag", "styringsdialog", "etatsstyring", "tildeling", "rapporteringskalender", "møteplan", "møter"].contains(lower)
    }

    mutating func enterSection(number: String, title: String, line: Int) {
        closeAll()
        assignmentColumns = nil
        doc.sections.append(Section(number: number.isEmpty ? nil : number, title: title, line: line))
        let lower = title.lowered
        var next: Mode = .body
        for (keyword, m) in sectionKeywords where lower.contains(keyword) {
            // "Rapportering" as a section only when it is the whole title.
            if m == .reporting
                && !(lower == "rapportering" || lower.hasPrefix("rapportering og") || lower.hasPrefix("krav til rapportering")
                    || lower.hasPrefix("rapporteringskalender") || lower.hasPrefix("rapporteringsfrister"))
            {
                continue
            }
            if m == .meetings && !lower.contains("møte") && !lower.hasPrefix("styringsdialog") && !lower.hasPrefix("etatsstyring") {
                continue
            }
            next = m
            break
        }
        // «5.1 Merinntektsfullmakt», «Andre fullmakter»: a fullmakt under its own heading.
        if lower.contains("fullmakt") {
            mode = .authorizations
            // «3.2 Fullmakter», «Andre fullmakter» list several: each is read from its own sentence or label.
            if !(lower == "fullmakter" || lower.hasSuffix(" fullmakter") || lower.hasPrefix("fullmakter ")) {
                authorization = (title, line, [], false)
            }
            assignmentList = nil
            return
        }
        // «Tildeling», «Tildelinger for 2027», «Bevilgninger»: the allocation under a heading of its own.
        if next == .body,
            lower == "tildeling" || lower == "tildelinger" || lower.hasPrefix("tildeling for")
                || lower.hasPrefix("tildelinger for") || lower.hasPrefix("bevilgning")
        {
            next = .budget
        }
        mode = next
        // «3. Budsjett (i 1 000 kroner)»: the unit of the tables below.
        if mode == .budget, let u = BudgetScanner.statedUnit(lower) { budget.unit = u }
        // «3. Oppdrag for 2025», «Nye oppdrag»: a numbered list below it lists assignments.
        assignmentList =
            mode == .body && lower.contains("oppdrag") && !lower.contains("videreføres") && !lower.contains("tidligere")
            ? AssignmentList(section: Int(number)) : nil
        if mode == .body || mode == .other {
            goalIndex = nil
            spIndex = nil
            sectionGoalRef = number.isEmpty ? title : "\(number) \(title)"
        }
    }

    /// Closes whatever is under construction.
    mutating func closeAll() {
        closeAssignment()
        closeRequirements()
        closeCarried()
        closeAuthorization()
        closeMeetings()
        budget.flushPost(kind: doc.kind, warnings: &warnings)
        budget.inResultTable = false
    }
}
