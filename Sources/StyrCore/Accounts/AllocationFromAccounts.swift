import Foundation

/// Where a statement's «Årets tildelinger» come from.
public enum AllocationSource: String, Codable, Sendable {
    /// The stored allocation letter with its supplements.
    case tildelingsbrev
    /// The ledger's `tildeling` rows: the year's letter is not in Styr, and the accounts' own
    /// statement gives the allocation per post.
    case regnskap
}

/// The budget of a year whose allocation letter is not in Styr, read from the ledger's
/// `tildeling` rows (one per post; the text «Kapittelnavn | Posttekst»).
public enum AllocationFromAccounts {
    /// The chapters and posts the rows allocate, in chapter and post order; empty without rows.
    /// Several rows on one post add up. The post text's stikkord become flags and are kept in the
    /// name as printed.
    public static func budget(_ entries: [LedgerEntry], year: Int) -> [BudgetChapter] {
        var amounts: [PostRef: Int] = [:]
        var chapterNames: [Int: String] = [:]
        var postNames: [PostRef: String] = [:]
        for e in entries where e.year == year && e.kind == .tildeling {
            let ref = PostRef(e.chapter, e.post)
            amounts[ref, default: 0] += e.amountOre
            let (chapterName, postName) = names(e.text)
            if let chapterName, chapterNames[e.chapter] == nil { chapterNames[e.chapter] = chapterName }
            if let postName, postNames[ref] == nil { postNames[ref] = postName }
        }
        let chapters = Set(amounts.keys.map(\.chapter)).sorted()
        return chapters.map { chapter in
            let posts = amounts.keys.filter { $0.chapter == chapter }.sorted().map { ref in
                let name = postNames[ref] ?? ""
                return BudgetPost(post: ref.post, name: name, amountNOK: kroner(fromOre: amounts[ref]!), flags: flags(name))
            }
            return BudgetChapter(chapter: chapter, name: chapterNames[chapter] ?? "Kap. \(chapter)", posts: posts)
        }
    }

    /// The letter a statement is built on: the stored one when it allocates anything, else one
    /// made from the ledger's `tildeling` rows; nil when neither gives an allocation.
    public static func letter(stored: SteeringDocument?, entries: [LedgerEntry], year: Int) -> (
        letter: SteeringDocument, source: AllocationSource
    )? {
        if let stored, !stored.budget.isEmpty { return (stored, .tildelingsbrev) }
        let budget = budget(entries, year: year)
        guard !budget.isEmpty else { return nil }
        return (SteeringDocument(kind: .tildelingsbrev, year: year, budget: budget), .regnskap)
    }

    /// «Kapittelnavn | Posttekst» → the two names; either may be missing.
    static func names(_ text: String) -> (chapter: String?, post: String?) {
        let parts = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        return (nonEmpty(parts.first), nonEmpty(parts.count > 1 ? parts[1] : nil))
    }

    /// The stikkord in a post text as printed in the budget («…, kan overføres»).
    static func flags(_ postText: String) -> [PostFlag] {
        let text = postText.lowercased()
        return PostFlag.allCases.filter { text.contains($0.rawValue) }
    }
}
