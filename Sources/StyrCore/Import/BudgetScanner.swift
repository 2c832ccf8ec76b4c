import Foundation

/// Reads the budget part of a letter: tables per chapter, earmarks per post, and a
/// supplement's changes ("økes med", "reduseres med") and resulting amounts.
struct BudgetScanner {
    var chapters: [BudgetChapter] = []
    var chapterIndex: Int?
    var post: (chapter: Int, post: Int, name: String, line: Int)?
    var postText: [(text: String, line: Int)] = []
    var inTable = false
    var recipientTable = false
    var recipientPurpose: String?
    var legalSource: String?
    var inResultTable = false
    var resultText: [(text: String, line: Int)] = []
    var changes: [(change: BudgetChange, line: Int)] = []
    var pendingSource: String?
    /// The unit a table states ("(i 1 000 kr)", "mill. kroner"): kroner per printed unit.
    var unit: Decimal?
    /// A per-post table «Tidligere tildeling | Ny tildeling | Sum tildeling» being read.
    var changeTable: ChangeTable?
    /// Resulting amounts and changes read from such tables.
    var tableResults: [(chapter: Int, post: BudgetPost, line: Int)] = []
    var tableChanges: [(change: BudgetChange, line: Int)] = []
    /// Lines whose every number was read (rows and sums of change tables).
    var fullyRead: Set<Int> = []
    /// Sum lines («Sum kap. 1420», «Sum», a change table's «Sum») whose printed total is not what
    /// the rows add up to, and rows whose previous amount and change do not give the new amount:
    /// line → reason. The reading report lists them.
    var sumMismatches: [Int: String] = [:]
    /// Kroner read from the rows of the allocation table now being read (all its chapters).
    var tableTotal = 0

    static let changeRegex = Pattern.regex(
        #"(økes\s+med|økt\s+med|reduseres\s+med|redusert\s+med|stilles\s+ytterligere|økning\s+på|reduksjon\s+på)\s+(.*)$"#,
        [.caseInsensitive])

    /// Reads one line; returns whether it was taken into the budget (false: kept as the post's prose).
    @discardableResult
    mutating func handle(_ line: SourceLine, kind: DocumentKind, warnings: inout [ImportIssue]) -> Bool {
        let t = line.trimmed
        let lower = t.lowered
        if lower.contains("etter endringene") {
            flushPost(kind: kind, warnings: &warnings)
            if let u = Self.statedUnit(lower) { unit = u }  // «… på de aktuelle postene (i 1 000 kr):»
            inResultTable = true
            return true
        }
        if inResultTable && Self.isChangeHeader(lower) {
            inResultTable = false  // «Etter endringene …:» followed by a change table: the table gives them
        }
        if inResultTable, lower.hasPrefix("("), let u = Self.statedUnit(lower) {
            unit = u  // «… på de aktuelle postene» / «(i 1 000 kr):» wrapped onto its own line
            fullyRead.insert(line.number)
            return true
        }
        if inResultTable {
            resultText.append((t, line.number))
            return true
        }
        let allocationHeader =
            (lower.hasPrefix("post") || lower.hasPrefix("kap")) && (lower.contains("betegnelse") || lower.contains("postnavn"))
            || lower.hasPrefix("kap") && lower.contains("post") && lower.contains("tildeling")
        if let u = Self.statedUnit(lower),
            t.count < 60 || Self.isChangeHeader(lower) || lower.hasPrefix("(") || lower.hasSuffix(":") || lower.hasSuffix(")")
        {
            unit = u
            // «Post  Betegnelse  Tildeling 2025 (i 1 000 kr)», «Kap. 740 Helsedirektoratet (i 1 000 kr)»:
            // the unit, and the table's header or the chapter below.
            let chapterLine = Pattern.chapter.groups(t, startingWith: "Kk") != nil
            if !Self.isChangeHeader(lower) && !allocationHeader && !chapterLine {
                fullyRead.insert(line.number)
                return true
            }
        }
        if Self.isChangeHeader(lower) {
            flushPost(kind: kind, warnings: &warnings)
            changeTable = ChangeTable(header: Self.cells(line), unit: Self.statedUnit(lower) ?? unit)
            fullyRead.insert(line.number)
            return true
        }
        if changeTable != nil {
            if handleChangeRow(line, kind: kind, warnings: &warnings) { return true }
            changeTable = nil
        }
        if lower.contains("endringer fra") || pendingSource != nil {
            pendingSource = ((pendingSource ?? "") + " " + t).collapsed
            guard pendingSource!.contains("får virkning") || pendingSource!.count > 400 else { return true }
        }
        if let text = pendingSource, let g = Pattern.regex(#"endringer\s+fra\s+(.+?)\s+får\s+virkning"#, [.caseInsensitive]).groups(text) {
            pendingSource = nil
            flushPost(kind: kind, warnings: &warnings)
            var src = g[1].replacingOccurrences(of: "Stortingets behandling av ", with: "")
            if let r = src.range(ofPattern: #"\)\s+\p{L}.*$"#) {
                src = String(src[..<r.lowerBound]) + ")"
            }
            legalSource = src.collapsed
            return true
        }
        if lower.hasPrefix("øvrige endringer") {
            flushPost(kind: kind, warnings: &warnings)
            legalSource = "Øvrige endringer"
            return true
        }
        // «Bevilgningen på kap. 917 post 01 økes med 3 200 000 kroner …»: read as the line
        // «Kap. 917 post 01 økes med …» (a chapter and a post with their change).
        if !lower.hasPrefix("kap"), lower.contains("post"), let g = Self.changeOnChapterPost.groups(t) {
            return handle(SourceLine(text: "Kap. \(g[1]) post \(g[2]) \(g[3])", number: line.number), kind: kind, warnings: &warnings)
        }
        if let g = Pattern.chapter.groups(t, startingWith: "Kk") {
            flushPost(kind: kind, warnings: &warnings)
            let number = Int(g[1])!
            var name = g[2].replacing(pattern: #"\s*\((?:i\s+)?(?:1\s?000|hele|tusen|mill)[^)]*\)\s*$"#, with: "").collapsed
                .trimmingTrailing(".")
            // «Kap. 670 post 01 Driftsutgifter reduseres med 3,2 mill. kroner …»: a chapter and a post in one line.
            var postLine: (post: Int, rest: String)?
            if let pg = Pattern.regex(#"^post\s+(\d{2})\b\.?\s*(.*)$"#, [.caseInsensitive]).groups(g[2].trimmed) {
                postLine = (Int(pg[1])!, pg[2])
                name = ""
            }
            selectChapter(number, name: name)
            inTable = false
            // «Kap. 732 post 72 Basisbevilgning …<tab>89 412 300»: the post's amount stands at the end.
            if let postLine, let g = Pattern.postRow.groups("Post \(String(format: "%02d", postLine.post)) \(postLine.rest)"),
                let amount = Self.tableAmount(g[3], unit: unit)
            {
                upsertPost(number: postLine.post, name: g[2].collapsed, amount: amount)
            } else if let postLine {
                openPost(postLine.post, postLine.rest.collapsed.trimmingTrailing("."), line: line.number, kind: kind)
            }
            return true
        }
        if lower.contains("mill. kroner") && t.hasPrefix("(") {
            return true
        }
        if allocationHeader {
            flushPost(kind: kind, warnings: &warnings)
            inTable = true
            tableTotal = 0
            return true
        }
        if lower.hasPrefix("sum"), !recipientTable, let raw = Self.sumAmount(line) {
            checkSum(raw, line: line.number, warnings: &warnings)
            inTable = false
            return true
        }
        if recipientTable {
            handleRecipientRow(line, warnings: &warnings)
            return true
        }
        // A row of the allocation table without "Post": "01  Driftsutgifter  305,6", "290.01 | … | 305 600";
        // below a chapter line also without a header row, when the amount stands in a column of its own.
        let alignedRow =
            !inTable && chapterIndex != nil && t.first?.isNumber == true
            && line.text.range(ofPattern: #"\S(?:\t|\s{2,})[-−]?\d[\d  .,]*$"#) != nil
        if inTable || alignedRow, let row = Self.allocationRow(line), row.chapter != nil || chapterIndex != nil,
            let amount = Self.tableAmount(row.amount, unit: unit)
        {
            flushPost(kind: kind, warnings: &warnings)
            if let number = row.chapter {
                // Chapter and post in cells of their own: «670 | 01 | Driftsutgifter | 319 800».
                selectChapter(number, name: "")
            }
            upsertPost(number: row.post, name: row.name, amount: amount)
            tableTotal += amount
            fullyRead.insert(line.number)
            return true
        }
        // «710           Folkehelseinstituttet» in a «Kap. | Post | Betegnelse | Beløp» table: a chapter row.
        if inTable || chapterIndex != nil, t.first?.isNumber == true,
            let g = Pattern.regex(#"^(\d{3,4})(?:\t+|\s{2,})(\p{Lu}[^\d]{1,100})$"#).groups(t)
        {
            flushPost(kind: kind, warnings: &warnings)
            selectChapter(Int(g[1])!, name: g[2].collapsed)
            fullyRead.insert(line.number)
            return true
        }
        // «Post 01 Driftsutgifter: 612,4 mill. kroner» — the amount after a colon, with its unit in words.
        if let g = Self.postColonAmount.groups(t, startingWith: "Pp"), chapterIndex != nil,
            let amount = NorwegianText.firstAmountNOK(in: g[3]) ?? Self.tableAmount(g[3], unit: unit)
        {
            flushPost(kind: kind, warnings: &warnings)
            upsertPost(number: Int(g[1])!, name: g[2].collapsed, amount: amount)
            return true
        }
        if let g = Pattern.postRow.groups(t, startingWith: "Pp"), chapterIndex != nil, let amount = Self.tableAmount(g[3], unit: unit) {
            flushPost(kind: kind, warnings: &warnings)
            upsertPost(number: Int(g[1])!, name: g[2].collapsed, amount: amount)
            return true
        }
        if let g = Pattern.postHeading.groups(t, startingWith: "Pp"), chapterIndex != nil {
            flushPost(kind: kind, warnings: &warnings)
            let number = Int(g[1])!
            let name = g[2].collapsed
            if inTable {
                upsertPost(number: number, name: name, amount: nil)  // a row without an amount
                return true
            }
            openPost(number, name, line: line.number, kind: kind)
            return true
        }
        if post != nil && (lower.hasPrefix("organisasjon") || lower.hasPrefix("mottaker")) && line.text.contains("\t") {
            recipientTable = true
            recipientPurpose = postText.last(where: { $0.text.lowered.contains("fordeling") })?.text
            return true
        }
        // «post 45 Større utstyrsanskaffelser …, kan overføres» / «      31 750 000»: the amount wrapped below.
        if let p = post, postText.isEmpty, t.count < 30, t.range(ofPattern: #"^[-−]?\d{1,3}(?:[  .]\d{3})*(?:,\d+)?$"#) != nil,
            let amount = Self.tableAmount(t, unit: unit)
        {
            upsertPost(number: p.post, name: p.name, amount: amount)
            fullyRead.insert(line.number)
            return true
        }
        if let p = post, postText.isEmpty, p.name.hasSuffix(","), t.first?.isLowercase ?? false, t.count < 60 {
            post?.name = p.name + " " + t  // a wrapped post heading
            if kind != .tillegg, let ci = chapterIndex { mergeFlags(chapter: ci, post: p.post, name: p.name + " " + t) }
            return true
        }
        if post != nil { postText.append((t, line.number)) }
        inTable = false
        return false
    }

    /// Opens a post's prose. «Driftsutgifter: Bevilgningen økes med 8,5 mill. kroner …» (the name and
    /// the change in one line) keeps the name and reads the rest as the post's text.
    mutating func openPost(_ number: Int, _ rest: String, line: Int, kind: DocumentKind) {
        guard let chapterIndex else { return }
        var name = rest.collapsed
        var text: String?
        if let colon = name.firstIndex(of: ":"), Self.changeRegex.groups(String(name[colon...])) != nil {
            text = String(name[name.index(after: colon)...]).trimmed
            name = String(name[..<colon]).trimmed
        } else if let r = Self.changeRegex.firstMatch(in: name, range: NSRange(location: 0, length: (name as NSString).length)) {
            let ns = name as NSString
            text = name
            name = ns.substring(to: r.range.location).trimmed
        }
        post = (chapters[chapterIndex].chapter, number, name, line)
        if let text { postText.append((text, line)) }
        if kind != .tillegg { mergeFlags(chapter: chapterIndex, post: number, name: name) }
    }

    /// Table amounts: decimal comma or small numbers are millions; large whole numbers are kroner.
    static let changeOnChapterPost = Pattern.regex(
        #"^[^.]{0,80}?\bkap(?:ittel|\.)?\s*(\d{3,4})\s*,?\s*post\s*(\d{2})\b\s*(.{0,80}?\b(?:økes|reduseres|økt|redusert)\s+med\b.*)$"#,
        [.caseInsensitive])

    static let postColonAmount = Pattern.regex(
        #"^Post\s+(\d{2})\s+([^:]{2,120}?)\s*:\s*((?:kr\.?\s*|NOK\s*)?-?\d[\d  .,]*\s*(?:mill(?:ioner|\.)?|mrd\.?|milliarder)?\s*(?:kroner|kr\.?)?)\s*\.?$"#,
        [.caseInsensitive])

    static func tableAmount(_ raw: String, unit: Decimal? = nil) -> Int? {
        let cleaned = raw.trimmed
        guard let value = NorwegianText.number(cleaned) else { return nil }
        if let unit { return NorwegianText.roundedInt(value * unit) }
        if cleaned.contains(",") || value < 100_000 {
            return NorwegianText.roundedInt(value * 1_000_000)
        }
        return NorwegianText.roundedInt(value)
    }

    /// Makes the chapter the current one, adding it (with `name`) when the letter has not named it before.
    mutating func selectChapter(_ number: Int, name: String) {
        if let idx = chapters.firstIndex(where: { $0.chapter == number }) {
            chapterIndex = idx
        } else {
            chapters.append(BudgetChapter(chapter: number, name: name))
            chapterIndex = chapters.count - 1
        }
    }

    mutating func upsertPost(number: Int, name: String, amount: Int?) {
        guard let ci = chapterIndex else { return }
        let flags = PostFlag.allCases.filter { name.lowered.contains($0.rawValue) }
        if let pi = chapters[ci].posts.firstIndex(where: { $0.post == number }) {
            chapters[ci].posts[pi].amountNOK = amount ?? chapters[ci].posts[pi].amountNOK
            for f in flags where !chapters[ci].posts[pi].flags.contains(f) { chapters[ci].posts[pi].flags.append(f) }
        } else {
            chapters[ci].posts.append(BudgetPost(post: number, name: name, amountNOK: amount, flags: flags))
        }
    }

    mutating func mergeFlags(chapter ci: Int, post number: Int, name: String) {
        guard let pi = chapters[ci].posts.firstIndex(where: { $0.post == number }) else { return }
        for f in PostFlag.allCases where name.lowered.contains(f.rawValue) && !chapters[ci].posts[pi].flags.contains(f) {
            chapters[ci].posts[pi].flags.append(f)
        }
    }

    mutating func checkSum(_ raw: String, line: Int, warnings: inout [ImportIssue]) {
        guard let ci = chapterIndex, let printed = Self.tableAmount(raw, unit: unit) else { return }
        let total = chapters[ci].totalNOK
        let decimals = raw.split(separator: ",").dropFirst().first?.count ?? 0
        let tolerance =
            unit.map { NorwegianText.roundedInt($0) }
            ?? (raw.contains(",") ? Int(0.5 * pow(10.0, Double(6 - decimals))) + 1 : 1)
        // A table over several chapters sums them all.
        if abs(total - printed) > tolerance && abs(tableTotal - printed) > tolerance {
            let message =
                "Summen for kap. \(chapters[ci].chapter) er oppgitt til \(raw.trimmed), men postene summerer til \(Money.millions(total)) mill. kroner."
            warnings.append(ImportIssue.at(line, message))
            sumMismatches[line] = "summen \(Money.kroner(printed)) stemmer ikke med postene (\(Money.kroner(total)))"
        } else {
            fullyRead.insert(line)
        }
    }

    mutating func handleRecipientRow(_ line: SourceLine, warnings: inout [ImportIssue]) {
        let t = line.trimmed
        guard let g = Pattern.regex(#"^(.+?)(?:\t+|\s{2,}|\s+)([\d  ]{3,})\s*(?:kroner|kr)?$"#).groups(t),
            let amount = NorwegianText.number(g[2]).map({ NorwegianText.roundedInt($0) })
        else {
            if !t.isEmpty { recipientTable = false }
            return
        }
        let name = g[1].collapsed
        if name.lowered.hasPrefix("sum") {
            recipientTable = false
            guard let (ci, pi) = postIndex() else { return }
            let rows = chapters[ci].posts[pi].earmarks.filter { $0.recipient != nil && $0.purpose == recipientLabel }
            let sumRows = rows.compactMap(\.amountNOK).reduce(0, +)
            if sumRows != amount {
                warnings.append(
                    ImportIssue.at(
                        line.number,
                        "Summen av tilskuddsmottakerne (\(Money.kroner(sumRows))) avviker fra oppgitt sum \(Money.kroner(amount))."))
            }
            return
        }
        if let (ci, pi) = postIndex() {
            chapters[ci].posts[pi].earmarks.append(Earmark(amountNOK: amount, purpose: recipientLabel, recipient: name))
        }
    }

    var recipientLabel: String {
        guard let p = recipientPurpose else { return "Fordeling på mottakere" }
        return p.replacingOccurrences(of: " har følgende fordeling:", with: "").replacingOccurrences(of: ":", with: "").collapsed
    }

    func postIndex() -> (Int, Int)? {
        guard let post, let ci = chapters.firstIndex(where: { $0.chapter == post.chapter }),
            let pi = chapters[ci].posts.firstIndex(where: { $0.post == post.post })
        else { return nil }
        return (ci, pi)
    }

    /// Applies the text under a "Post NN" heading: appropriation, share, earmarks or changes.
    mutating func flushPost(kind: DocumentKind, warnings: inout [ImportIssue]) {
        defer {
            post = nil
            postText = []
            recipientTable = false
        }
        guard let post else { return }
        let joined = postText.map(\.text).joined(separator: " ").collapsed
        if kind == .tillegg {
            for sentence in ParseState.sentences(joined) {
                guard let g = Self.changeRegex.groups(sentence), let amount = NorwegianText.firstAmountNOK(in: g[2]) else { continue }
                let sign = g[1].lowered.hasPrefix("redu") ? -1 : 1
                changes.append(
                    (
                        BudgetChange(
                            chapter: post.chapter, post: post.post, deltaNOK: sign * amount, reason: sentence, legalSource: legalSource),
                        post.line
                    ))
            }
            // Remember the post name and flags for the resulting table.
            if let ci = chapters.firstIndex(where: { $0.chapter == post.chapter }),
                !chapters[ci].posts.contains(where: { $0.post == post.post })
            {
                let flags = PostFlag.allCases.filter { post.name.lowered.contains($0.rawValue) }
                chapters[ci].posts.append(BudgetPost(post: post.post, name: post.name, amountNOK: nil, flags: flags))
            }
            return
        }
        if postIndex() == nil, let ci = chapters.firstIndex(where: { $0.chapter == post.chapter }) {
            chapters[ci].posts.append(
                BudgetPost(
                    post: post.post, name: post.name, amountNOK: nil,
                    flags: PostFlag.allCases.filter { post.name.lowered.contains($0.rawValue) }))
        }
        guard let (ci, pi) = postIndex() else { return }
        if let g = Pattern.regex(#"(?:Det er|er det)\s+bevilget\s+([\d  ,]+)\s*mill"#, [.caseInsensitive]).groups(joined) {
            chapters[ci].posts[pi].appropriationNOK = NorwegianText.millionsToNOK(g[1])
        }
        if let g = Pattern.regex(#"hvorav\s+([\d  ,]+)\s*mill\.?\s*kroner\s+er\s+udisponert"#, [.caseInsensitive]).groups(joined) {
            chapters[ci].posts[pi].undisposedNOK = NorwegianText.millionsToNOK(g[1])
        }
        if chapters[ci].posts[pi].amountNOK == nil,
            let g = Pattern.regex(#"(?:disponerer|andel av bevilgningen utgjør|stiller)\s+([\d  ,]+)\s*mill"#, [.caseInsensitive]).groups(
                joined)
        {
            chapters[ci].posts[pi].amountNOK = NorwegianText.millionsToNOK(g[1])
        }
        // Earmarks: bullet lines, with wrapped continuation lines appended.
        var items: [(String, Int)] = []
        var inBullet = false
        for (text, line) in postText {
            let bullet = text.range(ofPattern: #"^[-•–]\s*"#)
            if let bullet {
                items.append((String(text[bullet.upperBound...]), line))
                inBullet = true
            } else if inBullet, let last = items.last, !last.0.hasSuffix("."), text.first?.isLowercase ?? false {
                items[items.count - 1].0 = last.0 + " " + text
            } else {
                inBullet = false
            }
        }
        for (text, line) in items {
            let amount = NorwegianText.firstAmountNOK(in: text)
            if amount == nil {
                warnings.append(ImportIssue.at(line, "Fant ikke beløp i budsjettbindingen «\(text.collapsed.prefix(60))»."))
            }
            var purpose = text.collapsed
            if let r = purpose.range(ofPattern: #"^[\d  ,]+\s*(?:mill\.?|millioner)\s*(?:kroner)?\s*(?:til|i)?\s*"#) {
                purpose = String(purpose[r.upperBound...])
            }
            let lowerText = text.lowered
            let refs = lowerText.contains("oppdrag") ? NorwegianText.assignmentIds(in: text) : []
            chapters[ci].posts[pi].earmarks.append(Earmark(amountNOK: amount, purpose: purpose.trimmingTrailing("."), assignmentRefs: refs))
        }
    }

    /// A supplement's resulting table ("Etter endringene … disponerer IMDi følgende").
    func resultingPosts() -> [(chapter: Int, post: BudgetPost)] {
        var text = ""
        for (t, _) in resultText {
            let l = t.lowered
            if l.hasPrefix("med hilsen") || l.hasPrefix("med vennlig hilsen") { break }
            text += " " + t
        }
        let rows = Pattern.regex(#"(\d{3,4})\s*/\s*(\d{2})\s+(.+?)\s+(\d{1,3}(?:[  ]\d{3})+|\d+)\s*(?:kroner|kr\.?)"#).allGroups(
            text.collapsed)
        return rows.compactMap { g in
            guard let ch = Int(g[1]), let p = Int(g[2]), let amount = NorwegianText.number(g[4]) else { return nil }
            let name = g[3].collapsed
            return (
                ch,
                BudgetPost(
                    post: p, name: name, amountNOK: NorwegianText.roundedInt(amount),
                    flags: PostFlag.allCases.filter { name.lowered.contains($0.rawValue) })
            )
        }
    }
}

/// The columns of a per-post change table, from its header.
struct ChangeTable {
    enum Role { case previous, delta, result }
    /// Roles of the numeric columns, left to right.
    var roles: [Role]
    var unit: Decimal?
    /// Rows read so far: (previous, delta, result) in kroner.
    var rows: [(previous: Int?, delta: Int?, result: Int?)] = []

    init(header: [String], unit: Decimal?) {
        self.unit = unit
        var roles: [Role] = []
        let hasSum = header.contains {
            let l = $0.lowered; return l.contains("sum") || l.contains("samlet") || l.contains("revidert")
        }
        for cell in header {
            let l = cell.lowered
            if l.contains("tidligere") || l.contains("opprinnelig") || l.contains("gjeldende") || l.contains("vedtatt") {
                roles.append(.previous)
            } else if l.contains("endring") || l.contains("økning") || l.contains("reduksjon") || (l.contains("ny") && hasSum) {
                roles.append(.delta)
            } else if l.contains("sum") || l.contains("samlet") || l.contains("revidert") || l.contains("ny") {
                roles.append(.result)
            }
        }
        self.roles = roles
    }
}

extension BudgetScanner {
    static func isChangeHeader(_ lower: String) -> Bool {
        (lower.contains("tidligere") || lower.contains("opprinnelig"))
            && (lower.contains("ny") || lower.contains("endring") || lower.contains("sum"))
            || lower.contains("endring") && lower.contains("sum") && lower.contains("post")
    }

    /// "01 | Driftsutgifter | 305,6" (cells at tabs, "|" or two spaces): post, name and amount.
    static func allocationRow(_ line: SourceLine) -> (chapter: Int?, post: Int, name: String, amount: String)? {
        var cells = Self.cells(line)
        // «  01 Driftsutgifter            2 412 650»: the post and its name in one aligned column.
        if cells.count == 2, let g = Pattern.regex(#"^(\d{2})\s+(\p{L}.*)$"#).groups(cells[0]) {
            cells = [g[1], g[2], cells[1]]
        }
        guard cells.count >= 3, let last = cells.last, cellNumber(last) != nil else { return nil }
        var chapter: Int?
        if cells.count >= 4, cells[0].matches(#"^\d{3,4}$"#), cells[1].matches(#"^\d{2}$"#) {
            chapter = Int(cells[0])
            cells.removeFirst()
        }
        // «01», «Post 01», «1471/01», «290.01», «Kap. 1471 post 01».
        guard
            let g = Pattern.regex(#"^(?:(?:kap\.?\s*)?(\d{3,4})\s*[./ ]\s*)?(?:post\s*)?(\d{2})$"#, [.caseInsensitive]).groups(cells[0]),
            let post = Int(g[2])
        else { return nil }
        if chapter == nil, !g[1].isEmpty { chapter = Int(g[1]) }
        let name = cells.dropFirst().dropLast().filter { cellNumber($0) == nil }.joined(separator: " ").collapsed
        return name.isEmpty ? nil : (chapter, post, name, last)
    }

    /// The printed total of a sum line: its last cell («Sum kap. 1420 | | 1 237 600», «Sum | 7 652 100»),
    /// or the number after the chapter («Sum kap. 740 1 582 360»).
    static func sumAmount(_ line: SourceLine) -> String? {
        let cells = Self.cells(line)
        if cells.count >= 2, let last = cells.last, cellNumber(last) != nil { return last }
        let t = line.trimmed
        if let g = Pattern.regex(#"^Sum\b(?:\s+kap(?:ittel|\.)?\s*\d{3,4})?[^\d]*([\d  .,]+?)\s*(?:kr|kroner)?\s*$"#, [.caseInsensitive])
            .groups(t)
        {
            return g[1]
        }
        return nil
    }

    /// "(i 1 000 kr)", "i tusen kroner", "(mill. kroner)", "beløp i kroner".
    static func statedUnit(_ lower: String) -> Decimal? {
        let bytes = lower.utf8
        guard bytes.containsSequence(Array("kr".utf8)) || bytes.containsSequence(Array("tusen".utf8)) else { return nil }
        if lower.matches(#"(?:^|\(|\bi\s+|\bbeløp\s+i\s+)1\s?000\s*(?:kr|kroner)|tusen\s+kroner"#) {
            return 1000
        }
        if lower.range(
            of: #"\((?:i\s+)?mill(?:\.|ioner)?\s*(?:kr|kroner)|\bi\s+mill(?:\.|ioner)?\s*(?:kr|kroner)|mill\.\s*kroner\)"#,
            options: .regularExpression) != nil
        {
            return 1_000_000
        }
        return nil
    }

    /// The cells of a table row: between "|", at tabs, or at runs of two or more spaces.
    static func cells(_ line: SourceLine) -> [String] {
        let t = line.trimmed
        let parts: [String]
        if t.contains("|") {
            parts = t.components(separatedBy: "|")
        } else {
            parts = line.text.components(separatedBy: Pattern.regex(#"\t+|\s{2,}"#), keepSeparators: false)
        }
        return parts.map { $0.trimmed.replacingOccurrences(of: "**", with: "") }
            .map { $0.hasPrefix("\t") ? $0.trimmed : $0 }.map(\.trimmed).filter { !$0.isEmpty }
    }

    /// A signed number in a table cell ("-2 000", "−2,5", "(2 000)").
    static func cellNumber(_ cell: String) -> Decimal? {
        var c = cell.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "–", with: "-")
        var negative = false
        if c.hasPrefix("(") && c.hasSuffix(")") {
            negative = true
            c = String(c.dropFirst().dropLast())
        }
        c = c.replacing(pattern: #"\s*(?:kr\.?|kroner)$"#, with: "")
        guard c.matches(#"^-?\s?\d[\d  ]*(?:,\d+)?$"#), let v = NorwegianText.number(c) else {
            return nil
        }
        return negative ? -v : v
    }

    /// Reads a row of a change table; false when the line is not a row (the table has ended).
    mutating func handleChangeRow(_ line: SourceLine, kind: DocumentKind, warnings: inout [ImportIssue]) -> Bool {
        guard var table = changeTable else { return false }
        let cells = Self.cells(line)
        guard let first = cells.first else { return false }
        let lowerFirst = first.lowered
        let numbers = cells.compactMap(Self.cellNumber)
        let n = table.roles.count
        // A post name wrapped onto the next line ("kan" / "overføres") belongs to the row above.
        if numbers.isEmpty, cells.count == 1, let c = first.first, c.isLowercase, first.count < 60, !table.rows.isEmpty,
            var last = tableResults.popLast()
        {
            last.post.name = (last.post.name + " " + first).collapsed
            last.post.flags = PostFlag.allCases.filter { last.post.name.lowered.contains($0.rawValue) }
            tableResults.append(last)
            fullyRead.insert(line.number)
            return true
        }
        // The header's second line ("tildeling  tildeling  tildeling") before the first row.
        // One cell («tildeling» under «Tidligere» in pdftotext -layout) counts when it is a header word.
        if numbers.isEmpty, table.rows.isEmpty, cells.count >= 2 || cells.count == 1 && first.count < 20 && first == lowerFirst,
            !lowerFirst.hasPrefix("kap"), !lowerFirst.hasPrefix("post ")
        {
            fullyRead.insert(line.number)
            return true
        }
        guard n >= 2, numbers.count >= n else { return false }
        if table.unit == nil {
            // No unit stated: decimals or small numbers are millions (as in the letters' own tables).
            let millions = cells.contains { $0.contains(",") } || numbers.suffix(n).allSatisfy { abs($0) < 100_000 }
            table.unit = millions ? 1_000_000 : 1
            warnings.append(
                .at(line.number, "Tabellen oppgir ikke enhet; tallene er lest som \(millions ? "mill. kroner" : "kroner")."))
        }
        let values = numbers.suffix(n).map { v -> Int in
            guard let unit = table.unit else { return NorwegianText.roundedInt(v) }
            return NorwegianText.roundedInt(v * unit)
        }
        func value(_ r: ChangeTable.Role) -> Int? { table.roles.firstIndex(of: r).map { values[$0] } }
        var previous = value(.previous)
        var delta = value(.delta)
        var result = value(.result)
        if delta == nil, let p = previous, let r = result { delta = r - p }
        if result == nil, let p = previous, let d = delta { result = p + d }
        if previous == nil, let r = result, let d = delta { previous = r - d }
        let tolerance = table.unit.map { NorwegianText.roundedInt($0) } ?? 1
        if let p = previous, let d = delta, let r = result, abs(p + d - r) > tolerance {
            warnings.append(
                .at(line.number, "Raden går ikke opp: \(Money.kroner(p)) + \(Money.kroner(d)) er ikke \(Money.kroner(r)) kroner."))
            sumMismatches[line.number] = "raden går ikke opp: \(Money.kroner(p)) + \(Money.kroner(d)) er ikke \(Money.kroner(r))"
        }
        if lowerFirst.hasPrefix("sum") || lowerFirst.hasPrefix("totalt") || lowerFirst.hasPrefix("i alt") {
            let rows = table.rows
            for (role, total) in [(0, previous), (1, delta), (2, result)] {
                guard let total else { continue }
                let sum = rows.compactMap { [$0.previous, $0.delta, $0.result][role] }.reduce(0, +)
                if !rows.isEmpty && abs(sum - total) > tolerance * rows.count {
                    warnings.append(.at(line.number, "Summen \(Money.kroner(total)) stemmer ikke med radene (\(Money.kroner(sum)))."))
                    sumMismatches[line.number] = "summen \(Money.kroner(total)) stemmer ikke med radene (\(Money.kroner(sum)))"
                }
            }
            fullyRead.insert(line.number)
            changeTable = nil
            return true
        }
        // Chapter and post: "01", "Post 01", "721.01", "721/01", "0721 01", or chapter and post in two cells.
        var chapter = chapterIndex.map { chapters[$0].chapter }
        var post: Int?
        var nameCells = Array(cells.dropLast(n))
        if let g = Pattern.regex(#"^(?:kap\.?\s*)?(\d{3,4})\s*[./ ]\s*(?:post\s*)?(\d{2})$"#, [.caseInsensitive]).groups(first) {
            chapter = Int(g[1])
            post = Int(g[2])
            nameCells.removeFirst()
        } else if let g = Pattern.regex(#"^(?:post\s*)?(\d{2})$"#, [.caseInsensitive]).groups(first) {
            post = Int(g[1])
            nameCells.removeFirst()
        } else if first.matches(#"^\d{3,4}$"#), cells.count > 1,
            let g = Pattern.regex(#"^(?:post\s*)?(\d{2})$"#, [.caseInsensitive]).groups(cells[1])
        {
            chapter = Int(first)
            post = Int(g[1])
            nameCells.removeFirst(min(2, nameCells.count))
        }
        guard let chapter, let post, let result, let delta else { return false }
        let name = nameCells.joined(separator: " ").collapsed
        if !chapters.contains(where: { $0.chapter == chapter }) {
            chapters.append(BudgetChapter(chapter: chapter, name: ""))
        }
        let flags = PostFlag.allCases.filter { name.lowered.contains($0.rawValue) }
        tableResults.append((chapter, BudgetPost(post: post, name: name, amountNOK: result, flags: flags), line.number))
        if delta != 0 {
            tableChanges.append(
                (BudgetChange(chapter: chapter, post: post, deltaNOK: delta, reason: nil, legalSource: legalSource), line.number))
        }
        if kind != .tillegg, let ci = chapters.firstIndex(where: { $0.chapter == chapter }) {
            let saved = chapterIndex
            chapterIndex = ci
            upsertPost(number: post, name: name, amount: result)
            chapterIndex = saved
        }
        table.rows.append((previous, delta, result))
        changeTable = table
        fullyRead.insert(line.number)
        return true
    }
}
