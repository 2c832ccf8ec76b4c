import Foundation

/// Etatsstyringsmøte: a steering meeting between the ministry and the directorate. The letter
/// announces them (2021: two, on the annual and the half-year report, with the directorate's risk
/// and materiality assessment); the minutes are approved by both and sent on to Riksrevisjonen,
/// and both sides evaluate the meeting afterwards on the evaluation form.
public struct Etatsstyringsmote: Codable, Sendable, Equatable {
    /// The two parties of the steering dialogue.
    public enum Side: String, Codable, CodingKeyRepresentable, Sendable, CaseIterable {
        case ministry = "departement"
        case directorate = "direktorat"

        /// Bokmål label for the UI.
        public var label: String { self == .ministry ? "Departementet" : "Direktoratet" }
    }

    /// Who did something, and on which day (ISO).
    public struct Signed: Codable, Sendable, Equatable {
        public var by: String
        public var on: String
        public init(by: String, on: String) { (self.by, self.on) = (by, on) }
    }

    /// One side's answer on the evaluation form: a rating from 1 (poor) to 5 (very good) and a comment.
    public struct Evaluation: Codable, Sendable, Equatable {
        public var rating: Int
        public var comment: String
        public var signed: Signed
    }

    public var id: String
    public var year: Int
    /// ISO date of the meeting.
    public var date: String
    public var title: String
    public var agenda: String
    /// The directorate's risk and materiality assessment, given before the meeting.
    public var riskInput: String?
    public var riskInputSigned: Signed?
    /// Referat: the minutes, written after the meeting.
    public var minutes: String?
    public var minutesSigned: Signed?
    public var approvals: [Side: Signed] = [:]
    /// When the approved minutes were sent to Riksrevisjonen.
    public var sentToRiksrevisjonen: Signed?
    public var evaluations: [Side: Evaluation] = [:]

    public init(id: String, year: Int, date: String, title: String, agenda: String) {
        (self.id, self.year, self.date, self.title, self.agenda) = (id, year, date, title, agenda)
    }

    /// Where the meeting stands, in the order things happen.
    public var stage: String {
        if sentToRiksrevisjonen != nil { return "Referat sendt Riksrevisjonen" }
        if approvals.count == Side.allCases.count { return "Referat godkjent av begge" }
        if minutes != nil { return approvals.isEmpty ? "Referat til godkjenning" : "Referat godkjent av én part" }
        return riskInput == nil ? "Planlagt" : "Risikoinnspill mottatt"
    }
}

/// The rules of the steering meetings: what each step needs and when it may be taken.
public enum EtatsstyringsmoteRules {
    static let maxLength = 20_000

    /// A planned meeting from the ministry's form: a date in the year and a title.
    public static func plan(
        id: String, year: Int, date: String?, title: String?, agenda: String?
    ) -> Result<Etatsstyringsmote, FieldErrors> {
        var errors: [String: String] = [:]
        let day = day(trimmed(date))
        if day == nil {
            errors["date"] = "Møtedatoen må være en dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)."
        } else if day!.year != year {
            errors["date"] = "Møtet må ligge i \(year)."
        }
        let title = trimmed(title)
        if title.isEmpty { errors["title"] = "Gi møtet en tittel, for eksempel «Etatsstyringsmøte om årsrapporten \(year - 1)»." }
        if title.count > 200 { errors["title"] = "Tittelen er for lang (over 200 tegn)." }
        let agenda = trimmed(agenda)
        if agenda.count > maxLength { errors["agenda"] = "Dagsordenen er for lang (over \(maxLength) tegn)." }
        guard errors.isEmpty, let day else { return .failure(FieldErrors(errors)) }
        return .success(Etatsstyringsmote(id: id, year: year, date: day.iso, title: title, agenda: agenda))
    }

    /// The directorate's risk input, up to and including the meeting day.
    public static func riskInput(
        _ m: Etatsstyringsmote, text: String?, by: String, today: CivilDate
    ) -> Result<Etatsstyringsmote, FieldErrors> {
        let text = trimmed(text)
        if text.isEmpty { return fail("riskInput", "Skriv direktoratets risiko- og vesentlighetsvurdering.") }
        if text.count > maxLength { return fail("riskInput", "Teksten er for lang (over \(maxLength) tegn).") }
        if today.iso > m.date {
            return fail("riskInput", "Risikoinnspillet skal komme før møtet (\(NorwegianText.shortDate(m.date))).")
        }
        var out = m
        (out.riskInput, out.riskInputSigned) = (text, Etatsstyringsmote.Signed(by: by, on: today.iso))
        return .success(out)
    }

    /// The minutes, from the meeting day until they are sent on. A changed text must be approved again.
    public static func minutes(
        _ m: Etatsstyringsmote, text: String?, by: String, today: CivilDate
    ) -> Result<Etatsstyringsmote, FieldErrors> {
        let text = trimmed(text)
        if text.isEmpty { return fail("minutes", "Skriv referatet.") }
        if text.count > maxLength { return fail("minutes", "Referatet er for langt (over \(maxLength) tegn).") }
        if today.iso < m.date { return fail("minutes", "Referatet skrives etter møtet (\(NorwegianText.shortDate(m.date))).") }
        if m.sentToRiksrevisjonen != nil { return fail("minutes", "Referatet er sendt Riksrevisjonen og kan ikke endres.") }
        var out = m
        if text != m.minutes { out.approvals = [:] }
        (out.minutes, out.minutesSigned) = (text, Etatsstyringsmote.Signed(by: by, on: today.iso))
        return .success(out)
    }

    /// One side approves the minutes as they stand.
    public static func approve(
        _ m: Etatsstyringsmote, side: Etatsstyringsmote.Side, by: String, today: CivilDate
    ) -> Result<Etatsstyringsmote, FieldErrors> {
        if m.minutes == nil { return fail("approve", "Det finnes ikke noe referat å godkjenne ennå.") }
        if m.approvals[side] != nil { return fail("approve", "\(side.label) har allerede godkjent referatet.") }
        if m.sentToRiksrevisjonen != nil { return fail("approve", "Referatet er allerede sendt Riksrevisjonen.") }
        var out = m
        out.approvals[side] = Etatsstyringsmote.Signed(by: by, on: today.iso)
        return .success(out)
    }

    /// The minutes approved by both go to Riksrevisjonen, once.
    public static func send(_ m: Etatsstyringsmote, by: String, today: CivilDate) -> Result<Etatsstyringsmote, FieldErrors> {
        if m.sentToRiksrevisjonen != nil { return fail("send", "Referatet er allerede sendt Riksrevisjonen.") }
        let missing = Etatsstyringsmote.Side.allCases.filter { m.approvals[$0] == nil }
        if !missing.isEmpty {
            return fail(
                "send", "Referatet må godkjennes av begge før det sendes; mangler: \(missing.map(\.label).joined(separator: ", ")).")
        }
        var out = m
        out.sentToRiksrevisjonen = Etatsstyringsmote.Signed(by: by, on: today.iso)
        return .success(out)
    }

    /// One side's evaluation form, after the meeting, once.
    public static func evaluate(
        _ m: Etatsstyringsmote, side: Etatsstyringsmote.Side, rating: String?, comment: String?, by: String, today: CivilDate
    ) -> Result<Etatsstyringsmote, FieldErrors> {
        var errors: [String: String] = [:]
        if today.iso < m.date { errors["rating"] = "Møtet evalueres etter at det er holdt (\(NorwegianText.shortDate(m.date)))." }
        if m.evaluations[side] != nil { errors["rating"] = "\(side.label) har allerede evaluert møtet." }
        let score = Int(trimmed(rating))
        if score.map({ !(1...5).contains($0) }) ?? true { errors["rating"] = errors["rating"] ?? "Velg en vurdering fra 1 til 5." }
        let comment = trimmed(comment)
        if comment.count > maxLength { errors["comment"] = "Kommentaren er for lang (over \(maxLength) tegn)." }
        guard errors.isEmpty, let score else { return .failure(FieldErrors(errors)) }
        var out = m
        out.evaluations[side] = Etatsstyringsmote.Evaluation(
            rating: score, comment: comment, signed: Etatsstyringsmote.Signed(by: by, on: today.iso))
        return .success(out)
    }

    /// What the year's letter announces about steering meetings («to etatsstyringsmøter …»), for
    /// the ministry planning them.
    public static func announced(_ letter: SteeringDocument) -> [Meeting] {
        letter.meetings.filter { $0.type.lowercased().contains("etatsstyring") }
    }

    /// A date as a person types it: «2021-03-10», «10.03.2021» or «10. mars 2021».
    static func day(_ text: String) -> CivilDate? {
        if let d = CivilDate(iso: text) { return d }
        let found = NorwegianText.dates(in: text)
        return found.count == 1 && text.count <= 20 ? CivilDate(iso: found[0]) : nil
    }

    static func fail(_ field: String, _ message: String) -> Result<Etatsstyringsmote, FieldErrors> {
        .failure(FieldErrors([field: message]))
    }

    static func trimmed(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}
