import Foundation

let signatoryTitles: Set<String> = [
    "ekspedisjonssjef", "avdelingsdirektør", "departementsråd", "underdirektør", "fagdirektør",
    "seniorrådgiver", "rådgiver", "førstekonsulent", "spesialrådgiver", "statssekretær", "direktør",
    "assisterende direktør", "kst. ekspedisjonssjef", "kst. avdelingsdirektør", "fung. avdelingsdirektør",
    "seksjonssjef", "statsråd", "konstituert ekspedisjonssjef", "avdelingsleder",
]

extension ParseState {
    mutating func readHeader() throws {
        let head = lines.prefix(40)
        guard let first = head.first(where: { !$0.isBlank }) else { throw ImportError(line: 1, "Dokumentet er tomt.") }
        let headText = head.map(\.text).joined(separator: "\n")

        // Kind, title, number, issuer and recipients from evidence weighed together.
        let evidence = LetterEvidence(lines: lines)
        self.evidence = evidence
        let titleStart = evidence.titleLine.flatMap { t in lines.firstIndex(where: { $0.number == t.number }) }
        let firstIndex = titleStart ?? lines.firstIndex(where: { !$0.isBlank })!
        let titleLines = lines[firstIndex...].prefix(while: { !$0.isBlank }).prefix(4)
        let titleText = titleLines.map(\.trimmed).joined(separator: " ").collapsed
            .replacing(pattern: #"^#+\s*|\*\*"#, with: "")
        doc.title = titleText.count <= 200 ? titleText : lines[firstIndex].trimmed.collapsed
        for l in titleLines { mark(l.number, .placed) }
        for n in evidence.headLines { mark(n, .placed) }
        guard let kind = evidence.kind else {
            throw ImportError(
                line: first.number,
                "Fant ikke dokumenttypen (tildelingsbrev, supplerende tildelingsbrev/tillegg nr. N, oppdragsdokument, instruks eller referat) i starten av dokumentet."
            )
        }
        doc.kind = kind.documentKind
        doc.number = evidence.number

        // Budget year.
        let yearPatterns = [
            #"(?:[Tt]ildelingsbrev|[Oo]ppdragsdokument)\b[^\n]{0,120}?\bfor\s+((?:19|20)\d{2})"#,
            #"(?:[Tt]ildelingsbrev|[Oo]ppdragsdokument)(?:et)?\s*[-–]?\s*((?:19|20)\d{2})\b"#,
            #"budsjettåret\s+((?:19|20)\d{2})"#,
            #"[Tt]ildelingsbrev(?:et)?\s+((?:19|20)\d{2})"#,
        ]
        // A title with one year names the budget year ("Supplerende tildelingsbrev nr. 3 – 2026").
        if let title = evidence.titleLine.map({ _ in titleText }) {
            let years = Set(Pattern.regex(#"(?<![\d/.-])((?:19|20)\d{2})(?![\d/-])"#).allGroups(title).map { $0[1] })
            if years.count == 1 { doc.year = Int(years.first!) }
        }
        for p in yearPatterns where doc.year == nil {
            if let g = Pattern.regex(p).groups(headText) {
                doc.year = Int(g[1])
                break
            }
        }

        // Date: the first full date near the top (skipping the table of contents).
        for line in head.prefix(30) where !line.isBlank {
            let t = line.trimmed
            if t.lowered.hasPrefix("innhold") { break }
            // A table row that starts with an assignment number holds a deadline, not the letter's date.
            if let c = t.first, c.isNumber || c == "|" || c == "T",
                t.range(ofPattern: #"^\|?\s*(?:TB\s*)?(?:19|20)\d{2}\s*[-–]\s*\d{1,3}\s*(?:\||\t|\s{2,})"#) != nil
            {
                continue
            }
            // «Fastsatt av Digitaliserings- og forvaltningsdepartementet 1. februar 2025» dates an
            // instruks; «**Departementet** · 18. desember 2026 · Vår ref: …» is a letterhead line.
            let fastsatt = t.count < 160 && (t.lowered.hasPrefix("fastsatt") || LetterEvidence.letterheadParts(t).count > 1)
            if let iso = NorwegianText.firstDate(in: t), t.count < 80 || fastsatt,
                t.count < 60 || fastsatt || t.lowered.contains("dato") || t.contains("|") || t.contains("\t")
            {
                doc.date = iso
                mark(line.number, .placed)
                // The reference line above the date ("Deres ref  Vår ref  Dato").
                if let k = lines.firstIndex(of: line), k > 0, let above = lines[..<k].last(where: { !$0.isBlank }),
                    above.trimmed.lowered.contains("ref")
                {
                    mark(above.number, .placed)
                }
                break
            }
        }

        // Issuer and recipients (weighed in `LetterEvidence`).
        if let issuer = evidence.issuer {
            doc.issuer = issuer.short.map { "\(issuer.name) (\($0))" } ?? issuer.name
        }
        if let r = evidence.recipients.first {
            doc.recipient =
                r.lowered.contains("mangfoldsdirektoratet") ? "Integrerings- og mangfoldsdirektoratet (IMDi)" : r
        } else if headText.contains("IMDi") {
            doc.recipient = "Integrerings- og mangfoldsdirektoratet (IMDi)"
        }

        readSignatories()
        if doc.kind == .instruks, doc.date == nil || doc.year == nil {
            // An instruction is dated when it is laid down («Fastsatt … 1. februar 2025», read
            // above); without that date, by the day it comes into force, whose year is its year.
            let all = lines.map(\.text).joined(separator: " ")
            let inForce = Pattern.regex(#"trer i kraft[^.]{0,60}?(\d{1,2}\.\s*\p{L}+\s+\d{4})"#, [.caseInsensitive]).groups(all)
                .flatMap { NorwegianText.firstDate(in: $0[1]) }
            if doc.date == nil { doc.date = inForce }
            if doc.year == nil { doc.year = (inForce ?? doc.date).flatMap { Int($0.prefix(4)) } }
        }
        bodyStart = 0
    }

    /// Signatories: name/title pairs near the top or after "Med hilsen".
    mutating func readSignatories() {
        var region: ArraySlice<SourceLine> = []
        // Only lines starting with M can open the block: lower-casing every line is dear.
        if let hilsen = lines.lastIndex(where: {
            guard let c = $0.trimmed.utf8.first, c == UInt8(ascii: "M") || c == UInt8(ascii: "m") else { return false }
            let l = $0.trimmed.lowered
            return l.hasPrefix("med hilsen") || l.hasPrefix("med vennlig hilsen")
        }) {
            let end =
                lines[hilsen...].firstIndex(where: {
                    let l = $0.trimmed.lowered
                    return l.hasPrefix("kopi") || l.hasPrefix("dokumentet er elektronisk") || l.hasPrefix("vedlegg")
                }) ?? min(lines.count, hilsen + 15)
            region = lines[(hilsen + 1)..<max(hilsen + 1, end)]
        } else {
            let end = lines.firstIndex(where: { $0.trimmed.lowered.hasPrefix("innhold") }) ?? min(lines.count, 20)
            region = lines[0..<min(end, 20)]
        }
        var names: [String] = []
        var titles: [String] = []
        for line in region where !line.isBlank {
            let t = line.trimmed.collapsed
            if signatoryTitles.contains(t.lowered) {
                titles.append(t)
            } else if titles.count < names.count || names.isEmpty || !titles.isEmpty || looksLikeName(t) {
                guard looksLikeName(t) || t.contains("(e.f.)") else { continue }
                names.append(contentsOf: splitNames(t))
            }
        }
        // Names of people only when a title line proves this is a signature block.
        guard !titles.isEmpty else { return }
        doc.signatories = names.enumerated().map { i, n in Signatory(name: n, title: i < titles.count ? titles[i] : nil) }

        // Copy recipients.
        if let kopi = lines.lastIndex(where: { l in
            l.trimmed.count <= 9 && ["kopi", "kopi:", "kopi til:", "kopi til"].contains(l.trimmed.lowered)
        }) {
            doc.copyTo = lines[(kopi + 1)...].prefix(6).filter { !$0.isBlank }.map { $0.trimmed.collapsed }
        } else if let g = lines.lazy.compactMap({ Pattern.regex(#"^Kopi:\s*(.+)$"#).groups($0.trimmed) }).first {
            doc.copyTo = g[1].components(separatedBy: ",").map(\.trimmed)
        }
    }

    func looksLikeName(_ t: String) -> Bool {
        let words = t.replacingOccurrences(of: "(e.f.)", with: "").split(separator: " ")
        guard (2...8).contains(words.count), !t.contains(":"), !t.hasSuffix(".") else { return false }
        return words.allSatisfy { w in w.first.map { $0.isUppercase } ?? false }
    }

    func splitNames(_ t: String) -> [String] {
        var out: [String] = []
        for chunk in t.components(separatedBy: "(e.f.)") {
            let c = chunk.trimmed
            if c.isEmpty { continue }
            if t.contains("(e.f.)") && out.isEmpty { out.append(c + " (e.f.)") } else { out.append(c) }
        }
        return out
    }
}
