/// What a generated year should look like. Figures the annual report 2017 publishes are exact
/// for 2017; the report's series give 2014–2016; later years are plausible.
public struct SettlementYearTarget: Sendable {
    public var year: Int
    public var settled: Int
    public var familyReunified: Int
    public var resettlement: Int
    public var privateLiving: Int
    public var uma: Int
    public var umaOver15: Int
    public var families: Int
    public var familyPersons: Int
    public var familyChildren: Int
    /// Percent settled within 6 months (of all but family-reunified).
    public var within6: Double
    /// Persons settled after more than 12 months.
    public var over12: Int
    public var umaWithin3: Double
    public var avgWait: Double?
    public var avgWaitReception: Double?
    public var avgWaitUMA: Double?
    /// Waiting in reception at 31.12: persons in families with children, minors, other adults.
    public var waitingEnd: (families: Int, minors: Int, adults: Int)?
    public var waitingOver12: Int
    public var requested: Int
    public var decided: Int
    public var municipalitiesRequested: Int
    public var municipalitiesDecided: Int
    /// The published stock waiting in reception at 31.12 when only the total is known (2014–2016):
    /// reached by moving whole cases across the year end with their waits unchanged.
    public var waitingEndTotal: Int? = nil

    /// The published 2017 figures (annual report 2017, Hovedtall and SP 1–3).
    public static let published2017 = SettlementYearTarget(
        year: 2017, settled: 11_078, familyReunified: 350, resettlement: 2_838, privateLiving: 250, uma: 759, umaOver15: 486,
        families: 1_361, familyPersons: 6_170, familyChildren: 3_420, within6: 76, over12: 296, umaWithin3: 62,
        avgWait: 5.0, avgWaitReception: 4.9, avgWaitUMA: 2.8, waitingEnd: (582, 71, 392), waitingOver12: 103,
        requested: 12_700, decided: 12_158, municipalitiesRequested: 401, municipalitiesDecided: 382)

    /// A plausible year scaled from a total, with the report's shares where given.
    static func year(_ y: Int, settled: Int, within6: Double, within12: Double, umaWithin3: Double, uma: Int, avgWait: Double)
        -> SettlementYearTarget
    {
        let fr = settled / 30
        let measured = settled - fr
        let familyPersons = Int(Double(measured - uma) * 0.56)
        let families = max(1, familyPersons * 10 / 45)
        return SettlementYearTarget(
            year: y, settled: settled, familyReunified: fr, resettlement: settled / 4, privateLiving: settled / 45, uma: uma,
            umaOver15: uma * 64 / 100, families: families, familyPersons: familyPersons, familyChildren: familyPersons * 55 / 100,
            within6: within6, over12: Int((Double(measured) * (100 - within12) / 100).rounded()), umaWithin3: umaWithin3,
            avgWait: avgWait, avgWaitReception: nil, avgWaitUMA: nil, waitingEnd: nil, waitingOver12: 0,
            requested: Int(Double(settled) * 1.12), decided: Int(Double(settled) * 1.08),
            municipalitiesRequested: 300, municipalitiesDecided: 285)
    }

    /// A year with the counts the annual report 2017's key figures table («Hovedtall») publishes for
    /// it, the stock waiting in reception at 31.12 included.
    static func published(
        _ base: SettlementYearTarget, resettlement: Int, umaOver15: Int, families: Int, familyPersons: Int, familyChildren: Int,
        waitingEnd: Int
    ) -> SettlementYearTarget {
        var t = base
        t.waitingEndTotal = waitingEnd
        t.resettlement = resettlement
        t.umaOver15 = umaOver15
        t.families = families
        t.familyPersons = familyPersons
        t.familyChildren = familyChildren
        return t
    }

    /// Targets for the years between `from` and `to`.
    public static func series(from: Int, to: Int) -> [SettlementYearTarget] {
        let known: [Int: SettlementYearTarget] = [
            2014: published(
                year(2014, settled: 7_784, within6: 49, within12: 77, umaWithin3: 65, uma: 536, avgWait: 7.9),
                resettlement: 1_264, umaOver15: 453, families: 926, familyPersons: 3_685, familyChildren: 1_981, waitingEnd: 4_939),
            2015: published(
                year(2015, settled: 11_342, within6: 51, within12: 78, umaWithin3: 24, uma: 691, avgWait: 8.4),
                resettlement: 2_365, umaOver15: 571, families: 1_123, familyPersons: 4_833, familyChildren: 2_683, waitingEnd: 3_479),
            2016: published(
                year(2016, settled: 15_291, within6: 81, within12: 95, umaWithin3: 43, uma: 1_599, avgWait: 4.8),
                resettlement: 3_275, umaOver15: 1_138, families: 1_561, familyPersons: 7_061, familyChildren: 3_930, waitingEnd: 4_174),
            2017: published2017,
            2018: year(2018, settled: 5_185, within6: 79, within12: 95, umaWithin3: 55, uma: 300, avgWait: 4.1),
            2019: year(2019, settled: 4_549, within6: 81, within12: 96, umaWithin3: 60, uma: 200, avgWait: 3.8),
            2020: year(2020, settled: 3_604, within6: 62, within12: 89, umaWithin3: 48, uma: 150, avgWait: 5.6),
            2021: year(2021, settled: 5_553, within6: 78, within12: 95, umaWithin3: 55, uma: 250, avgWait: 4.0),
            2022: year(2022, settled: 34_000, within6: 93, within12: 99, umaWithin3: 70, uma: 600, avgWait: 1.9),
            2023: year(2023, settled: 37_000, within6: 90, within12: 98, umaWithin3: 65, uma: 500, avgWait: 2.4),
            2024: year(2024, settled: 25_000, within6: 86, within12: 97, umaWithin3: 62, uma: 400, avgWait: 2.9),
        ]
        return (from...to).map { y in
            known[y] ?? year(y, settled: 6_000, within6: 80, within12: 95, umaWithin3: 55, uma: 300, avgWait: 4.0)
        }
    }
}
