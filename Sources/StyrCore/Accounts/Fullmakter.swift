/// How an authorization stands against the accounts.
public enum AuthorizationStatus: String, Codable, Sendable, Comparable, CaseIterable {
    case ok, warning, breached

    public var label: String {
        switch self {
        case .ok: "I orden"
        case .warning: "Varsel"
        case .breached: "Overskredet"
        }
    }

    var rank: Int { [.ok: 0, .warning: 1, .breached: 2][self]! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// The figures behind one post's status under an authorization (whole kroner).
public struct AuthorizationFigure: Codable, Sendable, Equatable {
    /// "290/01"
    public var post: String
    public var status: AuthorizationStatus
    /// The post's samlet tildeling.
    public var allocation: Int
    /// What the authorization allows.
    public var limit: Int
    /// Used so far.
    public var used: Int
    /// Used by year end at the current forecast.
    public var projected: Int
    public var message: String
}

/// An authorization of the letter evaluated against the year's accounts.
public struct AuthorizationCheck: Codable, Sendable, Equatable {
    public var type: AuthorizationType
    public var title: String
    public var legalRef: String?
    public var status: AuthorizationStatus
    public var message: String
    public var requiresApplication: Bool
    public var figures: [AuthorizationFigure]

    enum CodingKeys: String, CodingKey {
        case type, title, status, message, figures
        case legalRef = "legal_ref"
        case requiresApplication = "requires_application"
    }
}

/// Fullmakter: every authorization is a rule over the appropriation statement and the ledger. A rule warns when the
/// use so far or the year-end forecast reaches `warningShare` of its limit, and is breached when
/// the booked figures pass the limit.
public enum Fullmakter {
    public static let warningShare = 0.9

    public static func evaluate(
        _ authorizations: [Authorization], statement s: AppropriationStatement, entries: [LedgerEntry]
    ) -> [AuthorizationCheck] {
        authorizations.map { a in
            let figures = figures(for: a, s, entries)
            let status = figures.map(\.status).max() ?? .ok
            let message: String
            if figures.isEmpty {
                message =
                    a.type == .other
                    ? "Fullmakten har ingen regnskapsregel i Styr; den vurderes manuelt."
                    : "Ingen poster i tildelingen som fullmakten gjelder."
            } else {
                message = figures.first { $0.status == status }?.message ?? ""
            }
            return AuthorizationCheck(
                type: a.type, title: a.title, legalRef: a.legalRef, status: status, message: message,
                requiresApplication: a.requiresApplication, figures: figures)
        }
    }

    static func percent(_ a: Authorization, _ fallback: Double) -> Double { a.percentLimit ?? fallback }

    static func share(_ amount: Int, _ percent: Double) -> Int { Int((Double(amount) * percent / 100).rounded()) }

    /// ok / warning / breached for a use against a limit.
    static func grade(used: Int, projected: Int, limit: Int) -> AuthorizationStatus {
        if used > limit { return .breached }
        if max(used, projected) > 0, Double(max(used, projected)) >= Double(limit) * warningShare { return .warning }
        return .ok
    }

    static func posts(_ a: Authorization, _ s: AppropriationStatement, default fallback: [Int]) -> [PostAccount] {
        let wanted = Set(a.posts.isEmpty ? fallback : a.posts)
        return s.expenses.filter { $0.inLetter && wanted.contains($0.post) }
    }

    static func figures(for a: Authorization, _ s: AppropriationStatement, _ entries: [LedgerEntry]) -> [AuthorizationFigure] {
        switch a.type {
        case .netBudgetingEquipmentSales: return equipmentSales(a, s, entries)
        case .multiYearContracts: return contracts(a, s, entries)
        case .overrunAgainstExtraIncome: return overrun(a, s)
        case .reallocateOperatingToInvestment: return reallocation(a, s)
        case .investmentOverrunAgainstSavings: return investmentOverrun(a, s)
        case .carryOverUnspent: return carryOver(a, s)
        // Frames for later years: the ledger holds no commitments per frame to check them against.
        case .orderingAuthority, .commitmentAuthority, .other: return []
        }
    }

    static func sum(_ entries: [LedgerEntry], _ kind: LedgerKind, year: Int, _ p: PostAccount) -> Int {
        kroner(
            fromOre: entries.filter { $0.kind == kind && $0.year == year && $0.chapter == p.chapter && $0.post == p.post }
                .map(\.amountOre).reduce(0, +))
    }

    static func equipmentSales(_ a: Authorization, _ s: AppropriationStatement, _ entries: [LedgerEntry]) -> [AuthorizationFigure] {
        let pct = percent(a, 5)
        return posts(a, s, default: [1, 21]).map { p in
            let used = sum(entries, .utstyrssalg, year: s.year, p)
            let limit = share(p.total, pct)
            let status = grade(used: used, projected: used, limit: limit)
            return AuthorizationFigure(
                post: p.key, status: status, allocation: p.total, limit: limit, used: used, projected: used,
                message: "Nettoført salg av brukt utstyr på post \(p.key): \(Money.kr(used)) av grensen \(Money.kr(limit)) (\(fmt(pct)) %)."
            )
        }
    }

    static func contracts(_ a: Authorization, _ s: AppropriationStatement, _ entries: [LedgerEntry]) -> [AuthorizationFigure] {
        let committed = entries.filter { $0.kind == .forpliktelse && $0.year > s.year }
        let withCommitments = Set(committed.map { PostRef($0.chapter, $0.post) })
        let scope = s.expenses.filter {
            $0.inLetter && (withCommitments.contains(PostRef($0.chapter, $0.post)) || CarryOver.isOperating($0.post))
        }
        return scope.map { p in
            var byYear: [Int: Int] = [:]
            for e in committed where e.chapter == p.chapter && e.post == p.post { byYear[e.year, default: 0] += e.amountOre }
            let worst = byYear.max { a, b in (a.value, b.key) < (b.value, a.key) }
            let used = kroner(fromOre: worst?.value ?? 0)
            let limit = p.allocation
            let status = grade(used: used, projected: used, limit: limit)
            let message =
                worst.map {
                    "Forpliktelser etter flerårige avtaler på post \(p.key) er høyest i \($0.key): \(Money.kr(used)) mot uendret bevilgningsnivå \(Money.kr(limit))."
                } ?? "Ingen registrerte forpliktelser utover \(s.year) på post \(p.key)."
            return AuthorizationFigure(
                post: p.key, status: status, allocation: p.total, limit: limit, used: used, projected: used, message: message)
        }
    }

    static func overrun(_ a: Authorization, _ s: AppropriationStatement) -> [AuthorizationFigure] {
        let pct = percent(a, 2)
        return posts(a, s, default: [1, 21]).map { p in
            let over = max(0, p.actual - p.total)
            let overProjected = max(0, p.projected - p.total)
            let income = s.matchingIncome(chapter: p.chapter, post: p.post)
            let incomeProjected = s.matchingIncome(chapter: p.chapter, post: p.post, projected: true)
            let limit = min(share(p.total, pct), income)
            let limitProjected = min(share(p.total, pct), incomeProjected)
            var status = grade(used: over, projected: overProjected, limit: limit)
            if status == .ok, overProjected > limitProjected { status = .warning }
            let message =
                over == 0 && overProjected == 0
                ? "Post \(p.key) er ikke overskredet, heller ikke etter prognosen."
                : "Post \(p.key): overskridelse \(Money.kr(over)) (prognose \(Money.kr(overProjected))) mot tillatt \(Money.kr(limit)) — \(fmt(pct)) % av bevilgningen, begrenset av merinntekter \(Money.kr(income))."
            return AuthorizationFigure(
                post: p.key, status: status, allocation: p.total, limit: limit, used: over, projected: overProjected, message: message)
        }
    }

    static func reallocation(_ a: Authorization, _ s: AppropriationStatement) -> [AuthorizationFigure] {
        let pct = percent(a, 5)
        let target = a.targetPost ?? 45
        return s.expenses.filter { $0.post == target && ($0.inLetter || $0.reallocated != 0) }.map { p in
            let from = s.post(p.chapter, 1)
            let limit = share(from?.total ?? 0, pct)
            let used = p.reallocated
            let status = from == nil && used > 0 ? .breached : grade(used: used, projected: used, limit: limit)
            let message =
                from == nil
                ? "Kap. \(p.chapter) har ingen post 01 å omdisponere fra."
                : "Omdisponert fra post \(from!.key) til post \(p.key): \(Money.kr(used)) av grensen \(Money.kr(limit)) (\(fmt(pct)) % av post 01)."
            return AuthorizationFigure(
                post: p.key, status: status, allocation: p.total, limit: limit, used: used, projected: used, message: message)
        }
    }

    static func investmentOverrun(_ a: Authorization, _ s: AppropriationStatement) -> [AuthorizationFigure] {
        let pct = percent(a, 5)
        return posts(a, s, default: [1]).map { p in
            let cover = min(share(p.total, 2), s.matchingIncome(chapter: p.chapter, post: p.post))
            let uncovered = max(0, p.actual - p.total - cover)
            let uncoveredProjected = max(0, p.projected - p.total - cover)
            let limit = share(p.total, pct)
            var status = grade(used: uncovered, projected: uncoveredProjected, limit: limit)
            if status == .ok, uncoveredProjected > 0 || uncovered > 0 { status = .warning }
            let message =
                uncovered == 0 && uncoveredProjected == 0
                ? "Post \(p.key) har ingen overskridelse som krever denne fullmakten."
                : "Post \(p.key): \(Money.kr(max(uncovered, uncoveredProjected))) overskridelse ut over merinntektene; inntil \(Money.kr(limit)) krever søknad og samtykke fra departementet, mot innsparing de følgende årene."
            return AuthorizationFigure(
                post: p.key, status: status, allocation: p.total, limit: limit, used: uncovered, projected: uncoveredProjected,
                message: message)
        }
    }

    static func carryOver(_ a: Authorization, _ s: AppropriationStatement) -> [AuthorizationFigure] {
        let pct = percent(a, 5)
        // Posts marked «kan overføres» carry over under their own, wider rule (Note B).
        return posts(a, s, default: [1, 21]).filter { !$0.flags.contains(.kanOverfores) }.map { p in
            let unspent = p.difference + s.matchingIncome(chapter: p.chapter, post: p.post)
            let unspentProjected = p.projectedDifference + s.matchingIncome(chapter: p.chapter, post: p.post, projected: true)
            let limit = share(p.allocation, pct)
            let status: AuthorizationStatus = unspentProjected > limit ? .warning : .ok
            let message =
                status == .warning
                ? "Post \(p.key): prognosen gir \(Money.kr(unspentProjected)) ubrukt, \(Money.kr(unspentProjected - limit)) mer enn de \(fmt(pct)) % (\(Money.kr(limit))) som kan søkes overført."
                : "Post \(p.key): prognosen gir \(Money.kr(unspentProjected)) ubrukt, innenfor \(fmt(pct)) % (\(Money.kr(limit)))."
            return AuthorizationFigure(
                post: p.key, status: status, allocation: p.total, limit: limit, used: unspent, projected: unspentProjected,
                message: message)
        }
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : IndicatorFormat.decimal(v, 1) }
}

extension Fullmakter {
    /// The year's statement and every authorization of the letter checked against it, as known at
    /// the end of month `through` (all bookings when nil). Commitments for later years count too.
    public static func evaluate(
        year: Int, letter: SteeringDocument, entries: [LedgerEntry], previousAllocation: [PostRef: Int] = [:], through: Int? = nil,
        source: AllocationSource = .tildelingsbrev
    ) -> (statement: AppropriationStatement, checks: [AuthorizationCheck]) {
        let statement = Appropriation.statement(
            year: year, letter: letter, entries: entries, previousAllocation: previousAllocation, through: through, source: source)
        let known =
            Appropriation.asOf(entries, year: year, through: through) + entries.filter { $0.kind == .forpliktelse && $0.year > year }
        return (statement, evaluate(letter.authorizations, statement: statement, entries: known))
    }
}
