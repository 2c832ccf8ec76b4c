import Foundation

/// Brevutkast: the text of next year's tildelingsbrev as the ministry starts it in Styr. Last
/// year's letter is the starting point: its prose, goals, budget, fullmakter and calendar stay (the
/// reporting and meeting calendar moved on one year), its own assignments are taken out, and the
/// assignments still open are listed as carried over with their original numbers and deadlines.
public enum LetterDraft {
    /// An assignment not delivered when the new letter is drafted: carried over into it.
    public struct OpenAssignment: Sendable, Equatable {
        public var id: String
        public var title: String
        /// Where it was given («tildelingsbrev 2021», «tillegg nr. 2 til tildelingsbrev 2021»).
        public var source: String?
        public var parts: [AssignmentPart]
        public var deadlines: [Deadline]
        public var status: AssignmentStatus

        public init(
            id: String, title: String, source: String?, parts: [AssignmentPart] = [], deadlines: [Deadline] = [],
            status: AssignmentStatus
        ) {
            self.id = id
            self.title = title
            self.source = source
            self.parts = parts
            self.deadlines = deadlines
            self.status = status
        }
    }

    /// The assignments of `year` (given in the letter and its supplements, or carried into it) that
    /// are not delivered; `statuses` by assignment number.
    public static func openAssignments(of year: AmendedYear, statuses: [String: AssignmentStatus]) -> [OpenAssignment] {
        var origin: [String: String] = [:]
        for e in year.history where e.itemKind == .assignment && e.field == "gitt" { origin[e.itemKey] = e.document.name }
        let given = year.letter.assignments.map { a in
            OpenAssignment(
                id: a.id, title: a.title, source: (origin[a.id] ?? "tildelingsbrev \(year.year)").lowercasedFirst, parts: a.parts,
                deadlines: a.deadlines, status: statuses[a.id] ?? .ikkeStartet)
        }
        let carried = year.letter.carriedOverAssignments.map { c in
            OpenAssignment(
                id: c.id, title: c.title, source: c.source, parts: c.parts, deadlines: c.deadlines, status: statuses[c.id] ?? .ikkeStartet)
        }
        return (given + carried).filter { $0.status != .levert }
    }

    /// The draft text of the letter for `year`. With last year's letter text, that text is the
    /// start; with only its structure (a letter sent as JSON), the structure is written out; with
    /// neither, the letter's headings.
    public static func start(
        year: Int, previous: SteeringDocument?, previousText: String?, open: [OpenAssignment], recipient: String?
    ) -> String {
        if let previous, let previousText, !previous.sections.isEmpty {
            return fromText(year: year, previous: previous, text: previousText, open: open)
        }
        return skeleton(year: year, previous: previous, open: open, recipient: recipient ?? previous?.recipient)
    }

    // MARK: From last year's text

    static func fromText(year: Int, previous: SteeringDocument, text: String, open: [OpenAssignment]) -> String {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
        let old = previous.year ?? (year - 1)
        let sections = previous.sections.sorted { $0.line < $1.line }
        func sectionEnd(after line: Int) -> Int { sections.first { $0.line > line }?.line ?? (lines.count + 1) }
        var drop = Set<Int>()
        var replace: [Int: [String]] = [:]

        // Last year's own assignments leave; the open ones come back as carried over.
        let stops = Set(sections.map(\.line) + previous.assignments.compactMap(\.line))
        for a in previous.assignments {
            guard let start = a.line else { continue }
            var n = start
            while n <= lines.count {
                if n > start && (stops.contains(n) || isGoalHeader(lines[n - 1])) { break }
                drop.insert(n)
                if n > start && isSeparator(lines[n - 1]) { break }
                n += 1
            }
        }
        var carriedWritten = false
        // Headings written anew, and how: the table of contents is written the same way.
        var renamed: [(title: String, rename: (String) -> String)] = []
        for s in sections {
            let title = NorwegianText.collapse(s.title).lowercased()
            let body = (s.line + 1)..<sectionEnd(after: s.line)
            if title.contains("videreføres") || title.contains("tidligere år") {
                for n in body { drop.insert(n) }
                let rename = { (line: String) in retitled(line, old: old, new: year) }
                renamed.append((title, rename))
                replace[s.line] = [rename(lines[s.line - 1]), ""] + carriedList(open, year: year)
                carriedWritten = true
            } else if title.contains("i tillegg til tildelingsbrev") {
                for n in body { drop.insert(n) }
                let rename = { (line: String) in
                    line.replacingOccurrences(
                        of: #"(?i)(tildelingsbrev(?:et)?(?: for)?) \d{4}"#, with: "$1 \(old)", options: .regularExpression)
                }
                renamed.append((title, rename))
                let heading = rename(lines[s.line - 1])
                replace[s.line] = [
                    heading, "",
                    "Oppdrag gitt i tillegg til tildelingsbrevet for \(old) som ikke er levert, er ført opp blant oppdragene som videreføres.",
                    "",
                ]
            } else if title.hasPrefix("rapportering") || title.contains("styringsdialog") || title.contains("møter") {
                for n in body where !drop.contains(n) { replace[n] = [shiftYears(lines[n - 1], from: old - 1, through: old + 1)] }
            }
        }
        // The table of contents before the first section names those headings as they were.
        for n in 1..<(sections.first?.line ?? 1) where replace[n] == nil {
            let entry = NorwegianText.collapse(lines[n - 1]).lowercased()
            if let r = renamed.first(where: { !$0.title.isEmpty && entry.contains($0.title) }) { replace[n] = [r.rename(lines[n - 1])] }
        }
        var out: [String] = []
        var titled = false
        for (i, line) in lines.enumerated() {
            let n = i + 1
            if let r = replace[n] {
                out += r
                continue
            }
            if drop.contains(n) { continue }
            if !titled && line.lowercased().contains("tildelingsbrev") {
                out.append(retitled(line, old: old, new: year))
                titled = true
                continue
            }
            // The letter's date is set when it is published.
            if let d = previous.date, isDateLine(line, iso: d) { continue }
            out.append(line.replacingOccurrences(of: "Tildeling \(old)", with: "Tildeling \(year)"))
        }
        if !carriedWritten && !open.isEmpty {
            out += ["", "Oppdrag gitt tidligere år som videreføres i \(year)", ""] + carriedList(open, year: year)
        }
        return collapseBlankRuns(out).joined(separator: "\n") + "\n"
    }

    static func isGoalHeader(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.range(of: #"^(MÅL|Mål|STYRINGSPARAMETER|Styringsparameter)(\s|\t|$)"#, options: .regularExpression) != nil
    }

    static func isSeparator(_ line: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces).range(of: #"^[-–—]{2,}[\s\t-–—]*$"#, options: .regularExpression) != nil
    }

    static func isDateLine(_ line: String, iso: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.count < 40, let date = CivilDate(iso: iso) else { return false }
        let short = String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
        return t == short || t == NorwegianText.longDate(iso) || t == iso
    }

    static func retitled(_ line: String, old: Int, new: Int) -> String {
        line.replacingOccurrences(of: String(old), with: String(new))
    }

    /// Moves every year from `from` through `through` on by one («30. juni 2021» → «30. juni 2022»).
    static func shiftYears(_ line: String, from: Int, through: Int) -> String {
        var out = ""
        var digits = ""
        func flush(_ next: Character?) {
            if digits.count == 4, let y = Int(digits), (from...through).contains(y), next?.isNumber != true {
                out += String(y + 1)
            } else {
                out += digits
            }
            digits = ""
        }
        for c in line {
            if c.isNumber {
                digits.append(c)
            } else {
                if !digits.isEmpty { flush(c) }
                out.append(c)
            }
        }
        if !digits.isEmpty { flush(nil) }
        return out
    }

    static func collapseBlankRuns(_ lines: [String]) -> [String] {
        var out: [String] = []
        for l in lines {
            let blank = l.trimmingCharacters(in: .whitespaces).isEmpty
            if blank && (out.last.map { $0.trimmingCharacters(in: .whitespaces).isEmpty } ?? true) { continue }
            out.append(blank ? "" : l)
        }
        return out
    }

    /// The carried-over list as letters write it: «2021-04: Title (jf. tildelingsbrev 2021). Frist 1. juli 2022.»
    static func carriedList(_ open: [OpenAssignment], year: Int) -> [String] {
        guard !open.isEmpty else { return ["Ingen oppdrag fra tidligere år videreføres.", ""] }
        var out = ["NAVN PÅ OPPDRAG"]
        for a in open {
            let whole = a.deadlines.filter { $0.parts.isEmpty }
            var line = "\(a.id): \(a.title.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))"
            if let s = a.source, !s.isEmpty { line += " (jf. \(s))" }
            line += "."
            for d in whole { line += deadlineSentence(d) }
            out.append(line)
            for p in a.parts {
                var part = "Del \(p.number): \(p.text.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))."
                for d in a.deadlines where d.parts.contains(p.number) { part += deadlineSentence(d) }
                out.append(part)
            }
        }
        out.append("")
        return out
    }

    static func deadlineSentence(_ d: Deadline) -> String {
        if let iso = d.date, d.kind == .date { return " Frist \(NorwegianText.longDate(iso))." }
        return " Frist: \(d.text.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))."
    }

    // MARK: From structure only

    static func skeleton(year: Int, previous: SteeringDocument?, open: [OpenAssignment], recipient: String?) -> String {
        var out = ["Tildelingsbrev til \(recipient ?? "virksomheten") for \(year)", ""]
        for p in previous?.signatories ?? [] { out += [p.name] + (p.title.map { [$0] } ?? []) + [""] }
        out += ["1. Innledning", ""]
        out += ["2. Mål, styringsparametere, resultatkrav, rapportering og oppdrag", ""]
        for g in previous?.goals ?? [] {
            out += ["MÅL \(g.number)\t\(g.title)", "Rapportering:\t\(reports(g.reports))"]
            if let d = g.reportingDemand { out.append("Rapportering: \(d)") }
            for r in g.resultRequirements { out.append("Resultatkrav: \(r.text)") }
            out.append("")
            for sp in g.steeringParameters {
                out += ["STYRINGSPARAMETER \(sp.number)\t\(sp.title)", "Rapportering:\t\(reports(sp.reports))"]
                if let d = sp.reportingDemand { out.append("Rapportering: \(d)") }
                for r in sp.resultRequirements { out.append("Resultatkrav: \(r.text)") }
                out.append("")
            }
        }
        out += ["2.1 Oppdrag gitt tidligere år som videreføres i \(year)", ""] + carriedList(open, year: year)
        out += ["3. Tildeling av midler", ""]
        for c in previous?.budget ?? [] {
            out += ["Kap. \(c.chapter) \(c.name)", "", "Post\tBetegnelse\tTildeling \(year)"]
            for p in c.posts {
                let name = ([p.name] + p.flags.map(\.rawValue).filter { !p.name.contains($0) }).joined(separator: ", ")
                out.append("Post \(p.post < 10 ? "0" : "")\(p.post)\t\(name)\t\(p.amountNOK.map(Money.millions) ?? "")")
            }
            out += ["Sum\t\t\(Money.millions(c.totalNOK))", ""]
            let bound = c.posts.filter { !$0.earmarks.isEmpty }
            if !bound.isEmpty { out += ["Det er knyttet følgende bindinger til de ovennevnte postene:", ""] }
            for p in bound {
                out += ["Post \(p.post < 10 ? "0" : "")\(p.post) \(p.name)", ""]
                for e in p.earmarks {
                    let amount = e.amountNOK.map { "\(Money.millions($0)) mill. kroner" } ?? "Midler"
                    let to = [e.purpose, e.recipient].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                    out.append("- \(amount) til \(to).")
                }
                out.append("")
            }
        }
        out += ["4. Fullmakter", ""]
        for a in previous?.authorizations ?? [] { out += [a.title, ""] + a.conditions.map { "- \($0)" } + [""] }
        if let meetings = previous?.meetings, !meetings.isEmpty {
            out += ["5. Styringsdialog og andre møter", ""]
            for m in meetings {
                let when = m.date.map(NorwegianText.longDate) ?? m.text ?? ""
                out += [
                    shiftYears(
                        "\(m.type): \(when)".trimmingCharacters(in: CharacterSet(charactersIn: ": ")), from: year - 2, through: year), "",
                ]
            }
        }
        out += ["6. Rapportering", "", "Type rapportering\tTelletidspunkt\tRapporteringsfrist"]
        for r in previous?.reporting ?? [] {
            let row = [
                r.type, r.countDateText ?? r.countDate.map(NorwegianText.longDate) ?? "",
                r.deadlineText ?? r.deadline.map(NorwegianText.longDate) ?? "",
            ]
            out.append(shiftYears(row.joined(separator: "\t"), from: year - 2, through: year))
        }
        return collapseBlankRuns(out).joined(separator: "\n") + "\n"
    }

    static func reports(_ kinds: [ReportKind]) -> String {
        kinds.isEmpty ? "Årsrapport" : kinds.map(\.label).joined(separator: " og ")
    }

    // MARK: Checks before publishing

    /// What stands in the way of publishing a draft read as `parsed`, and what deserves a look.
    public struct Review: Sendable, Equatable {
        /// Refusals: publishing waits until these are mended.
        public var blocking: [String]
        /// Worth a look, not in the way.
        public var notes: [String]

        public init(blocking: [String] = [], notes: [String] = []) {
            self.blocking = blocking
            self.notes = notes
        }
    }

    public static func review(_ parsed: ParsedDocument, text: String, year: Int, previous: SteeringDocument? = nil) -> Review {
        var blocking: [String] = []
        var notes: [String] = []
        let d = parsed.document
        // What would be wrong in the letter as sent: impossible dates, sums that do not add up, one number for two assignments.
        for w in parsed.reading.warnings where w.message.hasPrefix("Umulig dato") {
            blocking.append("linje \(w.line.map(String.init) ?? "?"): \(w.message) Rett datoen.")
        }
        for l in parsed.reading.notUnderstood where l.reason.contains("stemmer ikke") {
            blocking.append(
                "linje \(l.line): \(l.reason.split(separator: ";").first { $0.contains("stemmer ikke") }.map(String.init) ?? l.reason).")
        }
        for w in parsed.warnings where w.message.contains("står flere steder") {
            blocking.append("\(w.description) Gi oppdragene hvert sitt nummer.")
        }
        let yearStart = "\(year)-01-01"
        for a in d.assignments {
            for dl in a.deadlines {
                if let date = dl.date, date < yearStart {
                    notes.append("Oppdrag \(a.id) har frist før budsjettåret: «\(dl.text)».")
                } else if dl.kind == .text {
                    notes.append("Oppdrag \(a.id): fristen «\(dl.text)» er ingen dato Styr kan følge i kalenderen.")
                } else if let date = dl.date, dl.text.range(of: #"\b(19|20)\d\d\b"#, options: .regularExpression) == nil,
                    let day = CivilDate(iso: date)
                {
                    // «Frist 1. mars» is read in the letter's year; a report on the year is due the next.
                    notes.append(
                        "Oppdrag \(a.id): fristen «\(dl.text)» har ikke år og er lest som \(NorwegianText.longDate(date)); skriv året om det er et annet (\(NorwegianText.longDate(CivilDate(year: day.year + 1, month: day.month, day: day.day)?.iso ?? date))?)."
                    )
                }
            }
        }
        if let previous {
            func fewer(_ what: String, _ now: Int, _ before: Int) {
                if now < before { notes.append("Brevet har \(now) \(what), fjorårets hadde \(before).") }
            }
            fewer("mål", d.goals.count, previous.goals.count)
            fewer("styringsparametere", d.goals.flatMap(\.steeringParameters).count, previous.goals.flatMap(\.steeringParameters).count)
            fewer("budsjettposter", d.budget.flatMap(\.posts).count, previous.budget.flatMap(\.posts).count)
            fewer(
                "bindinger", d.budget.flatMap(\.posts).flatMap(\.earmarks).count, previous.budget.flatMap(\.posts).flatMap(\.earmarks).count
            )
            fewer("fullmakter", d.authorizations.count, previous.authorizations.count)
            fewer("rapporteringsfrister", d.reporting.count, previous.reporting.count)
            fewer("møtetyper", d.meetings.count, previous.meetings.count)
        }
        if d.kind != .tildelingsbrev {
            blocking.append(
                "Teksten leses som «\(d.kind.label)», ikke som tildelingsbrev: skriv «Tildelingsbrev … for \(year)» i tittelen.")
        }
        if d.year != year {
            blocking.append("Teksten leses som brev for \(d.year.map(String.init) ?? "ukjent år"), ikke \(year): rett året i tittelen.")
        }
        if d.goals.isEmpty { blocking.append("Brevet har ingen mål («MÅL 1 …»).") }
        if d.budget.isEmpty { blocking.append("Brevet har ingen budsjettposter («Kap. … / Post …»).") }
        let stale = d.assignments.filter { $0.id.hasPrefix("\(year - 1)-") || $0.id.hasPrefix("\(year - 1)/") }
        if !stale.isEmpty {
            blocking.append(
                "Oppdrag med fjorårets nummer står som nye oppdrag: \(stale.map(\.id).joined(separator: ", ")). Gi dem nye numre, eller før dem opp blant oppdragene som videreføres."
            )
        }
        for a in d.assignments where a.deadlines.isEmpty {
            notes.append("Oppdrag \(a.id) har ingen frist («Frist: 1. mars \(year)»).")
        }
        for w in parsed.warnings { notes.append(w.description) }
        for l in parsed.reading.notUnderstood { notes.append("linje \(l.line): ikke forstått (\(l.reason)): «\(l.text.prefix(120))»") }
        let oldYear = String(year - 1)
        let mentions = SourceText.lines(text).filter { $0.text.contains(oldYear) }.map(\.number)
        if !mentions.isEmpty {
            notes.append(
                "\(mentions.count) linjer nevner fortsatt \(oldYear) (linje \(mentions.prefix(12).map(String.init).joined(separator: ", "))\(mentions.count > 12 ? " …" : "")): sjekk at årstallet skal stå."
            )
        }
        return Review(blocking: blocking, notes: notes)
    }
}

extension String {
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
