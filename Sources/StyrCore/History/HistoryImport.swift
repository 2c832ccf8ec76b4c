import Foundation

/// Detects a history file's format (unless forced) and parses it.
public enum HistoryImport {
    /// The formats in the order they are tried; each test looks at the first lines only.
    public static func detect(_ text: String) -> HistoryFormat? {
        if IMDiLongFiles.matchesIndicator(text) { return .imdiIndicator }
        if IMDiLongFiles.matchesDownload(text) { return .imdiDownload }
        if HistoryLongCSV.matches(text) { return .long }
        if IMDiCrossTable.matches(text) { return .imdi }
        if SSBTables.matchesJSONStat(text) { return .ssbJSONStat }
        if SSBTables.matchesCSV(text) { return .ssbCSV }
        return nil
    }

    public static let formatHelp = "bruk --format \(HistoryFormat.allCases.map(\.rawValue).joined(separator: ", "))"

    public static func parse(_ text: String, format: HistoryFormat?, geography: Geography, title: String) throws -> HistoryTable {
        try parse(text, format: format, geography: geography, title: title, skipInvalid: false)
    }

    /// Reads a file's bytes as downloaded (ISO-8859-1, Windows-1252 or UTF-8 with or without BOM).
    public static func parse(data: Data, format: HistoryFormat?, geography: Geography, title: String, skipInvalid: Bool = false) throws
        -> HistoryTable
    {
        try parse(HistoryText.decode(data), format: format, geography: geography, title: title, skipInvalid: skipInvalid)
    }

    /// `skipInvalid`: import the lines without problems and list every problem in `skipped`
    /// instead of rejecting the file (a file whose header cannot be read is still rejected).
    public static func parse(_ text: String, format: HistoryFormat?, geography: Geography, title: String, skipInvalid: Bool) throws
        -> HistoryTable
    {
        guard let format = format ?? detect(text) else {
            throw HistoryFileError(line: 1, "Kjenner ikke igjen formatet; \(formatHelp).")
        }
        var table: HistoryTable
        switch format {
        case .imdi: table = try IMDiCrossTable.parse(text, geography: geography, title: title, skipInvalid: skipInvalid)
        case .long: table = try HistoryLongCSV.parse(text, geography: geography, title: title, skipInvalid: skipInvalid)
        case .imdiDownload: table = try IMDiLongFiles.parseDownload(text, geography: geography, title: title, skipInvalid: skipInvalid)
        case .imdiIndicator: table = try IMDiLongFiles.parseIndicator(text, geography: geography, title: title, skipInvalid: skipInvalid)
        case .ssbJSONStat: table = try SSBTables.parseJSONStat(text, geography: geography, skipInvalid: skipInvalid)
        case .ssbCSV: table = try SSBTables.parseCSV(text, geography: geography, skipInvalid: skipInvalid)
        }
        if table.title.isEmpty { table.title = title }
        table.totals = HistoryQuery.totalMismatches(table, geography: geography)
        table.warnings += table.totals.map(HistoryQuery.describe)
        table.published = HistoryPublishedFigures.check(table, geography: geography)
        table.warnings += table.published.filter { !$0.agrees }.map(HistoryPublishedFigures.describe)
        return table
    }
}
