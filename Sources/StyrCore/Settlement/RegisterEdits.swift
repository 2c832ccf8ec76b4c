/// A change to one person's allocation and settlement, as typed in a form or sent to the API.
/// Empty strings mean "none"; every error names its field.
public struct PersonSettlementEdit: Sendable, Codable, Equatable {
    public var allocatedKommune: String?
    public var allocatedDate: String?
    public var settledKommune: String?
    public var settledDate: String?

    public init(allocatedKommune: String? = nil, allocatedDate: String? = nil, settledKommune: String? = nil, settledDate: String? = nil) {
        self.allocatedKommune = allocatedKommune
        self.allocatedDate = allocatedDate
        self.settledKommune = settledKommune
        self.settledDate = settledDate
    }

    /// The form's current values for a person.
    public init(_ p: SettlementPerson) {
        self.init(
            allocatedKommune: p.allocatedKommune ?? "", allocatedDate: p.allocatedDay.map { CivilDate(dayNumber: $0).iso } ?? "",
            settledKommune: p.settledKommune ?? "", settledDate: p.settledDay.map { CivilDate(dayNumber: $0).iso } ?? "")
    }

    public var fields: [String: String] {
        [
            "allocatedKommune": allocatedKommune ?? "", "allocatedDate": allocatedDate ?? "", "settledKommune": settledKommune ?? "",
            "settledDate": settledDate ?? "",
        ]
    }

    public func apply(to person: SettlementPerson, geography: Geography) -> Result<SettlementPerson, FieldErrors> {
        var errors: [String: String] = [:]
        func date(_ field: String, _ value: String?) -> Int? {
            guard let s = Self.clean(value) else { return nil }
            guard let d = CivilDate(iso: s) else {
                errors[field] = "Datoen må være ÅÅÅÅ-MM-DD."
                return nil
            }
            return d.dayNumber
        }
        let settledDay = date("settledDate", settledDate)
        let allocatedDay = date("allocatedDate", allocatedDate)
        let settledKommune = Self.clean(settledKommune)
        let allocatedKommune = Self.clean(allocatedKommune)
        if let s = settledDay, s < person.permitDay { errors["settledDate"] = "Bosettingsdatoen kan ikke være før vedtaksdatoen." }
        if let a = allocatedDay, a < person.permitDay { errors["allocatedDate"] = "Tildelingsdatoen kan ikke være før vedtaksdatoen." }
        if errors["settledDate"] == nil && (settledKommune == nil) != (settledDay == nil) {
            errors["settledKommune"] = "Bosettingskommune og bosettingsdato må fylles ut sammen."
        }
        if let k = settledKommune, let d = settledDay {
            let year = CivilDate(dayNumber: d).year
            if geography.division(for: year).municipality(k) == nil { errors["settledKommune"] = "Kommune \(k) fantes ikke \(year)." }
        }
        if let a = allocatedKommune {
            let year = CivilDate(dayNumber: allocatedDay ?? person.permitDay).year
            if geography.division(for: year).municipality(a) == nil { errors["allocatedKommune"] = "Kommune \(a) fantes ikke \(year)." }
        }
        guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
        var p = person
        p.settledKommune = settledKommune
        p.settledDay = settledDay
        p.allocatedKommune = allocatedKommune
        p.allocatedDay = allocatedDay
        return .success(p)
    }

    static func clean(_ s: String?) -> String? {
        s.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A change to a year's request to one municipality and its decision. The directorate sets the
/// request and the county's recommendation; a municipality records only its own decision (vedtak).
public struct RequestEdit: Sendable, Codable, Equatable {
    public var requested: Int?
    public var requestedMinors: Int?
    public var decided: Int?
    public var decidedMinors: Int?
    public var countyRecommendation: Int?

    public init(
        requested: Int? = nil, requestedMinors: Int? = nil, decided: Int? = nil, decidedMinors: Int? = nil,
        countyRecommendation: Int? = nil
    ) {
        self.requested = requested
        self.requestedMinors = requestedMinors
        self.decided = decided
        self.decidedMinors = decidedMinors
        self.countyRecommendation = countyRecommendation
    }

    /// Form field names, in the order the form shows them.
    public static let fieldNames = ["requested", "requestedMinors", "countyRecommendation", "decided", "decidedMinors"]

    /// Reads form fields (text) and validates the result: a field that is not a whole number is an
    /// error named by field, reported together with every rule the other fields break.
    public static func fromForm(
        _ form: [String: String], year: Int, kommune: String, existing: MunicipalRequest?, decisionOnly: Bool, geography: Geography
    ) -> Result<MunicipalRequest, FieldErrors> {
        var errors: [String: String] = [:]
        func number(_ field: String) -> Int? {
            guard let s = PersonSettlementEdit.clean(form[field]) else { return nil }
            guard let n = Int(s.replacingOccurrences(of: " ", with: "")) else {
                errors[field] = "Må være et heltall."
                return nil
            }
            return n
        }
        var edit = RequestEdit(
            requested: number("requested"), requestedMinors: number("requestedMinors"), decided: number("decided"),
            decidedMinors: number("decidedMinors"), countyRecommendation: number("countyRecommendation"))
        if decisionOnly {
            // The form shows a municipality only the decision fields.
            edit.requested = nil
            edit.requestedMinors = nil
            edit.countyRecommendation = nil
        }
        let result = edit.apply(year: year, kommune: kommune, to: existing, decisionOnly: decisionOnly, geography: geography)
        if case .failure(let e) = result { errors.merge(e.fields) { parse, _ in parse } }
        return errors.isEmpty ? result : .failure(FieldErrors(errors))
    }

    /// The request after this edit. `decisionOnly` is a municipality's edit: only `decided` and
    /// `decidedMinors` may change, and only on an existing request.
    public func apply(
        year: Int, kommune: String, to existing: MunicipalRequest?, decisionOnly: Bool, geography: Geography
    ) -> Result<MunicipalRequest, FieldErrors> {
        var errors: [String: String] = [:]
        if geography.division(for: year).municipality(kommune) == nil { errors["kommune"] = "Kommune \(kommune) fantes ikke \(year)." }
        if decisionOnly {
            if existing == nil { errors["decided"] = "Kommunen har ingen anmodning for \(year) å fatte vedtak om." }
            for (field, value) in [
                ("requested", requested), ("requestedMinors", requestedMinors), ("countyRecommendation", countyRecommendation),
            ]
            where value != nil && value != Self.value(field, of: existing) {
                errors[field] = "Bare direktoratet kan endre anmodningen og fylkets anbefaling."
            }
        }
        let r = MunicipalRequest(
            year: year, kommune: kommune, requested: decisionOnly ? existing?.requested ?? 0 : requested ?? -1,
            requestedMinors: decisionOnly ? existing?.requestedMinors ?? 0 : requestedMinors ?? 0, decided: decided,
            decidedMinors: decidedMinors,
            countyRecommendation: decisionOnly ? existing?.countyRecommendation : countyRecommendation)
        if !decisionOnly && requested == nil { errors["requested"] = "Fyll inn antall anmodet." }
        for field in Self.fieldNames where (Self.value(field, of: r) ?? 0) < 0 && errors[field] == nil {
            errors[field] = "Kan ikke være negativt."
        }
        if errors["requestedMinors"] == nil, errors["requested"] == nil, r.requestedMinors > r.requested {
            errors["requestedMinors"] = "Kan ikke være flere enn anmodet totalt."
        }
        if errors["decidedMinors"] == nil, let m = r.decidedMinors {
            if let d = r.decided {
                if m > d { errors["decidedMinors"] = "Kan ikke være flere enn vedtatte plasser totalt." }
            } else {
                errors["decidedMinors"] = "Fyll inn vedtatte plasser totalt når enslige mindreårige er fylt inn."
            }
        }
        return errors.isEmpty ? .success(r) : .failure(FieldErrors(errors))
    }

    /// A request's value for a form field name.
    public static func value(_ field: String, of r: MunicipalRequest?) -> Int? {
        guard let r else { return nil }
        switch field {
        case "requested": return r.requested
        case "requestedMinors": return r.requestedMinors
        case "decided": return r.decided
        case "decidedMinors": return r.decidedMinors
        default: return r.countyRecommendation
        }
    }
}
