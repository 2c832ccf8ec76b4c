/// A row of Note B: the basis for carrying unspent funds to next year and its limit.
public struct CarryOverRow: Codable, Sendable, Equatable {
    public var chapter: Int
    public var post: Int
    /// «kan overføres» / «overslagsbevilgning» / "".
    public var flag: String
    /// Merutgift (−) / mindreutgift.
    public var difference: Int
    /// Merinntekter iht. merinntektsfullmakt (matching income chapter).
    public var extraIncome: Int
    /// Omdisponering fra post 01 til 45 (negative on 01, positive on 45).
    public var reallocation: Int
    /// Sum grunnlag for overføring; nil when carry-over does not apply («ikke aktuell»).
    public var basis: Int?
    /// Maks. overførbart beløp; nil when the rule gives no limit we can compute.
    public var maximum: Int?
    /// Mulig overførbart beløp.
    public var possible: Int?
    public var key: String { Amendments.postKey(chapter, post) }
}

/// Note B's carry-over rules: 5 % of this year's allocation on operating posts 01–29 (except
/// 24); the last two years' allocation on posts marked «kan overføres»; none on estimate posts.
public enum CarryOver {
    public static let operatingPercent = 5.0

    public static func isOperating(_ post: Int) -> Bool { (1...29).contains(post) && post != 24 }

    static func rows(_ s: AppropriationStatement, previousAllocation: [PostRef: Int]) -> [CarryOverRow] {
        s.expenses.compactMap { p in
            let transferable = p.flags.contains(.kanOverfores)
            let estimate = p.flags.contains(.overslagsbevilgning)
            guard p.inLetter, transferable || estimate || isOperating(p.post) else { return nil }
            let flag = transferable ? "«kan overføres»" : estimate ? "«overslagsbevilgning»" : ""
            let extra = isOperating(p.post) ? s.matchingIncome(chapter: p.chapter, post: p.post) : 0
            var row = CarryOverRow(
                chapter: p.chapter, post: p.post, flag: flag, difference: p.difference, extraIncome: extra,
                reallocation: p.reallocated, basis: nil, maximum: nil, possible: nil)
            guard !estimate else { return row }
            let basis = p.difference + extra + p.reallocated
            row.basis = basis
            if transferable {
                row.maximum = previousAllocation[PostRef(p.chapter, p.post)].map { $0 + p.allocation }
            } else {
                row.maximum = Int((Double(p.allocation) * operatingPercent / 100).rounded())
            }
            row.possible = basis <= 0 ? basis : min(basis, row.maximum ?? basis)
            return row
        }
    }
}
