/// The period a figure is for: the whole year, or the first half (per 30.06).
public enum Period: String, Sendable, Codable {
    case year
    case half

    public func range(_ year: Int) -> ClosedRange<Int> {
        let start = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        let end = self == .year ? CivilDate(year: year, month: 12, day: 31)!.dayNumber : CivilDate(year: year, month: 6, day: 30)!.dayNumber
        return start...end
    }
}

/// Where a figure is for: the country, a county or a municipality (codes of the year's division).
public enum StatUnit: Hashable, Sendable {
    case national
    case county(String)
    case municipality(String)
    /// A set of municipality codes: a unit of one year's division mapped to another year's codes.
    case municipalities(Set<String>)

    public func contains(_ kommune: String?) -> Bool {
        switch self {
        case .national: true
        case .county(let c): kommune.map { $0.hasPrefix(c) && $0 != Geography.unknownMunicipality } ?? false
        case .municipality(let k): kommune == k
        case .municipalities(let set): kommune.map { set.contains($0) } ?? false
        }
    }

    /// The same area in another year's division (time series across the 2020 and 2024 reforms).
    public func mapped(from year: Int, to other: Int, geography: Geography) -> StatUnit {
        guard year != other, self != .national else { return self }
        let here = geography.division(for: year).municipalities.map(\.code).filter { contains($0) }
        var current = Set<String>()
        for k in here { current.formUnion(geography.currentCodes(for: k, year: year)) }
        let there = geography.division(for: other).municipalities.map(\.code).filter { k in
            !geography.currentCodes(for: k, year: other).isDisjoint(with: current)
        }
        return .municipalities(Set(there))
    }
}

/// A named, documented indicator: what it measures, from which source, how often it is loaded.
public struct IndicatorDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var definition: String
    /// "percent", "months" or "count".
    public var unit: String
    /// The registers or files it reads.
    public var sources: [String]
    /// How often the sources should be loaded, in days (freshness).
    public var refreshDays: Int
    /// Whether only the national figure exists (the waiting stock has no municipality).
    public var nationalOnly: Bool
    /// The first year measured the way it is now: earlier years' figures are not comparable and
    /// the results table prints «*» for them, as the annual report does.
    public var comparableFrom: Int? = nil
    /// Whether a figure of a year before `comparableFrom` is still printed, after the «*» (the
    /// annual report 2017 prints SP 5's 2014 figure «* 88 %»); otherwise «*» alone.
    public var earlierShown: Bool = false
    /// What the results table prints for a year without a figure: «–», or «*» where the annual
    /// report marks figures NIR cannot give («Tall fra NIR er ikke tilgjengelig»).
    public var missingMark: String = "–"
}

/// Settlement indicators, computed from person rows and requests, never typed in.
public enum SettlementIndicators {
    static let register = ["bosettingsregisteret"]
    static func def(
        _ id: String, _ name: String, _ definition: String, _ unit: String, national: Bool = false, sources: [String] = register
    ) -> IndicatorDefinition {
        IndicatorDefinition(
            id: id, name: name, definition: definition, unit: unit, sources: sources, refreshDays: 31, nationalOnly: national)
    }

    public static let catalogue: [IndicatorDefinition] = [
        def("settled_total", "Bosatte flyktninger", "Personer bosatt i perioden (alle kategorier).", "count"),
        def("resettlement_refugees", "Bosatte overføringsflyktninger", "Overføringsflyktninger bosatt i perioden.", "count"),
        def("unaccompanied_minors", "Bosatte enslige mindreårige", "Enslige mindreårige bosatt i perioden.", "count"),
        def(
            "share_settled_within_3m", "Andel bosatt innen 3 måneder",
            "Andel av bosatte (unntatt familiegjenforente) som ble bosatt innen 3 kalendermåneder etter vedtak om opphold eller innreisetillatelse.",
            "percent"),
        def("share_settled_within_6m", "Andel bosatt innen 6 måneder", "Som over, innen 6 måneder (SP 1 2017).", "percent"),
        def("share_settled_within_12m", "Andel bosatt innen 12 måneder", "Som over, innen 12 måneder (SP 2 2017).", "percent"),
        def(
            "share_uma_settled_within_3m", "Andel enslige mindreårige bosatt innen 3 måneder",
            "Andel av bosatte enslige mindreårige som ble bosatt innen 3 måneder etter vedtak (SP 3 2017).", "percent"),
        def(
            "share_resettlement_within_6m", "Andel overføringsflyktninger bosatt innen 6 måneder",
            "Tidsmålet for overføringsflyktninger (SP 3.1 2021).", "percent"),
        def(
            "share_reception_within_3m", "Andel mottaksbeboere bosatt innen 3 måneder", "Tidsmålet for mottaksbeboere (SP 3.1 2021).",
            "percent"),
        def(
            "settled_after_more_than_12m", "Bosatt etter mer enn 12 måneder",
            "Bosatte (unntatt familiegjenforente) som ventet mer enn 12 måneder fra vedtak.", "count"),
        def(
            "avg_wait_months", "Gjennomsnittlig ventetid (måneder)",
            "Gjennomsnittlig tid fra vedtak om opphold/innreisetillatelse til bosetting, i måneder (dager / 30,4375), for bosatte unntatt familiegjenforente.",
            "months"),
        def(
            "avg_wait_months_from_reception", "Gjennomsnittlig ventetid fra mottak",
            "Som over, for tidligere asylsøkere bosatt fra mottak eller omsorgssenter.", "months"),
        def(
            "avg_wait_months_uma", "Gjennomsnittlig ventetid for enslige mindreårige",
            "Som over, for enslige mindreårige bosatt fra mottak eller omsorgssenter.", "months"),
        def(
            "waiting_in_reception_end", "Bosettingsklare i mottak ved periodens slutt",
            "Personer i mottak (og enslige mindreårige i omsorgssenter) som var bosettingsklare og ikke bosatt ved periodens slutt.",
            "count", national: true),
        def(
            "waiting_over_12m_end", "Bosettingsklare i mottak i mer enn 12 måneder",
            "Av de ventende ved periodens slutt: bosettingsklare i mer enn 12 måneder.", "count", national: true),
        def(
            "waiting_over_24m_end", "Bosettingsklare i mottak i mer enn 24 måneder", "Som over, mer enn 24 måneder.", "count",
            national: true),
        def(
            "waiting_over_36m_end", "Bosettingsklare i mottak i mer enn 36 måneder", "Som over, mer enn 36 måneder.", "count",
            national: true),
        def("requested", "Anmodet om bosetting", "Personer direktoratet anmodet kommunene om å bosette for året.", "count"),
        def("decided_places", "Vedtatte plasser", "Plasser kommunene vedtok for året.", "count"),
        def("place_utilisation", "Plassutnyttelse", "Bosatte i året delt på vedtatte plasser (prosent).", "percent"),
        def("municipalities_settled", "Kommuner som bosatte", "Antall kommuner som bosatte minst én flyktning i perioden.", "count"),
    ]

    public static func definition(_ id: String) -> IndicatorDefinition? { catalogue.first { $0.id == id } }

    /// Every indicator's value for the period and unit; nil where it does not exist (no rows, or
    /// a national-only figure asked for a county or municipality).
    public static func compute(_ register: SettlementRegister, year: Int, period: Period = .year, unit: StatUnit = .national) -> [String:
        Double?]
    {
        var acc = Accumulator()
        let range = period.range(year)
        for p in register.persons {
            if let s = p.settledDay, range.contains(s), unit.contains(p.settledKommune) {
                acc.addSettled(p)
            }
            if unit == .national, p.category == .reception, p.isWaiting(at: range.upperBound) {
                acc.addWaiting(p, at: range.upperBound)
            }
        }
        var out: [String: Double?] = [:]
        func pct(_ n: Int, _ d: Int) -> Double? { d == 0 ? nil : 100.0 * Double(n) / Double(d) }
        func mean(_ s: Double, _ n: Int) -> Double? { n == 0 ? nil : s / Double(n) }
        out["settled_total"] = Double(acc.settled)
        out["resettlement_refugees"] = Double(acc.resettlement)
        out["unaccompanied_minors"] = Double(acc.uma)
        out["share_settled_within_3m"] = pct(acc.within3, acc.measured)
        out["share_settled_within_6m"] = pct(acc.within6, acc.measured)
        out["share_settled_within_12m"] = pct(acc.within12, acc.measured)
        out["share_uma_settled_within_3m"] = pct(acc.umaWithin3, acc.uma)
        out["share_resettlement_within_6m"] = pct(acc.resettlementWithin6, acc.resettlement)
        out["share_reception_within_3m"] = pct(acc.receptionWithin3, acc.reception)
        out["settled_after_more_than_12m"] = Double(acc.measured - acc.within12)
        out["avg_wait_months"] = mean(acc.waitSum, acc.measured)
        out["avg_wait_months_from_reception"] = mean(acc.receptionWaitSum, acc.reception)
        out["avg_wait_months_uma"] = mean(acc.umaWaitSum, acc.umaReception)
        let national = unit == .national
        out["waiting_in_reception_end"] = national ? Double(acc.waiting) : nil
        out["waiting_over_12m_end"] = national ? Double(acc.waiting12) : nil
        out["waiting_over_24m_end"] = national ? Double(acc.waiting24) : nil
        out["waiting_over_36m_end"] = national ? Double(acc.waiting36) : nil
        let requests = register.requests.filter { $0.year == year && unit.contains($0.kommune) }
        let decided = requests.compactMap(\.decided).reduce(0, +)
        out["requested"] = requests.isEmpty ? nil : Double(requests.map(\.requested).reduce(0, +))
        out["decided_places"] = requests.isEmpty ? nil : Double(decided)
        out["place_utilisation"] = period == .year ? pct(acc.settled, decided) : nil
        out["municipalities_settled"] = Double(acc.municipalities.count)
        return out
    }

    struct Accumulator {
        var settled = 0, resettlement = 0, uma = 0, umaReception = 0, reception = 0, measured = 0
        var within3 = 0, within6 = 0, within12 = 0, umaWithin3 = 0, resettlementWithin6 = 0, receptionWithin3 = 0
        var waitSum = 0.0, receptionWaitSum = 0.0, umaWaitSum = 0.0
        var waiting = 0, waiting12 = 0, waiting24 = 0, waiting36 = 0
        var municipalities = Set<String>()

        mutating func addSettled(_ p: SettlementPerson) {
            settled += 1
            if let k = p.settledKommune, k != Geography.unknownMunicipality { municipalities.insert(k) }
            if p.category == .resettlement { resettlement += 1 }
            guard p.category != .familyReunification else { return }
            measured += 1
            let w = p.waitMonths ?? 0
            waitSum += w
            let in3 = p.settledWithin(months: 3)
            let in6 = in3 || p.settledWithin(months: 6)
            let in12 = in6 || p.settledWithin(months: 12)
            if in3 { within3 += 1 }
            if in6 { within6 += 1 }
            if in12 { within12 += 1 }
            if p.unaccompaniedMinor {
                uma += 1
                if in3 { umaWithin3 += 1 }
                if p.category == .reception {
                    umaReception += 1
                    umaWaitSum += w
                }
            }
            if p.category == .resettlement && in6 { resettlementWithin6 += 1 }
            if p.category == .reception {
                reception += 1
                receptionWaitSum += w
                if in3 { receptionWithin3 += 1 }
            }
        }

        mutating func addWaiting(_ p: SettlementPerson, at day: Int) {
            waiting += 1
            let start = p.waitStartDay
            if Months.add(12, to: start) < day { waiting12 += 1 }
            if Months.add(24, to: start) < day { waiting24 += 1 }
            if Months.add(36, to: start) < day { waiting36 += 1 }
        }
    }
}

/// The key figures (Hovedtall) of the annual report's settlement part.
public struct SettlementKeyFigures: Codable, Sendable, Equatable {
    public var settledTotal: Int
    public var resettlementRefugees: Int
    public var unaccompaniedMinors: Int
    public var unaccompaniedMinorsOver15: Int
    public var unaccompaniedMinorsUnder15: Int
    public var familiesWithChildren: Int
    public var personsInFamiliesWithChildren: Int
    public var childrenInFamiliesWithChildren: Int
    public var waitingInReceptionYearEnd: Int
    public var waitingInReceptionOver12mYearEnd: Int

    public static func compute(_ register: SettlementRegister, year: Int) -> SettlementKeyFigures {
        let range = Period.year.range(year)
        var k = SettlementKeyFigures(
            settledTotal: 0, resettlementRefugees: 0, unaccompaniedMinors: 0, unaccompaniedMinorsOver15: 0,
            unaccompaniedMinorsUnder15: 0, familiesWithChildren: 0, personsInFamiliesWithChildren: 0,
            childrenInFamiliesWithChildren: 0, waitingInReceptionYearEnd: 0, waitingInReceptionOver12mYearEnd: 0)
        var families = Set<String>()
        for p in register.persons {
            if let s = p.settledDay, range.contains(s) {
                k.settledTotal += 1
                if p.category == .resettlement { k.resettlementRefugees += 1 }
                if p.unaccompaniedMinor {
                    k.unaccompaniedMinors += 1
                    if p.age(at: s) >= 15 { k.unaccompaniedMinorsOver15 += 1 } else { k.unaccompaniedMinorsUnder15 += 1 }
                }
                if p.familyWithChildren {
                    families.insert(p.caseId)
                    k.personsInFamiliesWithChildren += 1
                    if p.age(at: s) < 18 { k.childrenInFamiliesWithChildren += 1 }
                }
            }
            if p.category == .reception, p.isWaiting(at: range.upperBound) {
                k.waitingInReceptionYearEnd += 1
                if Months.add(12, to: p.waitStartDay) < range.upperBound { k.waitingInReceptionOver12mYearEnd += 1 }
            }
        }
        k.familiesWithChildren = families.count
        return k
    }

    /// The JSON and column names stay snake_case (the command contract).
    enum CodingKeys: String, CodingKey {
        case settledTotal = "settled_total"
        case resettlementRefugees = "resettlement_refugees"
        case unaccompaniedMinors = "unaccompanied_minors"
        case unaccompaniedMinorsOver15 = "unaccompanied_minors_over15"
        case unaccompaniedMinorsUnder15 = "unaccompanied_minors_under15"
        case familiesWithChildren = "families_with_children"
        case personsInFamiliesWithChildren = "persons_in_families_with_children"
        case childrenInFamiliesWithChildren = "children_in_families_with_children"
        case waitingInReceptionYearEnd = "waiting_in_reception_year_end"
        case waitingInReceptionOver12mYearEnd = "waiting_in_reception_over12m_year_end"
    }
}
