extension ReportKind {
    /// URL word: "arsrapport" / "halvarsrapport".
    public var slug: String { self == .aar ? "arsrapport" : "halvarsrapport" }
    /// Command-line word: "annual" / "half".
    public var command: String { self == .aar ? "annual" : "half" }

    /// From a URL or command-line word.
    public init?(slug: String) {
        switch slug {
        case "arsrapport", "annual": self = .aar
        case "halvarsrapport", "half": self = .halvaar
        default: return nil
        }
    }
}

/// A generated report: parts with sections, each with people's text and tables filled from data.
public struct ReportDocument: Codable, Sendable, Equatable {
    public var kind: ReportKind
    public var year: Int
    public var title: String
    public var subtitle: String
    /// Counting date (telletidspunkt), ISO.
    public var countDate: String
    /// Deadline from the letter's reporting table, ISO, when known.
    public var deadline: String?
    public var parts: [ReportPart]

    public init(kind: ReportKind, year: Int, title: String, subtitle: String, countDate: String, deadline: String?, parts: [ReportPart]) {
        self.kind = kind
        self.year = year
        self.title = title
        self.subtitle = subtitle
        self.countDate = countDate
        self.deadline = deadline
        self.parts = parts
    }

    public var sections: [ReportSection] { parts.flatMap(\.sections) }
}

public struct ReportPart: Codable, Sendable, Equatable {
    /// "I" … "VI", or "1" … for the half-year report.
    public var number: String
    public var title: String
    public var sections: [ReportSection]
    public init(number: String, title: String, sections: [ReportSection]) {
        self.number = number
        self.title = title
        self.sections = sections
    }
}

public struct ReportSection: Codable, Sendable, Equatable {
    /// Stable key for stored text and comments, e.g. "leder".
    public var key: String
    public var title: String
    /// What the section should say (shown while the text is empty).
    public var guidance: String?
    /// Text people write; nil when the section is data only.
    public var text: String?
    public var editable: Bool
    public var tables: [ReportTable]
    /// Short texts people write per item of the section (the corrective action of each deviation).
    public var actions: [ReportAction]
    public init(
        key: String, title: String, guidance: String? = nil, text: String? = nil, editable: Bool = true, tables: [ReportTable] = [],
        actions: [ReportAction] = []
    ) {
        self.key = key
        self.title = title
        self.guidance = guidance
        self.text = text
        self.editable = editable
        self.tables = tables
        self.actions = actions
    }
}

/// A text written for one item of a section, stored under its own key.
public struct ReportAction: Codable, Sendable, Equatable {
    public var key: String
    /// What the text is about ("2021-11: Frist … er passert").
    public var label: String
    public var text: String?
    /// "svar" for the answer to a reporting demand (printed in the report under its label); nil
    /// for a corrective action (printed in the deviations table).
    public var kind: String?
    public init(key: String, label: String, text: String?, kind: String? = nil) {
        self.key = key
        self.label = label
        self.text = text
        self.kind = kind
    }
}

/// A table filled from data; every cell may link to the rows or document behind it.
public struct ReportTable: Codable, Sendable, Equatable {
    public var caption: String
    public var columns: [String]
    /// Columns that hold numbers (right-aligned).
    public var numeric: [Bool]
    public var rows: [[ReportCell]]
    /// Where the figures come from.
    public var source: String
    /// Rows marked as totals.
    public var totalRows: Set<Int>
    /// The page in Styr the whole table comes from (the statistics table), when there is one.
    public var link: String?

    public init(
        caption: String, columns: [String], numeric: [Bool]? = nil, rows: [[ReportCell]], source: String, totalRows: Set<Int> = [],
        link: String? = nil
    ) {
        self.caption = caption
        self.columns = columns
        self.numeric = numeric ?? columns.map { _ in false }
        self.rows = rows
        self.source = source
        self.totalRows = totalRows
        self.link = link
    }
}

extension ReportTable {
    /// The total rows in order: the same table always gives the same JSON, which a submitted
    /// report's hash is taken of (a `Set` is written in an order that varies between copies).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(caption, forKey: .caption)
        try c.encode(columns, forKey: .columns)
        try c.encode(numeric, forKey: .numeric)
        try c.encode(rows, forKey: .rows)
        try c.encode(source, forKey: .source)
        try c.encode(totalRows.sorted(), forKey: .totalRows)
        try c.encodeIfPresent(link, forKey: .link)
    }
}

public struct ReportCell: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    public var text: String
    /// Path in Styr (e.g. "/aar/2021/regnskap/290-01") the figure can be traced to.
    public var link: String?
    /// A status class for styling ("ok", "warning", "breached", "levert" …).
    public var mark: String?
    public init(_ text: String, link: String? = nil, mark: String? = nil) {
        self.text = text
        self.link = link
        self.mark = mark
    }
    public init(stringLiteral value: String) { self.init(value) }
}
