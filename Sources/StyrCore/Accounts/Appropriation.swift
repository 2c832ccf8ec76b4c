/// Bevilgningsrapportering: one expense post's allocation, accounts and forecast for a year.
public struct PostAccount: Codable, Sendable, Equatable {
    public var chapter: Int
    public var chapterName: String
    public var post: Int
    public var postName: String
    public var flags: [PostFlag]
    /// Overført fra i fjor (Note A).
    public var carriedOver: Int
    /// Årets tildelinger: the letter's amount with the supplements' changes.
    public var allocation: Int
    /// Moved here from post 01 under the reallocation authorization (post 45; negative on post 01).
    /// Not part of `total`: Note B adds it to the basis for carry-over.
    public var reallocated: Int
    /// Samlet tildeling = carried over + this year's allocations.
    public var total: Int
    /// Booked per month (index 0 = January), whole kroner.
    public var actualByMonth: [Int]
    /// Forecast per month for months not yet booked.
    public var forecastByMonth: [Int]
    /// Regnskap: booked so far.
    public var actual: Int
    /// Booked + forecast (or straight-line extrapolation where no forecast is given).
    public var projected: Int
    /// Whether `projected` rests on extrapolation for some month.
    public var extrapolated: Bool
    /// Merutgift (−) / mindreutgift: total − actual.
    public var difference: Int
    /// Projected mindreutgift at year end: total − projected.
    public var projectedDifference: Int
    /// Utnyttelsesgrad in percent (actual / total), nil without an allocation.
    public var utilisation: Double?
    /// Whether the letter allocates the post (rows for posts booked without an allocation, such as
    /// charge authorizations received or VAT, have none).
    public var inLetter: Bool

    public var key: String { Amendments.postKey(chapter, post) }
}

/// An income post's accounts for the year.
public struct IncomeAccount: Codable, Sendable, Equatable {
    public var chapter: Int
    public var post: Int
    public var actualByMonth: [Int]
    public var actual: Int
    public var projected: Int
    public var key: String { Amendments.postKey(chapter, post) }
}

/// The year's appropriation statement (bevilgningsoppstilling) with its notes.
public struct AppropriationStatement: Codable, Sendable, Equatable {
    public var year: Int
    /// Last month with booked rows (0 = nothing booked yet).
    public var bookedThroughMonth: Int
    public var expenses: [PostAccount]
    public var income: [IncomeAccount]
    public var carryOver: [CarryOverRow]
    /// Where «Årets tildelinger» come from: the letter, or the accounts for a year without one.
    public var allocationSource: AllocationSource = .tildelingsbrev

    public var totalAllocation: Int { expenses.map(\.total).reduce(0, +) }
    public var totalActual: Int { expenses.map(\.actual).reduce(0, +) }
    public var totalProjected: Int { expenses.map(\.projected).reduce(0, +) }
    public var totalIncome: Int { income.map(\.actual).reduce(0, +) }
    /// Netto rapportert til bevilgningsregnskapet.
    public var netReported: Int { totalActual - totalIncome }
    /// Utnyttelsesgrad over all allocated posts, percent.
    public var utilisation: Double? {
        let allocated = expenses.filter(\.inLetter)
        let total = allocated.map(\.total).reduce(0, +)
        return total == 0 ? nil : Double(allocated.map(\.actual).reduce(0, +)) / Double(total) * 100
    }

    public func post(_ chapter: Int, _ post: Int) -> PostAccount? {
        expenses.first { $0.chapter == chapter && $0.post == post }
    }

    /// Extra income matching an expense post: the income chapter 3000 above it, same post number.
    public func matchingIncome(chapter: Int, post: Int, projected: Bool = false) -> Int {
        income.filter { $0.chapter == chapter + 3000 && $0.post == post }.map { projected ? $0.projected : $0.actual }.reduce(0, +)
    }
}

/// A chapter/post pair, ordered by chapter then post.
public struct PostRef: Hashable, Comparable, Codable, Sendable {
    public var chapter: Int
    public var post: Int
    public init(_ chapter: Int, _ post: Int) {
        self.chapter = chapter
        self.post = post
    }
    public static func < (a: PostRef, b: PostRef) -> Bool { (a.chapter, a.post) < (b.chapter, b.post) }
    /// "290/01"
    public var key: String { Amendments.postKey(chapter, post) }
}

/// Builds the appropriation statement from the amended letter and the ledger.
public enum Appropriation {
    /// `through` (1–12) takes the view at the end of that month: later bookings are left out and
    /// the forecast stands in for them (the half-year report uses 6). `previousAllocation` gives last year's allocation per post (for the two-year carry-over
    /// limit of posts marked «kan overføres»), when known. `source` says where `letter`'s budget
    /// came from (`AllocationFromAccounts.letter`).
    public static func statement(
        year: Int, letter: SteeringDocument, entries: [LedgerEntry], previousAllocation: [PostRef: Int] = [:], through: Int? = nil,
        source: AllocationSource = .tildelingsbrev
    ) -> AppropriationStatement {
        let rows = asOf(entries, year: year, through: through)
        let booked = rows.filter { $0.kind == .regnskap }
        let through = booked.map(\.month).max() ?? 0
        func sums(_ kind: LedgerKind) -> [PostRef: [Int]] {
            var out: [PostRef: [Int]] = [:]
            for e in rows where e.kind == kind {
                out[PostRef(e.chapter, e.post), default: Array(repeating: 0, count: 12)][e.month - 1] += e.amountOre
            }
            return out
        }
        let actual = sums(.regnskap)
        let forecast = sums(.prognose)
        let carried = sums(.overfort).mapValues { kroner(fromOre: $0.reduce(0, +)) }
        let moved = sums(.omdisponering).mapValues { kroner(fromOre: $0.reduce(0, +)) }

        var expenses: [PostAccount] = []
        var seen = Set<PostRef>()
        func account(chapter: Int, chapterName: String, post: Int, postName: String, flags: [PostFlag], allocation: Int?) -> PostAccount {
            let key = PostRef(chapter, post)
            seen.insert(key)
            var reallocated = moved[key] ?? 0
            if post == 1 { reallocated = -(moved[PostRef(chapter, 45)] ?? 0) }
            let total = (carried[key] ?? 0) + (allocation ?? 0)
            let months = actual[key] ?? Array(repeating: 0, count: 12)
            let (future, projected, extrapolated) = project(byMonthOre: months, forecastOre: forecast[key], through: through)
            let byMonth = months.map { kroner(fromOre: $0) }
            let spent = kroner(fromOre: months.reduce(0, +))
            return PostAccount(
                chapter: chapter, chapterName: chapterName, post: post, postName: postName, flags: flags,
                carriedOver: carried[key] ?? 0, allocation: allocation ?? 0, reallocated: reallocated, total: total,
                actualByMonth: byMonth, forecastByMonth: future, actual: spent, projected: projected, extrapolated: extrapolated,
                difference: total - spent, projectedDifference: total - projected,
                utilisation: total > 0 ? Double(spent) / Double(total) * 100 : nil, inLetter: allocation != nil)
        }
        for chapter in letter.budget {
            for p in chapter.posts {
                expenses.append(
                    account(
                        chapter: chapter.chapter, chapterName: chapter.name, post: p.post, postName: p.name, flags: p.flags,
                        allocation: p.amountNOK ?? 0))
            }
        }
        // Expense posts booked without an allocation in the letter (charge authorizations, VAT …).
        let unallocated = Set(
            rows.filter { !$0.isIncome && $0.kind != .forpliktelse && $0.kind != .tildeling }.map { PostRef($0.chapter, $0.post) })
        for ref in unallocated.subtracting(seen).sorted() {
            expenses.append(
                account(chapter: ref.chapter, chapterName: "Kap. \(ref.chapter)", post: ref.post, postName: "", flags: [], allocation: nil))
        }

        var income: [IncomeAccount] = []
        for (key, months) in actual.sorted(by: { $0.key < $1.key }) where LedgerEntry.isIncomeChapter(key.chapter) {
            let (_, projected, _) = project(byMonthOre: months, forecastOre: forecast[key], through: through)
            income.append(
                IncomeAccount(
                    chapter: key.chapter, post: key.post, actualByMonth: months.map { kroner(fromOre: $0) },
                    actual: kroner(fromOre: months.reduce(0, +)), projected: projected))
        }
        var statement = AppropriationStatement(
            year: year, bookedThroughMonth: through, expenses: expenses, income: income, carryOver: [], allocationSource: source)
        statement.carryOver = CarryOver.rows(statement, previousAllocation: previousAllocation)
        return statement
    }

    /// The year's rows as known at the end of month `through` (all when nil).
    public static func asOf(_ entries: [LedgerEntry], year: Int, through: Int?) -> [LedgerEntry] {
        entries.filter { $0.year == year && (through == nil || $0.kind == .prognose || $0.month <= through!) }
    }

    /// The months after `through`: the forecast where given, else the average booked month so far.
    /// Sums are taken in øre and rounded once.
    static func project(byMonthOre: [Int], forecastOre: [Int]?, through: Int) -> (future: [Int], projected: Int, extrapolated: Bool) {
        let spent = byMonthOre.reduce(0, +)
        guard through < 12 else { return (Array(repeating: 0, count: 12), kroner(fromOre: spent), false) }
        let average = through > 0 ? Double(byMonthOre.prefix(through).reduce(0, +)) / Double(through) : 0
        var future = Array(repeating: 0, count: 12)
        var extrapolated = false
        for m in through..<12 {
            if let f = forecastOre, f[m] != 0 {
                future[m] = f[m]
            } else {
                future[m] = Int(average.rounded())
                extrapolated = extrapolated || through > 0
            }
        }
        return (future.map { kroner(fromOre: $0) }, kroner(fromOre: spent + future.reduce(0, +)), extrapolated)
    }
}
