import StyrCore

/// A report table as a `<table>` element, written in Swift rather than looped over in the
/// template: the annual report's appendix has tens of thousands of cells, which Leaf took most of a
/// second to write (three in a debug build), for the web page and the printed file alike.
enum ReportTableHTML {
    /// `linkBase` goes before every cell link (the server's origin in a printed file, "" on the web).
    static func table(_ t: ReportTable, number: String, linkBase: String) -> String {
        var out = "<table>\n<caption>"
        out.reserveCapacity(64 + t.rows.count * max(1, t.columns.count) * 24)
        if !number.isEmpty { out += HTML.escape(number) + ": " }
        out += HTML.escape(t.caption) + "</caption>\n<thead><tr>"
        for c in t.columns { out += "<th>" + HTML.escape(c) + "</th>" }
        out += "</tr></thead>\n<tbody>"
        for (n, row) in t.rows.enumerated() {
            out += t.totalRows.contains(n) ? "<tr class=\"total\">" : "<tr>"
            for (i, cell) in row.enumerated() {
                out += i < t.numeric.count && t.numeric[i] ? "<td class=\"num\">" : "<td>"
                let mark = cell.mark.map { " class=\"m-" + HTML.escape($0) + "\"" } ?? ""
                if let link = cell.link {
                    out += "<a href=\"" + HTML.escape(linkBase + link) + "\"" + mark + ">" + HTML.escape(cell.text) + "</a>"
                } else if cell.mark != nil {
                    out += "<span" + mark + ">" + HTML.escape(cell.text) + "</span>"
                } else {
                    out += HTML.escape(cell.text)
                }
                out += "</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody>\n</table>"
    }
}
