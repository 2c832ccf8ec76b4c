/// Highest completed education from the mapping interview.
public enum EducationLevel: String, Codable, Sendable, CaseIterable {
    case none = "ingen"
    case primary = "grunnskole"
    case upperSecondary = "videregaende"
    case vocational = "fagbrev"
    case higher = "hoyere"

    public var label: String {
        switch self {
        case .none: "ingen skolegang"
        case .primary: "grunnskole"
        case .upperSecondary: "videregående skole"
        case .vocational: "fagbrev"
        case .higher: "høyere utdanning"
        }
    }
}

/// Norwegian level on the common European framework (A0: none yet).
public enum NorwegianLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case a0, a1, a2, b1, b2, c1, c2

    public var label: String { rawValue.uppercased() }

    public static func < (a: NorwegianLevel, b: NorwegianLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The sections (letters) of the standard industrial classification (NACE / SN2007).
public enum NACESection {
    public static let names: [String: String] = [
        "A": "jordbruk, skogbruk og fiske", "B": "bergverksdrift", "C": "industri", "D": "kraftforsyning",
        "E": "vann og renovasjon", "F": "bygg og anlegg", "G": "varehandel", "H": "transport og lagring",
        "I": "overnatting og servering", "J": "informasjon og kommunikasjon", "K": "finans og forsikring",
        "L": "omsetning av eiendom", "M": "faglig og teknisk tjenesteyting", "N": "forretningsmessig tjenesteyting og renhold",
        "O": "offentlig administrasjon", "P": "undervisning", "Q": "helse og omsorg", "R": "kultur og fritid",
        "S": "annen tjenesteyting", "T": "lønnet arbeid i private husholdninger", "U": "internasjonale organisasjoner",
    ]

    public static func name(_ letter: String) -> String { names[letter] ?? letter }
}

/// One person's mapping interview (kartleggingsintervju) in the reception centre: education,
/// work experience by sector, languages, Norwegian level, health and care needs that limit where
/// the household can live, and a tie to a municipality. The person is identified by the same
/// pseudonym as in the settlement register: an identity number in a file is turned into the
/// pseudonym on load and never stored. The register is delivered whole (a file replaces it).
public struct MappingInterview: ExtractRecord, Equatable {
    public var personId: String
    public var date: Int
    public var education: EducationLevel
    public var field: String
    /// NACE section letters, as given.
    public var experience: [String]
    public var languages: [String]
    public var norwegian: NorwegianLevel
    /// Health or care needs that only some municipalities can meet.
    public var healthNeeds: Bool
    public var tie: String?

    public static let columns = [
        "person_id", "dato", "utdanning", "utdanningsfelt", "arbeidserfaring", "sprak", "norsk_niva", "helsebehov",
        "tilknytning_kommune",
    ]
    public static let required: Set<String> = ["person_id", "dato", "utdanning", "norsk_niva", "helsebehov"]
    public var key: String? { personId.isEmpty ? nil : "person_id \(personId)" }
    public var fields: [String] {
        [
            personId, Extract.day(date), education.rawValue, field, experience.joined(separator: "|"), languages.joined(separator: "|"),
            norwegian.label, healthNeeds ? "ja" : "nei", tie ?? "",
        ]
    }

    public init(
        personId: String, date: Int, education: EducationLevel, field: String = "", experience: [String] = [], languages: [String] = [],
        norwegian: NorwegianLevel = .a0, healthNeeds: Bool = false, tie: String? = nil
    ) {
        self.personId = personId
        self.date = date
        self.education = education
        self.field = field
        self.experience = experience
        self.languages = languages
        self.norwegian = norwegian
        self.healthNeeds = healthNeeds
        self.tie = tie
    }

    /// Reads a row; an identity number in `person_id` is checked here (and must be turned into
    /// the pseudonym by the caller, see `parse`), and never appears whole in a message.
    public init(reading r: inout RowReader, geography: Geography) {
        let id = r["person_id"]
        if id.count == 11 && id.allSatisfy(\.isNumber) {
            if let p = IdentityNumber.validate(id) {
                r.problem("person_id \(IdentityNumber.masked(id)) \(p.rawValue)")
                personId = ""
            } else {
                personId = id
            }
        } else if id.isEmpty || id.count > 64 || id.contains(where: \.isWhitespace) {
            r.problem(id.isEmpty ? "person_id mangler" : "person_id må være et fødselsnummer eller et pseudonym")
            personId = ""
        } else {
            personId = id
        }
        date = r.requiredDate("dato") ?? 0
        education = r.code("utdanning", EducationLevel.self) ?? .none
        field = r["utdanningsfelt"]
        if field.count > 80 { r.problem("utdanningsfelt er lengre enn 80 tegn") }
        experience = Self.list(r["arbeidserfaring"]).map { $0.uppercased() }
        let unknown = experience.filter { NACESection.names[$0] == nil }
        if !unknown.isEmpty {
            r.problem("arbeidserfaring «\(unknown.joined(separator: "|"))» må være næringshovedområder (NACE-bokstaver A–U) skilt med |")
        }
        languages = Self.list(r["sprak"])
        if languages.contains(where: { $0.count > 40 }) { r.problem("sprak: hvert språk kan ha høyst 40 tegn") }
        norwegian = r.code("norsk_niva", NorwegianLevel.self) ?? .a0
        healthNeeds = r.flag("helsebehov")
        tie = r["tilknytning_kommune"].isEmpty ? nil : r.kommune("tilknytning_kommune", geography: geography)
    }

    static func list(_ s: String) -> [String] {
        s.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// An identity number (eleven digits), as opposed to a pseudonym.
    public static func isIdentity(_ id: String) -> Bool { id.count == 11 && id.allSatisfy(\.isNumber) }

    /// Reads a file of interviews. Identity numbers are replaced by `pseudonym(number)` before the
    /// uniqueness check (so a person given once by number and once by pseudonym is found twice);
    /// without `pseudonym`, a row with an identity number is refused.
    public static func parse(_ text: String, geography: Geography, pseudonym: ((String) -> String)?) throws
        -> (rows: [MappingInterview], errors: [ImportIssue])
    {
        try Extract.rows(text, columns: columns, required: required, maxRows: 2_000_000, key: \.key) { r in
            var row = MappingInterview(reading: &r, geography: geography)
            if isIdentity(row.personId) {
                if let pseudonym {
                    row.personId = pseudonym(row.personId)
                } else {
                    r.problem("person_id: fødselsnummer kan ikke tas inn uten pseudonymnøkkel")
                    row.personId = ""
                }
            }
            return row
        }
    }
}
