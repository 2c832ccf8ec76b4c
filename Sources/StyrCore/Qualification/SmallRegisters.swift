/// The municipal survey (kommuneundersøkelsen): one municipality's answers in a year; nil where
/// the question was not answered (or not asked that year).
public struct SurveyAnswer: ExtractRecord, Equatable {
    public var year: Int?
    public var kommune: String
    /// Has goals for the results of the introduction programme.
    public var programmeGoals: Bool?
    /// Primary school / upper-secondary education is part of the programme.
    public var primarySchool: Bool?
    public var upperSecondary: Bool?
    /// Has guidelines for ordering and using interpreters that include the national register.
    public var interpreterGuidelines: Bool?
    /// Finds that what it can offer matches the needs of the refugees it settles.
    public var offerMatchesNeeds: Bool?

    public static let columns = [
        "aar", "kommune", "mal_for_resultater", "grunnskole", "videregaende", "tolkeretningslinjer", "samsvar_tilbud_behov",
    ]
    public static let required: Set<String> = ["aar", "kommune"]
    public var key: String? { "kommune \(kommune) i \(year ?? 0)" }
    public var fields: [String] {
        [String(year ?? 0), kommune]
            + [programmeGoals, primarySchool, upperSecondary, interpreterGuidelines, offerMatchesNeeds].map(Self.answer)
    }

    public init(
        year: Int, kommune: String, programmeGoals: Bool? = nil, primarySchool: Bool? = nil, upperSecondary: Bool? = nil,
        interpreterGuidelines: Bool? = nil, offerMatchesNeeds: Bool? = nil
    ) {
        self.year = year
        self.kommune = kommune
        self.programmeGoals = programmeGoals
        self.primarySchool = primarySchool
        self.upperSecondary = upperSecondary
        self.interpreterGuidelines = interpreterGuidelines
        self.offerMatchesNeeds = offerMatchesNeeds
    }

    public init(reading r: inout RowReader, geography: Geography) {
        year = r.int("aar", in: 2000...2100)
        kommune = r.kommune("kommune", geography: geography) ?? ""
        programmeGoals = Self.answer(&r, "mal_for_resultater")
        primarySchool = Self.answer(&r, "grunnskole")
        upperSecondary = Self.answer(&r, "videregaende")
        interpreterGuidelines = Self.answer(&r, "tolkeretningslinjer")
        offerMatchesNeeds = Self.answer(&r, "samsvar_tilbud_behov")
    }

    /// "" is unanswered; otherwise ja/nei.
    static func answer(_ r: inout RowReader, _ column: String) -> Bool? { r[column].isEmpty ? nil : r.flag(column) }
    static func answer(_ b: Bool?) -> String { b.map { $0 ? "ja" : "nei" } ?? "" }
}

/// Jobbsjansen: the grant scheme's parts (A home-based women, B youth, C …).
public enum JobbsjansenPart: String, Codable, Sendable, CaseIterable {
    case a, b, c
}

/// A participant in a Jobbsjansen project, with the outcome after the programme.
public struct JobbsjansenParticipant: ExtractRecord, Equatable {
    public var id: String
    public var part: JobbsjansenPart
    public var gender: Gender
    public var start: Int
    public var end: Int?
    /// Work, education or other after the programme; nil until registered.
    public var outcome: AfterStatus?

    public static let columns = ["deltaker_id", "del", "kjonn", "start", "slutt", "resultat"]
    public static let required: Set<String> = ["deltaker_id", "del", "kjonn", "start"]
    public var key: String? { "deltaker_id \(id)" }
    public var fields: [String] { [id, part.rawValue, gender.rawValue, Extract.day(start), Extract.day(end), outcome?.rawValue ?? ""] }

    public init(id: String, part: JobbsjansenPart, gender: Gender, start: Int, end: Int?, outcome: AfterStatus?) {
        (self.id, self.part, self.gender, self.start, self.end, self.outcome) = (id, part, gender, start, end, outcome)
    }

    public init(reading r: inout RowReader, geography: Geography) {
        id = r.text("deltaker_id", max: 64) ?? ""
        part = r.code("del", JobbsjansenPart.self) ?? .a
        gender = r.code("kjonn", Gender.self) ?? .male
        start = r.requiredDate("start") ?? 0
        end = r.date("slutt")
        outcome = r.code("resultat", AfterStatus.self, required: false)
        if let e = end, e < start { r.problem("slutt er før start") }
        if outcome != nil && end == nil { r.problem("resultat er satt uten slutt") }
    }
}

/// A county governor's supervision (tilsyn) of a municipality under the integration act.
public struct Supervision: ExtractRecord, Equatable {
    public var year: Int?
    public var kommune: String
    public var topic: String
    /// Breaches of the law found (lovbrudd).
    public var breaches: Int

    public static let columns = ["aar", "kommune", "tema", "lovbrudd"]
    public static let required: Set<String> = ["aar", "kommune", "tema", "lovbrudd"]
    public var fields: [String] { [String(year ?? 0), kommune, topic, String(breaches)] }

    public init(year: Int, kommune: String, topic: String, breaches: Int) {
        (self.year, self.kommune, self.topic, self.breaches) = (year, kommune, topic, breaches)
    }

    public init(reading r: inout RowReader, geography: Geography) {
        year = r.int("aar", in: 2000...2100)
        kommune = r.kommune("kommune", geography: geography) ?? ""
        topic = r.text("tema", max: 120) ?? ""
        breaches = r.int("lovbrudd", in: 0...1000) ?? 0
    }
}

/// What a complaint to the county governor is about.
public enum ComplaintSubject: String, Codable, Sendable, CaseIterable {
    case rightToProgramme = "rett_til_program"
    case programmeContent = "innhold_i_program"
    case benefit = "introduksjonsstonad"
    case stop = "stans"
    case leave = "permisjon"
    case training = "opplaering"
    case exemption = "fritak"
    case other = "annet"

    public var label: String {
        switch self {
        case .rightToProgramme: "Rett til program"
        case .programmeContent: "Innhold i program"
        case .benefit: "Introduksjonsstønad"
        case .stop: "Stans"
        case .leave: "Permisjon"
        case .training: "Opplæring i norsk og samfunnskunnskap"
        case .exemption: "Fritak"
        case .other: "Annet"
        }
    }
}

/// The county governor's decision on a complaint.
public enum ComplaintOutcome: String, Codable, Sendable, CaseIterable {
    case upheld = "stadfestet"
    case changed = "omgjort"
    case annulled = "opphevet"
    case dismissed = "avvist"

    public var label: String {
        switch self {
        case .upheld: "Stadfestet"
        case .changed: "Omgjort"
        case .annulled: "Opphevet og sendt tilbake"
        case .dismissed: "Avvist"
        }
    }
}

/// A complaint (klagesak) decided by a county governor under the introduction/integration act.
public struct Complaint: ExtractRecord, Equatable {
    public var year: Int?
    public var kommune: String
    public var gender: Gender
    public var subject: ComplaintSubject
    public var outcome: ComplaintOutcome

    public static let columns = ["aar", "kommune", "kjonn", "innhold", "utfall"]
    public static let required: Set<String> = Set(columns)
    public var fields: [String] { [String(year ?? 0), kommune, gender.rawValue, subject.rawValue, outcome.rawValue] }

    public init(year: Int, kommune: String, gender: Gender, subject: ComplaintSubject, outcome: ComplaintOutcome) {
        (self.year, self.kommune, self.gender, self.subject, self.outcome) = (year, kommune, gender, subject, outcome)
    }

    public init(reading r: inout RowReader, geography: Geography) {
        year = r.int("aar", in: 2000...2100)
        kommune = r.kommune("kommune", geography: geography) ?? ""
        gender = r.code("kjonn", Gender.self) ?? .male
        subject = r.code("innhold", ComplaintSubject.self) ?? .other
        outcome = r.code("utfall", ComplaintOutcome.self) ?? .upheld
    }
}

/// A gathering for competence building of programme advisers (fagverksted).
public struct Workshop: ExtractRecord, Equatable {
    public var date: Int
    public var place: String
    public var participants: Int

    public static let columns = ["dato", "sted", "deltakere"]
    public static let required: Set<String> = Set(columns)
    public var year: Int? { CivilDate(dayNumber: date).year }
    public var fields: [String] { [Extract.day(date), place, String(participants)] }

    public init(date: Int, place: String, participants: Int) { (self.date, self.place, self.participants) = (date, place, participants) }

    public init(reading r: inout RowReader, geography: Geography) {
        date = r.requiredDate("dato") ?? 0
        place = r.text("sted", max: 80) ?? ""
        participants = r.int("deltakere", in: 0...10_000) ?? 0
    }
}

/// Events of the national interpreter register other than entries.
public enum InterpreterEventKind: String, Codable, Sendable, CaseIterable {
    /// State authorisation as interpreter issued.
    case authorisation = "autorisasjon"
    /// Bilingual test (Tospråktesten) taken.
    case bilingualTest = "tospraktest"
    /// Course in interpreting in the public sector (TAO) completed.
    case tao = "tao"
    /// Searches in the register (counted per month in `count`).
    case search = "sok"
}

public enum TestResult: String, Codable, Sendable, CaseIterable {
    case passed = "bestatt"
    case failed = "ikke_bestatt"
}

/// An authorisation, a test, a course, or a month's searches in the interpreter register.
public struct InterpreterEvent: ExtractRecord, Equatable {
    public var date: Int
    public var kind: InterpreterEventKind
    public var language: String
    public var gender: Gender?
    public var result: TestResult?
    public var count: Int

    public static let columns = ["dato", "type", "sprak", "kjonn", "resultat", "antall"]
    public static let required: Set<String> = ["dato", "type"]
    public var year: Int? { CivilDate(dayNumber: date).year }
    public var fields: [String] {
        [Extract.day(date), kind.rawValue, language, gender?.rawValue ?? "", result?.rawValue ?? "", String(count)]
    }

    public init(
        date: Int, kind: InterpreterEventKind, language: String = "", gender: Gender? = nil, result: TestResult? = nil, count: Int = 1
    ) {
        (self.date, self.kind, self.language, self.gender, self.result, self.count) = (date, kind, language, gender, result, count)
    }

    public init(reading r: inout RowReader, geography: Geography) {
        date = r.requiredDate("dato") ?? 0
        kind = r.code("type", InterpreterEventKind.self) ?? .search
        language = r["sprak"].lowercased()
        gender = r.code("kjonn", Gender.self, required: kind != .search)
        result = r.code("resultat", TestResult.self, required: false)
        count = r.int("antall", in: 1...10_000_000, required: false) ?? 1
        if kind != .search && language.isEmpty { r.problem("sprak mangler for \(kind.rawValue)") }
        if kind == .bilingualTest && result == nil { r.problem("resultat mangler for tospraktest") }
    }
}

/// Minority advisers (at embassies/schools) and integration advisers (at embassies).
public enum AdviserKind: String, Codable, Sendable, CaseIterable {
    case minority = "minoritetsradgiver"
    case integration = "integreringsradgiver"
}

public enum AdviserCaseCategory: String, Codable, Sendable, CaseIterable {
    case forcedMarriage = "tvangsekteskap"
    case socialControl = "negativ_sosial_kontroll"
    case violence = "vold"
    case fgm = "kjonnslemlestelse"
    case leftAbroad = "etterlatt_i_utlandet"
    case other = "annet"

    public var label: String {
        switch self {
        case .forcedMarriage: "Tvangsekteskap"
        case .socialControl: "Negativ sosial kontroll"
        case .violence: "Vold i nære relasjoner"
        case .fgm: "Kjønnslemlestelse"
        case .leftAbroad: "Etterlatt i utlandet mot sin vilje"
        case .other: "Annet"
        }
    }
}

/// A case reported by a minority or integration adviser.
public struct AdviserCase: ExtractRecord, Equatable {
    public var year: Int?
    public var adviser: AdviserKind
    public var category: AdviserCaseCategory
    public var gender: Gender
    public var age: Int
    /// Country background (region or country name as reported).
    public var background: String

    public static let columns = ["aar", "radgiver", "kategori", "kjonn", "alder", "landbakgrunn"]
    public static let required: Set<String> = Set(columns)
    public var fields: [String] { [String(year ?? 0), adviser.rawValue, category.rawValue, gender.rawValue, String(age), background] }

    public init(year: Int, adviser: AdviserKind, category: AdviserCaseCategory, gender: Gender, age: Int, background: String) {
        (self.year, self.adviser, self.category, self.gender, self.age, self.background) = (
            year, adviser, category, gender, age, background
        )
    }

    public init(reading r: inout RowReader, geography: Geography) {
        year = r.int("aar", in: 2000...2100)
        adviser = r.code("radgiver", AdviserKind.self) ?? .minority
        category = r.code("kategori", AdviserCaseCategory.self) ?? .other
        gender = r.code("kjonn", Gender.self) ?? .male
        age = r.int("alder", in: 0...120) ?? 0
        background = r.text("landbakgrunn", max: 60) ?? ""
    }

    /// Age group as table 32 shows it.
    public var ageGroup: String { age < 18 ? "under18" : age <= 25 ? "18-25" : "over25" }
}
