import Foundation

/// Reads the interpreter register extract (CSV, one row per interpreter and language):
/// `tolk_id, kjonn, sprak, kategori, registrert` required; `statsautorisert` (ja/nei) and
/// `avregistrert` (date) optional. Every bad row is reported with its line and reason.
public enum InterpreterCSV {
    public static let columns = ["tolk_id", "kjonn", "sprak", "kategori", "statsautorisert", "registrert", "avregistrert"]
    public static let required: Set<String> = ["tolk_id", "kjonn", "sprak", "kategori", "registrert"]

    public static func parse(_ text: String, maxRows: Int = 500_000) throws -> (rows: [InterpreterEntry], errors: [ImportIssue]) {
        try Extract.rows(text, columns: columns, required: required, maxRows: maxRows, key: { "tolk \($0.interpreter) med \($0.language)" })
        {
            read(&$0)
        }
    }

    /// One row; the reader collects every problem.
    static func read(_ r: inout RowReader) -> InterpreterEntry {
        let id = r["tolk_id"]
        if id.isEmpty || id.count > 40 { r.problem("tolk_id mangler eller er for lang") }
        let gender = Gender(rawValue: r["kjonn"].lowercased())
        if gender == nil { r.problem("kjonn må være m eller k") }
        let language = r["sprak"].lowercased()
        if language.isEmpty || language.count > 60 { r.problem("sprak mangler") }
        let category = InterpreterCategory(rawValue: r["kategori"].uppercased())
        if category == nil { r.problem("kategori «\(r["kategori"])» må være 1–5 eller A–E") }
        let authorised = r.flag("statsautorisert")
        let registered = r.requiredDate("registrert")
        let removed = r.date("avregistrert")
        if let a = registered, let x = removed, x < a { r.problem("avregistrert er før registrert") }
        // A row with problems is dropped; the placeholders below are never stored.
        return InterpreterEntry(
            interpreter: id, gender: gender ?? .female, language: language, category: category ?? .e, stateAuthorised: authorised,
            registered: registered ?? 0, removed: removed)
    }

    public static func csv(_ entries: [InterpreterEntry]) -> String {
        var lines = [columns.joined(separator: ";")]
        for e in entries {
            lines.append(
                [
                    e.interpreter, e.gender.rawValue, e.language, e.category.rawValue, e.stateAuthorised ? "ja" : "nei",
                    CivilDate(dayNumber: e.registered).iso, e.removed.map { CivilDate(dayNumber: $0).iso } ?? "",
                ].joined(separator: ";"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Demo register whose year-end figures are the annual report 2017's (SP 10 and section 3.3):
/// 1 300 / 1 450 / 1 671 / 1 822 interpreters in 2014–2017 with 64 / 64 / 60 / 60 % in the top
/// categories (the 1 800 printed between 2016 and 2017 is the 2017 requirement, not a result); in 2017 67 languages, 58 % women, 239 state-authorised interpreters
/// in the register (84 % of the 284 authorised). Deterministic; the engine computes the figures.
public enum InterpreterDemo {
    public static let languages = [
        "arabisk", "somali", "tigrinja", "persisk", "dari", "pashto", "sorani", "kurmanji", "tyrkisk", "russisk", "polsk", "litauisk",
        "latvisk", "estisk", "ukrainsk", "rumensk", "bulgarsk", "serbisk", "kroatisk", "bosnisk", "albansk", "makedonsk", "gresk",
        "ungarsk", "tsjekkisk", "slovakisk", "slovensk", "spansk", "portugisisk", "fransk", "italiensk", "tysk", "nederlandsk", "engelsk",
        "mandarin", "kantonesisk", "vietnamesisk", "thai", "burmesisk", "karen", "tamil", "singalesisk", "urdu", "hindi", "panjabi",
        "bengali", "nepali", "tagalog", "indonesisk", "japansk", "koreansk", "amharisk", "oromo", "swahili", "kinyarwanda", "kirundi",
        "lingala", "wolof", "hausa", "yoruba", "hebraisk", "armensk", "georgisk", "aserbajdsjansk", "usbekisk", "tsjetsjensk",
        "mongolsk",
    ]

    /// Year → (new interpreters, of whom in a top category, of whom women, of whom state-authorised).
    static let cohorts: [(year: Int, count: Int, top: Int, women: Int, authorised: Int)] = [
        (2014, 1300, 832, 754, 199), (2015, 150, 96, 87, 12), (2016, 221, 75, 128, 9), (2017, 151, 87, 88, 19),
    ]

    public static func entries(seed: UInt64 = 1) -> [InterpreterEntry] {
        var rng = SeededRandom(seed: seed)
        var out: [InterpreterEntry] = []
        var n = 0
        for c in cohorts {
            for i in 0..<c.count {
                n += 1
                let top = i < c.top
                let authorised = i < c.authorised
                let day = CivilDate(year: c.year, month: rng.int(1...12), day: rng.int(1...28))!.dayNumber
                // The first interpreters cover every language once; the rest speak the common ones.
                let language = n <= languages.count ? languages[n - 1] : languages[min(rng.int(0...19), rng.int(0...40))]
                let rank = authorised ? 1 : top ? rng.int(2...3) : rng.int(4...5)
                let category = InterpreterCategory.allCases[rank - 1]
                let gender: Gender = (i * 7919) % c.count < c.women ? .female : .male
                let id = "T\(String(format: "%05d", n))"
                out.append(
                    InterpreterEntry(
                        interpreter: id, gender: gender, language: language, category: category, stateAuthorised: authorised,
                        registered: day))
                if rng.chance(0.12) {
                    let second = languages[rng.int(0...19)]
                    if second != language {
                        out.append(
                            InterpreterEntry(
                                interpreter: id, gender: gender, language: second, category: .c5, stateAuthorised: false, registered: day))
                    }
                }
            }
        }
        return out
    }
}
