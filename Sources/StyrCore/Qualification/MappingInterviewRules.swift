/// One mapping interview typed into the directorate's form: the same rules as a file row
/// (`MappingInterview(reading:)`), with each problem given to the field it concerns.
public enum MappingInterviewForm {
    /// Reads the form's fields (named as the file's columns). Either the interview, or the
    /// problems by field name (a problem no field owns is under "").
    public static func read(_ fields: [String: String], geography: Geography) -> Result<MappingInterview, FieldErrors> {
        let columns = MappingInterview.columns
        let values = columns.map { (fields[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        var reader = RowReader(CSVSheet.Row(line: 1, fields: values, index: index, malformed: nil))
        for column in MappingInterview.required where reader[column].isEmpty && column != "dato" && column != "person_id" {
            reader.problem("\(column) mangler")
        }
        let interview = MappingInterview(reading: &reader, geography: geography)
        guard !reader.problems.isEmpty else { return .success(interview) }
        var errors: [String: String] = [:]
        // The longest column name a problem starts with ("utdanningsfelt …" is not "utdanning …").
        let byLength = columns.sorted { $0.count > $1.count }
        for problem in reader.problems {
            let field = byLength.first { problem.hasPrefix($0 + " ") || problem.hasPrefix($0 + ":") } ?? ""
            errors[field] = errors[field].map { "\($0); \(problem)" } ?? problem
        }
        return .failure(FieldErrors(byField: errors))
    }

    /// Problems by field name.
    public struct FieldErrors: Error, Sendable, Equatable {
        public var byField: [String: String]
        public init(byField: [String: String]) { self.byField = byField }
    }
}

/// How long a mapping interview is kept: it is collected to find the household a municipality,
/// so once a member is settled the interview is kept for `days` after the settlement day (the
/// first year in the municipality, when the introduction programme is planned) and then deleted.
/// Interviews of persons not in the settlement register are kept (they may still wait).
public enum MappingInterviewRetention {
    /// Days an interview is kept after the person's settlement day.
    public static let days = 365

    /// The interviews to keep and those past the retention period on `today`.
    public static func split(_ interviews: [MappingInterview], persons: [SettlementPerson], today: Int)
        -> (keep: [MappingInterview], expired: [MappingInterview])
    {
        var settled: [String: Int] = [:]
        for p in persons { if let d = p.settledDay { settled[p.personId] = d } }
        var keep: [MappingInterview] = []
        var expired: [MappingInterview] = []
        for i in interviews {
            if let day = settled[i.personId], today - day > days { expired.append(i) } else { keep.append(i) }
        }
        return (keep, expired)
    }
}

/// Demo mapping interviews for part of the settlement register: in about `share` of the
/// households that became ready on or after `fromDay`, every member aged 16 or more (in the year
/// they became ready) is interviewed a few weeks before; education, sectors, languages, Norwegian
/// level, health needs (about 6 %) and a tie (about 10 %, to one of `codes`) are drawn from a
/// generator seeded by `seed`, so the same register gives the same interviews.
public enum MappingInterviewDemo {
    public static func generate(persons: [SettlementPerson], codes: [String], seed: UInt64, share: Double = 0.4, fromDay: Int)
        -> [MappingInterview]
    {
        var rng = SeededRandom(seed: seed &+ 0x4B41_5254)
        let educations: [(EducationLevel, Double)] = [
            (.none, 0.15), (.primary, 0.3), (.upperSecondary, 0.25), (.vocational, 0.1), (.higher, 0.2),
        ]
        let sections = ["A", "C", "F", "G", "H", "I", "J", "N", "P", "Q"]
        let languages = ["arabisk", "dari", "tigrinja", "somali", "ukrainsk", "russisk", "kurdisk", "engelsk", "fransk"]
        let levels: [NorwegianLevel] = [.a0, .a0, .a1, .a1, .a2, .a2, .b1, .b2]
        var out: [MappingInterview] = []
        var decided: [String: Bool] = [:]
        for p in persons.sorted(by: { ($0.caseId, $0.personId) < ($1.caseId, $1.personId) }) {
            guard p.waitStartDay >= fromDay, p.category != .familyReunification, !p.selfSettled else { continue }
            let year = CivilDate(dayNumber: p.waitStartDay).year
            guard year - p.birthYear >= 16 else { continue }
            if decided[p.caseId] == nil { decided[p.caseId] = rng.chance(share) }
            guard decided[p.caseId] == true else { continue }
            var pick = rng.double(0..<1)
            var education = EducationLevel.primary
            for (level, weight) in educations {
                if pick < weight {
                    education = level
                    break
                }
                pick -= weight
            }
            let experience = (0..<rng.int(0...2)).map { _ in sections[rng.int(0...sections.count - 1)] }
            out.append(
                MappingInterview(
                    personId: p.personId, date: p.waitStartDay - rng.int(7...40), education: education,
                    field: education == .higher ? ["helsefag", "ingeniørfag", "lærerutdanning", "økonomi"][rng.int(0...3)] : "",
                    experience: Array(Set(experience)).sorted(),
                    languages: [languages[rng.int(0...languages.count - 1)]] + (rng.chance(0.3) ? ["engelsk"] : []),
                    norwegian: levels[rng.int(0...levels.count - 1)], healthNeeds: rng.chance(0.06),
                    tie: rng.chance(0.1) && !codes.isEmpty ? codes[rng.int(0...codes.count - 1)] : nil))
        }
        return out
    }
}
