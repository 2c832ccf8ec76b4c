import Foundation

/// Ministries the letters come from, with their abbreviations.
let knownMinistries: [(name: String, short: String)] = [
    ("Kunnskapsdepartementet", "KD"),
    ("Justis- og beredskapsdepartementet", "JD"),
    ("Arbeids- og inkluderingsdepartementet", "AID"),
    ("Kommunal- og distriktsdepartementet", "KDD"),
    ("Kommunal- og moderniseringsdepartementet", "KMD"),
    ("Barne-, likestillings- og inkluderingsdepartementet", "BLD"),
    ("Arbeids- og sosialdepartementet", "ASD"),
]

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
        let lowerHead = headText.lowercased()

        // The title is the first paragraph; its words decide the kind before the rest of the head does.
        let firstIndex = lines.firstIndex(where: { !$0.isBlank })!
        let titleLines = lines[firstIndex...].prefix(while: { !$0.isBlank }).prefix(4)
        let titleText = titleLines.map(\.trimmed).joined(separator: " ").collapsed
        doc.title = titleText.count <= 200 ? titleText : first.trimmed.collapsed
        guard let kind = Self.kind(in: titleText.lowercased()) ?? Self.kind(in: lowerHead) else {
            throw ImportError(
                line: first.number,
                "Fant ikke dokumenttypen (tildelingsbrev, tillegg nr. N, instruks eller referat) i starten av dokumentet.")
        }
        doc.kind = kind
        if kind == .tillegg, let g = Pattern.regex(#"Tillegg\s+nr\.?\s*(\d+)"#, [.caseInsensitive]).groups(headText) {
            doc.number = Int(g[1])
        }

        // Budget year.
        let yearPatterns = [
            #"[Tt]ildelingsbrev\b[^\n]{0,120}?\bfor\s+((?:19|20)\d{2})"#,
            #"budsjettåret\s+((?:19|20)\d{2})"#,
            #"[Tt]ildelingsbrev(?:et)?\s+((?:19|20)\d{2})"#,
        ]
        for p in yearPatterns {
            if let g = Pattern.regex(p).groups(headText) {
                doc.year = Int(g[1])
                break
            }
        }

        // Date: the first full date near the top (skipping the table of contents).
        for line in head.prefix(20) where !line.isBlank {
            let t = line.trimmed
            if t.lowercased().hasPrefix("innhold") { break }
            if let iso = NorwegianText.firstDate(in: t), t.count < 60 {
                doc.date = iso
                break
            }
        }

        // Issuer: a ministry named near the top, else anywhere as "Xdepartementet viser til".
        let searchIssuer = lines.prefix(60).map(\.text).joined(separator: " ")
        for m in knownMinistries where searchIssuer.contains(m.name) || searchIssuer.contains("(\(m.short))") {
            doc.issuer = "\(m.name) (\(m.short))"
            break
        }
        if doc.issuer == nil {
            let all = lines.map(\.text).joined(separator: " ")
            for m in knownMinistries where all.contains("\(m.name) viser til") || all.contains("Vi viser til") && all.contains(m.name) {
                doc.issuer = "\(m.name) (\(m.short))"
                break
            }
        }

        // Recipient.
        if let g = Pattern.regex(#"til\s+(Integrering(?:s)?-?\s*og\s+mangfoldsdirektoratet|[A-ZÆØÅ][\wæøå\- ]*?direktorat(?:et)?)"#).groups(
            headText)
        {
            let name = g[1].collapsed
            doc.recipient =
                name.lowercased().contains("mangfoldsdirektoratet")
                ? "Integrerings- og mangfoldsdirektoratet (IMDi)" : name
        } else if headText.contains("IMDi") {
            doc.recipient = "Integrerings- og mangfoldsdirektoratet (IMDi)"
        }

        readSignatories()
        if doc.kind == .instruks, doc.date == nil {
            // An instruction carries the date it comes into force.
            let all = lines.map(\.text).joined(separator: " ")
            if let g = Pattern.regex(#"trer i kraft[^.]{0,60}?(\d{1,2}\.\s*\p{L}+\s+\d{4})"#, [.caseInsensitive]).groups(all) {
                doc.date = NorwegianText.firstDate(in: g[1])
                doc.year = doc.date.flatMap { Int($0.prefix(4)) }
            }
        }
        bodyStart = 0
    }

    /// The kind named in a text: a supplement mentions "tildelingsbrev" too, so it is tested first.
    static func kind(in lower: String) -> DocumentKind? {
        if lower.range(of: #"tillegg\s+nr\.?\s*\d+"#, options: .regularExpression) != nil { return .tillegg }
        if lower.contains("instruks") { return .instruks }
        if lower.contains("referat") { return .referat }
        if lower.contains("tildelingsbrev") { return .tildelingsbrev }
        return nil
    }

    /// Signatories: name/title pairs near the top or after "Med hilsen".
    mutating func readSignatories() {
        var region: ArraySlice<SourceLine> = []
        if let hilsen = lines.lastIndex(where: {
            $0.trimmed.lowercased().hasPrefix("med hilsen") || $0.trimmed.lowercased().hasPrefix("med vennlig hilsen")
        }) {
            let end =
                lines[hilsen...].firstIndex(where: {
                    let l = $0.trimmed.lowercased()
                    return l.hasPrefix("kopi") || l.hasPrefix("dokumentet er elektronisk") || l.hasPrefix("vedlegg")
                }) ?? min(lines.count, hilsen + 15)
            region = lines[(hilsen + 1)..<max(hilsen + 1, end)]
        } else {
            let end = lines.firstIndex(where: { $0.trimmed.lowercased().hasPrefix("innhold") }) ?? min(lines.count, 20)
            region = lines[0..<min(end, 20)]
        }
        var names: [String] = []
        var titles: [String] = []
        for line in region where !line.isBlank {
            let t = line.trimmed.collapsed
            if signatoryTitles.contains(t.lowercased()) {
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
            l.trimmed.count <= 9 && ["kopi", "kopi:", "kopi til:", "kopi til"].contains(l.trimmed.lowercased())
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
