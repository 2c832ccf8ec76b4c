import Foundation

extension ParseState {
    /// Closes open blocks and derives what needs the whole document.
    /// The changes a supplement makes: those written in prose, and those its change tables give.
    /// A post the table and the prose both change is counted once: the prose (with its reasons)
    /// when its changes add up to the table's, else the table, with a warning.
    mutating func mergedChanges() -> [(change: BudgetChange, line: Int)] {
        var changes = budget.changes
        for t in budget.tableChanges {
            let c = t.change
            let prose = changes.filter { $0.change.chapter == c.chapter && $0.change.post == c.post }
            if prose.isEmpty {
                changes.append(t)
                continue
            }
            let sum = prose.map(\.change.deltaNOK).reduce(0, +)
            if sum == c.deltaNOK { continue }
            warn(
                t.line,
                "Teksten endrer kap. \(c.chapter) post \(String(format: "%02d", c.post)) med \(Money.kroner(sum)) kroner, tabellen med \(Money.kroner(c.deltaNOK)); bruker tabellen."
            )
            changes.removeAll { $0.change.chapter == c.chapter && $0.change.post == c.post }
            changes.append(t)
        }
        return changes
    }

    mutating func finish() {
        closeAll()
        let fullText = allText.joined(separator: " ").collapsed

        // Renumberings announced in prose.
        for g in Pattern.renumbering.allGroups(fullText) {
            if let from = NorwegianText.normalizeAssignmentId(g[1]), let to = NorwegianText.normalizeAssignmentId(g[2]),
                !doc.renumberings.contains(Renumbering(from: from, to: to))
            {
                doc.renumberings.append(Renumbering(from: from, to: to))
            }
        }
        readChangeClauses(fullText)
        resolveReportDeadlines()
        readProseDuties()

        // Budget.
        var chapters = budget.chapters
        if doc.kind != .tillegg && !budget.tableChanges.isEmpty {
            doc.budgetChanges = budget.tableChanges.map(\.change)
        }
        if doc.kind == .tillegg {
            var resulting = budget.resultingPosts()
            for r in budget.tableResults where !resulting.contains(where: { $0.chapter == r.chapter && $0.post.post == r.post.post }) {
                resulting.append((r.chapter, r.post))
            }
            var changes = mergedChanges()
            for (k, entry) in changes.enumerated() {
                let c = entry.change
                let exists = resulting.contains { $0.chapter == c.chapter && $0.post.post == c.post }
                let others = resulting.filter { $0.post.post == c.post && $0.chapter != c.chapter }
                if !resulting.isEmpty && !exists && others.count == 1 {
                    warn(
                        entry.line,
                        "Teksten plasserer post \(String(format: "%02d", c.post)) under kap. \(c.chapter), men tabellen har \(others[0].chapter)/\(String(format: "%02d", c.post)); bruker \(others[0].chapter)/\(String(format: "%02d", c.post))."
                    )
                    changes[k].change.chapter = others[0].chapter
                }
            }
            doc.budgetChanges = changes.map(\.change)
            // The document's own resulting amounts are the supplement's budget.
            var result: [BudgetChapter] = []
            for var r in resulting {
                let sameChapter = chapters.filter { $0.chapter == r.chapter }.flatMap(\.posts).filter { $0.post == r.post.post }
                let anyChapter = chapters.flatMap(\.posts).filter { $0.post == r.post.post }
                let named = sameChapter.isEmpty && anyChapter.count == 1 ? anyChapter : sameChapter
                for f in named.flatMap(\.flags) where !r.post.flags.contains(f) { r.post.flags.append(f) }
                let name = chapters.first(where: { $0.chapter == r.chapter })?.name ?? ""
                if let ci = result.firstIndex(where: { $0.chapter == r.chapter }) {
                    result[ci].posts.append(r.post)
                } else {
                    result.append(BudgetChapter(chapter: r.chapter, name: name, posts: [r.post]))
                }
            }
            chapters = result
            if budget.inResultTable || !budget.resultText.isEmpty, resulting.isEmpty {
                warn(budget.resultText.first?.line, "Forstod ikke tabellen etter «Etter endringene …»; ingen resulterende beløp lagret.")
            }
        }
        doc.budget = chapters.filter { !$0.posts.isEmpty || doc.kind != .tillegg }

        // Year when the header did not say.
        if doc.year == nil {
            var counts: [Int: Int] = [:]
            for a in doc.assignments {
                // "2021-04", "TB2026-63": the year in the number.
                if let g = Pattern.regex(#"((?:19|20)\d{2})-"#).groups(a.id), let y = Int(g[1]) { counts[y, default: 0] += 1 }
            }
            if let best = counts.max(by: { $0.value < $1.value })?.key {
                doc.year = best
            } else if let g = Pattern.regex(#"(?:Budsjett|Tildeling)\s+((?:19|20)\d{2})"#).groups(fullText) {
                doc.year = Int(g[1])
            }
        }
        if doc.year == nil { warn(nil, "Fant ikke budsjettåret i dokumentet.") }
        if doc.kind == .tillegg && doc.date == nil {
            warn(nil, "Tillegget har ingen dato i teksten; sett datoen før det publiseres.")
        }
    }
}

/// A supplement's clauses about earlier assignments, sentence by sentence.
enum ChangeClause {
    static let id = #"((?:TB\s*)?(?:19|20)\d{2}\s*[-–]\s*\d{1,3})(?!\d)"#
    static let date = #"(\d{1,2}\.\s*\p{L}+(?:\s+\d{4})?|\d{1,2}\.\d{1,2}\.\d{4})"#
    /// «Oppdrag 2023-04 får nytt nummer 2023-09», «… omnummereres til 2023-09».
    static let renumber = Pattern.regex(
        #"oppdrag(?:et)?\s+(?:nr\.?\s*)?"# + id
            + #"[^.]{0,200}?(?:får\s+(?:nytt\s+)?nummer|omnummereres\s+til|nytt\s+nummer\s+er)\s+(?:oppdrag\s+)?(?:nr\.?\s*)?"# + id,
        [.caseInsensitive])
    /// «Oppdrag 2023-02 utgår», «oppdrag 2023-02 avsluttes».
    static let close = Pattern.regex(
        #"oppdrag(?:et)?\s+(?:nr\.?\s*)?"# + id
            + #"(?:\s+[^.]{0,80}?)?\s+(?:utgår|avsluttes|bortfaller|faller\s+bort|trekkes\s+tilbake|er\s+avsluttet|anses\s+som\s+avsluttet)\b"#,
        [.caseInsensitive])
    /// «Fristen for oppdrag 2023-05 … forlenges fra 1. september 2023 til 1. desember 2023».
    static let deadline = Pattern.regex(
        #"frist(?:en)?\s+for\s+(?:oppdrag(?:et)?\s+)?(?:nr\.?\s*)?"# + id
            + #"[^.]{0,160}?(?:forlenges|endres|utsettes|flyttes|settes)\s+(?:fra\s+"# + date + #"\s+)?til\s+"# + date,
        [.caseInsensitive])
    /// «Oppdrag 2027-02: ny frist 30. juni 2027 (tidligere 1. april 2027).»
    static let deadlineNew = Pattern.regex(
        #"oppdrag(?:et)?\s+(?:nr\.?\s*)?"# + id + #"[^.]{0,120}?(?:får\s+)?ny\s+frist\s*(?:er\s+|:\s*)?"# + date,
        [.caseInsensitive])
    static let deadlineAfter = Pattern.regex(
        #"oppdrag(?:et)?\s+(?:nr\.?\s*)?"# + id
            + #"[^.]{0,120}?frist(?:en)?[^.]{0,40}?(?:forlenges|endres|utsettes|flyttes|settes)\s+(?:fra\s+"# + date + #"\s+)?til\s+"#
            + date,
        [.caseInsensitive])

    /// Whether a line is such a clause (not the opening of a new assignment).
    static func isClause(_ t: String) -> Bool {
        let lower = t.lowered
        guard
            lower.contains("utgår") || lower.contains("nummer") || lower.contains("frist") || lower.contains("avslutte")
                || lower.contains("bortfaller") || lower.contains("faller bort") || lower.contains("trekkes tilbake")
        else { return false }
        return ParseState.sentences(t).contains { s in
            renumber.groups(s) != nil || close.groups(s) != nil || deadline.groups(s) != nil || deadlineAfter.groups(s) != nil
                || deadlineNew.groups(s) != nil
        }
    }
}

extension ParseState {
    /// Renumberings, closures and deadline changes written as sentences in a supplement.
    mutating func readChangeClauses(_ fullText: String) {
        // Only sentences naming an assignment and a change word can be clauses: find them by bytes
        // first (splitting the whole letter into sentences and running four patterns on each was dear).
        let words = ["nummer", "utgår", "rist", "vslutt", "ortfall", "faller bort", "trekkes"].map { Array($0.utf8) }
        let assignment = Array("ppdrag".utf8)
        var candidates: [String] = []
        for sentence in Self.sentences(fullText) {
            let bytes = sentence.utf8
            guard bytes.containsSequence(assignment) || bytes.containsSequence(Array("TB".utf8)),
                words.contains(where: { bytes.containsSequence($0) })
            else { continue }
            candidates.append(sentence)
        }
        for sentence in candidates {
            if let g = ChangeClause.renumber.groups(sentence), let from = NorwegianText.assignmentId(g[1]),
                let to = NorwegianText.assignmentId(g[2]), !doc.renumberings.contains(Renumbering(from: from, to: to))
            {
                doc.renumberings.append(Renumbering(from: from, to: to))
            }
            if let g = ChangeClause.close.groups(sentence), let id = NorwegianText.assignmentId(g[1]),
                !(doc.closedAssignments ?? []).contains(where: { $0.id == id })
            {
                doc.closedAssignments = (doc.closedAssignments ?? []) + [ClosedAssignment(id: id, text: sentence)]
            }
            if let g = ChangeClause.deadline.groups(sentence) ?? ChangeClause.deadlineAfter.groups(sentence)
                ?? ChangeClause.deadlineNew.groups(sentence).map({ [$0[0], $0[1], "", $0[2]] }),
                var id = NorwegianText.assignmentId(g[1])
            {
                // «Oppdrag TB2025-07 … får nytt nummer TB2025-06, og fristen endres …»: the new deadline
                // is the renumbered assignment's.
                if let r = ChangeClause.renumber.groups(sentence), NorwegianText.assignmentId(r[1]) == id,
                    let to = NorwegianText.assignmentId(r[2])
                {
                    id = to
                }
                var d = NorwegianText.deadline(g[3], year: doc.year)
                d.text = String(sentence.prefix(240))
                if !doc.deadlineChanges.contains(where: { $0.assignmentId == id && $0.deadline.date == d.date }) {
                    doc.deadlineChanges.append(DeadlineChange(assignmentId: id, deadline: d))
                }
            }
        }
    }
}

extension ParseState {
    /// «i forbindelse med årsrapporten»: the date the letter's own reporting calendar gives that report
    /// (the annual report for the letter's year, the half-year report in it). The text is kept.
    mutating func resolveReportDeadlines() {
        guard !doc.reporting.isEmpty, let year = doc.year else { return }
        func date(for label: String) -> String? {
            let rows = doc.reporting.filter { r in
                let type = r.type.lowered
                return label == "årsrapport" ? type.contains("årsrapport") && !type.contains("halvår") : type.contains(label)
            }
            // The annual report for `year` is due the next year; a half-year report in `year`.
            let wanted = label == "årsrapport" ? year + 1 : year
            return rows.compactMap(\.deadline).first { $0.hasPrefix("\(wanted)-") }
        }
        for k in doc.assignments.indices {
            for d in doc.assignments[k].deadlines.indices {
                let x = doc.assignments[k].deadlines[d]
                // «i halvårs- og årsrapportene» names both reports: no one date.
                let both = x.label == "årsrapport" && x.text.lowered.contains("halvår")
                guard x.date == nil, x.kind == .text, !both, let label = x.label, label.hasSuffix("rapport"), let iso = date(for: label)
                else { continue }
                doc.assignments[k].deadlines[d].date = iso
            }
        }
    }
}
