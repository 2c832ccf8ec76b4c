import Foundation

/// Rapporteringskrav: what the letter asks a report to say about a goal or steering parameter
/// («Rapportering: IMDi skal gi en samlet vurdering av …»), or a report its calendar asks for, with
/// the deadline and the place in the report that answers it.
public struct ReportingDemand: Codable, Sendable, Equatable {
    /// Stable within the year: «krav-SP2.1», «krav-Mal1», «rapport-1».
    public var key: String
    /// «SP 2.1», «Mål 1», or the report («Årsrapport»).
    public var ref: String
    public var title: String
    public var text: String
    public var report: ReportKind
    /// ISO date the report is due, from the letter's reporting calendar.
    public var deadline: String?
    /// The report section that answers it («resultater», «sammendrag»); nil for a whole report.
    public var section: String?
}

public enum ReportingDemands {
    /// The section of each report where the goals' and parameters' demands are answered.
    public static func section(_ kind: ReportKind) -> String { kind == .aar ? "resultater" : "sammendrag" }

    /// The year's demands in the letter's order: each goal's and steering parameter's, once per
    /// report it is reported in, then the reports of the reporting calendar.
    public static func of(_ letter: SteeringDocument, year: Int) -> [ReportingDemand] {
        func deadline(_ kind: ReportKind) -> String? {
            let count = kind == .aar ? "\(year)-12-31" : "\(year)-06-30"
            let word = kind == .aar ? "årsrapport" : "halvår"
            return letter.reporting.first { $0.countDate == count && $0.type.lowercased().contains(word) }?.deadline
        }
        var out: [ReportingDemand] = []
        func add(_ ref: String, _ title: String, _ demand: String?, _ reports: [ReportKind]) {
            guard demand != nil || !reports.isEmpty else { return }
            let key = "krav-" + ref.replacingOccurrences(of: "Mål", with: "Mal").filter { !$0.isWhitespace }
            for kind in reports.isEmpty ? [.aar] : reports {
                out.append(
                    ReportingDemand(
                        key: key, ref: ref, title: title,
                        text: demand ?? "Måloppnåelsen for \(ref) rapporteres i \(kind.label.lowercased()).", report: kind,
                        deadline: deadline(kind), section: section(kind)))
            }
        }
        for g in letter.goals {
            add("Mål \(g.number)", g.title, g.reportingDemand, g.reports)
            for sp in g.steeringParameters {
                add(
                    sp.number.hasPrefix("SP") ? sp.number : "SP \(sp.number)", sp.title, sp.reportingDemand,
                    sp.reports.isEmpty ? g.reports : sp.reports)
            }
        }
        for (i, r) in letter.reporting.enumerated() {
            let kind: ReportKind = r.type.lowercased().contains("halvår") ? .halvaar : .aar
            out.append(
                ReportingDemand(
                    key: "rapport-\(i + 1)", ref: r.type, title: r.type,
                    text: [
                        "Per \(r.countDateText ?? r.countDate.map(NorwegianText.shortDate) ?? "–")",
                        r.deadline.map { "sendes innen \(NorwegianText.shortDate($0))" } ?? r.deadlineText,
                    ]
                    .compactMap { $0 }.joined(separator: ", ") + ".",
                    report: kind, deadline: r.deadline, section: nil))
        }
        return out
    }
}
