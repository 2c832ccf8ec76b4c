import Foundation

/// The grant schemes of a year, read from the letter's grant posts (60–89): a post without
/// earmarks is one scheme; earmarks become schemes of their own, those with named recipients one
/// scheme of named recipients. Per-capita grants are the integration grant, the special grant for
/// unaccompanied minors and the grant for Norwegian training; earmarks naming one organisation
/// (post 73 "Tilskudd") go to named recipients; the rest are application-based. The directorate
/// can change a scheme's basis afterwards.
public enum GrantSchemes {
    static let perCapitaWords = ["integreringstilskudd", "særskilt tilskudd", "opplæring i norsk"]

    public static func derive(from letter: SteeringDocument, year: Int) -> [GrantScheme] {
        var out: [GrantScheme] = []
        for chapter in letter.budget {
            for post in chapter.posts where (60...89).contains(post.post) {
                let prefix = "\(chapter.chapter)-\(String(format: "%02d", post.post))"
                let lower = post.name.lowercased()
                let perCapita = perCapitaWords.contains { lower.contains($0) }
                let named = post.earmarks.filter { $0.recipient != nil }
                let namedTotal = named.compactMap(\.amountNOK).reduce(0, +)
                // The earmark that sums the named recipients ("37,5 mill. kroner til tilskudd til
                // nasjonale ressursmiljø") is not a scheme of its own.
                let namedPurpose = named.first.map { $0.purpose.lowercased() }
                let own = post.earmarks.filter { e in
                    e.recipient == nil && e.amountNOK != nil && e.amountNOK != namedTotal
                        && !(namedPurpose.map { e.purpose.lowercased().contains($0) } ?? false)
                }
                if own.isEmpty && named.isEmpty {
                    out.append(
                        GrantScheme(
                            code: prefix, year: year, name: post.name, chapter: chapter.chapter, post: post.post,
                            basis: perCapita ? .perCapita : .application, budgetNOK: post.amountNOK ?? 0))
                    continue
                }
                for e in own {
                    let purpose = cleaned(e.purpose)
                    let isOrdning = purpose.lowercased().contains("ordning")
                    out.append(
                        GrantScheme(
                            code: "\(prefix)-\(slug(purpose))", year: year, name: purpose, chapter: chapter.chapter, post: post.post,
                            basis: post.post == 73 && !isOrdning ? .named : .application, budgetNOK: e.amountNOK ?? 0))
                }
                if !named.isEmpty {
                    let purpose = cleaned(named[0].purpose)
                    out.append(
                        GrantScheme(
                            code: "\(prefix)-\(slug(purpose))", year: year, name: purpose, chapter: chapter.chapter, post: post.post,
                            basis: .named, budgetNOK: namedTotal,
                            recipients: named.map { "\($0.recipient!): \(Money.kr($0.amountNOK ?? 0))" }))
                }
            }
        }
        // Codes must be unique within the year.
        var seen: [String: Int] = [:]
        return out.map { s in
            var s = s
            seen[s.code, default: 0] += 1
            if seen[s.code]! > 1 { s.code += "-\(seen[s.code]!)" }
            return s
        }
    }

    /// "tilskuddordning for integreringsarbeid i regi av … jf. oppdrag 2021-09." → without the reference.
    static func cleaned(_ purpose: String) -> String {
        var p = purpose
        if let r = p.range(of: #"\s*\(?jf\..*$"#, options: .regularExpression) { p.removeSubrange(r) }
        p = p.trimmingCharacters(in: CharacterSet(charactersIn: " .,"))
        return p.prefix(1).uppercased() + p.dropFirst()
    }

    static func slug(_ s: String) -> String {
        let folded = s.lowercased().replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "å", with: "a")
        let words = folded.split { !$0.isLetter && !$0.isNumber }.prefix(4)
        return words.joined(separator: "-")
    }
}

/// Demo applications for the application-based schemes: municipalities and organisations apply in
/// the spring, most are decided, the ministry is told, letters go out after the notice period,
/// payments follow and recipients report. Deterministic for a seed; illustrative only.
public enum GrantDemo {
    public static func applications(_ schemes: [GrantScheme], municipalities: [String], seed: UInt64 = 1) -> (
        applications: [GrantApplication], notices: [GrantNotice]
    ) {
        var rng = SeededRandom(seed: seed)
        var apps: [GrantApplication] = []
        var notices: [GrantNotice] = []
        for s in schemes where s.basis == .application && s.budgetNOK > 0 {
            let count = rng.int(6...14)
            let share = s.budgetNOK / count
            var list: [GrantApplication] = []
            for i in 1...count {
                let applicant = municipalities.isEmpty ? "Søker \(i)" : municipalities[rng.int(0...(municipalities.count - 1))]
                let applied = Int(Double(share) * rng.double(0.8..<1.6)) / 1000 * 1000
                var a = GrantApplication(
                    id: "\(s.code)-\(i)", schemeCode: s.code, applicant: applicant, amountApplied: applied,
                    received: String(format: "%04d-%02d-%02d", s.year, rng.int(1...3), rng.int(1...28)))
                if i <= count - 2 {
                    a.amountGranted = rng.chance(0.15) ? 0 : min(applied, Int(Double(share) * rng.double(0.7..<1.0)) / 1000 * 1000)
                }
                list.append(a)
            }
            // The first batch of decisions: notice in April, letters in May, payment, reports due next year.
            let decided = list.filter { $0.amountGranted != nil }
            let first = decided.prefix(max(1, decided.count * 2 / 3))
            let noticeDate = CivilDate(year: s.year, month: 4, day: rng.int(1...15))!
            notices.append(
                GrantNotice(
                    id: "\(s.code)-orientering-1", schemeCode: s.code, sent: noticeDate.iso, applicationIDs: first.map(\.id),
                    text: GrantRules.noticeText(scheme: s, applications: Array(first), sent: noticeDate)))
            for (i, a) in list.enumerated() where first.contains(where: { $0.id == a.id }) {
                list[i].letterSent = noticeDate.adding(days: GrantRules.noticeDays + rng.int(0...20)).iso
                list[i].paid = a.amountGranted ?? 0
                list[i].reportDue = "\(s.year + 1)-03-01"
                if rng.chance(0.3) { list[i].reportReceived = "\(s.year + 1)-02-\(String(format: "%02d", rng.int(1...28)))" }
            }
            apps += list
        }
        return (apps, notices)
    }
}
