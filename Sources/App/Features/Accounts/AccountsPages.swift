import Foundation
import StyrCore
import Vapor

/// View models for the accounts pages (figures formatted as Norwegian reports write them).
enum AccountsPages {
    static func kr(_ v: Int) -> String { Money.kroner(v) }
    static func pct(_ v: Double?) -> String { v.map { IndicatorFormat.decimal($0, 1) + " %" } ?? "" }

    /// "290-01" (as in URLs) → chapter 290, post 1.
    static func postRef(_ slug: String) throws -> PostRef {
        let parts = slug.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...9999).contains(parts[0]), (1...99).contains(parts[1]) else {
            throw UserError(.notFound, "Ugyldig post «\(slug)»; bruk kapittel-post, f.eks. 290-01.", field: "post")
        }
        return PostRef(parts[0], parts[1])
    }

    static func slug(_ chapter: Int, _ post: Int) -> String { "\(chapter)-\(String(format: "%02d", post))" }

    struct PostRow: Encodable {
        let key: String
        let link: String
        /// The post on the year's budget page; nil when the allocation comes from the accounts
        /// (no letter for the year in Styr, so no budget page).
        let budgetLink: String?
        let chapter: Int
        let chapterName: String
        let postName: String
        let flags: String
        let carriedOver: String
        let allocation: String
        let total: String
        let actual: String
        let difference: String
        let overrun: Bool
        let utilisation: String
        let projected: String
        let projectedDifference: String
        let extrapolated: Bool
        let inLetter: Bool

        init(_ p: PostAccount, year: Int, budgetLink: String?) {
            key = p.key
            link = "/aar/\(year)/regnskap/\(AccountsPages.slug(p.chapter, p.post))"
            self.budgetLink = budgetLink
            chapter = p.chapter
            chapterName = p.chapterName
            postName = p.postName
            flags = p.flags.map(\.rawValue).joined(separator: ", ")
            carriedOver = p.carriedOver == 0 ? "" : kr(p.carriedOver)
            allocation = p.inLetter ? kr(p.allocation) : ""
            total = p.inLetter ? kr(p.total) : ""
            actual = kr(p.actual)
            difference = p.inLetter ? kr(p.difference) : ""
            overrun = p.inLetter && p.difference < 0
            utilisation = pct(p.utilisation)
            projected = kr(p.projected)
            projectedDifference = p.inLetter ? kr(p.projectedDifference) : ""
            extrapolated = p.extrapolated
            inLetter = p.inLetter
        }
    }

    struct IncomeRow: Encodable {
        let key: String
        let actual: String
        let projected: String
        init(_ i: IncomeAccount) {
            key = i.key
            actual = kr(i.actual)
            projected = kr(i.projected)
        }
    }

    struct Totals: Encodable {
        let total: String
        let actual: String
        let projected: String
        let income: String
        let net: String
        let utilisation: String
        init(_ s: AppropriationStatement) {
            total = kr(s.totalAllocation)
            actual = kr(s.totalActual)
            projected = kr(s.totalProjected)
            income = kr(s.totalIncome)
            net = kr(s.netReported)
            utilisation = pct(s.utilisation)
        }
    }

    struct CarryOverView: Encodable {
        let key: String
        let flag: String
        let difference: String
        let extraIncome: String
        let reallocation: String
        let basis: String
        let maximum: String
        let possible: String
        init(_ r: CarryOverRow) {
            key = r.key
            flag = r.flag
            difference = kr(r.difference)
            extraIncome = r.extraIncome == 0 ? "" : kr(r.extraIncome)
            reallocation = r.reallocation == 0 ? "" : kr(r.reallocation)
            basis = r.basis.map(kr) ?? "ikke aktuell"
            maximum = r.maximum.map(kr) ?? ""
            possible = r.possible.map(kr) ?? ""
        }
    }

    struct FigureView: Encodable {
        let post: String
        let status: String
        let statusLabel: String
        let limit: String
        let used: String
        let projected: String
        let message: String
    }

    struct CheckView: Encodable {
        let title: String
        let legalRef: String?
        let status: String
        let statusLabel: String
        let message: String
        let requiresApplication: Bool
        let figures: [FigureView]
        init(_ c: AuthorizationCheck) {
            title = c.title
            legalRef = c.legalRef
            status = c.status.rawValue
            statusLabel = c.status.label
            message = c.message
            requiresApplication = c.requiresApplication
            figures = c.figures.map {
                FigureView(
                    post: $0.post, status: $0.status.rawValue, statusLabel: $0.status.label, limit: kr($0.limit), used: kr($0.used),
                    projected: kr($0.projected), message: $0.message)
            }
        }
    }

    struct MonthRow: Encodable {
        let month: String
        let actual: String
        let forecast: String
        let cumulative: String
    }

    static func months(_ p: PostAccount, through: Int) -> [MonthRow] {
        var running = 0
        return (0..<12).map { m in
            let booked = m < through
            running += booked ? p.actualByMonth[m] : p.forecastByMonth[m]
            return MonthRow(
                month: NorwegianText.monthNames[m + 1], actual: booked ? kr(p.actualByMonth[m]) : "",
                forecast: booked ? "" : kr(p.forecastByMonth[m]), cumulative: kr(running))
        }
    }

    /// Cumulative spending by month (booked filled, forecast hollow) against the allocation.
    static func chart(_ p: PostAccount, through: Int) -> String {
        var running = 0
        let points = (0..<12).map { m -> Charts.Point in
            running += m < through ? p.actualByMonth[m] : p.forecastByMonth[m]
            return Charts.Point(year: m + 1, value: Double(running), imported: m >= through)
        }
        return Charts.timeSeries(
            points, target: p.inLetter ? Double(p.total) : nil, unit: "kroner", title: "Forbruk hittil i år, post \(p.key)",
            targetLabel: "Samlet tildeling", hollowNote: " (prognose)", xLabel: { String(NorwegianText.monthNames[$0].prefix(3)) })
    }

    struct LedgerRow: Encodable {
        let year: Int
        let month: String
        let kind: String
        let amount: String
        let text: String
        init(_ e: LedgerEntry) {
            year = e.year
            month = NorwegianText.monthNames[e.month]
            kind = e.kind.label
            let ore = abs(e.amountOre)
            amount = (e.amountOre < 0 ? "−" : "") + Money.kroner(ore / 100) + "," + String(format: "%02d", ore % 100)
            text = e.text
        }
    }
}

extension AppropriationStatement {
    /// Whether the allocation comes from a letter stored in Styr, so that the year's pages
    /// (overview, budget, assignments) exist to link to.
    var hasLetter: Bool { allocationSource == .tildelingsbrev }

    /// A post on the year's budget page; nil for a year whose allocation comes from the accounts.
    func budgetLink(chapter: Int, post: Int) -> String? {
        hasLetter ? Endpoint.budget.url(year, fragment: Endpoint.budgetPostAnchor(chapter: chapter, post: post)) : nil
    }
}
