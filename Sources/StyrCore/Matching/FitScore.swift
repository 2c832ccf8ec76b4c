/// What a case brings, from the competence mapping: education level, the labour-market sectors
/// the household has experience in, school-age children, and a tie (relatives) to a municipality.
public struct CaseProfile: Sendable, Equatable, Codable {
    /// 0 none, 1 primary, 2 upper secondary (or a trade certificate), 3 higher education.
    public var education: Int
    /// Sectors with work experience (any one strong in the municipality counts).
    public var sectors: [String]
    public var schoolChildren: Int
    public var tie: String?
    public init(education: Int, sector: String, schoolChildren: Int = 0, tie: String? = nil) {
        self.init(education: education, sectors: [sector], schoolChildren: schoolChildren, tie: tie)
    }
    public init(education: Int, sectors: [String], schoolChildren: Int = 0, tie: String? = nil) {
        self.education = education
        self.sectors = sectors
        self.schoolChildren = schoolChildren
        self.tie = tie
    }
    /// The first sector (the generator gives one).
    public var sector: String { sectors.first ?? "" }
}

/// What a municipality offers: programme quality (share in work or education after the
/// introduction programme, 0–1), adult and upper-secondary education (0–1), higher education
/// within reach, strong labour-market sectors, and whether the county recommends it.
public struct MunicipalityProfile: Sendable, Equatable, Codable {
    public var programme: Double
    public var adultEducation: Double
    public var higherEducation: Bool
    public var sectors: [String]
    public var countyRecommends: Bool
    public init(programme: Double, adultEducation: Double, higherEducation: Bool, sectors: [String], countyRecommends: Bool) {
        self.programme = programme
        self.adultEducation = adultEducation
        self.higherEducation = higherEducation
        self.sectors = sectors
        self.countyRecommends = countyRecommends
    }
}

/// Weights of the fit score's parts (configurable; the defaults are the documented ones).
public struct MatchWeights: Sendable, Equatable, Codable {
    /// Work experience in a sector the municipality is strong in.
    public var sector = 30.0
    /// Education: higher education within reach for the highly educated; adult and upper-secondary
    /// education for those with little schooling; schools for school-age children.
    public var education = 25.0
    /// The municipality's introduction programme results.
    public var programme = 20.0
    /// Relatives or other ties in the municipality.
    public var tie = 40.0
    /// The county governor's recommendation.
    public var county = 8.0
    /// Urgency: points per person for each week a case has waited since it was ready.
    public var urgency = 2.0
    /// A case that has waited this many weeks is settled at the next decision wherever there is room
    /// (13 weeks ≈ the 3-month goal from reception).
    public var urgentAfterWeeks = 10
    public init() {}
}

/// The fit of a case in a municipality, per person, as named parts that add up to the score.
public enum FitScore {
    public static func components(_ c: CaseProfile, _ m: MunicipalityProfile, code: String, weights w: MatchWeights = .init())
        -> [(name: String, value: Double)]
    {
        let sector = c.sectors.contains(where: m.sectors.contains) ? w.sector : w.sector * 0.15
        var education: Double
        switch c.education {
        case 3: education = m.higherEducation ? w.education : w.education * 0.2
        case 2: education = w.education * (0.4 + 0.6 * m.adultEducation)
        default: education = w.education * m.adultEducation
        }
        if c.schoolChildren > 0 { education = 0.7 * education + 0.3 * w.education * m.adultEducation }
        return [
            ("arbeid", sector), ("utdanning", education), ("program", w.programme * m.programme),
            ("tilknytning", c.tie == code ? w.tie : 0), ("fylkets anbefaling", m.countyRecommends ? w.county : 0),
        ]
    }

    /// The urgency term of a case that has waited `weeks` since it was ready.
    public static func urgency(weeks: Int, size: Int, weights w: MatchWeights = .init()) -> Double {
        w.urgency * Double(max(0, weeks) * size)
    }

    /// Whole points for a household: per-person fit times the persons settled.
    public static func score(_ c: CaseProfile, _ m: MunicipalityProfile, code: String, size: Int, weights: MatchWeights = .init()) -> Double
    {
        (components(c, m, code: code, weights: weights).reduce(0) { $0 + $1.value } * Double(size)).rounded()
    }
}
