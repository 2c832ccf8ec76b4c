/// Requirements of years whose letter is not stored, as the annual report publishes them: the
/// annual report 2017's results table ("Resultatkrav i tildelingsbrevet 2017", Krav 2017).
/// Indicator ids beyond settlement name the registers that measure them.
public enum PublishedRequirements {
    static let settlement = "Delmål 1: Rask bosetting av flyktninger til kommunene"
    static let participation = "Delmål 2: Flere innvandrere deltar i arbeids- og samfunnsliv"

    static func sp(_ id: String, _ goal: String, _ text: String, _ target: Double, _ unit: String, _ indicator: String) -> RequirementSpec {
        RequirementSpec(
            id: id, goal: goal, text: text, target: target, targetText: ResultsTable.format(target, unit: unit), unit: unit,
            indicator: indicator)
    }

    public static let byYear: [Int: [RequirementSpec]] = [
        2017: [
            sp(
                "SP 1", settlement,
                "Andel flyktninger bosatt innen seks måneder etter at vedtak som danner grunnlag for bosetting eller innreisetillatelse er gitt",
                90, "percent", "share_settled_within_6m"),
            sp(
                "SP 2", settlement, "Andel flyktninger bosatt innen 12 måneder etter at vedtak som danner grunnlag for bosetting er gitt",
                100, "percent", "share_settled_within_12m"),
            sp(
                "SP 3", settlement,
                "Andel enslige mindreårige bosatt innen tre måneder etter at vedtak som danner grunnlag for bosetting er gitt",
                80, "percent", "share_uma_settled_within_3m"),
            sp(
                "SP 4", participation,
                "Andel personer med rett og plikt til opplæring i norsk og samfunnskunnskap som får tilbud og starter i opplæring innen tre måneder",
                90, "percent", "norwegian_training_started_within_3m"),
            sp(
                "SP 5", participation,
                "Andel personer med rett og plikt til opplæring i norsk og samfunnskunnskap som oppfyller sin plikt innen fristen på tre år",
                90, "percent", "norwegian_training_duty_fulfilled"),
            sp(
                "SP 6", participation, "Andel kommuner der grunnskole eller videregående opplæring inngår i introduksjonsprogrammet", 40,
                "percent", "municipalities_formal_education_share"),
            sp(
                "SP 7", participation, "Andel kommuner som har mål for resultatene i introduksjonsprogrammet", 75, "percent",
                "municipalities_programme_goals_share"),
            sp(
                "SP 8", participation,
                "Andel deltakere i introduksjonsprogram som er i arbeid eller utdanning året etter avsluttet program", 70,
                "percent", "intro_work_or_education_share"),
            sp(
                "SP 9.1", participation,
                "Andel deltakere i Jobbsjansen del A som går over til arbeid eller utdanning etter avsluttet program", 60,
                "percent", "jobbsjansen_a_work_or_education_share"),
            sp(
                "SP 9.2", participation,
                "Andel deltakere i Jobbsjansen del C som går over til arbeid eller utdanning etter avsluttet program", 75,
                "percent", "jobbsjansen_c_work_or_education_share"),
            sp(
                "SP 10", participation, "Antall tolker oppført i Nasjonalt tolkeregister fordelt på ulike kvalifikasjonskategorier", 1_800,
                "count",
                "interpreters_in_register"),
            sp(
                "SP 11", participation,
                "Antall kommuner og statlige etater som har retningslinjer for bestilling og bruk av tolker, der Nasjonalt tolkeregister inngår",
                30, "percent", "municipalities_interpreter_guidelines_share"),
        ]
    ]

    /// Indicator id → numeric target for a year's published requirements.
    public static func targets(year: Int) -> [String: Double] {
        var out: [String: Double] = [:]
        for r in byYear[year] ?? [] { if let i = r.indicator, let t = r.target, r.unit == "percent" { out[i] = t } }
        return out
    }
}
