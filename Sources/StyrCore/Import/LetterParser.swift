import Foundation

/// Reads a tildelingsbrev, tillegg or instruks from text into a `SteeringDocument`.
///
/// The parser works from the structure such letters share (numbered headings, "Mål N",
/// "Styringsparameter N.M", "Oppdrag nr. YYYY-NN" blocks with Bakgrunn / Beskrivelse /
/// Finansiering / Frist, budget tables under "Kap. NNN", the fullmakt headings, the
/// reporting table and the meeting section), not from line positions in one file, so that
/// rewrapped PDF text and HTML-flavoured text read the same.
public struct LetterParser {
    public init() {}

    /// Parses the text. Throws `ImportError` (with a line number) when the text is not a
    /// steering document at all; everything else that is not understood becomes a warning.
    public func parse(_ text: String) throws -> ParsedDocument {
        let source = SourceText.read(text)
        let lines = source.lines
        guard lines.contains(where: { !$0.isBlank }) else { throw ImportError(line: 1, "Dokumentet er tomt.") }
        var state = ParseState(lines: lines)
        state.furniture = source.furniture
        try state.readHeader()
        state.readBody()
        state.finish()
        if text.unicodeScalars.filter({ $0.value == 0xFFFD }).count > 5 {
            state.warn(nil, "Teksten inneholder mange ugyldige tegn; er filen lagret som UTF-8?")
        }
        let doc = state.doc
        if doc.kind == .tildelingsbrev && doc.goals.isEmpty && doc.assignments.isEmpty && doc.budget.isEmpty {
            // Say what was seen, and what would have been read, so that the user can tell why.
            let sections = doc.sections.prefix(8).map { "«\($0.number.map { $0 + " " } ?? "")\($0.title)»" }
            let seen = sections.isEmpty ? "Fant ingen avsnittsoverskrifter." : "Avsnitt funnet: \(sections.joined(separator: ", "))."
            throw ImportError(
                line: lines.first(where: { !$0.isBlank })?.number,
                "Fant verken mål, oppdrag eller budsjett i \(state.evidence?.kind == .oppdragsdokument ? "oppdragsdokumentet" : "tildelingsbrevet"). "
                    + seen
                    + " Styr leser oppdrag som «Oppdrag 2025-01 …», «TB2025-01 …», «ID: 2025-01» eller en nummerert liste eller tabell under en overskrift med «Oppdrag», og budsjett som «Kap. 490 …» med postene under."
            )
        }
        if doc.kind == .tillegg && doc.assignments.isEmpty && doc.budgetChanges.isEmpty && doc.renumberings.isEmpty
            && doc.deadlineChanges.isEmpty && doc.budget.isEmpty && (doc.closedAssignments ?? []).isEmpty
        {
            throw ImportError(
                line: lines.first(where: { !$0.isBlank })?.number,
                "Fant verken oppdrag, omnummereringer eller budsjettendringer i tillegget.")
        }
        var parsed = ParsedDocument(document: doc, warnings: state.warnings)
        parsed.reading = state.readingReport()
        if let e = state.evidence {
            parsed.kind = e.kind ?? LetterKind(rawValue: doc.kind.rawValue) ?? .tildelingsbrev
            parsed.issuer = e.issuer
            parsed.recipients = e.recipients
        }
        for w in parsed.reading.warnings.dropFirst(state.warnings.count) {
            parsed.warnings.append(ImportIssue(line: w.line, message: w.message))
        }
        return parsed
    }
}

/// A numbered list of assignments under an «Oppdrag» heading.
struct AssignmentList {
    /// The section's own number («3» in «3. Oppdrag for 2025»), to tell the next section from item 4.
    var section: Int?
    /// The last item read («2», «b»), nil before the first.
    var last: String?
    /// Assignments with their own numbers («Oppdrag nr. 2021-04») were seen: lists are their text.
    var numbered = false
}

/// Which part of the letter the scanner is in.
enum Mode {
    case body
    case carriedOver
    case referenced
    case budget
    case authorizations
    case meetings
    case reporting
    case other
}

/// Mutable scanner state; one per parse.
struct ParseState {
    let lines: [SourceLine]
    var doc = SteeringDocument(kind: .tildelingsbrev)
    var warnings: [ImportIssue] = []
    var bodyStart = 0
    var mode: Mode = .body

    // Goal context.
    var goalIndex: Int?
    var spIndex: Int?
    // Assignment under construction.
    var current: AssignmentBuilder?
    // Result requirement capture.
    var requirementLines: [String]?
    /// A goal's or steering parameter's «Rapportering:» text being read (what to report on).
    var reportingLines: [String]?
    var contextLines: [String] = []
    // Carried-over item under construction.
    var carried: CarriedOverAssignment?
    // Budget context.
    var budget = BudgetScanner()
    // Authorization under construction.
    var authorization: (title: String, line: Int, text: [String], fromSentence: Bool)?
    var meetingText: [String] = []
    var reportingHeaderSeen = false
    /// The deadline column of a reporting calendar whose header names it («Frist»).
    var reportingColumns: Int?
    /// The header of an assignments table whose rows start with a bare number («Nr. | Oppdrag |
    /// Frist | Ansvarlig»), lower-cased, while its rows are read.
    var assignmentColumns: [String]?
    /// The assignment being read is a row of that table (the next line that is not a row ends it).
    var assignmentFromRow = false
    var allText: [String] = []
    var sectionGoalRef: String?
    // Reading report: what became of each source line (by line number).
    var uses: [Int: LineUse] = [:]
    /// Set by `handleBodyLine`: how the line(s) it consumed were used.
    var lastBodyUse: LineUse?
    var inSignature = false
    var lineModes: [Int: Mode] = [:]
    var evidence: LetterEvidence?
    /// Page headers and footers taken out of the text (read: they are page furniture).
    var furniture: [SourceLine] = []
    /// In a section about assignments («3. Oppdrag for 2025»): its number and the last list item
    /// read as an assignment («1.», «2)», «a)»), or nil outside such a section.
    var assignmentList: AssignmentList?

    init(lines: [SourceLine]) { self.lines = lines }

    mutating func mark(_ line: Int, _ use: LineUse) {
        if let old = uses[line], old >= use { return }
        uses[line] = use
    }

    mutating func warn(_ line: Int?, _ message: String) {
        warnings.append(ImportIssue(line: line, message: message))
    }
}

// MARK: - Patterns shared by the scanners

enum Pattern {
    /// Compiles a pattern once; later calls with the same pattern reuse it.
    static func regex(_ p: String, _ options: NSRegularExpression.Options = []) -> NSRegularExpression {
        RegexCache.shared.regex(p, options)
    }

    static let assignment = regex(
        #"^Oppdrag\s+(?:nr\.?\s*)?((?:19|20)\d{2}\s*[-–]\s*\d{1,3})(?!\d)\s*[:.\t ]?\s*(.*)$"#, [.caseInsensitive])
    /// Other numbering styles: "TB2026-63 Title", "TB 2026-67: Title", "ID: 2026-01 Title",
    /// "Oppdrag 3: Title" (a bare number only with a capitalised title or a colon after it).
    /// «Ansvarlig: …», «Ansvarlig avdeling: …», «Ansvarlig enhet i HOD: …» inside an assignment.
    static let responsible = regex(
        #"^(?:[-•–]\s*)?Ansvarlig(?:e)?(?:\s+(?:avdeling|enhet|seksjon|fagavdeling|direktorat|etat|virksomhet))?(?:\s+i\s+[\p{L}\-]+)?\s*:\s*(\S.*)$"#,
        [.caseInsensitive])
    static let assignmentTB = regex(
        #"^(?:Oppdrag\s+(?:nr\.?\s*)?)?(TB\s*(?:19|20)\d{2}\s*[-–]\s*\d{1,3})(?!\d)\s*[:.\t –-]?\s*(.*)$"#)
    static let assignmentID = regex(
        #"^(?:Oppdrag\s+)?ID\s*:?\s*((?:19|20)\d{2}\s*[-–]\s*\d{1,3})(?!\d)\s*[:.\t –-]?\s*(.*)$"#, [.caseInsensitive])
    static let assignmentNumber = regex(#"^Oppdrag\s+(?:nr\.?\s*)?(\d{1,3})(?:\s*[:.–-]\s*|\t+\s*|\s+(?=\p{Lu}))(\S.*)$"#)
    static let goal = regex(#"^(?:MÅL|Mål|DELMÅL|Delmål|HOVEDMÅL)\s+(\d+)\s*(?:[:.\t]|\s)\s*(.*)$"#)
    static let goalBare = regex(#"^(?:MÅL|Mål|DELMÅL|Delmål)\s+(\d+)\s*$"#)
    static let sp = regex(#"^(?:STYRINGSPARAMETER|Styringsparameter|SP)\s*(\d+(?:\.\d+)?)?\s*(?:[:.\t]|\s)\s*(.*)$"#)
    static let spNumberOnly = regex(#"^(\d+(?:\.\d+)?)\s*$"#)
    static let heading = regex(#"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$"#)
    static let field = regex(
        #"^(Bakgrunn|Beskrivelse av oppdraget|Beskrivelse|Finansiering)(?=$|[\s:])\s*:?\s*(.*)$"#, [.caseInsensitive])
    static let frist = regex(#"^(?:Frist|Frister|Utsatt frist)(?=$|[\s:])(.*)$"#, [.caseInsensitive])
    static let part = regex(#"^(?:Del|Deloppdrag)\s+(\d+)\s*(?:[:.\-–]\s*|\s+)(.*)$"#, [.caseInsensitive])
    static let carriedItem = regex(
        #"^((?:TB\s*)?(?:19|20)\d{2}\s*[-–]\s*\d{1,3}|\d{1,2}/(?:19|20)\d{2})(?!\d)\s*(?:[:.]\s*|\t+|\s{2,}|\s[–-]\s)(.+)$"#)
    static let chapter = regex(#"^Kap(?:ittel|\.)?\s*(\d{3,4})\.?\s+(.+)$"#, [.caseInsensitive])
    static let postRow = regex(
        #"^Post\s+(\d{2})\s+(.+?)(?:\t+|\s{2,})\s*(-?[\d  .,]+?)\s*(?:kroner|kr\.?|mill\.?)?\s*$"#, [.caseInsensitive])
    static let postHeading = regex(#"^Post\s+(\d{2})\b\.?\s*(.*)$"#, [.caseInsensitive])
    static let renumbering = regex(
        #"nummerert\s+(?:som\s+)?(?:nr\.?\s*)?((?:19|20)\d{2}\s*[-–]\s*\d{1,3}).{0,300}?(?:endres|omnummereres)\s+(?:herved\s+)?til\s+(?:nr\.?\s*)?((?:19|20)\d{2}\s*[-–]\s*\d{1,3})"#,
        [.caseInsensitive, .dotMatchesLineSeparators])
    static let kapPost = regex(#"kap(?:ittel|\.)?\s*(\d{3,4})\s*,?\s*(?:post|p\.)\s*(\d{2})"#, [.caseInsensitive])
    static let bulletSplit = regex(#"(?:^|\s)[•\-–]\s+(?=[A-ZÆØÅ0-9])"#)
    /// «Frist 1. juni 2021», «innen 15.03.2022» in a sentence of prose.
    static let proseDeadline = regex(
        #"\b((?:[Ff]rist|innen)\s*:?\s*(?:\d{1,2}\.\s*\p{L}+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4}))"#)
    static let percent = regex(#"(\d+(?:,\d+)?)\s*(?:pst\.?|prosent|%)"#, [.caseInsensitive])
}

extension ParseState {
    /// An assignment's opening line in any numbering style: (number as printed, rest of the line).
    func assignmentStart(_ t: String) -> (printed: String, rest: String)? {
        guard let c = t.first, "OoTtIi".contains(c) else { return nil }
        if let g = Pattern.assignment.groups(t, startingWith: "Oo") { return (g[1], g[2]) }
        if let g = Pattern.assignmentTB.groups(t, startingWith: "OT") { return (g[1], g[2]) }
        if let g = Pattern.assignmentID.groups(t, startingWith: "OoIi") { return (g[1], g[2]) }
        if let g = Pattern.assignmentNumber.groups(t, startingWith: "O"), t.count < 200 { return (g[1], g[2]) }
        return nil
    }
}

extension NSRegularExpression {
    /// Capture groups of the first match, or nil at once when the line cannot start a match.
    func groups(_ s: String, startingWith first: String) -> [String]? {
        guard let c = s.first, first.contains(c) else { return nil }
        return groups(s)
    }

    /// Capture groups of the first match, "" for groups that did not take part.
    func groups(_ s: String) -> [String]? {
        let ns = s as NSString
        guard let m = firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<m.numberOfRanges).map {
            m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0))
        }
    }

    func allGroups(_ s: String) -> [[String]] {
        let ns = s as NSString
        return matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map {
                m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0))
            }
        }
    }
}

extension String {
    /// Whether the pattern matches anywhere (compiled once, see `RegexCache`).
    func matches(_ pattern: String) -> Bool {
        Pattern.regex(pattern).firstMatch(in: self, range: NSRange(location: 0, length: (self as NSString).length)) != nil
    }

    /// The range of the first match of `pattern` (compiled once, see `RegexCache`).
    func range(ofPattern pattern: String, _ options: NSRegularExpression.Options = []) -> Range<String.Index>? {
        let r = Pattern.regex(pattern, options).firstMatch(in: self, range: NSRange(startIndex..., in: self))
        return r.flatMap { Range($0.range, in: self) }
    }

    /// Every match of `pattern` replaced by `template` ($1 for a group), the pattern compiled once.
    func replacing(pattern: String, with template: String, _ options: NSRegularExpression.Options = []) -> String {
        Pattern.regex(pattern, options).stringByReplacingMatches(
            in: self, range: NSRange(startIndex..., in: self), withTemplate: template)
    }
    var collapsed: String { NorwegianText.collapse(self) }
    func trimmingTrailing(_ chars: String) -> String {
        var s = self
        while let last = s.last, chars.contains(last) || last.isWhitespace { s.removeLast() }
        return s
    }
}

/// Compiled regular expressions by pattern. Compiling is far dearer than matching, and the
/// parser names its patterns where it uses them; this keeps each compiled once per process.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private let lock = NSLock()
    private var cache: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String, _ options: NSRegularExpression.Options) -> NSRegularExpression {
        let key = "\(options.rawValue):\(pattern)"
        lock.lock()
        defer { lock.unlock() }
        if let r = cache[key] { return r }
        let r = try! NSRegularExpression(pattern: pattern, options: options)
        cache[key] = r
        return r
    }
}
