import Foundation

extension ParseState {
    /// Reporting duties given in prose with a dated deadline («… oversende departementet forslag til
    /// fordeling … Frist 1. juni 2021.»): outside assignments, goals and the reporting calendar,
    /// which keep their own deadlines. The sentence before a bare «Frist …» sentence says what is due.
    mutating func readProseDuties() {
        let sections = doc.sections.sorted { $0.line < $1.line }
        var duties: [ReportingDuty] = []
        for line in lines where uses[line.number] == .prose {
            // A plain search first: most prose lines have no deadline, and a regex per line costs.
            let lower = line.text.lowered
            guard lower.contains("frist") || lower.contains("innen") else { continue }
            let text = line.trimmed.collapsed
            let sentences = Self.sentences(text)
            for (i, sentence) in sentences.enumerated() {
                guard let g = Pattern.proseDeadline.groups(sentence), let iso = NorwegianText.deadlineDates(in: g[1]).first else {
                    continue
                }
                let bare = sentence.range(ofPattern: #"^(?i)(frist|innen)\b"#) != nil
                let what = bare && i > 0 ? sentences[i - 1] : sentence
                // A statement about what the ministry will do is no duty of the agency's.
                let asks = #"(?i)\b(skal|bes|må|ber om|leverer|levere|oversende|rapportere)\b"#
                guard what.range(ofPattern: asks) != nil else { continue }
                let section = sections.last { $0.line <= line.number }?.label
                duties.append(ReportingDuty(text: what, deadline: iso, deadlineText: g[1], section: section, line: line.number))
            }
        }
        if !duties.isEmpty { doc.duties = duties }
    }
}
