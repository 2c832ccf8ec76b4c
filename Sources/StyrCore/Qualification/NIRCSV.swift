import Foundation

/// The introduction register's extract (one row per person). Required: `person_id, kjonn,
/// fodselsar, kommune, rettighetskode`; the rest are optional dates and codes. Lists (`permisjon`
/// as `fra/til` periods, `tiltak` as codes) are separated by `|`.
extension NIRPerson: ExtractRecord {
    public static let columns = [
        "person_id", "kjonn", "fodselsar", "kommune", "rettighetskode", "krets_fra", "krets_til", "opplaering_start",
        "opplaering_slutt", "plikt_oppfylt", "norsk_175", "samf_start", "samf_fullfort", "intro_rett", "intro_krets_fra", "intro_start",
        "intro_slutt", "sluttarsak", "sluttmal", "permisjon", "tiltak", "status_aret_etter", "kartlagt_6", "kartlagt_10",
        "karriereveiledning",
    ]
    public static let required: Set<String> = ["person_id", "kjonn", "fodselsar", "kommune", "rettighetskode"]

    static func list(_ field: String) -> [String] {
        field.split(whereSeparator: { $0 == "|" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func leaves(_ r: inout RowReader) -> [ClosedRange<Int>] {
        list(r["permisjon"]).compactMap { period in
            let ends = period.split(separator: "/").map(String.init)
            guard ends.count == 2, let a = SettlementCSV.date(ends[0]), let b = SettlementCSV.date(ends[1]), a <= b else {
                r.problem("permisjon «\(period)» må være fra/til med to datoer i rekkefølge")
                return nil
            }
            return a...b
        }
    }

    static func order(_ r: inout RowReader, _ a: String, _ x: Int?, _ b: String, _ y: Int?) {
        if let x, let y, y < x { r.problem("\(b) er før \(a)") }
    }

    public var key: String? { "person_id \(personId)" }

    public var fields: [String] {
        let d = Extract.day
        return [
            personId, gender.rawValue, String(birthYear), kommune, right.rawValue, d(targetFrom), d(targetTo), d(trainingStart),
            d(trainingEnd), d(dutyFulfilled), d(completed175), d(socialStart), d(socialCompleted),
            introRight == .none ? "" : introRight.rawValue, d(introTargetFrom), d(introStart), d(introEnd), endReason?.rawValue ?? "",
            finalGoal?.rawValue ?? "", leaves.map { "\(d($0.lowerBound))/\(d($0.upperBound))" }.joined(separator: "|"),
            measures.map(\.rawValue).joined(separator: "|"),
            afterStatus?.rawValue ?? "", d(mapped6), d(mapped10), d(careerGuidance),
        ]
    }

    public init(reading r: inout RowReader, geography: Geography) {
        let id = r.text("person_id", max: 64)
        let gender = r.code("kjonn", Gender.self)
        let birthYear = r.int("fodselsar", in: 1900...2100)
        let kommune = r.kommune("kommune", geography: geography, allowUnknown: true)
        let right = r.code("rettighetskode", TrainingRight.self)
        self.init(personId: id ?? "", gender: gender ?? .male, birthYear: birthYear ?? 0, kommune: kommune ?? "", right: right ?? .none)
        targetFrom = r.date("krets_fra")
        targetTo = r.date("krets_til")
        trainingStart = r.date("opplaering_start")
        trainingEnd = r.date("opplaering_slutt")
        dutyFulfilled = r.date("plikt_oppfylt")
        completed175 = r.date("norsk_175")
        socialStart = r.date("samf_start")
        socialCompleted = r.date("samf_fullfort")
        introRight = r.code("intro_rett", IntroRight.self, required: false) ?? .none
        introTargetFrom = r.date("intro_krets_fra")
        introStart = r.date("intro_start")
        introEnd = r.date("intro_slutt")
        endReason = r.code("sluttarsak", EndReason.self, required: false)
        finalGoal = r.code("sluttmal", FinalGoal.self, required: false)
        afterStatus = r.code("status_aret_etter", AfterStatus.self, required: false)
        mapped6 = r.date("kartlagt_6")
        mapped10 = r.date("kartlagt_10")
        careerGuidance = r.date("karriereveiledning")
        leaves = Self.leaves(&r)
        measures = Self.list(r["tiltak"]).compactMap { code in
            guard let m = Measure(rawValue: code.lowercased()) else {
                r.problem("tiltak «\(code)» må være \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return m
        }
        Self.order(&r, "krets_fra", targetFrom, "krets_til", targetTo)
        Self.order(&r, "opplaering_start", trainingStart, "opplaering_slutt", trainingEnd)
        Self.order(&r, "samf_start", socialStart, "samf_fullfort", socialCompleted)
        Self.order(&r, "intro_start", introStart, "intro_slutt", introEnd)
        if introEnd != nil && introStart == nil { r.problem("intro_slutt er satt uten intro_start") }
        if endReason != nil && introEnd == nil { r.problem("sluttarsak er satt uten intro_slutt") }
        if introEnd != nil && endReason == nil { r.problem("sluttarsak mangler når intro_slutt er satt") }
        if afterStatus != nil && introEnd == nil { r.problem("status_aret_etter er satt uten intro_slutt") }
    }
}
