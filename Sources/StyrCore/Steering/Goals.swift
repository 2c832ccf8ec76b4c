/// Mål: a goal in the year's goal hierarchy, numbered as the letter numbers it.
public struct Goal: Codable, Sendable, Equatable {
    /// The letter's own number ("1", "Delmål 1", …).
    public var number: String
    public var title: String
    /// Reports the goal is followed up in (e.g. "halvår", "år").
    public var reports: [ReportKind]
    public var resultRequirements: [ResultRequirement]
    public var steeringParameters: [SteeringParameter]
    /// What the letter asks the report to say about the goal («Rapportering: IMDi skal gi en
    /// samlet vurdering av …»), when it says more than which report.
    public var reportingDemand: String? = nil

    public init(
        number: String, title: String, reports: [ReportKind] = [],
        resultRequirements: [ResultRequirement] = [], steeringParameters: [SteeringParameter] = []
    ) {
        self.number = number
        self.title = title
        self.reports = reports
        self.resultRequirements = resultRequirements
        self.steeringParameters = steeringParameters
    }
}

/// Styringsparameter: what is measured under a goal.
public struct SteeringParameter: Codable, Sendable, Equatable {
    /// The letter's own number ("2.1", "SP 11", "9.1").
    public var number: String
    public var title: String
    public var reports: [ReportKind]
    public var resultRequirements: [ResultRequirement]
    /// What the letter asks the report to say about the steering parameter, beyond which report.
    public var reportingDemand: String? = nil

    public init(
        number: String, title: String, reports: [ReportKind] = [],
        resultRequirements: [ResultRequirement] = []
    ) {
        self.number = number
        self.title = title
        self.reports = reports
        self.resultRequirements = resultRequirements
    }
}

/// The reports a goal or requirement is reported in.
public enum ReportKind: String, Codable, Sendable, CaseIterable {
    case halvaar = "halvår"
    case aar = "år"

    public var label: String { self == .halvaar ? "Halvårsrapport" : "Årsrapport" }
}

/// Resultatkrav: a result requirement, as text with an optional measurable target.
public struct ResultRequirement: Codable, Sendable, Equatable {
    public var text: String
    public var target: MeasurableTarget?
    public init(text: String, target: MeasurableTarget? = nil) {
        self.text = text
        self.target = target
    }
}

/// How a measured value is compared against its target.
public enum Comparison: String, Codable, Sendable {
    case atLeast = ">="
    case atMost = "<="
    case increases = "øker"
    case decreases = "synker"
    case within = "innen"

    public var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .increases: "øker"
        case .decreases: "synker"
        case .within: "innen"
        }
    }
}

/// A measurable target carried by a result requirement.
public struct MeasurableTarget: Codable, Sendable, Equatable {
    /// Id of the indicator that measures it, when linked (see the registers).
    public var indicator: String?
    public var comparison: Comparison
    public var value: Double?
    /// "percent", "months", "count".
    public var unit: String?
    /// Breakdowns the target applies to, e.g. ["kjønn"].
    public var breakdown: [String]

    public init(
        indicator: String? = nil, comparison: Comparison, value: Double? = nil,
        unit: String? = nil, breakdown: [String] = []
    ) {
        self.indicator = indicator
        self.comparison = comparison
        self.value = value
        self.unit = unit
        self.breakdown = breakdown
    }

    /// Whether a measured value meets the target; nil when it cannot be judged.
    public func isMet(by measured: Double, previous: Double? = nil) -> Bool? {
        switch comparison {
        case .atLeast: return value.map { measured >= $0 }
        case .atMost, .within: return value.map { measured <= $0 }
        case .increases: return previous.map { measured > $0 }
        case .decreases: return previous.map { measured < $0 }
        }
    }
}
