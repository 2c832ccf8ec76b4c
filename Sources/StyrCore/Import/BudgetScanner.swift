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

    static let changeRegex = Pattern.regex(
        #"(økes\s+med|økt\s+med|reduseres\s+med|redusert\s+med|stilles\s+ytterligere|økning\s+på|reduksjon\s+på)\s+(.*)$"#,
        [.caseInsensitive])

    /// Reads one line; returns whether it was taken into the budget (false: kept as the post's prose).
    @discardableResult
    mutating func handle(_ line: SourceLine, kind: DocumentKind, warnings: inout [ImportIssue]) -> Bool {
        let t = line.trimmed
        let lower = t.lowercased()
        if lower.contains("etter endringene") {
            flushPost(kind: kind, warnings: &warnings)
            inResultTable = true
            return true
        }
        if inResultTable {
            resultText.append((t, line.number))
            return true
        }
        if lower.contains("endringer fra") || pendingSource != nil {
            pendingSource = ((pendingSource ?? "") + " " + t).collapsed
            guard pendingSource!.contains("får virkning") || pendingSource!.count > 400 else { return true }
        }
        if let text = pendingSource, let g = Pattern.regex(#"endringer\s+fra\s+(.+?)\s+får\s+virkning"#, [.caseInsensitive]).groups(text) {
            pendingSource = nil
            flushPost(kind: kind, warnings: &warnings)
            var src = g[1].replacingOccurrences(of: "Stortingets behandling av ", with: "")
            if let r = src.range(of: #"\)\s+\p{L}.*$"#, options: .regularExpression) {
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
        if let g = Pattern.chapter.groups(t, startingWith: "Kk") {
            flushPost(kind: kind, warnings: &warnings)
            let number = Int(g[1])!
            let name = g[2].collapsed.trimmingTrailing(".")
            if let idx = chapters.firstIndex(where: { $0.chapter == number }) {
                chapterIndex = idx
            } else {
                chapters.append(BudgetChapter(chapter: number, name: name))
                chapterIndex = chapters.count - 1
            }
            inTable = false
            return true
        }
        if lower.contains("mill. kroner") && t.hasPrefix("(") {
            return true
        }
        if lower.hasPrefix("post") && (lower.contains("betegnelse") || lower.contains("postnavn")) {
            flushPost(kind: kind, warnings: &warnings)
            inTable = true
            return true
        }
        if let g = Pattern.regex(#"^Sum\b[^\d]*([\d  .,]+)\s*$"#, [.caseInsensitive]).groups(t, startingWith: "Ss"), !recipientTable {
            checkSum(g[1], line: line.number, warnings: &warnings)
            inTable = false
            return true
        }
        if recipientTable {
            handleRecipientRow(line, warnings: &warnings)
            return true
        }
        if let g = Pattern.postRow.groups(t, startingWith: "Pp"), chapterIndex != nil, let amount = Self.tableAmount(g[3]) {
            flushPost(kind: kind, warnings: &warnings)
            upsertPost(number: Int(g[1])!, name: g[2].collapsed, amount: amount)
            return true
        }
        if let g = Pattern.postHeading.groups(t, startingWith: "Pp"), let chapterIndex {
            flushPost(kind: kind, warnings: &warnings)
            let number = Int(g[1])!
            let name = g[2].collapsed
            if inTable {
                upsertPost(number: number, name: name, amount: nil)  // a row without an amount
                return true
            }
            post = (chapters[chapterIndex].chapter, number, name, line.number)
            if kind != .tillegg { mergeFlags(chapter: chapterIndex, post: number, name: name) }
            return true
        }
        if post != nil && (lower.hasPrefix("organisasjon") || lower.hasPrefix("mottaker")) && line.text.contains("\t") {
            recipientTable = true
            recipientPurpose = postText.last(where: { $0.text.lowercased().contains("fordeling") })?.text
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

    /// Table amounts: decimal comma or small numbers are millions; large whole numbers are kroner.
    static func tableAmount(_ raw: String) -> Int? {
        let cleaned = raw.trimmed
        guard let value = NorwegianText.number(cleaned) else { return nil }
        if cleaned.contains(",") || value < 100_000 {
            return NorwegianText.roundedInt(value * 1_000_000)
        }
        return NorwegianText.roundedInt(value)
    }

    mutating func upsertPost(number: Int, name: String, amount: Int?) {
        guard let ci = chapterIndex else { return }
        let flags = PostFlag.allCases.filter { name.lowercased().contains($0.rawValue) }
        if let pi = chapters[ci].posts.firstIndex(where: { $0.post == number }) {
            chapters[ci].posts[pi].amountNOK = amount ?? chapters[ci].posts[pi].amountNOK
            for f in flags where !chapters[ci].posts[pi].flags.contains(f) { chapters[ci].posts[pi].flags.append(f) }
        } else {
            chapters[ci].posts.append(BudgetPost(post: number, name: name, amountNOK: amount, flags: flags))
        }
    }

    mutating func mergeFlags(chapter ci: Int, post number: Int, name: String) {
        guard let pi = chapters[ci].posts.firstIndex(where: { $0.post == number }) else { return }
        for f in PostFlag.allCases where name.lowercased().contains(f.rawValue) && !chapters[ci].posts[pi].flags.contains(f) {
            chapters[ci].posts[pi].flags.append(f)
        }
    }

    func checkSum(_ raw: String, line: Int, warnings: inout [ImportIssue]) {
        guard let ci = chapterIndex, let printed = Self.tableAmount(raw) else { return }
        let total = chapters[ci].totalNOK
        let decimals = raw.split(separator: ",").dropFirst().first?.count ?? 0
        let tolerance = raw.contains(",") ? Int(0.5 * pow(10.0, Double(6 - decimals))) + 1 : 1
        if abs(total - printed) > tolerance {
            warnings.append(
                ImportIssue.at(
                    line,
                    "Summen for kap. \(chapters[ci].chapter) er oppgitt til \(raw.trimmed), men postene summerer til \(Money.millions(total)) mill. kroner."
                ))
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
        if name.lowercased().hasPrefix("sum") {
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
                let sign = g[1].lowercased().hasPrefix("redu") ? -1 : 1
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
                let flags = PostFlag.allCases.filter { post.name.lowercased().contains($0.rawValue) }
                chapters[ci].posts.append(BudgetPost(post: post.post, name: post.name, amountNOK: nil, flags: flags))
            }
            return
        }
        if postIndex() == nil, let ci = chapters.firstIndex(where: { $0.chapter == post.chapter }) {
            chapters[ci].posts.append(
                BudgetPost(
                    post: post.post, name: post.name, amountNOK: nil,
                    flags: PostFlag.allCases.filter { post.name.lowercased().contains($0.rawValue) }))
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
            let bullet = text.range(of: #"^[-•–]\s*"#, options: .regularExpression)
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
            if let r = purpose.range(of: #"^[\d  ,]+\s*(?:mill\.?|millioner)\s*(?:kroner)?\s*(?:til|i)?\s*"#, options: .regularExpression) {
                purpose = String(purpose[r.upperBound...])
            }
            let lowerText = text.lowercased()
            let refs = lowerText.contains("oppdrag") ? NorwegianText.assignmentIds(in: text) : []
            chapters[ci].posts[pi].earmarks.append(Earmark(amountNOK: amount, purpose: purpose.trimmingTrailing("."), assignmentRefs: refs))
        }
    }

    /// A supplement's resulting table ("Etter endringene … disponerer IMDi følgende").
    func resultingPosts() -> [(chapter: Int, post: BudgetPost)] {
        var text = ""
        for (t, _) in resultText {
            let l = t.lowercased()
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
                    flags: PostFlag.allCases.filter { name.lowercased().contains($0.rawValue) })
            )
        }
    }
}
