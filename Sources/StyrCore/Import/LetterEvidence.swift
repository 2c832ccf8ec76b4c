import Foundation

/// The kinds of letter in the genre, as the import contract names them.
public enum LetterKind: String, Codable, Sendable, CaseIterable {
    case tildelingsbrev
    /// «Tillegg nr. N til tildelingsbrev», «Supplerende tildelingsbrev nr. N».
    case tillegg
    case instruks
    /// A ministry's yearly steering document to a state enterprise (e.g. a health trust).
    case oppdragsdokument
    /// Minutes of a steering meeting (not a letter, but read by the same importer).
    case referat

    /// The stored kind: an oppdragsdokument is steered like an allocation letter.
    public var documentKind: DocumentKind {
        switch self {
        case .tildelingsbrev, .oppdragsdokument: .tildelingsbrev
        case .tillegg: .tillegg
        case .instruks: .instruks
        case .referat: .referat
        }
    }
}

/// The ministry (or other body) that issued a letter.
public struct Issuer: Codable, Sendable, Equatable {
    public var name: String
    public var short: String?
    public init(name: String, short: String?) {
        self.name = name
        self.short = short
    }

    enum CodingKeys: String, CodingKey { case name, short }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(short, forKey: .short)
    }

    /// The ministry by its name, genitive ("Kunnskapsdepartementets"), capitals or short form.
    public static func ministry(named text: String) -> Issuer? {
        let lower = text.lowered
        for m in ministries {
            let name = m.name.lowered
            // "… departementet", "… departementets", "DET KONGELIGE … DEPARTEMENT".
            let stem = String(name.dropLast(2))
            if lower.contains(stem) { return Issuer(name: m.name, short: m.short) }
        }
        return nil
    }

    /// Norwegian ministries past and present with their usual short forms.
    public static let ministries: [(name: String, short: String)] = [
        ("Arbeids- og inkluderingsdepartementet", "AID"),
        ("Arbeids- og sosialdepartementet", "ASD"),
        ("Barne- og familiedepartementet", "BFD"),
        ("Barne-, likestillings- og inkluderingsdepartementet", "BLD"),
        ("Barne-, ungdoms- og familiedepartementet", "BUFD"),
        ("Digitaliserings- og forvaltningsdepartementet", "DFD"),
        ("Energidepartementet", "ED"),
        ("Finansdepartementet", "FIN"),
        ("Fiskeri- og kystdepartementet", "FKD"),
        ("Fornyings-, administrasjons- og kirkedepartementet", "FAD"),
        ("Forsvarsdepartementet", "FD"),
        ("Helse- og omsorgsdepartementet", "HOD"),
        ("Justis- og beredskapsdepartementet", "JD"),
        ("Justis- og politidepartementet", "JD"),
        ("Klima- og miljødepartementet", "KLD"),
        ("Kommunal- og distriktsdepartementet", "KDD"),
        ("Kommunal- og moderniseringsdepartementet", "KMD"),
        ("Kommunal- og regionaldepartementet", "KRD"),
        ("Kultur- og likestillingsdepartementet", "KUD"),
        ("Kulturdepartementet", "KUD"),
        ("Kunnskapsdepartementet", "KD"),
        ("Landbruks- og matdepartementet", "LMD"),
        ("Nærings- og fiskeridepartementet", "NFD"),
        ("Nærings- og handelsdepartementet", "NHD"),
        ("Olje- og energidepartementet", "OED"),
        ("Samferdselsdepartementet", "SD"),
        ("Utenriksdepartementet", "UD"),
    ]
}

/// What the head, signature and reference lines of a letter say about it, weighed together.
struct LetterEvidence {
    var kind: LetterKind?
    /// Points per kind, for the reading report and tests.
    var scores: [LetterKind: Int] = [:]
    var titleLine: SourceLine?
    var number: Int?
    var issuer: Issuer?
    var issuerSource: String?
    var recipients: [String] = []
    /// Lines of the letterhead and address block (placed in the model as issuer/recipient/date).
    var headLines: Set<Int> = []

    /// Body words that weigh a little: 1 «etter endringene», 2 «økes/reduseres med», 3 «Mål 1»,
    /// 4 a «Fullmakter» heading, 5 health-enterprise words, 6 an instruction's own words.
    static let bodyEvidence = Pattern.regex(
        #"(etter endringene)|((?:økes|reduseres)\s+med)|(\n(?:mål|hovedmål)\s+1\b)|(\n\d+\.?\s+fullmakter)|(\b(?:helseforetak|foretaksmøte|statsforetak|styret skal))|(instruksen\s+(?:er\s+)?fastsatt|trer i kraft)"#,
        [.caseInsensitive])

    /// Words (in bytes, case as written) one of which every `bodyEvidence` match holds.
    static let bodyNeedles = [
        "ndringene", "NDRINGENE", "økes", "Økes", "educeres", "EDUCERES", "ullmakt", "ULLMAKT", "oretak", "ORETAK",
        "tyret", "TYRET", "nstruksen", "NSTRUKSEN", "kraft", "KRAFT",
    ].map { Array($0.utf8) }

    /// A line that may be «Mål 1 …» or «Hovedmål 1 …» (the pattern's third group).
    static func mayNameFirstGoal(_ t: String) -> Bool {
        guard let c = t.first, "mMhH".contains(c) else { return false }
        let head = String(t.prefix(12)).lowered
        return head.hasPrefix("mål") || head.hasPrefix("hovedmål")
    }

    static let kindWords = Pattern.regex(
        #"(supplerende\s+tildelingsbrev|tillegg\s*(?:nr\.?\s*\d+\s*)?til\s+tildelingsbrev|tillegg\s+nr\.?\s*\d+|\d+\.\s*tillegg|tildelingsbrev|oppdragsdokument|instruks|referat)"#,
        [.caseInsensitive])

    init(lines: [SourceLine]) {
        let head = Array(lines.prefix(60).filter { !$0.isBlank })
        // 1. The title: the first short line of the head that names a kind and is not a sentence
        //    referring to another letter ("Vi viser til tildelingsbrevet …").
        for (k, line) in head.prefix(30).enumerated() {
            let t = line.trimmed
            guard t.count <= 160, let g = Self.kindWords.groups(t) else { continue }
            let lower = t.lowered
            if lower.hasPrefix("vi viser") || lower.hasPrefix("det vises") || lower.hasPrefix("i ") || lower.hasPrefix("se ")
                || lower.hasPrefix("innhold") || (lower.hasSuffix(".") && t.count > 80)
            {
                continue
            }
            titleLine = line
            // The title may run on over the next line ("Kunnskapsdepartementets instruks for\nøkonomi- …").
            let next = k + 1 < head.count && head[k + 1].number <= line.number + 1 ? head[k + 1].trimmed : ""
            score(title: t + " " + next, matched: g[1])
            break
        }
        // 2. The whole text: weaker evidence.
        // One pass over the text (each pattern run separately would convert the whole text again).
        // Only lines holding one of the patterns' words can match: find them by bytes first (the
        // pattern over the whole text was a tenth of the import's time).
        let body =
            "\n"
            + lines.lazy.map(\.trimmed).filter { t in Self.mayNameFirstGoal(t) || Self.bodyNeedles.contains { t.utf8.containsSequence($0) }
            }
            .joined(separator: "\n")
        var seen = Set<Int>()
        for m in Self.bodyEvidence.matches(in: body, range: NSRange(location: 0, length: (body as NSString).length)) {
            for k in 1..<m.numberOfRanges where m.range(at: k).location != NSNotFound { seen.insert(k) }
        }
        if seen.contains(1) { add(.tillegg, 2) }
        if seen.contains(2) { add(.tillegg, 1) }
        if seen.contains(3) { add(.tildelingsbrev, 2) }
        if seen.contains(4) { add(.tildelingsbrev, 1) }
        if seen.contains(5) { add(.oppdragsdokument, 2) }
        if seen.contains(6) { add(.instruks, 2) }
        kind = scores.max { a, b in a.value < b.value || a.value == b.value && a.key.rawValue > b.key.rawValue }
            .flatMap { $0.value >= 5 ? $0.key : nil }

        // 3. Supplement number.
        if kind == .tillegg, let t = titleLine?.trimmed {
            if let g = Pattern.regex(#"(?:tillegg|tildelingsbrev)\s+nr\.?\s*(\d{1,2})\b"#, [.caseInsensitive]).groups(t) {
                number = Int(g[1])
            } else if let g = Pattern.regex(#"\b(\d{1,2})\.\s*(?:tillegg|supplerende)"#, [.caseInsensitive]).groups(t) {
                number = Int(g[1])
            }
        }
        readIssuer(lines: lines, head: head)
        readRecipients(head: head)
    }

    mutating func add(_ k: LetterKind, _ points: Int) { scores[k, default: 0] += points }

    /// The title's words: a supplement names "tildelingsbrev" too, so the longer phrase wins.
    mutating func score(title: String, matched: String) {
        let lower = title.lowered
        let m = matched.lowered
        if m.hasPrefix("supplerende") || m.hasPrefix("tillegg") || m.hasSuffix("tillegg") {
            add(.tillegg, 10)
        } else if m == "tildelingsbrev" {
            add(.tildelingsbrev, 8)
        } else if m == "oppdragsdokument" {
            add(.oppdragsdokument, 10)
        } else if m == "instruks" {
            add(.instruks, 10)
        } else if m == "referat" {
            add(.referat, 10)
        }
        // «Endringer i tildelingsbrevet» / «Endret tildeling» are supplements (9 beats the 8 of the
        // word «tildelingsbrev» in the same title).
        if lower.matches(#"^(?:endring(?:er)?|endret|justering(?:er)?)\b"#) { add(.tillegg, 9) }
    }

    /// Issuer from the letterhead, the signature block and «Vår ref», never from a name in the body;
    /// a ministry that names itself in the letter's own voice ("fra Kunnskapsdepartementet (KD)" after
    /// the budget proposition, "fastsatt av …", "… gir … mål") counts only when those are missing.
    mutating func readIssuer(lines: [SourceLine], head: [SourceLine]) {
        var candidates: [(Issuer, Int, String, Int?)] = []  // issuer, weight, source, line
        let titleNumber = titleLine?.number ?? Int.max
        // Letterhead: lines before the title that are a ministry's name alone (or "Det kongelige …").
        for line in head where line.number < titleNumber {
            guard line.trimmed.count < 90, line.trimmed.lowered.contains("departement") else { continue }
            let t = line.trimmed.replacing(pattern: #"^#+\s*|\*\*"#, with: "").trimmed
            if t.count < 70, let m = Issuer.ministry(named: t), t.lowered.contains("departement") {
                candidates.append((m, 10, "brevhode", line.number))
                headLines.insert(line.number)
            }
        }
        // A ministry's name alone just below the title (Markdown from a PDF converter puts the
        // letterhead there: «# Tildelingsbrev …» / «**Arbeids- og inkluderingsdepartementet**»).
        // Also one part of a letterhead line («**Klima- og miljødepartementet** · 18. desember 2026 · Vår ref: …»).
        for line in head where line.number > titleNumber && line.number <= titleNumber + 4 {
            for part in Self.letterheadParts(line.trimmed) {
                let t = part.replacing(pattern: #"^#+\s*|\*\*"#, with: "").trimmed
                if t.count < 70, t.lowered.hasSuffix("departementet"), let m = Issuer.ministry(named: t), m.name == t {
                    candidates.append((m, 9, "brevhode", line.number))
                    headLines.insert(line.number)
                }
            }
        }
        // A header field: «Fra: Samferdselsdepartementet», «**Fra:** …», «Avsender: …».
        for line in head where line.trimmed.count < 120 {
            let t = line.trimmed.replacing(pattern: #"\*\*|__"#, with: "").trimmed
            if let g = Pattern.regex(#"^(?i:fra|avsender)\s*:\s*(.+?)\s*$"#).groups(t), let m = Issuer.ministry(named: g[1]),
                g[1].lowered.contains("departement")
            {
                candidates.append((m, 10, "brevhode", line.number))
                headLines.insert(line.number)
            }
        }
        // The title's genitive: "Kunnskapsdepartementets instruks for …".
        if let t = titleLine?.trimmed, let g = Pattern.regex(#"(\S+departementets)\s"#).groups(t), let m = Issuer.ministry(named: g[1]) {
            candidates.append((m, 9, "tittel", titleLine?.number))
        }
        // Signature block: a ministry named within the lines after "Med hilsen".
        if let hilsen = lines.lastIndex(where: {
            let start = String($0.trimmed.prefix(20)).lowered
            return start.hasPrefix("med hilsen") || start.hasPrefix("med vennlig hilsen")
        }) {
            for line in lines[hilsen...].prefix(16) where line.trimmed.count < 90 {
                if let m = Issuer.ministry(named: line.trimmed), line.trimmed.lowered.contains("departement") {
                    candidates.append((m, 8, "signatur", line.number))
                }
            }
        }
        // «Vår ref» with a ministry's short form ("Vår ref: 26/123 HOD").
        for line in head where line.trimmed.lowered.contains("vår ref") {
            for m in Issuer.ministries where line.trimmed.matches(#"\b\#(m.short)\b"#) {
                candidates.append((Issuer(name: m.name, short: m.short), 7, "vår ref", line.number))
            }
        }
        // The letter's own voice (weak).
        let voice = [
            #"Prop\.\s*1\s*S[^.]{0,40}?\bfra\s+(\S+(?:-\s*og\s+\S+)?departementet)"#,
            #"fastsatt\s+av\s+(\S+(?:-\s*og\s+\S+)?departementet)"#,
            #"I dette kapitlet gir\s+(\S+(?:-\s*og\s+\S+)?departementet)"#,
        ]
        for line in lines.prefix(120) where line.trimmed.utf8.containsSequence(Array("departement".utf8)) {
            for p in voice {
                if let g = Pattern.regex(p).groups(line.trimmed), let m = Issuer.ministry(named: g[1]) {
                    candidates.append((m, 3, "brevets egen stemme", line.number))
                }
            }
        }
        var weights: [String: (Issuer, Int, String)] = [:]
        for (m, w, src, _) in candidates {
            let old = weights[m.name]
            weights[m.name] = (m, (old?.1 ?? 0) + w, old.map { $0.2 } ?? src)
        }
        if let best = weights.values.max(by: { $0.1 < $1.1 || $0.1 == $1.1 && $0.0.name > $1.0.name }) {
            issuer = best.0
            issuerSource = best.2
        }
    }

    /// The parts of a letterhead line written on one line: «Departementet · 18. desember 2026 · Vår ref: 26/1».
    static func letterheadParts(_ t: String) -> [String] {
        guard t.contains("·") || t.contains("•") || t.contains("|") else { return [t] }
        return t.split(whereSeparator: { $0 == "·" || $0 == "•" || $0 == "|" }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// A title in capitals as a sentence with capitalised names: small words lower case, every
    /// other word with a capital first letter («TILDELINGSBREV TIL HAVFORSKNINGSINSTITUTTET» →
    /// «Tildelingsbrev til Havforskningsinstituttet»).
    static func unshouted(_ t: String) -> String {
        let small: Set<String> = ["til", "for", "og", "i", "av", "med", "om", "på", "ved", "nr.", "nr"]
        return t.split(separator: " ", omittingEmptySubsequences: false).map { w in
            let lower = w.lowercased()
            return small.contains(lower) ? lower : lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }

    static let recipientName = Pattern.regex(
        #"\btil\s+((?:[A-ZÆØÅ][\p{L}]*(?:-\p{Lu}[\p{L}]*)?(?:-|,)?\s+(?:og\s+|for\s+)?)*?[A-ZÆØÅ]?[\p{L}\-]*(?:direktorat(?:et)?|tilsyn(?:et)?|institutt(?:et)?|etat(?:en)?|senter(?:et)?|verket|kontor(?:et)?|nemnd(?:a|en)?|RHF|HF|universitet(?:et)?|høgskole(?:n)?|registeret|biblioteket|museet|forvaltning(?:en)?|Norge|IMDi))"#
    )

    /// Recipients: the body the title is addressed to ("… til Helsedirektoratet") and the
    /// address block above the title (a name before "Postboks"/a postcode line).
    mutating func readRecipients(head: [SourceLine]) {
        var names: [String] = []
        func add(_ raw: String) {
            var n = raw.collapsed.trimmingTrailing(".,:")
            n = n.replacing(pattern: #"^#+\s*|\*\*"#, with: "").trimmed
            if n.lowered.hasPrefix("integrering-") { n = "Integrerings-" + n.dropFirst("integrering-".count) }
            guard !n.isEmpty, Issuer.ministry(named: n) == nil || !n.lowered.contains("departement") else { return }
            if !names.contains(where: { $0.lowered == n.lowered }) { names.append(n) }
        }
        // A header field: «Til: Direktoratet for utviklingssamarbeid (Norad)», «**Mottaker:** …».
        for line in head where line.trimmed.count < 160 {
            let t = line.trimmed.replacing(pattern: #"\*\*|__"#, with: "").trimmed
            if let g = Pattern.regex(#"^(?i:til|mottaker)\s*:\s*(\p{Lu}.{2,120}?)\s*$"#).groups(t) {
                add(g[1])
                headLines.insert(line.number)
            }
        }
        // A title wrapped onto the next line («… – Direktoratet for høyere» / «utdanning og kompetanse»).
        var title = titleLine?.trimmed
        if let line = titleLine, let k = head.firstIndex(where: { $0.number == line.number }), k + 1 < head.count,
            head[k + 1].number == line.number + 1, let c = head[k + 1].trimmed.first, c.isLowercase
        {
            title = (line.trimmed + " " + head[k + 1].trimmed).collapsed
        }
        // «TILDELINGSBREV TIL HAVFORSKNINGSINSTITUTTET 2025»: read in the case names are written in.
        if let t = title, t == t.uppercased(), t.contains(where: { $0.isLetter }) { title = Self.unshouted(t) }
        if let t = title, let g = Self.recipientName.groups(t) {
            add(g[1])
        } else if let t = title,
            // "Oppdragsdokument 2026 – Helse Vest RHF", "Tildelingsbrev for 2026 – Helsedirektoratet".
            let g = Pattern.regex(#"\s[–—-]\s+(\p{Lu}[\p{L}\- ]{1,80}?)\s*$"#).groups(t.replacingOccurrences(of: "**", with: "")),
            g[1].split(separator: " ").count <= 8, !g[1].matches(#"\d"#)
        {
            add(g[1])
        }
        // «… instruks for økonomi- og virksomhetsstyring i Direktoratet for … (DSB)», over several lines.
        if names.isEmpty, let title = titleLine, let k = head.firstIndex(where: { $0.number == title.number }) {
            let run = head[k...].prefix(4).enumerated().prefix { $0.offset == 0 || $0.element.number <= title.number + $0.offset }
            let joined = run.map(\.element.trimmed).joined(separator: " ").collapsed
            if let g = Pattern.regex(#"(?:virksomhets|økonomi)styring\s+(?:i|for|ved)\s+(?:[Dd]et\s+)?(\p{Lu}[^()]{2,100}?)\s*(?:\(|$)"#)
                .groups(joined)
            {
                add(g[1])
            }
        }
        // The body's name alone on a line just below the title («OPPDRAGSDOKUMENT 2026» / «Helse Sør-Øst RHF»).
        if names.isEmpty, let title = titleLine {
            for line in head where line.number > title.number && line.number <= title.number + 3 && line.trimmed.count < 80 {
                let t = line.trimmed.replacing(pattern: #"^#+\s*|\*\*"#, with: "").trimmed
                if let g = Self.recipientName.groups("til " + t), g[1] == t {
                    add(t)
                    headLines.insert(line.number)
                    break
                }
            }
        }
        let titleNumber = titleLine?.number ?? Int.max
        for (k, line) in head.enumerated() where line.number < titleNumber && k + 1 < head.count {
            let next = head[k + 1].trimmed
            if next.matches(#"^(?:Postboks|Pb\.|Boks)\s|^\d{4}\s+\p{Lu}"#),
                line.trimmed.count < 80, !line.trimmed.contains(":"),
                !line.trimmed.matches(#"^(?:Postboks|Pb\.|Boks)\s|^\d{4}\s"#)
            {
                add(line.trimmed)
                headLines.formUnion([line.number, head[k + 1].number])
            }
            if line.trimmed.matches(#"^\d{4}\s+\p{Lu}{2,}"#) { headLines.insert(line.number) }
        }
        recipients = names
    }
}
