/// What a ledger row records.
public enum LedgerKind: String, Codable, Sendable, CaseIterable {
    /// Booked expense (expense chapters) or income (income chapters 3000–5999) in the month.
    case regnskap
    /// The directorate's forecast for a month not yet booked.
    case prognose
    /// Unspent appropriation carried over from last year (Note A, «Overført fra i fjor»).
    case overfort
    /// Amount moved from post 01 to post 45 of the same chapter (row on post 45).
    case omdisponering
    /// Income from selling used equipment, net-budgeted on post 01/21 (already netted in `regnskap`).
    case utstyrssalg
    /// Commitment under a multi-year rental or service contract falling due in the row's year.
    case forpliktelse
    /// Årets tildeling on a post, for a year whose allocation letter is not in Styr: the figure the
    /// accounts' own statement prints (Note A, «Årets tildelinger»). The text names the chapter and
    /// the post, «Kapittelnavn | Posttekst»; the post text's stikkord («kan overføres»,
    /// «overslagsbevilgning») become the post's flags. A stored letter's budget always wins.
    case tildeling

    public var label: String {
        switch self {
        case .regnskap: "Regnskap"
        case .prognose: "Prognose"
        case .overfort: "Overført fra i fjor"
        case .omdisponering: "Omdisponert fra post 01"
        case .utstyrssalg: "Salg av brukt utstyr (nettoført)"
        case .forpliktelse: "Forpliktelse etter flerårig avtale"
        case .tildeling: "Årets tildeling (fra regnskapet)"
        }
    }
}

/// One row of the ledger extract: an amount on a chapter/post in a month.
public struct LedgerEntry: Codable, Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var chapter: Int
    public var post: Int
    /// Amount in øre (hundredths of a krone); negative for corrections.
    public var amountOre: Int
    public var kind: LedgerKind
    public var text: String

    public init(year: Int, month: Int, chapter: Int, post: Int, amountOre: Int, kind: LedgerKind = .regnskap, text: String = "") {
        self.year = year
        self.month = month
        self.chapter = chapter
        self.post = post
        self.amountOre = amountOre
        self.kind = kind
        self.text = text
    }

    /// Income chapters of the state budget are numbered 3000–5999.
    public var isIncome: Bool { Self.isIncomeChapter(chapter) }

    public static func isIncomeChapter(_ chapter: Int) -> Bool { (3000..<6000).contains(chapter) }
}

/// Kroner from øre, rounded half away from zero (reports show whole kroner).
public func kroner(fromOre ore: Int) -> Int {
    ore >= 0 ? (ore + 50) / 100 : -((-ore + 50) / 100)
}
