/// Links a result requirement's text to the indicator that measures it.
public enum IndicatorLinks {
    public static func indicator(for text: String) -> String? {
        let t = text.lowercased()
        let settlement = t.contains("bosatt") || t.contains("bosetting")
        guard settlement else { return qualification(t) }
        if t.contains("enslige mindreårige") && (t.contains("tre måneder") || t.contains("3 måneder")) {
            return "share_uma_settled_within_3m"
        }
        if t.contains("seks måneder") || t.contains("6 måneder") { return "share_settled_within_6m" }
        if t.contains("12 måneder") || t.contains("tolv måneder") { return "share_settled_within_12m" }
        if t.contains("tidsmål") { return "share_reception_within_3m" }
        return nil
    }

    /// Requirements measured by NIR, the municipal survey, Jobbsjansen and the interpreter register.
    static func qualification(_ t: String) -> String? {
        if t.contains("jobbsjansen") && (t.contains("arbeid") || t.contains("utdanning")) {
            if t.contains("del a") { return "jobbsjansen_a_work_or_education_share" }
            if t.contains("del c") { return "jobbsjansen_c_work_or_education_share" }
            return "jobbsjansen_work_or_education_share"
        }
        if t.contains("introduksjonsprogram") && t.contains("arbeid eller utdanning")
            && (t.contains("etter avsluttet") || t.contains("året etter"))
        {
            return "intro_work_or_education_share"
        }
        if t.contains("formell opplæring") || (t.contains("grunnskole") && t.contains("videregående") && t.contains("introduksjonsprogram"))
        {
            return t.contains("kommuner") ? "municipalities_formal_education_share" : "intro_formal_education_share"
        }
        if t.contains("under 25 år") && (t.contains("sluttmål") || t.contains("sluttmaal")) {
            return "intro_under25_upper_secondary_goal_share"
        }
        if t.contains("kommuneundersøkelse") && t.contains("samsvar") { return "municipalities_offer_matches_needs_share" }
        if t.contains("mål for resultatene") { return "municipalities_programme_goals_share" }
        if t.contains("retningslinjer") && t.contains("tolk") { return "municipalities_interpreter_guidelines_share" }
        if t.contains("tolkeregister") && t.contains("tolker") && t.contains("kvalifikasjonskategori") { return "interpreters_in_register" }
        if t.contains("opplæring i norsk") && t.contains("tre måneder") { return "norwegian_training_started_within_3m" }
        if t.contains("oppfyller sin plikt") { return "norwegian_training_duty_fulfilled" }
        return nil
    }
}
