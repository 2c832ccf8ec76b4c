/// Kvalifikasjonskategori in the National interpreter register: 1–5 (until 2019), A–E (later).
/// 1–3 and A–C need interpreter education or state authorisation ("the top categories").
public enum InterpreterCategory: String, Codable, Sendable, CaseIterable {
    case c1 = "1", c2 = "2", c3 = "3", c4 = "4", c5 = "5"
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    public var isTop: Bool { [.c1, .c2, .c3, .a, .b, .c].contains(self) }
    /// 1 (best) … 5, for both naming schemes.
    public var rank: Int {
        switch self {
        case .c1, .a: 1
        case .c2, .b: 2
        case .c3, .c: 3
        case .c4, .d: 4
        case .c5, .e: 5
        }
    }
}

/// One interpreter in one language in the National interpreter register (Nasjonalt tolkeregister).
public struct InterpreterEntry: Codable, Sendable, Equatable {
    /// The interpreter's register id (not a national identity number).
    public var interpreter: String
    public var gender: Gender
    public var language: String
    public var category: InterpreterCategory
    public var stateAuthorised: Bool
    /// Day number (CivilDate) registered in this language.
    public var registered: Int
    /// Day number removed from the register, if removed.
    public var removed: Int?

    public init(
        interpreter: String, gender: Gender, language: String, category: InterpreterCategory, stateAuthorised: Bool, registered: Int,
        removed: Int? = nil
    ) {
        self.interpreter = interpreter
        self.gender = gender
        self.language = language
        self.category = category
        self.stateAuthorised = stateAuthorised
        self.registered = registered
        self.removed = removed
    }

    func active(at day: Int) -> Bool { registered <= day && (removed.map { $0 > day } ?? true) }
}

/// The register's key figures at 31 December of a year.
public struct InterpreterKeyFigures: Codable, Sendable, Equatable {
    public var interpretersInRegister: Int
    /// Percent of interpreters whose best category is a top one (1–3 / A–C).
    public var interpretersTopCategoriesShare: Double
    public var interpretersTopCategories: Int
    public var interpreterLanguages: Int
    /// Percent women.
    public var interpretersWomenShare: Double
    public var interpretersStateAuthorised: Int

    /// The JSON and column names stay snake_case (the command contract).
    enum CodingKeys: String, CodingKey {
        case interpretersInRegister = "interpreters_in_register"
        case interpretersTopCategoriesShare = "interpreters_top_categories_share"
        case interpretersTopCategories = "interpreters_top_categories"
        case interpreterLanguages = "interpreter_languages"
        case interpretersWomenShare = "interpreters_women_share"
        case interpretersStateAuthorised = "interpreters_state_authorised"
    }
}

public enum InterpreterFigures {
    public static func compute(_ entries: [InterpreterEntry], year: Int) -> InterpreterKeyFigures {
        let day = CivilDate(year: year, month: 12, day: 31)!.dayNumber
        let active = entries.filter { $0.active(at: day) }
        var best: [String: (rank: Int, gender: Gender, authorised: Bool)] = [:]
        for e in active {
            let prior = best[e.interpreter]
            best[e.interpreter] = (
                min(prior?.rank ?? 9, e.category.rank), e.gender, (prior?.authorised ?? false) || e.stateAuthorised
            )
        }
        let count = best.count
        let top = best.values.filter { $0.rank <= 3 }.count
        let women = best.values.filter { $0.gender == .female }.count
        func share(_ n: Int) -> Double { count == 0 ? 0 : (Double(n) / Double(count) * 1000).rounded() / 10 }
        return InterpreterKeyFigures(
            interpretersInRegister: count, interpretersTopCategoriesShare: share(top), interpretersTopCategories: top,
            interpreterLanguages: Set(active.map(\.language)).count, interpretersWomenShare: share(women),
            interpretersStateAuthorised: best.values.filter(\.authorised).count)
    }
}
