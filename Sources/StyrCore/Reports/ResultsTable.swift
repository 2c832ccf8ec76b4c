import Foundation

/// A result requirement as a row of the results table: what is required, the target and the
/// indicator that measures it.
public struct RequirementSpec: Codable, Sendable, Equatable {
    /// The letter's number ("SP 1", "SP 3.1", "Mål 2").
    public var id: String
    public var goal: String
    public var text: String
    public var target: Double?
    public var targetText: String
    /// "percent", "months" or "count".
    public var unit: String?
    public var indicator: String?
    public var comparison: Comparison

    public init(
        id: String, goal: String, text: String, target: Double?, targetText: String, unit: String?, indicator: String?,
        comparison: Comparison = .atLeast
    ) {
        self.id = id
        self.goal = goal
        self.text = text
        self.target = target
        self.targetText = targetText
        self.unit = unit
        self.indicator = indicator
        self.comparison = comparison
    }

    /// The requirements of a letter's goal hierarchy, one row per result requirement.
    public static func from(goals: [Goal]) -> [RequirementSpec] {
        var out: [RequirementSpec] = []
        func add(_ id: String, _ goal: Goal, _ title: String, _ reqs: [ResultRequirement]) {
            let rows = reqs.flatMap { r in timeGoalRows(r) ?? [(nil, r.text, r.target)] }
            for (i, row) in rows.enumerated() {
                let t = row.target
                let suffix = row.label.map { " \($0)" } ?? (rows.count > 1 ? " (\(i + 1))" : "")
                // The row's unit is what the indicator measures (a share for a time goal).
                let unit = t?.indicator.flatMap { IndicatorCatalogue.definition($0)?.unit } ?? t?.unit
                let comparable = unit == t?.unit
                out.append(
                    RequirementSpec(
                        id: id + suffix, goal: "Mål \(goal.number): \(goal.title)", text: row.text.isEmpty ? title : row.text,
                        target: comparable ? t?.value : nil,
                        targetText: t.map { target in
                            target.value.map {
                                target.unit == "months"
                                    ? "\(target.comparison.symbol) \(Money.kroner(Int($0))) måneder"
                                    : "\(target.comparison.symbol) \(ResultsTable.format($0, unit: target.unit))"
                            }
                                ?? target.comparison.symbol
                        } ?? "", unit: unit, indicator: t?.indicator, comparison: t?.comparison ?? .atLeast))
            }
        }
        for g in goals {
            add("Mål \(g.number)", g, g.title, g.resultRequirements)
            for sp in g.steeringParameters {
                add(sp.number.hasPrefix("SP") ? sp.number : "SP \(sp.number)", g, sp.title, sp.resultRequirements)
            }
        }
        return out
    }

    /// A time-goal requirement ("innen gjeldende tidsmål") as one row per group the letter gives
    /// a time goal for, each measured by the share settled within it; nil for other requirements.
    static func timeGoalRows(_ r: ResultRequirement) -> [(label: String?, text: String, target: MeasurableTarget?)]? {
        guard let t = r.target, t.comparison == .within, !t.breakdown.isEmpty else { return nil }
        let goals: [(word: String, months: Double, indicator: String)] = [
            ("overføring", 6, "share_resettlement_within_6m"), ("mottak", 3, "share_reception_within_3m"),
        ]
        let rows = t.breakdown.compactMap { item -> (String?, String, MeasurableTarget?)? in
            let parts = item.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let months = Double(parts[1].split(separator: " ").first ?? "") else { return nil }
            let hit = goals.first { parts[0].contains($0.word) && $0.months == months }
            let target = MeasurableTarget(indicator: hit?.indicator, comparison: .within, value: months, unit: "months")
            return (parts[0], r.text, target)
        }
        return rows.isEmpty ? nil : rows
    }
}

/// One row of the results table ("Resultatkrav i tildelingsbrevet YYYY"): the requirement, its
/// target, the result for the year and the three years before (register or imported history,
/// with the source of each year), and a comment written from the figures.
public struct ResultRow: Codable, Sendable, Equatable {
    public var id: String
    public var goal: String
    public var requirement: String
    public var indicator: String?
    public var unit: String?
    public var target: Double?
    public var targetText: String
    /// Year (as text) → value; null where there is no figure.
    public var results: [String: Double?]
    /// Year → where the figure comes from.
    public var sources: [String: String]
    public var met: Bool?
    public var comment: String
    /// Years (as text) measured another way than now: no comparable figure («*»).
    public var notComparable: [String] = []
    /// Years (as text) whose figure is imported published statistics, not computed from a register (†).
    public var imported: [String] = []

    enum CodingKeys: String, CodingKey {
        case id, goal, requirement, indicator, unit, target, results, sources, met, comment
        case targetText = "target_text"
        case notComparable = "not_comparable"
        case imported
    }

    /// The year's cell as the report prints it: the figure, «*» where the year is not comparable,
    /// «–» where there is no figure.
    public func text(year: Int) -> String {
        let value = (results[String(year)] ?? nil).map { ResultsTable.format($0, unit: unit) }
        if notComparable.contains(String(year)) { return value.map { "* \($0)" } ?? "*" }
        return value ?? (indicator.flatMap { IndicatorCatalogue.definition($0)?.missingMark } ?? "–")
    }

    public init(
        id: String, goal: String, requirement: String, indicator: String?, unit: String?, target: Double?, targetText: String,
        results: [String: Double?], sources: [String: String], met: Bool?, comment: String, notComparable: [String] = [],
        imported: [String] = []
    ) {
        self.id = id
        self.goal = goal
        self.requirement = requirement
        self.indicator = indicator
        self.unit = unit
        self.target = target
        self.targetText = targetText
        self.results = results
        self.sources = sources
        self.met = met
        self.comment = comment
        self.notComparable = notComparable
        self.imported = imported
    }

    /// Reads rows written before `not_comparable` existed as well.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), goal: try c.decode(String.self, forKey: .goal),
            requirement: try c.decode(String.self, forKey: .requirement),
            indicator: try c.decodeIfPresent(String.self, forKey: .indicator), unit: try c.decodeIfPresent(String.self, forKey: .unit),
            target: try c.decodeIfPresent(Double.self, forKey: .target), targetText: try c.decode(String.self, forKey: .targetText),
            results: try c.decode([String: Double?].self, forKey: .results), sources: try c.decode([String: String].self, forKey: .sources),
            met: try c.decodeIfPresent(Bool.self, forKey: .met), comment: try c.decode(String.self, forKey: .comment),
            notComparable: try c.decodeIfPresent([String].self, forKey: .notComparable) ?? [],
            imported: try c.decodeIfPresent([String].self, forKey: .imported) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(goal, forKey: .goal)
        try c.encode(requirement, forKey: .requirement)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(unit, forKey: .unit)
        try c.encode(target, forKey: .target)
        try c.encode(targetText, forKey: .targetText)
        try c.encode(results, forKey: .results)
        try c.encode(sources, forKey: .sources)
        try c.encode(met, forKey: .met)
        try c.encode(comment, forKey: .comment)
        try c.encode(notComparable, forKey: .notComparable)
        try c.encode(imported, forKey: .imported)
    }
}

/// Builds the results table for a year from its requirements and a series per indicator.
public enum ResultsTable {
    /// The years the table shows: the three before and the year itself.
    public static func years(for year: Int) -> [Int] { Array((year - 3)...year) }

    /// `series(indicator)` gives the indicator's points for `years(for: year)`; `figures` are the
    /// register's values for the year itself (for the comments).
    public static func build(
        year: Int, requirements: [RequirementSpec], series: (String) -> [SeriesPoint], figures: [String: Double?]
    ) -> [ResultRow] {
        requirements.map { spec in
            let points = spec.indicator.map(series) ?? []
            var results: [String: Double?] = [:]
            var sources: [String: String] = [:]
            var notComparable: [String] = []
            var imported: [String] = []
            let definition = spec.indicator.flatMap { IndicatorCatalogue.definition($0) }
            let comparableFrom = definition?.comparableFrom ?? Int.min
            for y in years(for: year) {
                if y < comparableFrom {
                    let kept = definition?.earlierShown == true ? points.first { $0.year == y }?.value : nil
                    results[String(y)] = .some(kept)
                    sources[String(y)] = "Ikke sammenlignbart: målt på en annen måte før \(comparableFrom)"
                    notComparable.append(String(y))
                    continue
                }
                let p = points.first { $0.year == y }
                results[String(y)] = .some(p?.value)
                if let p { sources[String(y)] = p.status.isEmpty ? p.source : "\(p.source) [\(p.status)]" }
                if p?.imported == true { imported.append(String(y)) }
            }
            let current = points.first { $0.year == year }?.value
            let previous = points.first { $0.year == year - 1 }?.value
            let met: Bool? = current.flatMap { v in
                MeasurableTarget(comparison: spec.comparison, value: spec.target).isMet(by: v, previous: previous)
            }
            var comment = spec.indicator.map { Self.comment(for: $0, year: year, figures: figures) } ?? ""
            if spec.indicator != nil, current == nil {
                comment = ([comment, "Ingen tall for \(year) i registrene eller importert statistikk."]).filter { !$0.isEmpty }
                    .joined(separator: " ")
            }
            return ResultRow(
                id: spec.id, goal: spec.goal, requirement: spec.text, indicator: spec.indicator, unit: spec.unit,
                target: spec.target, targetText: spec.targetText, results: results, sources: sources, met: met, comment: comment,
                notComparable: notComparable, imported: imported)
        }
    }

    /// The comment the annual report writes beside a settlement requirement, from the year's figures.
    static func comment(for indicator: String, year: Int, figures: [String: Double?]) -> String {
        func n(_ id: String) -> String? { (figures[id] ?? nil).map { format($0, unit: "count") } }
        func m(_ id: String) -> String? { (figures[id] ?? nil).map { format($0, unit: "months") } }
        var parts: [String] = []
        switch indicator {
        case "share_settled_within_6m", "share_settled_within_3m", "share_reception_within_3m":
            if let s = n("settled_total") { parts.append("Det ble bosatt \(s) flyktninger i \(year).") }
            if let w = m("avg_wait_months_from_reception") {
                parts.append("Gjennomsnittlig ventetid for bosatte fra mottak var \(w) måneder.")
            }
        case "share_settled_within_12m":
            if let o = n("settled_after_more_than_12m") {
                parts.append("\(o) av de som ble bosatt i \(year) hadde ventet i mer enn ett år etter at de fikk opphold.")
            }
            if let w = n("waiting_in_reception_end") {
                parts.append("Per 31.12.\(year) var det \(w) bosettingsklare flyktninger i mottak.")
            }
            if let w = n("waiting_over_12m_end") {
                parts.append("\(w) av disse hadde allerede vært bosettingsklare i mer enn 12 måneder.")
            }
        case "share_uma_settled_within_3m":
            if let u = n("unaccompanied_minors") { parts.append("Det ble bosatt \(u) enslige mindreårige flyktninger i \(year).") }
            if let w = m("avg_wait_months_uma") {
                parts.append("Gjennomsnittlig ventetid for bosatte enslige mindreårige fra mottak/omsorgssenter var \(w) måneder.")
            }
        case "share_resettlement_within_6m":
            if let s = n("resettlement_refugees") { parts.append("Det ble bosatt \(s) overføringsflyktninger i \(year).") }
        case "interpreters_in_register":
            if let c = n("interpreters_in_register"), let s = figures["interpreters_top_categories_share"] ?? nil {
                parts.append("\(c) tolker, hvorav \(format(s, unit: "percent")) i de høyeste kvalifikasjonskategoriene.")
            }
        case "municipalities_interpreter_guidelines_share", "municipalities_programme_goals_share", "municipalities_formal_education_share",
            "municipalities_offer_matches_needs_share":
            if let yes = n(indicator + "_yes"), let all = n(indicator + "_answered") {
                parts.append("\(yes) av \(all) kommuner som svarte i kommuneundersøkelsen \(year).")
            }
        case "norwegian_training_started_within_3m":
            parts.append("Personer som fikk rett og plikt til opplæring i \(year - 1).")
        case "norwegian_training_duty_fulfilled":
            parts.append("Personer som fikk rett og plikt til opplæring i \(year - 3).")
        case "intro_work_or_education_share":
            parts.append("Personer som avsluttet introduksjonsprogram i \(year - 2), og deres status i \(year - 1) (SSB).")
        case "jobbsjansen_work_or_education_share", "jobbsjansen_a_work_or_education_share", "jobbsjansen_c_work_or_education_share":
            parts.append("Deltakere som avsluttet i \(year), med registrert resultat.")
        default: break
        }
        return parts.joined(separator: " ")
    }

    /// A figure as the report writes it: "76 %", "4,9", "11 078".
    public static func format(_ v: Double, unit: String?) -> String {
        switch unit {
        case "percent": return IndicatorFormat.decimal(v, 0) + " %"
        case "months": return IndicatorFormat.decimal(v, 1)
        default: return v == v.rounded() ? Money.kroner(Int(v)) : IndicatorFormat.decimal(v, 1)
        }
    }
}
