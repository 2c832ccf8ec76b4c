import Foundation

/// The registers besides settlement that the directorate reports from: the introduction
/// register (NIR), the municipal survey, Jobbsjansen, the county governors' supervision and
/// complaints, advisers' gatherings and cases, and the interpreter register's entries and events.
public struct QualificationRegisters: Sendable {
    public var nir: [NIRPerson] = [] {
        didSet {
            nirColumnsMemo = Memo()
            nirKeyFiguresMemo = YearMemo()
        }
    }
    public var survey: [SurveyAnswer] = []
    public var jobbsjansen: [JobbsjansenParticipant] = []
    public var supervisions: [Supervision] = []
    public var complaints: [Complaint] = []
    public var workshops: [Workshop] = []
    public var interpreters: [InterpreterEntry] = []
    public var interpreterEvents: [InterpreterEvent] = []
    public var adviserCases: [AdviserCase] = []
    /// Mapping interviews (kartleggingsintervju), by pseudonym.
    public var interviews: [MappingInterview] = []

    public init() {}

    /// NIR as columns, built on first use after the persons changed (copies share it).
    public var nirColumns: NIRColumns { nirColumnsMemo.value { NIRColumns(nir) } }
    private var nirColumnsMemo = Memo<NIRColumns>()

    /// NIR's key figures for `year`, computed once per year for these persons (copies share them).
    public func nirKeyFigures(year: Int) -> NIRKeyFigures {
        nirKeyFiguresMemo.value(year) { QualificationIndicators.keyFigures(nir, year: year) }
    }
    private var nirKeyFiguresMemo = YearMemo<NIRKeyFigures>()
}

/// The registers that are loaded as extracts, with their names in commands, pages and the API.
public enum ExtractKind: String, Codable, Sendable, CaseIterable {
    case nir
    case survey = "kommuneundersokelse"
    case jobbsjansen
    case supervision = "tilsyn"
    case complaints = "klagesaker"
    case workshops = "fagverksted"
    case interpreterEvents = "tolkehendelser"
    case adviserCases = "radgiversaker"
    case interviews = "kartlegging"

    public var label: String {
        switch self {
        case .nir: "Nasjonalt introduksjonsregister (NIR)"
        case .survey: "Kommuneundersøkelsen"
        case .jobbsjansen: "Jobbsjansen – deltakere"
        case .supervision: "Fylkesmannens tilsyn"
        case .complaints: "Fylkesmannens klagesaker"
        case .workshops: "Fagverksteder for programrådgivere"
        case .interpreterEvents: "Tolkeregisteret – autorisasjoner, tester, kurs og søk"
        case .adviserCases: "Minoritetsrådgivere og integreringsrådgivere – saker"
        case .interviews: "Kartleggingsintervju i mottak"
        }
    }

    /// Holds person-level data (seen only by the directorate; reads are logged).
    public var personal: Bool { self == .nir || self == .jobbsjansen || self == .interviews }

    /// Delivered whole: a file replaces the register (the others replace the years they contain).
    public var replacedWhole: Bool { self == .nir || self == .jobbsjansen || self == .interviews }

    public var columns: [String] {
        switch self {
        case .nir: NIRPerson.columns
        case .survey: SurveyAnswer.columns
        case .jobbsjansen: JobbsjansenParticipant.columns
        case .supervision: Supervision.columns
        case .complaints: Complaint.columns
        case .workshops: Workshop.columns
        case .interpreterEvents: InterpreterEvent.columns
        case .adviserCases: AdviserCase.columns
        case .interviews: MappingInterview.columns
        }
    }
}

extension QualificationRegisters {
    /// Reads a file of `kind` and merges it into these registers (a year's rows replace the
    /// stored rows of that year; person registers are replaced whole). Returns the rows read and
    /// the row errors; with errors nothing changes. `pseudonym` turns identity numbers in person
    /// registers that link to the settlement register (the mapping interviews) into pseudonyms.
    @discardableResult
    public mutating func load(_ kind: ExtractKind, text: String, geography: Geography, pseudonym: ((String) -> String)? = nil) throws -> (
        rows: Int, errors: [ImportIssue]
    ) {
        func run<T: ExtractRecord>(_ t: T.Type, _ path: WritableKeyPath<QualificationRegisters, [T]>) throws -> (Int, [ImportIssue]) {
            let parsed = try Extract.parse(t, text, geography: geography)
            guard parsed.errors.isEmpty else { return (parsed.rows.count, parsed.errors) }
            self[keyPath: path] = Extract.merge(stored: self[keyPath: path], new: parsed.rows)
            return (parsed.rows.count, [])
        }
        switch kind {
        case .nir: return try run(NIRPerson.self, \.nir)
        case .survey: return try run(SurveyAnswer.self, \.survey)
        case .jobbsjansen: return try run(JobbsjansenParticipant.self, \.jobbsjansen)
        case .supervision: return try run(Supervision.self, \.supervisions)
        case .complaints: return try run(Complaint.self, \.complaints)
        case .workshops: return try run(Workshop.self, \.workshops)
        case .interpreterEvents: return try run(InterpreterEvent.self, \.interpreterEvents)
        case .adviserCases: return try run(AdviserCase.self, \.adviserCases)
        case .interviews:
            let parsed = try MappingInterview.parse(text, geography: geography, pseudonym: pseudonym)
            guard parsed.errors.isEmpty else { return (parsed.rows.count, parsed.errors) }
            interviews = Extract.merge(stored: interviews, new: parsed.rows)
            return (parsed.rows.count, [])
        }
    }

    /// The stored extract of `kind` as CSV.
    public func csv(_ kind: ExtractKind) -> String {
        switch kind {
        case .nir: Extract.csv(nir)
        case .survey: Extract.csv(survey)
        case .jobbsjansen: Extract.csv(jobbsjansen)
        case .supervision: Extract.csv(supervisions)
        case .complaints: Extract.csv(complaints)
        case .workshops: Extract.csv(workshops)
        case .interpreterEvents: Extract.csv(interpreterEvents)
        case .adviserCases: Extract.csv(adviserCases)
        case .interviews: Extract.csv(interviews)
        }
    }

    /// Empties one register.
    public mutating func clear(_ kind: ExtractKind) {
        switch kind {
        case .nir: nir = []
        case .survey: survey = []
        case .jobbsjansen: jobbsjansen = []
        case .supervision: supervisions = []
        case .complaints: complaints = []
        case .workshops: workshops = []
        case .interpreterEvents: interpreterEvents = []
        case .adviserCases: adviserCases = []
        case .interviews: interviews = []
        }
    }

    public func count(_ kind: ExtractKind) -> Int {
        switch kind {
        case .nir: nir.count
        case .survey: survey.count
        case .jobbsjansen: jobbsjansen.count
        case .supervision: supervisions.count
        case .complaints: complaints.count
        case .workshops: workshops.count
        case .interpreterEvents: interpreterEvents.count
        case .adviserCases: adviserCases.count
        case .interviews: interviews.count
        }
    }
}
