import Foundation
import StyrCore
import Vapor

/// The page model of a report, for the web page and for the printed (PDF) file alike.
struct ReportView: Encodable {
    struct Table: Encodable {
        let caption: String
        let source: String
        let number: String
        /// A table too large for the web page (over `foldedCells` cells): the page says so and
        /// links the statistics page; the printed report has it in full.
        let folded: Bool
        let cellCount: String
        let link: String?
        /// The `<table>` element (`ReportTableHTML`); empty when folded.
        let markup: String
    }

    /// Tables with more cells than this are not printed on the web page.
    static let foldedCells = 400

    struct Section: Encodable {
        let key: String
        let anchor: String
        /// "#s-key", for the contents.
        let href: String
        let title: String
        let paragraphs: [String]
        let text: String
        let guidance: String?
        /// A section people write that has no text yet.
        let missingText: Bool
        /// A data section without data (the guidance says why).
        let dataMissing: Bool
        let editable: Bool
        let tables: [Table]
        let actions: [Action]
        let comments: [ReportsStore.Comment]
    }

    /// A text written for one item (a deviation's corrective action), editable in the draft.
    struct Action: Encodable {
        let key: String
        let label: String
        let text: String
        /// The form's label and button; whether the printed report shows the text under the label.
        let formLabel: String
        let button: String
        let printed: Bool

        init(_ a: ReportAction) {
            (key, label, text) = (a.key, a.label, a.text ?? "")
            let answer = a.kind == "svar"
            formLabel = answer ? "Svar på rapporteringskravet — \(a.label)" : "Korrigerende tiltak — \(a.label)"
            button = answer ? "Lagre svar" : "Lagre tiltak"
            printed = answer
        }
    }

    struct Part: Encodable {
        let number: String
        let title: String
        let anchor: String
        let href: String
        let sections: [Section]
    }

    let title: String
    let subtitle: String
    let year: Int
    let kind: String
    let countDate: String
    let deadline: String?
    let generated: String
    let parts: [Part]
    /// "Utkast" or "Innsendt versjon N".
    let state: String
    let hash: String?
    /// Links in the printed file point here ("" on the web).
    let base: String
    /// The web page shows the toolbar and the edit forms.
    let web: Bool
    let canEdit: Bool
    let csrf: String
    let pdfLink: String
    let pageLink: String
    /// The success message of the form post that led here, shown once.
    var flash: String? = nil

    init(
        _ d: ReportDocument, state: String, hash: String?, base: String, web: Bool, canEdit: Bool, csrf: String,
        comments: [ReportsStore.Comment] = [], generated: Date = Date()
    ) {
        title = d.title
        subtitle = d.subtitle
        year = d.year
        kind = d.kind.slug
        countDate = NorwegianText.longDate(d.countDate)
        deadline = d.deadline.map(NorwegianText.longDate)
        self.generated = Clock.stamp(generated)
        self.state = state
        self.hash = hash
        self.base = base
        self.web = web
        self.canEdit = canEdit
        self.csrf = csrf
        pageLink = "/aar/\(d.year)/rapporter/\(d.kind.slug)"
        pdfLink = pageLink + "/pdf"
        var tableNumber = 0
        parts = d.parts.map { p in
            Part(
                number: p.number, title: p.title, anchor: "del-\(p.number.lowercased())", href: "#del-\(p.number.lowercased())",
                sections: p.sections.map { s in
                    let tables = s.tables.map { t -> Table in
                        tableNumber += 1
                        let cellCount = t.rows.map(\.count).reduce(0, +)
                        let folded = web && cellCount > Self.foldedCells
                        let number = "Tabell \(tableNumber)"
                        return Table(
                            caption: t.caption, source: t.source, number: number, folded: folded,
                            cellCount: Money.kroner(cellCount), link: t.link.map { base + $0 },
                            markup: folded ? "" : ReportTableHTML.table(t, number: number, linkBase: base))
                    }
                    return Section(
                        key: s.key, anchor: "s-\(s.key)", href: "#s-\(s.key)", title: s.title,
                        paragraphs: (s.text ?? "").components(separatedBy: "\n\n").map {
                            $0.trimmingCharacters(in: .whitespacesAndNewlines)
                        }
                        .filter { !$0.isEmpty }, text: s.text ?? "", guidance: s.guidance,
                        missingText: s.editable && (s.text ?? "").isEmpty, dataMissing: !s.editable && s.guidance != nil,
                        editable: s.editable, tables: tables,
                        actions: s.actions.map(Action.init),
                        comments: comments.filter { $0.section == s.key })
                })
        }
    }
}
