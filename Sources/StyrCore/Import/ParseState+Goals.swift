import Foundation

extension ParseState {
    /// «… får nytt nummer» / «TB2025-05. Fristen …»: a number that ends the sentence above opens nothing.
    func continuesSentenceAbove(_ i: Int) -> Bool {
        i > 0 && !lines[i - 1].isBlank
            && lines[i - 1].trimmed.lowered.range(ofPattern: #"\b(?:nummer|nr\.?|til|fra|som|og|med|mot|av)$"#) != nil
    }

    /// Handles one line in the goals-and-assignments part; returns the next line index.
    mutating func handleBodyLine(at i: Int) -> Int {
        let line = lines[i]
        let t = line.trimmed
        lastBodyUse = .placed
        if let next = handleAssignmentTableLine(at: i) { return next }
        // «• Oppdrag 2025-1: Kystverket skal …»: a bullet opens an assignment when a colon or dash follows its number.
        let bulleted = t.first.map { "-•–".contains($0) } == true
        let opening = bulleted ? t.trimmingLeadingBullet : t
        if let g = assignmentStart(opening), !ChangeClause.isClause(t), !continuesSentenceAbove(i),
            !bulleted || opening.range(ofPattern: #"^\S+(?:\s+(?:nr\.?\s*)?\S+)?\s*[:–]"#) != nil
        {
            closeAssignment()
            closeRequirements()
            // The number as the letter prints it, with its lead-in («Oppdrag 2025-01», «ID: 2026-04»).
            let printedId = opening.range(of: g.printed).map { String(opening[..<$0.upperBound]).collapsed.trimmingLeadingBullet }
            startAssignment(printed: g.printed, rest: g.rest, line: line.number, printedId: printedId)
            return i + 1
        }
        if let g = Pattern.goal.groups(t, startingWith: "MDH") ?? Pattern.goalBare.groups(t, startingWith: "MD") {
            closeAssignment()
            closeRequirements()
            var title = g.count > 2 ? g[2].collapsed : ""
            var next = i + 1
            if title.isEmpty, let n = nextNonBlank(after: i) {
                title = lines[n].trimmed.collapsed
                next = n + 1
            }
            setGoal(number: g[1], title: title)
            return next
        }
        if let g = Pattern.sp.groups(t, startingWith: "S"), looksLikeSPLine(t) {
            closeAssignment()
            closeRequirements()
            var number = g[1]
            let title = g[2].collapsed
            var next = i + 1
            if number.isEmpty, let n = nextNonBlank(after: i), let ng = Pattern.spNumberOnly.groups(lines[n].trimmed) {
                number = ng[1]
                next = n + 1
            }
            setSteeringParameter(number: number.isEmpty ? nil : number, title: title, line: line.number)
            return next
        }
        if current != nil {
            return handleAssignmentLine(at: i)
        }
        lastBodyUse = .stored
        if let g = Pattern.regex(#"^Resultatkrav\s*:?\s*(.*)$"#, [.caseInsensitive]).groups(t, startingWith: "Rr") {
            closeRequirements()
            requirementLines = g[1].isEmpty ? [] : [g[1]]
            return i + 1
        }
        if t.hasPrefix("Rapporteringen "), goalIndex != nil || spIndex != nil {
            // «Rapporteringen skal redegjøre for …»: the demand in a sentence of its own.
            closeRequirements()
            reportingLines = [t]
            lastBodyUse = .placed
            return i + 1
        }
        if let g = Pattern.regex(#"^Rapportering\s*:?\s*(.*)$"#).groups(t, startingWith: "R") {
            closeRequirements()
            let value = g[1].lowered
            if goalIndex != nil || spIndex != nil {
                if value.count < 60 && value.contains("rapport") {
                    setReports(parseReports(value))
                } else {
                    // «Rapportering: IMDi skal gi en samlet vurdering …»: what the report must say.
                    reportingLines = g[1].isEmpty ? [] : [g[1]]
                    lastBodyUse = .placed
                }
            } else {
                // A «Rapportering:» block of its own: read as the reporting section until the next heading.
                mode = .reporting
                reportingHeaderSeen = false
                if reportingFromProse(g[1]) { lastBodyUse = .placed }
            }
            return i + 1
        }
        if requirementLines != nil {
            requirementLines?.append(t)
        } else if reportingLines != nil {
            reportingLines?.append(t)
            lastBodyUse = .placed
        } else if spIndex != nil || goalIndex != nil {
            contextLines.append(t)
            lastBodyUse = nil
        } else if reportingFromProse(t) {
            lastBodyUse = .placed  // «Årsrapport for 2023 sendes innen 15. mars 2024.»
        } else {
            lastBodyUse = nil
        }
        return i + 1
    }

    func nextNonBlank(after i: Int) -> Int? {
        var j = i + 1
        while j < lines.count && lines[j].isBlank { j += 1 }
        return j < lines.count && j <= i + 3 ? j : nil
    }

    func looksLikeSPLine(_ t: String) -> Bool {
        // "SP 3: …", "Styringsparameter 2.1: …", "STYRINGSPARAMETER\tTitle"; not prose.
        t.count < 200
    }

    func parseReports(_ value: String) -> [ReportKind] {
        var r: [ReportKind] = []
        if value.contains("halvår") { r.append(.halvaar) }
        if value.replacingOccurrences(of: "halvårsrapport", with: "").contains("årsrapport") { r.append(.aar) }
        return r
    }

    /// A goal or parameter whose «Rapportering:» names only the report may say in its prose what the
    /// report must contain («IMDi skal gi en samlet vurdering av …»): that sentence is its demand.
    mutating func demandFromProse() {
        guard let g = goalIndex, !contextLines.isEmpty else { return }
        let current = spIndex.map { doc.goals[g].steeringParameters[$0].reportingDemand } ?? doc.goals[g].reportingDemand
        guard current == nil else { return }
        let prose = contextLines.joined(separator: " ")
        guard prose.contains("skal ") else { return }
        // The sentences (up to a full stop) that ask for it; one pattern over the whole prose
        // («[^.]*\bskal …[^.]*\.») tried every start in every sentence before it.
        let ask = Pattern.regex(#"\bskal (?:gi en samlet vurdering|redegjøre for)"#)
        let sentences = prose.split(separator: ".", omittingEmptySubsequences: false).dropLast().map(String.init)
            .filter { $0.contains("skal ") && ask.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
            .map { ($0 + ".").collapsed }
        guard !sentences.isEmpty else { return }
        let text = sentences.joined(separator: " ")
        if let s = spIndex { doc.goals[g].steeringParameters[s].reportingDemand = text } else { doc.goals[g].reportingDemand = text }
    }

    mutating func setGoal(number: String, title: String) {
        demandFromProse()
        if let idx = doc.goals.firstIndex(where: { $0.number == number }) {
            if doc.goals[idx].title.isEmpty || doc.goals[idx].title.count < title.count && !title.isEmpty {
                doc.goals[idx].title = title
            }
            goalIndex = idx
        } else {
            doc.goals.append(Goal(number: number, title: title))
            goalIndex = doc.goals.count - 1
        }
        spIndex = nil
        contextLines = []
    }

    mutating func setSteeringParameter(number: String?, title: String, line: Int) {
        demandFromProse()
        // The goal an SP belongs to: "2.1" → goal "2"; otherwise the current goal.
        var gIdx = goalIndex
        if let number, number.contains("."), let prefix = number.split(separator: ".").first,
            let idx = doc.goals.firstIndex(where: { $0.number == String(prefix) })
        {
            gIdx = idx
        }
        guard let gIdx else {
            warn(line, "Styringsparameter «\(title)» står ikke under noe mål; lagt under et mål uten nummer.")
            doc.goals.append(Goal(number: "", title: ""))
            goalIndex = doc.goals.count - 1
            setSteeringParameter(number: number, title: title, line: line)
            return
        }
        goalIndex = gIdx
        let num = number ?? "\(doc.goals[gIdx].number).\(doc.goals[gIdx].steeringParameters.count + 1)"
        if let idx = doc.goals[gIdx].steeringParameters.firstIndex(where: { $0.number == num }) {
            if doc.goals[gIdx].steeringParameters[idx].title.count < title.count {
                doc.goals[gIdx].steeringParameters[idx].title = title
            }
            spIndex = idx
        } else {
            doc.goals[gIdx].steeringParameters.append(SteeringParameter(number: num, title: title))
            spIndex = doc.goals[gIdx].steeringParameters.count - 1
        }
        contextLines = []
    }

    mutating func setReports(_ reports: [ReportKind]) {
        guard let g = goalIndex, !reports.isEmpty else { return }
        if let s = spIndex {
            doc.goals[g].steeringParameters[s].reports = reports
        } else {
            doc.goals[g].reports = reports
        }
    }

    /// Keeps the captured «Rapportering:» text as the current SP's or goal's reporting demand.
    mutating func closeReporting() {
        guard let captured = reportingLines else { return }
        reportingLines = nil
        let text = captured.joined(separator: " ").collapsed
        guard let g = goalIndex, !text.isEmpty else { return }
        if let s = spIndex {
            let old = doc.goals[g].steeringParameters[s].reportingDemand
            doc.goals[g].steeringParameters[s].reportingDemand = old.map { "\($0) \(text)" } ?? text
        } else {
            let old = doc.goals[g].reportingDemand
            doc.goals[g].reportingDemand = old.map { "\($0) \(text)" } ?? text
        }
    }

    /// Turns the captured "Resultatkrav:" text into requirements on the current SP or goal.
    mutating func closeRequirements() {
        closeReporting()
        guard let captured = requirementLines else { return }
        requirementLines = nil
        var items: [String] = []
        for raw in captured {
            let pieces = splitBullets(raw)
            let startsWithBullet = raw.range(ofPattern: #"^[•\-–]\s"#) != nil
            if pieces.count > 1 || startsWithBullet || items.isEmpty {
                items.append(contentsOf: pieces)
            } else if let last = items.last, !last.hasSuffix(".") {
                items[items.count - 1] = last + " " + raw
            } else {
                items.append(raw)
            }
        }
        let context = contextLines.joined(separator: " ")
        let reqs = items.map(\.collapsed).filter { !$0.isEmpty }.map {
            ResultRequirement(text: $0, target: RequirementTargets.extract(from: $0, context: context))
        }
        guard let g = goalIndex else { return }
        if let s = spIndex {
            doc.goals[g].steeringParameters[s].resultRequirements.append(contentsOf: reqs)
        } else {
            doc.goals[g].resultRequirements.append(contentsOf: reqs)
        }
    }

    func splitBullets(_ raw: String) -> [String] {
        let ns = raw as NSString
        let matches = Pattern.bulletSplit.matches(in: raw, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return [raw.trimmed] }
        var pieces: [String] = []
        var start = 0
        for m in matches {
            pieces.append(ns.substring(with: NSRange(location: start, length: m.range.location - start)))
            start = m.range.location + m.range.length
        }
        pieces.append(ns.substring(from: start))
        return pieces.map(\.trimmed).filter { !$0.isEmpty }
    }
}

/// Reads a measurable target out of a result requirement's text.
public enum RequirementTargets {
    public static func extract(from text: String, context: String = "") -> MeasurableTarget? {
        var target = extractTarget(from: text, context: context)
        target?.indicator = IndicatorLinks.indicator(for: text)
        return target
    }

    static func extractTarget(from text: String, context: String) -> MeasurableTarget? {
        let lower = text.lowered
        var breakdown: [String] = []
        if lower.range(ofPattern: #"(hhv\.?\s+)?menn og kvinner"#) != nil { breakdown.append("kjønn") }
        if let g = Pattern.percent.groups(text), let value = NorwegianText.number(g[1]) {
            let v = NSDecimalNumber(decimal: value).doubleValue
            let cmp: Comparison =
                lower.contains("høyst") || lower.contains("maks") || lower.contains("under") && !lower.contains("under 25")
                ? .atMost : .atLeast
            return MeasurableTarget(comparison: cmp, value: v, unit: "percent", breakdown: breakdown)
        }
        if let g = Pattern.regex(#"innen\s+(\d+)\s+måneder"#).groups(lower), let v = Double(g[1]) {
            return MeasurableTarget(comparison: .within, value: v, unit: "months", breakdown: breakdown)
        }
        if lower.contains("tidsmål") {
            let found = Pattern.regex(#"([A-ZÆØÅ][\wæøå]+)\s+skal\s+bosettes\s+innen\s+(\d+)\s+måneder"#).allGroups(context)
            if !found.isEmpty {
                return MeasurableTarget(
                    comparison: .within, value: found.compactMap { Double($0[2]) }.max(), unit: "months",
                    breakdown: found.map { "\($0[1].lowered): \($0[2]) måneder" })
            }
        }
        if lower.range(ofPattern: #"\bøke[rs]?\b"#) != nil || lower.hasPrefix("flere ")
            || lower.hasPrefix("økt ")
        {
            return MeasurableTarget(comparison: .increases, unit: nil, breakdown: breakdown)
        }
        if lower.range(ofPattern: #"\b(reduseres|synker|færre)\b"#) != nil {
            return MeasurableTarget(comparison: .decreases, unit: nil, breakdown: breakdown)
        }
        return nil
    }
}

extension ParseState {
    /// A line of an assignments table «Nr. | Oppdrag | Frist | Ansvarlig»: its header, a row (an
    /// assignment), or a cell wrapped onto a line of its own; nil when the line is none of these.
    mutating func handleAssignmentTableLine(at i: Int) -> Int? {
        let line = lines[i]
        let t = line.trimmed
        if let columns = Self.assignmentTableHeader(line) {
            closeAssignment()
            closeRequirements()
            assignmentColumns = columns
            return i + 1
        }
        if let columns = assignmentColumns {
            if let row = Self.assignmentTableRow(line, columns: columns, year: doc.year) {
                closeAssignment()
                closeRequirements()
                startAssignment(printed: row.id, rest: row.title, line: line.number, printedId: row.id)
                current?.titleLines = 3
                current?.assignment.deadlines = row.deadlines
                current?.assignment.responsible = row.responsible
                current?.description = row.other
                current?.field = .other
                assignmentFromRow = true
                return i + 1
            }
            // A title wrapped onto an indented line of its own («       blant unge voksne.»), or a
            // deadline cell wrapped below («… I forbindelse» / «med årsrapporten»).
            if var b = current, assignmentFromRow, line.text.first == " " || line.text.first == "\t", t.count < 120,
                !t.contains("  ") || t.count < 40
            {
                let indent = line.text.prefix { $0 == " " }.count
                if indent > 40, let last = b.assignment.deadlines.last?.text {
                    b.assignment.deadlines[b.assignment.deadlines.count - 1] = NorwegianText.deadline(
                        (last + " " + t).collapsed, year: doc.year)
                } else {
                    b.assignment.title = (b.assignment.title + " " + t).collapsed
                }
                current = b
                return i + 1
            }
            // Any other line ends the row above; the table goes on until the next heading (a page's
            // footer and header may stand between its rows).
            if assignmentFromRow {
                closeAssignment()
                assignmentFromRow = false
            }
        }
        return nil
    }
}
