/// Demo data for every register besides settlement. Where the annual report 2017 publishes a
/// figure the rows reproduce it: the NIR key figures, the municipal survey behind SP 6, 7 and 11
/// (e.g. 98 of 304 municipalities with interpreter guidelines), Jobbsjansen part A (SP 9.1),
/// the interpreter register (SP 10) and the 284 state authorisations.
public enum QualificationDemo {
    /// NIR persons in the full-size demo (scale 1), for sizing benchmarks.
    public static let fullSizeNIR = 286_885.0

    public static func generate(seed: UInt64, geography: Geography, from: Int = 2012, to: Int = 2024, scale: Double = 1)
        -> QualificationRegisters
    {
        var r = QualificationRegisters()
        var rng = SeededRandom(seed: seed &+ 29)
        r.nir = NIRGenerator(seed: seed, geography: geography).generate(from: from, to: to, scale: scale)
        r.survey = survey(geography, from: max(from, 2014), to: to, rng: &rng)
        r.jobbsjansen = jobbsjansen(from: max(from, 2014), to: to, rng: &rng)
        r.interpreters = InterpreterDemo.entries(seed: seed)
        r.interpreterEvents = interpreterEvents(from: max(from, 2013), to: to, rng: &rng)
        for y in max(from, 2014)...to {
            let division = geography.division(for: y)
            func kommune() -> String { division.municipalities[rng.int(0...(division.municipalities.count - 1))].code }
            for _ in 0..<rng.int(12...22) {
                r.supervisions.append(
                    Supervision(
                        year: y, kommune: kommune(), topic: rng.chance(0.5) ? "Introduksjonsprogram" : "Opplæring i norsk",
                        breaches: rng.int(0...4)))
            }
            for _ in 0..<rng.int(90...160) {
                r.complaints.append(
                    Complaint(
                        year: y, kommune: kommune(), gender: rng.chance(0.55) ? .male : .female,
                        subject: ComplaintSubject.allCases[min(rng.int(0...7), rng.int(0...7))],
                        outcome: ComplaintOutcome.allCases[min(rng.int(0...3), rng.int(0...3))]))
            }
            for _ in 0..<rng.int(5...10) {
                r.workshops.append(
                    Workshop(
                        date: CivilDate(year: y, month: rng.int(1...12), day: rng.int(1...28))!.dayNumber,
                        place: ["Oslo", "Bergen", "Trondheim", "Kristiansand", "Tromsø", "Bodø"][rng.int(0...5)],
                        participants: rng.int(20...70)))
            }
            let backgrounds = [
                "Pakistan", "Somalia", "Irak", "Syria", "Afghanistan", "Marokko", "Tyrkia", "Eritrea", "Sri Lanka", "Iran", "Vietnam",
                "Kosovo",
            ]
            for _ in 0..<rng.int(500...800) {
                r.adviserCases.append(
                    AdviserCase(
                        year: y, adviser: rng.chance(0.7) ? .minority : .integration,
                        category: AdviserCaseCategory.allCases[min(rng.int(0...5), rng.int(0...5))],
                        gender: rng.chance(0.78) ? .female : .male,
                        age: rng.int(13...40), background: backgrounds[min(rng.int(0...11), rng.int(0...11))]))
            }
        }
        return r
    }

    /// Respondents and yes-answers per question; nil: not asked.
    struct SurveyYear {
        let respondents: Int
        let goals: Int
        let guidelines: Int
        /// Both, primary only, upper-secondary only (nil: not asked).
        let formal: (both: Int, primary: Int, upper: Int)?
        /// Upper-secondary only asked (2016).
        let upperOnly: Int?
        let matches: Int?
    }

    static func surveyYear(_ y: Int) -> SurveyYear {
        switch y {
        case 2014: return SurveyYear(respondents: 203, goals: 118, guidelines: 24, formal: nil, upperOnly: nil, matches: nil)
        case 2015: return SurveyYear(respondents: 302, goals: 172, guidelines: 78, formal: nil, upperOnly: nil, matches: nil)
        case 2016: return SurveyYear(respondents: 316, goals: 174, guidelines: 80, formal: nil, upperOnly: 104, matches: nil)
        case 2017: return SurveyYear(respondents: 304, goals: 182, guidelines: 98, formal: (149, 76, 24), upperOnly: nil, matches: nil)
        default:
            let k = y - 2017
            return SurveyYear(
                respondents: 300, goals: 180 + 3 * k, guidelines: 98 + 6 * k, formal: (150 + 3 * k, 76, 24), upperOnly: nil,
                matches: y >= 2019 ? 150 + 8 * (y - 2019) : nil)
        }
    }

    static func survey(_ geography: Geography, from: Int, to: Int, rng: inout SeededRandom) -> [SurveyAnswer] {
        var out: [SurveyAnswer] = []
        for y in from...to {
            let s = surveyYear(y)
            var codes = geography.division(for: y).municipalities.map(\.code)
            for i in 0..<min(s.respondents, codes.count) { codes.swapAt(i, rng.int(i...(codes.count - 1))) }
            for (i, k) in codes.prefix(s.respondents).enumerated() {
                var a = SurveyAnswer(
                    year: y, kommune: k, programmeGoals: i < s.goals, interpreterGuidelines: (i + 37) % s.respondents < s.guidelines)
                if let f = s.formal {
                    a.primarySchool = i < f.both + f.primary
                    a.upperSecondary = i < f.both || (i >= f.both + f.primary && i < f.both + f.primary + f.upper)
                }
                if let u = s.upperOnly { a.upperSecondary = (i + 91) % s.respondents < u }
                if let m = s.matches { a.offerMatchesNeeds = (i + 53) % s.respondents < m }
                out.append(a)
            }
        }
        return out
    }

    /// Part A from 2014 (58 / 71 / 73 % to work or education for those ending 2014–2016; the 2017
    /// results are not registered yet), parts B and C from 2017.
    static func jobbsjansen(from: Int, to: Int, rng: inout SeededRandom) -> [JobbsjansenParticipant] {
        var out: [JobbsjansenParticipant] = []
        let partA: [Int: (ended: Int, hits: Int?)] = [2014: (400, 232), 2015: (450, 320), 2016: (500, 365), 2017: (480, nil)]
        var n = 0
        for y in from...to {
            for part in JobbsjansenPart.allCases where part == .a || y >= 2017 {
                let plan: (ended: Int, hits: Int?) =
                    part == .a
                    ? (partA[y] ?? (450, y >= 2024 ? nil : 300))
                    : (part == .b ? (150, y >= 2024 ? nil : 100) : (120, y >= 2019 && y < 2024 ? 85 : nil))
                for i in 0..<plan.ended {
                    n += 1
                    let end = CivilDate(year: y, month: rng.int(1...12), day: rng.int(1...28))!.dayNumber
                    let outcome: AfterStatus? = plan.hits.map { i < $0 ? (rng.chance(0.7) ? .work : .education) : .other }
                    out.append(
                        JobbsjansenParticipant(
                            id: "J\(n)", part: part, gender: part == .a ? .female : (rng.chance(0.5) ? .male : .female),
                            start: end - rng.int(300...700),
                            end: end, outcome: outcome))
                }
            }
        }
        return out
    }

    /// State authorisations (230 before 2013, 284 in total by 2017), bilingual tests, TAO and searches.
    static func interpreterEvents(from: Int, to: Int, rng: inout SeededRandom) -> [InterpreterEvent] {
        var out: [InterpreterEvent] = []
        let languages = InterpreterDemo.languages
        func date(_ y: Int) -> Int { CivilDate(year: y, month: rng.int(1...12), day: rng.int(1...28))!.dayNumber }
        for i in 0..<230 {
            out.append(
                InterpreterEvent(
                    date: date(1997 + i % 16), kind: .authorisation, language: languages[min(rng.int(0...25), rng.int(0...25))],
                    gender: rng.chance(0.55) ? .female : .male))
        }
        let authorised = [2013: 12, 2014: 14, 2015: 9, 2016: 9, 2017: 10]
        for y in from...to {
            for _ in 0..<(authorised[y] ?? 15) {
                out.append(
                    InterpreterEvent(
                        date: date(y), kind: .authorisation, language: languages[min(rng.int(0...25), rng.int(0...25))],
                        gender: rng.chance(0.55) ? .female : .male))
            }
            for _ in 0..<rng.int(300...450) {
                out.append(
                    InterpreterEvent(
                        date: date(y), kind: .bilingualTest, language: languages[min(rng.int(0...40), rng.int(0...40))],
                        gender: rng.chance(0.55) ? .female : .male,
                        result: rng.chance(0.62) ? .passed : .failed))
            }
            for _ in 0..<rng.int(180...260) {
                out.append(
                    InterpreterEvent(
                        date: date(y), kind: .tao, language: languages[min(rng.int(0...40), rng.int(0...40))],
                        gender: rng.chance(0.55) ? .female : .male, result: .passed))
            }
            for m in 1...12 {
                out.append(
                    InterpreterEvent(
                        date: CivilDate(year: y, month: m, day: 1)!.dayNumber, kind: .search,
                        count: 12_000 + 1_500 * (y - 2013) + rng.int(0...3_000)))
            }
        }
        return out
    }
}
