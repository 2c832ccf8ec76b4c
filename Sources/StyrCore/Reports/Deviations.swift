/// Avvik: a result requirement whose value misses its target, or an assignment whose deadline
/// passed without delivery. Opened automatically; people add the corrective action.
public struct Deviation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case requirement, assignment
    }
    public var kind: Kind
    /// "SP 3.1" or "2021-11".
    public var ref: String
    public var title: String
    /// What is off: "67,0 % mot krav 70 %", "frist 1. april 2021 passert, status Pågår".
    public var detail: String
    /// Stable key for the corrective action text, e.g. "avvik-2021-11" or "avvik-sp2.2-3" (for
    /// "SP 2.2 (3)"): lower case letters, digits, `.`, `_` and `-` only, as section keys are stored.
    public var key: String {
        var out = ""
        for c in ref.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "/", with: "_") {
            if c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") {
                out.append(c)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return "avvik-" + out
    }
}

public enum Deviations {
    /// Requirements measured and not met in `year`, and assignments with a deadline before `asOf`
    /// that are not delivered (by their latest status at `asOf`).
    public static func detect(
        year: Int, results: [ResultRow], assignments: [Assignment], statuses: [String: AssignmentStatus], asOf: CivilDate
    ) -> [Deviation] {
        var out: [Deviation] = []
        for r in results where r.met == false {
            let value = (r.results[String(year)] ?? nil).map { ResultsTable.format($0, unit: r.unit) } ?? "–"
            out.append(
                Deviation(kind: .requirement, ref: r.id, title: r.requirement, detail: "Resultat \(value) mot krav \(r.targetText)."))
        }
        for a in assignments {
            let status = statuses[a.id] ?? .ikkeStartet
            guard status != .levert else { continue }
            let passed = a.deadlines.compactMap { d in d.date.flatMap(CivilDate.init(iso:)).map { (d, $0) } }.filter { $0.1 < asOf }
            guard let first = passed.min(by: { $0.1 < $1.1 }) else { continue }
            let part = first.0.parts.isEmpty ? "" : " (del \(first.0.parts.joined(separator: ", ")))"
            out.append(
                Deviation(
                    kind: .assignment, ref: a.id, title: a.title,
                    detail: "Frist \(NorwegianText.longDate(first.1.iso))\(part) er passert; status \(status.label)."))
        }
        return out
    }
}
