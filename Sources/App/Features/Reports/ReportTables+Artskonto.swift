import StyrCore

extension ReportTables {
    /// The rows as whole kroner, as the accounts are printed; sums and headings marked.
    static func rows(_ rows: [ArtskontoStatement.Row], withNote: Bool) -> (cells: [[ReportCell]], totals: Set<Int>) {
        var totals: Set<Int> = []
        let cells = rows.enumerated().map { i, r -> [ReportCell] in
            if r.kind != .line { totals.insert(i) }
            let values = r.values.map { v in ReportCell(v.map { Money.kroner(kroner(fromOre: $0)) } ?? "") }
            return [ReportCell(r.text)] + (withNote ? [ReportCell(r.note)] : []) + values
        }
        return (cells, totals)
    }

    /// Oppstilling av artskontorapporteringen: this year beside the year before.
    static func artskonto(_ s: ArtskontoStatement) -> ReportTable {
        let (cells, totals) = rows(s.rows, withNote: true)
        return ReportTable(
            caption: "Oppstilling av artskontorapportering for \(s.year)", columns: ["", "Note"] + s.years.map(String.init),
            numeric: [false, false] + s.years.map { _ in true }, rows: cells, source: "Regnskapet etter art (artskontoene)",
            totalRows: totals)
    }

    /// Notes 1–8 to the artskonto statement, one table each.
    static func artskontoNotes(_ s: ArtskontoStatement) -> [ReportTable] {
        s.notes.map { note in
            let (cells, totals) = rows(note.rows, withNote: false)
            return ReportTable(
                caption: "Note \(note.number): \(note.title)", columns: [""] + s.years.map { "31.12.\($0)" },
                numeric: [false] + s.years.map { _ in true }, rows: cells, source: "Regnskapet etter art (artskontoene)",
                totalRows: totals)
        }
    }
}
