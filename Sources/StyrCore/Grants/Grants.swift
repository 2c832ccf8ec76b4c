/// How a grant scheme allocates: on application, per capita, or to recipients named in the budget.
public enum GrantBasis: String, Codable, Sendable, CaseIterable {
    case application = "soknad"
    case perCapita = "per_capita"
    case named = "navngitt"

    public var label: String {
        switch self {
        case .application: "Søknadsbasert"
        case .perCapita: "Per capita"
        case .named: "Navngitte mottakere"
        }
    }

    /// The instruction's 14-day notice applies to application-based schemes only (instruks 5.4).
    public var needsNotice: Bool { self == .application }
}

/// Tilskuddsordning: a grant scheme financed by a budget post.
public struct GrantScheme: Codable, Sendable, Equatable {
    /// Stable code, e.g. "291-62-jobbsjansen".
    public var code: String
    public var year: Int
    public var name: String
    public var chapter: Int
    public var post: Int
    public var basis: GrantBasis
    /// The amount the letter sets aside for the scheme, whole kroner.
    public var budgetNOK: Int
    /// Named recipients (basis `named`) with their amounts.
    public var recipients: [String]

    public init(
        code: String, year: Int, name: String, chapter: Int, post: Int, basis: GrantBasis, budgetNOK: Int, recipients: [String] = []
    ) {
        self.code = code
        self.year = year
        self.name = name
        self.chapter = chapter
        self.post = post
        self.basis = basis
        self.budgetNOK = budgetNOK
        self.recipients = recipients
    }
}

/// A grant application with its decision and follow-up.
public struct GrantApplication: Codable, Sendable, Equatable {
    public var id: String
    public var schemeCode: String
    public var applicant: String
    public var amountApplied: Int
    /// ISO date received.
    public var received: String
    /// Amount granted (0 = refused); nil while undecided.
    public var amountGranted: Int?
    /// ISO date the decision letter (tilskuddsbrev) was sent; nil while not sent.
    public var letterSent: String?
    /// Amount paid out so far.
    public var paid: Int
    /// ISO date the recipient's own report is due / was received.
    public var reportDue: String?
    public var reportReceived: String?

    public init(
        id: String, schemeCode: String, applicant: String, amountApplied: Int, received: String, amountGranted: Int? = nil,
        letterSent: String? = nil, paid: Int = 0, reportDue: String? = nil, reportReceived: String? = nil
    ) {
        self.id = id
        self.schemeCode = schemeCode
        self.applicant = applicant
        self.amountApplied = amountApplied
        self.received = received
        self.amountGranted = amountGranted
        self.letterSent = letterSent
        self.paid = paid
        self.reportDue = reportDue
        self.reportReceived = reportReceived
    }
}

/// The notice to the ministry before grant decisions: a dated document listing the decisions.
public struct GrantNotice: Codable, Sendable, Equatable {
    public var id: String
    public var schemeCode: String
    /// ISO date the ministry was informed.
    public var sent: String
    public var applicationIDs: [String]
    public var text: String

    public init(id: String, schemeCode: String, sent: String, applicationIDs: [String], text: String) {
        self.id = id
        self.schemeCode = schemeCode
        self.sent = sent
        self.applicationIDs = applicationIDs
        self.text = text
    }
}

public enum GrantRules {
    public static let noticeDays = 14

    /// The first day the decision letter for `application` may be sent, or nil when no notice
    /// covers it yet. Schemes that need no notice may send at once (the received date).
    public static func sendableFrom(_ application: GrantApplication, scheme: GrantScheme, notices: [GrantNotice]) -> CivilDate? {
        guard scheme.basis.needsNotice else { return CivilDate(iso: application.received) }
        let covering = notices.filter { $0.schemeCode == scheme.code && $0.applicationIDs.contains(application.id) }
        guard let first = covering.compactMap({ CivilDate(iso: $0.sent) }).min() else { return nil }
        return first.adding(days: noticeDays)
    }

    public enum SendError: Error, Equatable, CustomStringConvertible {
        case undecided
        case alreadySent
        case noNotice
        case tooEarly(CivilDate)

        public var description: String {
            switch self {
            case .undecided: "Søknaden er ikke avgjort ennå."
            case .alreadySent: "Tilskuddsbrevet er allerede sendt."
            case .noNotice: "Departementet er ikke orientert om tildelingen; send orientering først (instruks 5.4)."
            case .tooEarly(let d):
                "Tilskuddsbrevet kan tidligst sendes \(NorwegianText.longDate(d.iso)), 14 dager etter orienteringen til departementet."
            }
        }
    }

    /// Whether the decision letter may be sent on `date`.
    public static func checkSend(_ a: GrantApplication, scheme: GrantScheme, notices: [GrantNotice], on date: CivilDate) -> SendError? {
        guard a.amountGranted != nil else { return .undecided }
        guard a.letterSent == nil else { return .alreadySent }
        guard let from = sendableFrom(a, scheme: scheme, notices: notices) else { return .noNotice }
        return date < from ? .tooEarly(from) : nil
    }

    /// The notice text: what will be granted, to whom, and when letters may go out.
    public static func noticeText(scheme: GrantScheme, applications: [GrantApplication], sent: CivilDate) -> String {
        let total = applications.compactMap(\.amountGranted).reduce(0, +)
        var lines = [
            "Orientering om tildeling av tilskudd – \(scheme.name) (kap. \(scheme.chapter) post \(String(format: "%02d", scheme.post)))",
            "",
            "IMDi orienterer med dette departementet om følgende tildelinger, jf. instruksen punkt 5.4. "
                + "Tilskuddsbrev sendes tidligst \(NorwegianText.longDate(sent.adding(days: noticeDays).iso)).",
            "",
        ]
        for a in applications.sorted(by: { ($0.amountGranted ?? 0) > ($1.amountGranted ?? 0) }) {
            lines.append("- \(a.applicant): \(Money.kr(a.amountGranted ?? 0)) (søkt \(Money.kr(a.amountApplied)))")
        }
        lines.append("")
        lines.append("Sum: \(Money.kr(total)) til \(applications.count) mottakere.")
        return lines.joined(separator: "\n")
    }
}
