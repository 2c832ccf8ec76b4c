import Foundation

extension ParseState {
    // MARK: Carried-over and referenced assignments (lists "2020-013: Title (jf. tillegg nr. 1 …)")

    mutating func handleCarriedLine(_ line: SourceLine) {
        let t = line.trimmed
        if t.uppercased() == t && t.count < 40 { return }  // "NAVN PÅ OPPDRAG"
        if let g = Pattern.carriedItem.groups(t, startingWith: "0123456789T"), let id = NorwegianText.assignmentId(g[1]) {
            closeCarried()
            // A table row ("2021-04 | Title | 1.3.2022"): the title is the first cell, dates are deadlines.
            let cells = g[2].components(separatedBy: "\t").map(\.collapsed).filter { !$0.isEmpty }
            var item = CarriedOverAssignment(id: id, title: cells.first ?? g[2], line: line.number)
            for cell in cells.dropFirst() {
                if !NorwegianText.dateStarts(in: cell).isEmpty && !cell.lowered.contains("frist") {
                    item.deadlines.append(NorwegianText.deadline(cell, year: doc.year))
                } else {
                    item.title += " " + cell
                }
            }
            carried = item
            return
        }
        guard var c = carried else { return }
        if let g = Pattern.part.groups(t, startingWith: "Dd") {
            c.parts.append(AssignmentPart(number: g[1], text: g[2]))
        } else if !c.parts.isEmpty {
            c.parts[c.parts.count - 1].text += " " + t
        } else {
            c.title += " " + t
        }
        carried = c
    }

    mutating func closeCarried() {
        guard var c = carried else { return }
        carried = nil
        let raw = c.title.collapsed
        if let g = Pattern.regex(#"\(jf\.?\s*([^)]+)\)"#).groups(raw) { c.source = g[1].trimmed }
        // Inline parts: "Etnisk mangfold i arbeidslivet. Deloppdrag 3: Forbedre …"
        if let g = Pattern.regex(#"[.\s]\s*(?:Del|Deloppdrag)\s+(\d+)\s*:\s*(.+)$"#).groups(raw) {
            c.parts.insert(AssignmentPart(number: g[1], text: g[2].trimmed), at: 0)
        }
        c.deadlines += Self.inlineDeadlines(raw, parts: [], year: doc.year)
        var title = raw
        for stop in ["(jf.", "(Frist", "(Utsatt", " Frist ", ". Deloppdrag", ". Del ", " Deloppdrag "] {
            if let r = title.range(of: stop) { title = String(title[..<r.lowerBound]) }
        }
        c.title = title.trimmingTrailing(".")
        for (k, p) in c.parts.enumerated() {
            let pd = Self.inlineDeadlines(p.text, parts: [p.number], year: doc.year)
            c.deadlines.append(contentsOf: pd)
            var text = p.text.collapsed
            if let r = text.range(ofPattern: #"\s*Frist\b.*$"#), !pd.isEmpty {
                text = String(text[..<r.lowerBound])
            }
            c.parts[k].text = text
        }
        if mode == .referenced {
            doc.referencedAssignments.append(c)
        } else {
            doc.carriedOverAssignments.append(c)
        }
    }

    /// Deadlines written inside a sentence: "Frist 1. november 2020", "(Utsatt frist til 30.4.2021)".
    static func inlineDeadlines(_ text: String, parts: [String], year: Int?) -> [Deadline] {
        let p = Pattern.regex(
            #"((?:Utsatt\s+)?[Ff]rist(?:\s+for\s+[^:.()]{1,60})?\s*(?::|til)?\s*(\d{1,2}\.\s*\p{L}+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4}))"#)
        return p.allGroups(text).map { g in
            var label: String?
            if let lg = Pattern.regex(#"[Ff]rist\s+for\s+([^:]+?)\s*:"#).groups(g[1]) { label = lg[1] }
            if g[1].lowered.hasPrefix("utsatt") { label = "utsatt frist" }
            return NorwegianText.deadline(g[1], label: label, parts: parts, year: year)
        }
    }

    // MARK: Authorizations

    mutating func handleAuthorizationLine(_ line: SourceLine) {
        // «… post 09. Direktoratet kan gi tilsagn om tilskudd …»: a second fullmakt starts mid-line.
        // (Only after a fullmakt given in a sentence: under a heading of its own, the sentences are its conditions.)
        if authorization?.fromSentence == true, let r = line.trimmed.range(ofPattern: #"\.\s+(?=\p{Lu})"#) {
            let rest = String(line.trimmed[r.upperBound...])
            if Self.grantsAuthority(rest.lowered) {
                authorization?.text.append(String(line.trimmed[..<r.upperBound]).trimmed)
                closeAuthorization()
                handleAuthorizationLine(SourceLine(text: rest, number: line.number))
                return
            }
        }
        let t = line.trimmed.collapsed
        let lower = t.lowered
        let isHeading =
            (lower.hasPrefix("fullmakt til") || lower.hasPrefix("fullmakt for") || lower.hasPrefix("overføring av ubrukt")
                || lower.hasPrefix("stikkordet") || lower.hasPrefix("merinntektsfullmakt") || lower.hasPrefix("fullmakt til å overskride")
                || lower.hasPrefix("budsjettfullmakt") || lower.hasPrefix("nettobudsjettering"))
            && t.count < 200 && !t.hasSuffix(".")
        // «Merinntektsfullmakt: Statsforvalteren kan …», «Overskridelse til investeringsformål: …»:
        // a fullmakt under a label of its own.
        let labelled = t.count < 400 ? Pattern.regex(#"^([^:]{3,60}):\s+(\S.*)$"#).groups(t) : nil
        let label = labelled.map { $0[1].lowered }
        if let labelled, let label, label.contains("fullmakt") || label.contains("overskrid") {
            closeAuthorization()
            authorization = (labelled[1], line.number, [labelled[2]], false)
        } else if isHeading {
            closeAuthorization()
            authorization = (t, line.number, [], false)
        } else if Self.grantsAuthority(lower), authorization == nil || authorization?.fromSentence == true {
            // A fullmakt given in a sentence, without a heading of its own.
            closeAuthorization()
            authorization = (Self.authorizationTitle(lower, t), line.number, [t], true)
        } else if authorization != nil {
            authorization?.text.append(t)
        }
    }

    static let fullmaktBytes = Array("ullmakt".utf8)
    static let overskrideBytes = Array("verskride".utf8)

    /// Whether a sentence gives a fullmakt («… gis fullmakt til å overskride …», «kan overskride
    /// bevilgningen … mot tilsvarende merinntekter»).
    static func grantsAuthority(_ lower: String) -> Bool {
        (lower.contains("gis fullmakt") || lower.contains("har fullmakt") || lower.contains("fullmakt til å")
            || lower.contains("kan overskride") || lower.contains("merinntektsfullmakt") || lower.contains("gis bestillingsfullmakt")
            || lower.contains("gis tilsagnsfullmakt") || lower.contains("gis belastningsfullmakt") || lower.contains("kan gi tilsagn")
            || lower.contains("kan bestille"))
            && !lower.hasPrefix("fullmakter")
    }

    /// A title for a fullmakt given in a sentence: its kind when the sentence names one.
    static func authorizationTitle(_ lower: String, _ text: String) -> String {
        if lower.contains("merinntekt") { return "Merinntektsfullmakt" }
        if lower.contains("ut over budsjettåret") || lower.contains("utover budsjettåret") {
            return "Fullmakt til å inngå avtaler utover budsjettåret"
        }
        let first = sentences(text).first ?? text
        return first.count > 90 ? String(first.prefix(90)) + " …" : first
    }

    /// A fullmakt written outside a «Fullmakter» section (in a short letter's budget section or
    /// its prose): kept as an authorization of its own. True when the line was one.
    mutating func strayAuthorization(_ line: SourceLine) -> Bool {
        let bytes = line.trimmed.utf8
        guard bytes.containsSequence(Self.fullmaktBytes) || bytes.containsSequence(Self.overskrideBytes) else { return false }
        let t = line.trimmed.collapsed
        let lower = t.lowered
        guard Self.grantsAuthority(lower) else { return false }
        doc.authorizations.append(AuthorizationRules.classify(title: Self.authorizationTitle(lower, t), text: [t]))
        return true
    }

    mutating func closeAuthorization() {
        guard let a = authorization else { return }
        authorization = nil
        let lower = a.title.lowered
        if a.text.isEmpty, lower.hasSuffix("fullmakter") { return }
        // A fullmakt given in a sentence is named by the whole sentence, over however many lines it runs.
        let joined = a.text.joined(separator: " ").collapsed
        let title = a.fromSentence ? Self.authorizationTitle(joined.lowered, joined) : a.title
        var rule = AuthorizationRules.classify(title: title, text: a.text)
        if rule.limitNOK == nil { rule.limitNOK = NorwegianText.firstAmountNOK(in: joined) }
        doc.authorizations.append(rule)
    }

    // MARK: Reporting table

    mutating func handleReportingLine(_ line: SourceLine) {
        let t = line.trimmed
        let cells = Self.tableCells(line)
        let lower = t.lowered
        // A calendar's header: «Type rapportering | Telletidspunkt | Frist», «Rapport | Frist».
        if lower.hasPrefix("type rapportering")
            || cells.count >= 2 && cells.count <= 4 && cells.contains(where: { $0.lowered.contains("frist") })
                && (cells[0].lowered.contains("rapport") || cells[0].lowered.hasPrefix("type")
                    || cells[0].lowered.hasPrefix("dokument") || cells[0].lowered.hasPrefix("hva"))
        {
            reportingHeaderSeen = true
            reportingColumns = cells.count >= 2 ? cells.firstIndex { $0.lowered.contains("frist") } : nil
            return
        }
        // A calendar without a header: «Økonomirapport per 1. tertial<tab>20. mai 2024».
        let headerless =
            cells.count == 2 && cells[0].count < 80
            && (Self.reportType(cells[0].lowered) != nil || cells[0].lowered.contains("regnskap")
                || cells[0].lowered.contains("risikovurdering"))
            && NorwegianText.deadline(cells[1], year: doc.year).date != nil
        guard reportingHeaderSeen || headerless else {
            reportingFromProse(t)
            return
        }
        // Two columns (report, deadline), or a deadline column named by the header.
        if cells.count == 2 || (reportingColumns.map { $0 != 2 && $0 < cells.count } ?? false) {
            let k = min(reportingColumns ?? 1, cells.count - 1)
            let due = NorwegianText.deadline(cells[k], year: doc.year)
            let count = cells.count > 2 && k != 1 ? cells[1] : nil
            doc.reporting.append(
                ReportingRequirement(
                    type: cells[0].collapsed, countDate: count.flatMap { NorwegianText.firstDate(in: $0) }, deadline: due.date,
                    countDateText: count?.collapsed, deadlineText: cells[k].collapsed))
            return
        }
        if cells.count >= 3 {
            doc.reporting.append(
                ReportingRequirement(
                    type: cells[0].collapsed, countDate: NorwegianText.firstDate(in: cells[1]),
                    deadline: NorwegianText.firstDate(in: cells[2]), countDateText: cells[1].collapsed,
                    deadlineText: cells[2].collapsed))
            return
        }
        // Single-spaced PDF text: "Type … 31. desember 2020 Innen 15. mars 2021".
        let starts = NorwegianText.dateStarts(in: t)
        let dates = NorwegianText.dates(in: t)
        if dates.count == 2, let first = starts.first {
            let ns = t as NSString
            let type = ns.substring(to: first).trimmed
            let afterFirst = ns.substring(from: first)
            let secondStart = NorwegianText.dateStarts(in: afterFirst).dropFirst().first ?? 0
            var countText = (afterFirst as NSString).substring(to: secondStart).trimmed
            var deadlineText = (afterFirst as NSString).substring(from: secondStart).trimmed
            if countText.lowered.hasSuffix("innen") {
                countText = String(countText.dropLast(5)).trimmed
                deadlineText = "Innen " + deadlineText
            }
            doc.reporting.append(
                ReportingRequirement(
                    type: type, countDate: dates[0], deadline: dates[1], countDateText: countText, deadlineText: deadlineText))
        } else if !t.isEmpty && !doc.reporting.isEmpty {
            reportingHeaderSeen = false  // the table has ended
            reportingFromProse(t)
        }
    }

    /// «Årsrapport for 2022 sendes departementet innen 15. mars 2023.», «Rapportering: halvårsrapport
    /// innen 20. august»: one reporting demand per sentence that names a report and its deadline.
    /// True when one was read.
    @discardableResult
    mutating func reportingFromProse(_ text: String) -> Bool {
        // A report and a date («15. mars»): cheap byte tests before any lower-casing.
        let bytes = text.utf8
        guard bytes.containsSequence(Self.rapportBytes) || bytes.containsSequence(Self.regnskapBytes) else { return false }
        var digitDot = false
        var previousIsDigit = false
        for b in bytes {
            if b == UInt8(ascii: "."), previousIsDigit {
                digitDot = true
                break
            }
            previousIsDigit = b >= 0x30 && b <= 0x39
        }
        guard digitDot else { return false }
        var found = false
        for sentence in Self.sentences(text.collapsed) {
            let sl = sentence.lowered
            guard let type = Self.reportType(sl) else { continue }
            var cued = Self.deadlineCue.allGroups(sentence)
            // «- Årsrapport 2024: 15. mars 2025»
            if cued.isEmpty,
                let g = Pattern.regex(
                    #"^[-•–]?\s*[^:]{2,60}:\s*((?:innen\s+)?\d{1,2}\.\s*(?:\d{1,2}\.\s*\d{4}|\p{L}+(?:\s+\d{4})?))"#, [.caseInsensitive]
                ).groups(sentence)
            {
                cued = [g]
            }
            for g in cued {
                // An instruks' «innen 15. mars» recurs every year: a standing rule, kept as prose.
                let yearless = doc.kind == .instruks ? nil : doc.year.flatMap { NorwegianText.dayMonth(in: g[1], year: $0) }
                guard let iso = NorwegianText.firstDate(in: g[1]) ?? yearless,
                    !doc.reporting.contains(where: { $0.deadline == iso && $0.type == type })
                else { continue }
                let count = Pattern.regex(#"per\s+(\d{1,2}\.\s*\p{L}+(?:\s+\d{4})?)"#).groups(sentence)?[1]
                doc.reporting.append(
                    ReportingRequirement(
                        type: type,
                        countDate: count.flatMap { c in
                            NorwegianText.firstDate(in: c) ?? doc.year.flatMap { NorwegianText.dayMonth(in: c, year: $0) }
                        },
                        deadline: iso, countDateText: count, deadlineText: String(sentence.prefix(240))))
                found = true
            }
        }
        return found
    }

    static let rapportBytes = Array("apport".utf8)
    static let regnskapBytes = Array("egnskap".utf8)

    /// The report a sentence names: «Årsrapport», «Halvårsrapport», «Tertialrapport», …, or nil.
    static func reportType(_ lower: String) -> String? {
        for (key, label) in [
            ("halvårsrapport", "Halvårsrapport"), ("tertialrapport", "Tertialrapport"), ("årsrapport", "Årsrapport"),
            ("årsregnskap", "Årsregnskap"), ("statistikk", "Statistikkrapportering"), ("kvartalsrapport", "Kvartalsrapport"),
            ("rapport", "Rapport"),
        ] where lower.contains(key) {
            return label
        }
        return nil
    }

    // MARK: Meetings

    mutating func closeMeetings() {
        guard !meetingText.isEmpty else { return }
        let text = meetingText.joined(separator: " ").collapsed
        meetingText = []
        // «Styringsdialog og rapportering»: the reports' deadlines are reporting demands.
        reportingFromProse(text)
        let types: [(key: String, label: String)] = [
            ("etatsstyringsmøte", "Etatsstyringsmøte"), ("strategimøte", "Strategimøte"),
            ("ledersamling", "Ledersamling"), ("fagmøte", "Fagmøte"), ("oppfølgingsmøte", "Oppfølgingsmøte"),
            ("foretaksmøte", "Foretaksmøte"), ("styringsmøte", "Styringsmøte"), ("dialogmøte", "Dialogmøte"),
        ]
        let numberWords = ["et": 1, "ett": 1, "en": 1, "ett eget": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6]
        // Each sentence belongs to the meeting type it names first; "Møtet …" continues the last one.
        var owner: [(sentence: String, type: String?)] = []
        var last: String?
        for sentence in Self.sentences(text) {
            let lower = sentence.lowered
            var type: String?
            if lower.hasPrefix("møtet ") || lower.hasPrefix("samlingen ") || lower.hasPrefix("formålet ") {
                type = last
            } else {
                type = types.compactMap { t in lower.range(of: t.key).map { (t.key, $0.lowerBound) } }.min { $0.1 < $1.1 }?.0
            }
            if type != nil { last = type }
            owner.append((sentence, type))
        }
        for type in types {
            let withType = owner.filter { $0.type == type.key }.map(\.sentence)
            guard let first = withType.first else { continue }
            // Dates with a year, or day and month in the letter's year («12. mars, 10. juni og …»).
            let dated = withType.flatMap { s in
                let full = NorwegianText.dates(in: s)
                let days = full.isEmpty ? doc.year.map { NorwegianText.dayMonths(in: s, year: $0) } ?? [] : full
                return days.map { (s, $0) }
            }
            let lowerText = text.lowered
            let minutes = lowerText.contains("\(type.key)ne skal referatføres") || lowerText.contains("\(type.key) skal referatføres")
            if !dated.isEmpty {
                for (s, iso) in dated { doc.meetings.append(Meeting(type: type.label, date: iso, text: s, minutes: minutes)) }
                continue
            }
            var count: Int?
            if let g = Pattern.regex(#"(\w+)\s+(?:(?:eget|egne|årlig|årlige|faste|nye)\s+)*"# + type.key, [.caseInsensitive]).groups(first)
            {
                count = numberWords[g[1].lowered]
            }
            let when = withType.first(where: { s in
                let l = s.lowered
                return ["senest", "høsten", "våren", "primo", "ultimo", "ved behov", "januar", "juni", "desember"].contains {
                    l.contains($0)
                }
            })
            doc.meetings.append(Meeting(type: type.label, date: nil, text: when ?? first, count: count, minutes: minutes))
        }
    }
}

/// Turns an authorization section of a letter into a typed rule.
public enum AuthorizationRules {
    static func postsNamed(in text: String) -> Set<Int> {
        var posts = Set<Int>()
        for g in Pattern.regex(#"\bpost(?:ene)?\s+(\d{2})\b"#, [.caseInsensitive]).allGroups(text) { posts.insert(Int(g[1])!) }
        for g in Pattern.regex(#"\b(\d{2})\s+(?:Driftsutgifter|Spesielle driftsutgifter|Større utstyrs)"#).allGroups(text) {
            posts.insert(Int(g[1])!)
        }
        return posts
    }

    public static func classify(title: String, text: [String]) -> Authorization {
        let body = text.joined(separator: " ").collapsed
        let lowerTitle = title.lowered
        let lower = body.lowered
        let type: AuthorizationType =
            if lowerTitle.contains("nettobudsjettering") {
                .netBudgetingEquipmentSales
            } else if lowerTitle.contains("leieavtaler") || lowerTitle.contains("utover budsjettåret") {
                .multiYearContracts
            } else if lowerTitle.contains("investeringsformål") || lowerTitle.contains("tre følgende") {
                .investmentOverrunAgainstSavings
            } else if lowerTitle.contains("merinntekt") {
                .overrunAgainstExtraIncome
            } else if lowerTitle.contains("investeringsbevilgning") || (lower.contains("omdisponer") && lower.contains("post 45")) {
                .reallocateOperatingToInvestment
            } else if lowerTitle.contains("overføring av ubrukt") || lowerTitle.contains("kan overføres") {
                .carryOverUnspent
            } else if lowerTitle.contains("bestillingsfullmakt") || lower.contains("gis bestillingsfullmakt")
                || lower.contains("kan bestille")
            {
                .orderingAuthority
            } else if lowerTitle.contains("tilsagnsfullmakt") || lower.contains("gis tilsagnsfullmakt") || lower.contains("kan gi tilsagn")
            {
                .commitmentAuthority
            } else {
                .other
            }
        var legalRef: String?
        if let g = Pattern.regex(#"\(([^)]*§[^)]*)\)"#).groups(title) { legalRef = g[1].trimmed }
        var percent: Double?
        if let g = Pattern.regex(#"inntil\s+(\d+(?:,\d+)?)\s*(?:pst|prosent|%)"#, [.caseInsensitive]).groups(body) {
            percent = NorwegianText.number(g[1]).map { NSDecimalNumber(decimal: $0).doubleValue }
        }
        // Posts: those named in the sentence that sets the limit, else in the whole text.
        let limitSentence = ParseState.sentences(body).first { $0.range(ofPattern: #"inntil\s+\d"#) != nil }
        var posts = postsNamed(in: limitSentence ?? body)
        if posts.isEmpty { posts = postsNamed(in: body) }
        var target: Int?
        if type == .reallocateOperatingToInvestment {
            target = 45
            posts.remove(45)
        }
        let conditions = text.compactMap { line -> String? in
            guard let g = Pattern.regex(#"^(?:[-•]\s*)?([a-h]\))\s*(.+)$"#).groups(line.trimmed) else { return nil }
            return "\(g[1]) \(g[2].collapsed)"
        }
        let needsApplication =
            lower.contains("sende søknad") || lower.contains("søknad om slik")
            || lower.contains("søke")
                && type == .investmentOverrunAgainstSavings
        return Authorization(
            type: type, title: title, legalRef: legalRef, percentLimit: percent, posts: posts.sorted(),
            targetPost: target, requiresApplication: needsApplication, conditions: conditions)
    }
}
