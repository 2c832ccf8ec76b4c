/// The introduction register's key figures for the annual report's part II ("Hovedtall"); nil
/// when the register holds nobody.
public struct NIRKeyFigures: Codable, Sendable, Equatable {
    /// Persons with right and duty to training in Norwegian and social studies in training during the year.
    public var norwegianTrainingParticipants: Int?
    /// Persons with right and duty to the introduction programme during the year.
    public var introRightDuringYear: Int?
    /// Participants registered at 31.12 (not on leave).
    public var introParticipantsYearEnd: Int?
    public var introEndedDuringYear: Int?
    public var introStartedDuringYear: Int?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(norwegianTrainingParticipants, forKey: .norwegianTrainingParticipants)
        try c.encode(introRightDuringYear, forKey: .introRightDuringYear)
        try c.encode(introParticipantsYearEnd, forKey: .introParticipantsYearEnd)
        try c.encode(introEndedDuringYear, forKey: .introEndedDuringYear)
        try c.encode(introStartedDuringYear, forKey: .introStartedDuringYear)
    }

    /// The JSON and column names stay snake_case (the command contract).
    enum CodingKeys: String, CodingKey {
        case norwegianTrainingParticipants = "norwegian_training_participants"
        case introRightDuringYear = "intro_right_during_year"
        case introParticipantsYearEnd = "intro_participants_year_end"
        case introEndedDuringYear = "intro_ended_during_year"
        case introStartedDuringYear = "intro_started_during_year"
    }
}

/// Indicators measured by the qualification registers, the municipal survey, Jobbsjansen and the
/// interpreter register, computed from rows.
public enum QualificationIndicators {
    static func def(
        _ id: String, _ name: String, _ definition: String, _ unit: String, _ source: String, comparableFrom: Int? = nil,
        earlierShown: Bool = false, missingMark: String = "–"
    ) -> IndicatorDefinition {
        IndicatorDefinition(
            id: id, name: name, definition: definition, unit: unit, sources: [source], refreshDays: 366, nationalOnly: true,
            comparableFrom: comparableFrom, earlierShown: earlierShown, missingMark: missingMark)
    }

    public static let catalogue: [IndicatorDefinition] = [
        def(
            "norwegian_training_started_within_3m", "Startet i opplæring innen tre måneder",
            "Andel av dem som fikk rett og plikt til opplæring i norsk og samfunnskunnskap året før, som startet innen tre måneder. Målt slik fra 2017; tidligere målinger (start innen påfølgende halvår) kan ikke sammenlignes.",
            "percent", "NIR", comparableFrom: 2017, missingMark: "*"),
        def(
            "norwegian_training_duty_fulfilled", "Oppfylt plikt innen tre år",
            "Andel av dem som fikk rett og plikt tre år før, som oppfylte plikten innen fristen på tre år («*» når NIR ikke har tallene). Kohortene før 2012 (målt 2014 og før) hadde andre regler for plikten: tallet vises, men merkes som ikke sammenlignbart.",
            "percent", "NIR", comparableFrom: 2015, earlierShown: true, missingMark: "*"),
        def(
            "intro_work_or_education_share", "I arbeid eller utdanning året etter introduksjonsprogram",
            "Andel av dem som avsluttet programmet to år før, som var i arbeid eller utdanning året etter (SSBs status).", "percent",
            "NIR/SSB"),
        def(
            "intro_formal_education_share", "Deltakere med formell opplæring i programmet",
            "Andel av deltakerne i året som hadde grunnskole eller videregående opplæring som tiltak.", "percent", "NIR"),
        def(
            "intro_under25_upper_secondary_goal_share", "Deltakere under 25 år med sluttmål videregående",
            "Andel av deltakere under 25 år (ved start) som har gjennomført videregående opplæring som sluttmål.", "percent", "NIR"),
        def(
            "municipalities_formal_education_share", "Kommuner med grunnskole eller videregående i programmet",
            "Andel av kommunene som svarte i kommuneundersøkelsen, som har grunnskole eller videregående opplæring i programmet.",
            "percent", "kommuneundersøkelsen"),
        def(
            "municipalities_programme_goals_share", "Kommuner med mål for resultatene i introduksjonsprogrammet",
            "Andel av kommunene som svarte, som har mål for resultatene.", "percent", "kommuneundersøkelsen"),
        def(
            "municipalities_interpreter_guidelines_share", "Kommuner med retningslinjer for bruk av tolk",
            "Andel av kommunene som svarte, som har retningslinjer der Nasjonalt tolkeregister inngår.", "percent",
            "kommuneundersøkelsen"),
        def(
            "municipalities_offer_matches_needs_share", "Kommuner med samsvar mellom tilbud og behov",
            "Andel av kommunene som svarte, som rapporterer samsvar mellom hva kommunen kan tilby og flyktningenes behov.", "percent",
            "kommuneundersøkelsen"),
        def(
            "jobbsjansen_work_or_education_share", "Jobbsjansen: overgang til arbeid eller utdanning",
            "Andel av deltakerne som avsluttet i året (med registrert resultat), som gikk over til arbeid eller utdanning.",
            "percent", "Jobbsjansen"),
        def(
            "jobbsjansen_a_work_or_education_share", "Jobbsjansen del A: overgang til arbeid eller utdanning",
            "Som over, for del A.", "percent", "Jobbsjansen"),
        def(
            "jobbsjansen_c_work_or_education_share", "Jobbsjansen del C: overgang til arbeid eller utdanning",
            "Som over, for del C.", "percent", "Jobbsjansen"),
        def(
            "interpreters_in_register", "Tolker i Nasjonalt tolkeregister", "Tolker oppført i registeret per 31.12.", "count",
            "Nasjonalt tolkeregister"),
        def(
            "interpreters_top_categories_share", "Tolker i de høyeste kategoriene",
            "Andel av tolkene i registeret per 31.12 som er i kategori 1–3 (A–C).", "percent", "Nasjonalt tolkeregister"),
    ]

    public static func keyFigures(_ nir: [NIRPerson], year: Int) -> NIRKeyFigures {
        guard !nir.isEmpty else { return NIRKeyFigures() }
        let range = Period.year.range(year)
        var k = NIRKeyFigures(
            norwegianTrainingParticipants: 0, introRightDuringYear: 0, introParticipantsYearEnd: 0,
            introEndedDuringYear: 0, introStartedDuringYear: 0)
        for p in nir {
            if p.right == .rightAndDuty && p.inTraining(range) { k.norwegianTrainingParticipants! += 1 }
            if p.introRightDuring(range) { k.introRightDuringYear! += 1 }
            if p.participant(at: range.upperBound) { k.introParticipantsYearEnd! += 1 }
            if let e = p.introEnd, range.contains(e) { k.introEndedDuringYear! += 1 }
            if let s = p.introStart, range.contains(s) { k.introStartedDuringYear! += 1 }
        }
        return k
    }

    static func share(_ hits: Int, of n: Int) -> Double? { n == 0 ? nil : Double(hits) * 100 / Double(n) }

    /// Every indicator of the catalogue for a year; nil where the registers have no basis.
    public static func compute(_ r: QualificationRegisters, year: Int) -> [String: Double?] {
        var out: [String: Double?] = [:]
        let range = Period.year.range(year)
        // Training: the cohort that got right and duty the year before / three years before.
        let cohort1 = r.nir.filter { p in p.right == .rightAndDuty && p.targetFrom.map { Period.year.range(year - 1).contains($0) } == true
        }
        out["norwegian_training_started_within_3m"] = share(
            cohort1.filter { p in p.trainingStart.map { $0 <= Months.add(3, to: p.targetFrom!) } == true }.count, of: cohort1.count)
        let cohort3 = r.nir.filter { p in p.right == .rightAndDuty && p.targetFrom.map { Period.year.range(year - 3).contains($0) } == true
        }
        let fulfilled = cohort3.filter { p in p.dutyFulfilled.map { $0 <= Months.add(36, to: p.targetFrom!) } == true }.count
        out["norwegian_training_duty_fulfilled"] = cohort3.contains { $0.dutyFulfilled != nil } ? share(fulfilled, of: cohort3.count) : nil
        // The programme: status the year after, for those who ended two years before.
        let ended = r.nir.filter { p in p.afterStatus != nil && p.introEnd.map { Period.year.range(year - 2).contains($0) } == true }
        out["intro_work_or_education_share"] = share(ended.filter { $0.afterStatus != .other }.count, of: ended.count)
        let participants = r.nir.filter { $0.participated(range) }
        out["intro_formal_education_share"] = share(
            participants.filter { $0.has(.primarySchool) || $0.has(.upperSecondary) }.count,
            of: participants.count)
        let young = participants.filter { p in (CivilDate(dayNumber: p.introStart!).year - p.birthYear) < 25 }
        out["intro_under25_upper_secondary_goal_share"] =
            young.contains { $0.finalGoal != nil } ? share(young.filter { $0.finalGoal == .upperSecondary }.count, of: young.count) : nil
        // The municipal survey: of those who answered the question that year.
        let answers = r.survey.filter { $0.year == year }
        // The counts behind each share are kept as "<id>_yes" and "<id>_answered" for comments.
        func survey(_ id: String, _ answer: (SurveyAnswer) -> Bool?) {
            let given = answers.compactMap(answer)
            let yes = given.filter { $0 }.count
            out[id] = share(yes, of: given.count)
            if !given.isEmpty {
                out[id + "_yes"] = Double(yes)
                out[id + "_answered"] = Double(given.count)
            }
        }
        survey("municipalities_programme_goals_share", \.programmeGoals)
        survey("municipalities_interpreter_guidelines_share", \.interpreterGuidelines)
        survey("municipalities_offer_matches_needs_share", \.offerMatchesNeeds)
        survey("municipalities_formal_education_share") { a in
            a.primarySchool == nil && a.upperSecondary == nil ? nil : (a.primarySchool == true || a.upperSecondary == true)
        }
        // Jobbsjansen: participants who ended in the year with a registered outcome.
        func jobbsjansen(_ part: JobbsjansenPart?) -> Double? {
            let done = r.jobbsjansen.filter { p in
                p.outcome != nil && (part == nil || p.part == part) && p.end.map { range.contains($0) } == true
            }
            return share(done.filter { $0.outcome != .other }.count, of: done.count)
        }
        out["jobbsjansen_work_or_education_share"] = jobbsjansen(nil)
        out["jobbsjansen_a_work_or_education_share"] = jobbsjansen(.a)
        out["jobbsjansen_c_work_or_education_share"] = jobbsjansen(.c)
        if !r.interpreters.isEmpty {
            let k = InterpreterFigures.compute(r.interpreters, year: year)
            out["interpreters_in_register"] = k.interpretersInRegister > 0 ? Double(k.interpretersInRegister) : nil
            out["interpreters_top_categories_share"] = k.interpretersInRegister > 0 ? k.interpretersTopCategoriesShare : nil
        }
        return out
    }
}

/// Every indicator the system computes, whichever register measures it.
public enum IndicatorCatalogue {
    public static let all = SettlementIndicators.catalogue + QualificationIndicators.catalogue
    static let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    public static func definition(_ id: String) -> IndicatorDefinition? { byID[id] }
}
