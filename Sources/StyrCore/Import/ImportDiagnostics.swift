import Foundation

/// A problem found while reading a document, with the source line it concerns.
public struct ImportIssue: Codable, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String
    /// Any identity number in `message` is masked (`IdentityNumbers.masked(in:)`).
    public init(line: Int?, message: String) {
        self.line = line
        self.message = IdentityNumbers.masked(in: message)
    }
    public var description: String { line.map { "linje \($0): \(message)" } ?? message }
}

/// Identity numbers never reach an import message: a value quoted from a row whose columns are
/// shifted («kategori «01010150074» …») could be one.
public enum IdentityNumbers {
    /// Every run of 11 digits (or 6 + space + 5) standing alone in `text`, shown as its first six
    /// digits and `*****` like `IdentityNumber.masked`.
    public static func masked(in text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return text }
        return text.replacingOccurrences(
            of: "(?<![0-9])([0-9]{6}) ?[0-9]{5}(?![0-9])", with: "$1*****", options: .regularExpression)
    }
}

/// The importer could not read the document at all.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String
    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = IdentityNumbers.masked(in: message)
    }
    public var description: String { line.map { "linje \($0): \(message)" } ?? message }
}

/// The result of parsing: the document plus what was not understood.
public struct ParsedDocument: Sendable {
    public var document: SteeringDocument
    public var warnings: [ImportIssue]
    /// What was placed, kept as prose, or not understood, line by line.
    public var reading: ReadingReport
    /// The kind in the import contract's terms (an oppdragsdokument is stored as a tildelingsbrev).
    public var kind: LetterKind
    /// The issuer as weighed from letterhead, signature and «Vår ref».
    public var issuer: Issuer?
    /// The bodies the letter is addressed to.
    public var recipients: [String]

    public init(document: SteeringDocument, warnings: [ImportIssue]) {
        self.document = document
        self.warnings = warnings
        self.reading = .notFromText
        self.kind = LetterKind(rawValue: document.kind.rawValue) ?? .tildelingsbrev
        self.issuer = nil
        self.recipients = document.recipient.map { [$0] } ?? []
        if let i = document.issuer {
            let name = i.replacing(pattern: #"\s*\([^)]*\)$"#, with: "")
            self.issuer = Issuer.ministry(named: name).flatMap { $0.name == name ? $0 : nil } ?? Issuer(name: name, short: nil)
        }
    }

    /// A one-paragraph summary of what was found, for stderr and the UI.
    public var summary: String {
        let d = document
        var parts: [String] = []
        // An oppdragsdokument is stored as a tildelingsbrev but is named as what it is.
        let name = kind == .oppdragsdokument ? "Oppdragsdokument" + (d.year.map { " \($0)" } ?? "") : d.displayName
        parts.append("\(name)\(d.date.map { " datert \($0)" } ?? "")")
        let sps = d.goals.reduce(0) { $0 + $1.steeringParameters.count }
        let reqs = d.goals.reduce(0) { acc, g in
            acc + g.resultRequirements.count + g.steeringParameters.reduce(0) { $0 + $1.resultRequirements.count }
        }
        if !d.goals.isEmpty { parts.append("\(d.goals.count) mål, \(sps) styringsparametere, \(reqs) resultatkrav") }
        let deadlines = d.assignments.map(\.deadlines.count).reduce(0, +)
        if !d.assignments.isEmpty || d.kind != .instruks { parts.append("\(d.assignments.count) oppdrag med \(deadlines) frister") }
        if d.kind == .instruks { parts.append("\(d.sections.count) avsnitt") }
        if !d.carriedOverAssignments.isEmpty { parts.append("\(d.carriedOverAssignments.count) videreførte oppdrag") }
        if !d.renumberings.isEmpty { parts.append("\(d.renumberings.count) omnummereringer") }
        let posts = d.budget.reduce(0) { $0 + $1.posts.count }
        if !d.budget.isEmpty { parts.append("\(d.budget.count) kapitler med \(posts) poster") }
        let earmarks = d.budget.reduce(0) { $0 + $1.posts.reduce(0) { $0 + $1.earmarks.count } }
        if earmarks > 0 { parts.append("\(earmarks) budsjettbindinger") }
        if !d.budgetChanges.isEmpty { parts.append("\(d.budgetChanges.count) budsjettendringer") }
        if !d.authorizations.isEmpty { parts.append("\(d.authorizations.count) fullmakter") }
        if !d.reporting.isEmpty { parts.append("\(d.reporting.count) rapporteringskrav") }
        if !d.meetings.isEmpty { parts.append("\(d.meetings.count) møtetyper") }
        return parts.joined(separator: ", ")
    }
}

extension ImportIssue {
    static func at(_ line: Int?, _ message: String) -> ImportIssue { ImportIssue(line: line, message: message) }
}
