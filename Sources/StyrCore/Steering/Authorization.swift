/// The typed authorizations (fullmakter) a letter can delegate.
public enum AuthorizationType: String, Codable, Sendable, CaseIterable {
    /// Net budgeting of income from selling used equipment (§ 3, 4. ledd).
    case netBudgetingEquipmentSales
    /// Rental and service contracts beyond the budget year (§ 6, 2. ledd).
    case multiYearContracts
    /// Overrun of operating posts against matching extra income (§ 11, 4. ledd nr. 1).
    case overrunAgainstExtraIncome
    /// Moving part of post 01 to post 45 (§ 11, 4. ledd nr. 2).
    case reallocateOperatingToInvestment
    /// Overrun for investment against savings the following three years (§ 11, 4. ledd nr. 3).
    case investmentOverrunAgainstSavings
    /// Carry-over of unspent operating funds to next year (§ 5).
    case carryOverUnspent
    /// Bestillingsfullmakt: ordering goods for delivery in later years, within a frame (`limitNOK`).
    case orderingAuthority
    /// Tilsagnsfullmakt: grant commitments paid in later years, within a frame (`limitNOK`).
    case commitmentAuthority
    /// Any other authorization, kept as text.
    case other

    public var label: String {
        switch self {
        case .netBudgetingEquipmentSales: "Nettobudsjettering ved utskifting av utstyr"
        case .multiYearContracts: "Leieavtaler og tjenestekjøp utover budsjettåret"
        case .overrunAgainstExtraIncome: "Overskridelse mot tilsvarende merinntekter"
        case .reallocateOperatingToInvestment: "Omdisponering fra post 01 til post 45"
        case .investmentOverrunAgainstSavings: "Overskridelse til investeringsformål mot innsparing"
        case .carryOverUnspent: "Overføring av ubrukt driftsbevilgning"
        case .orderingAuthority: "Bestillingsfullmakt"
        case .commitmentAuthority: "Tilsagnsfullmakt"
        case .other: "Annen fullmakt"
        }
    }
}

/// Fullmakt: an authorization as a typed rule with its parameters.
public struct Authorization: Codable, Sendable, Equatable {
    public var type: AuthorizationType
    public var title: String
    /// Reference in the appropriation regulations, e.g. "§ 11, 4. ledd, nr. 1".
    public var legalRef: String?
    /// Limit in percent of the post's appropriation.
    public var percentLimit: Double?
    /// Posts the rule limits (e.g. [1, 21]).
    public var posts: [Int]
    /// Post the rule moves funds to (post 45 for reallocation).
    public var targetPost: Int?
    /// Whether each use needs the ministry's consent first.
    public var requiresApplication: Bool
    public var conditions: [String]
    /// The sum the fullmakt allows at most («innenfor en ramme på 45 mill. kroner»), when it names one.
    public var limitNOK: Int?

    public init(
        type: AuthorizationType, title: String, legalRef: String? = nil, percentLimit: Double? = nil,
        posts: [Int] = [], targetPost: Int? = nil, requiresApplication: Bool = false,
        conditions: [String] = []
    ) {
        self.type = type
        self.title = title
        self.legalRef = legalRef
        self.percentLimit = percentLimit
        self.posts = posts
        self.targetPost = targetPost
        self.requiresApplication = requiresApplication
        self.conditions = conditions
    }
}

/// A row of the reporting table (type, counting date, deadline).
public struct ReportingRequirement: Codable, Sendable, Equatable {
    public var type: String
    /// ISO counting date (telletidspunkt) or nil.
    public var countDate: String?
    /// ISO deadline (rapporteringsfrist) or nil.
    public var deadline: String?
    public var countDateText: String?
    public var deadlineText: String?

    public init(
        type: String, countDate: String?, deadline: String?, countDateText: String? = nil,
        deadlineText: String? = nil
    ) {
        self.type = type
        self.countDate = countDate
        self.deadline = deadline
        self.countDateText = countDateText
        self.deadlineText = deadlineText
    }
}

/// A reporting duty the letter gives in its prose, outside the goals, assignments and reporting
/// calendar: «… skal IMDi levere en mer detaljert rapport … om bruk av tilskuddsmidlene. Frist 1.
/// juni 2021.» (the grant report, 4.1.3 in the 2021 letter).
public struct ReportingDuty: Codable, Sendable, Equatable {
    /// What is to be delivered: the sentence that asks for it.
    public var text: String
    /// ISO date it is due.
    public var deadline: String
    /// The deadline as written («Frist 1. juni 2021»).
    public var deadlineText: String
    /// The section it stands in («4.1.3 Tilskuddsforvaltning»).
    public var section: String?
    public var line: Int?

    public init(text: String, deadline: String, deadlineText: String, section: String? = nil, line: Int? = nil) {
        self.text = text
        self.deadline = deadline
        self.deadlineText = deadlineText
        self.section = section
        self.line = line
    }

    /// Whether it is about grants (tilskudd): the grants page answers it.
    public var concernsGrants: Bool { text.lowercased().contains("tilskudd") }
}

/// A steering meeting (etatsstyringsmøte, strategimøte, ledersamling, fagmøte).
public struct Meeting: Codable, Sendable, Equatable {
    public var type: String
    /// ISO date when known.
    public var date: String?
    /// What the letter says about when ("senest primo mai", "høsten 2021").
    public var text: String?
    /// How many such meetings the letter announces.
    public var count: Int?
    public var minutes: Bool

    public init(type: String, date: String? = nil, text: String? = nil, count: Int? = nil, minutes: Bool = false) {
        self.type = type
        self.date = date
        self.text = text
        self.count = count
        self.minutes = minutes
    }
}
