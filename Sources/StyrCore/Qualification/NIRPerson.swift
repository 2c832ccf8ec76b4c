/// Rettighetskode: a person's right and/or duty to training in Norwegian and social studies.
public enum TrainingRight: String, Codable, Sendable, CaseIterable {
    case rightAndDuty = "rett_og_plikt"
    case duty = "plikt"
    case right = "rett"
    /// Asylum seekers in reception (training in reception, not a right under the act).
    case asylumSeeker = "asylsoker"
    case none = "ingen"

    public var label: String {
        switch self {
        case .rightAndDuty: "Rett og plikt"
        case .duty: "Kun plikt"
        case .right: "Kun rett"
        case .asylumSeeker: "Asylsøker i mottak"
        case .none: "Verken rett eller plikt"
        }
    }
}

/// A person's standing towards the introduction programme.
public enum IntroRight: String, Codable, Sendable, CaseIterable {
    case rightAndDuty = "rett_og_plikt"
    /// The municipality may offer the programme (no right).
    case offered = "tilbud"
    case none = "ingen"
}

/// Sluttårsak: why a participant left the introduction programme.
public enum EndReason: String, Codable, Sendable, CaseIterable {
    case completed = "fullfort"
    case work = "arbeid"
    case education = "utdanning"
    case moved = "flyttet"
    case interrupted = "avbrudd"
    case other = "annet"

    public var label: String {
        switch self {
        case .completed: "Fullført etter plan"
        case .work: "Overgang til arbeid"
        case .education: "Overgang til utdanning"
        case .moved: "Flyttet"
        case .interrupted: "Avbrutt"
        case .other: "Annen årsak"
        }
    }
}

/// Sluttmål: the final goal set in a participant's programme.
public enum FinalGoal: String, Codable, Sendable, CaseIterable {
    case work = "arbeid"
    case upperSecondary = "videregaende"
    case higherEducation = "hoyere_utdanning"
    case other = "annet"
}

/// Status one year after the programme, as Statistics Norway delivers it.
public enum AfterStatus: String, Codable, Sendable, CaseIterable {
    case work = "arbeid"
    case education = "utdanning"
    case other = "annet"
}

/// Tiltak: a measure in a participant's introduction programme.
public enum Measure: String, Codable, Sendable, CaseIterable {
    case norwegian = "norsk"
    case socialStudies = "samfunnskunnskap"
    case primarySchool = "grunnskole"
    case upperSecondary = "videregaende"
    case workPractice = "arbeidspraksis"
    case ordinaryWork = "ordinaert_arbeid"
    case higherEducation = "hoyere_utdanning"
    case other = "annet"

    public var label: String {
        switch self {
        case .norwegian: "Norskopplæring"
        case .socialStudies: "Samfunnskunnskap"
        case .primarySchool: "Grunnskoleopplæring"
        case .upperSecondary: "Videregående opplæring"
        case .workPractice: "Arbeidspraksis"
        case .ordinaryWork: "Ordinært arbeid"
        case .higherEducation: "Høyere utdanning"
        case .other: "Andre tiltak"
        }
    }
}

/// One person in the introduction register (Nasjonalt introduksjonsregister, NIR). Dates are
/// day numbers (`CivilDate.dayNumber`); absent dates are nil.
public struct NIRPerson: Sendable, Equatable {
    /// Pseudonym or generated id.
    public var personId: String
    public var gender: Gender
    public var birthYear: Int
    /// Municipality (settlement municipality; the reception centre's host municipality for
    /// asylum seekers), with the number valid when registered.
    public var kommune: String
    public var right: TrainingRight
    /// Entered the target group (personkrets) for training, or arrived in reception.
    public var targetFrom: Int?
    /// Left the target group or the reception centre.
    public var targetTo: Int?
    public var trainingStart: Int?
    public var trainingEnd: Int?
    /// The duty to training fulfilled (hours completed or tests passed).
    public var dutyFulfilled: Int?
    /// Completed 175 hours of Norwegian in reception.
    public var completed175: Int?
    public var socialStart: Int?
    public var socialCompleted: Int?
    public var introRight: IntroRight
    public var introTargetFrom: Int?
    public var introStart: Int?
    public var introEnd: Int?
    public var endReason: EndReason?
    public var finalGoal: FinalGoal?
    /// Leave (permisjon) periods, inclusive.
    public var leaves: [ClosedRange<Int>]
    /// The measures as bits (in `Measure.allCases` order): a person is copied without reference counting.
    var measureBits: UInt16 = 0
    public var measures: [Measure] {
        get { Measure.allCases.enumerated().compactMap { measureBits & (1 << $0.offset) != 0 ? $0.element : nil } }
        set { measureBits = newValue.reduce(0) { $0 | (1 << UInt16(Measure.allCases.firstIndex(of: $1)!)) } }
    }
    public func has(_ m: Measure) -> Bool { measureBits & (1 << UInt16(Measure.allCases.firstIndex(of: m)!)) != 0 }
    public var afterStatus: AfterStatus?
    /// Competence mapping under the integration act § 6 and § 10, and career guidance.
    public var mapped6: Int?
    public var mapped10: Int?
    public var careerGuidance: Int?

    public init(
        personId: String, gender: Gender, birthYear: Int, kommune: String, right: TrainingRight, targetFrom: Int? = nil,
        targetTo: Int? = nil, trainingStart: Int? = nil, trainingEnd: Int? = nil, dutyFulfilled: Int? = nil, completed175: Int? = nil,
        socialStart: Int? = nil, socialCompleted: Int? = nil, introRight: IntroRight = .none, introTargetFrom: Int? = nil,
        introStart: Int? = nil, introEnd: Int? = nil, endReason: EndReason? = nil, finalGoal: FinalGoal? = nil,
        leaves: [ClosedRange<Int>] = [],
        measures: [Measure] = [], afterStatus: AfterStatus? = nil, mapped6: Int? = nil, mapped10: Int? = nil, careerGuidance: Int? = nil
    ) {
        self.personId = personId
        self.gender = gender
        self.birthYear = birthYear
        self.kommune = kommune
        self.right = right
        self.targetFrom = targetFrom
        self.targetTo = targetTo
        self.trainingStart = trainingStart
        self.trainingEnd = trainingEnd
        self.dutyFulfilled = dutyFulfilled
        self.completed175 = completed175
        self.socialStart = socialStart
        self.socialCompleted = socialCompleted
        self.introRight = introRight
        self.introTargetFrom = introTargetFrom
        self.introStart = introStart
        self.introEnd = introEnd
        self.endReason = endReason
        self.finalGoal = finalGoal
        self.leaves = leaves
        self.measures = measures
        self.afterStatus = afterStatus
        self.mapped6 = mapped6
        self.mapped10 = mapped10
        self.careerGuidance = careerGuidance
    }

    /// In training in Norwegian during (part of) `range`.
    public func inTraining(_ range: ClosedRange<Int>) -> Bool {
        guard let s = trainingStart, s <= range.upperBound else { return false }
        return (trainingEnd ?? Int.max) >= range.lowerBound
    }

    /// In the reception centre (asylum seekers) or the target group during `range`.
    public func inTargetGroup(_ range: ClosedRange<Int>) -> Bool {
        guard let s = targetFrom, s <= range.upperBound else { return false }
        return (targetTo ?? Int.max) >= range.lowerBound
    }

    /// Had the right and duty to the programme during `range`: from entering its target group
    /// until the programme ended (or the person left the target group).
    public func introRightDuring(_ range: ClosedRange<Int>) -> Bool {
        guard introRight == .rightAndDuty, let s = introTargetFrom ?? introStart, s <= range.upperBound else { return false }
        return (introEnd ?? targetTo ?? Int.max) >= range.lowerBound
    }

    /// A participant at some time in `range`.
    public func participated(_ range: ClosedRange<Int>) -> Bool {
        guard let s = introStart, s <= range.upperBound else { return false }
        return (introEnd ?? Int.max) >= range.lowerBound
    }

    /// A registered participant at the end of `day`: started, not ended, not on leave.
    public func participant(at day: Int) -> Bool {
        guard let s = introStart, s <= day, (introEnd ?? Int.max) > day else { return false }
        return !leaves.contains { $0.contains(day) }
    }

    /// In the programme's target group at the end of `day` (right and duty, not yet ended).
    public func introTargetGroup(at day: Int) -> Bool {
        guard introRight == .rightAndDuty, let s = introTargetFrom ?? introStart, s <= day else { return false }
        return (introEnd ?? targetTo ?? Int.max) > day
    }
}
