/// Detects a history file's format (unless forced) and parses it.
public enum HistoryImport {
    public static func detect(_ text: String) -> HistoryFormat? {
        if IMDiCrossTable.matches(text) { return .imdi }
        if HistoryLongCSV.matches(text) { return .long }
        if SSBTables.matchesJSONStat(text) { return .ssbJSONStat }
        if SSBTables.matchesCSV(text) { return .ssbCSV }
        return nil
    }

    public static func parse(_ text: String, format: HistoryFormat?, geography: Geography, title: String) throws -> HistoryTable {
        guard let format = format ?? detect(text) else {
            throw HistoryFileError(
                line: 1, "Kjenner ikke igjen formatet; bruk --format imdi, ssb-jsonstat, ssb-csv eller long.")
        }
        var table: HistoryTable
        switch format {
        case .imdi: table = try IMDiCrossTable.parse(text, geography: geography, title: title)
        case .long: table = try HistoryLongCSV.parse(text, geography: geography, title: title)
        case .ssbJSONStat: table = try SSBTables.parseJSONStat(text, geography: geography)
        case .ssbCSV: table = try SSBTables.parseCSV(text, geography: geography)
        }
        if table.title.isEmpty { table.title = title }
        table.warnings += HistoryQuery.mismatches(table, geography: geography)
        return table
    }
}
