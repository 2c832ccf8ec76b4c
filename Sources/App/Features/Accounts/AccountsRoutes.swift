import Foundation
import StyrCore
import Vapor

/// The year's accounts: appropriation statement, forecast, carry-over (Note A/B) and the
/// authorizations' status; each post opens its ledger rows. The directorate imports the ledger.
struct AccountsRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.accounts, use: page)
        web.on(.accountsPost, use: postPage)
        web.on(.accountsImport, body: .collect(maxSize: "20mb"), use: upload)
        api.on(.apiAccounts, use: apiStatement)
        api.on(.apiFullmakter, use: apiChecks)
        api.on(.apiAccountsImport, body: .collect(maxSize: "20mb"), use: apiImport)
    }

    /// `?per=1…12` (the web) or `?through=` (the API): the view at the end of that month.
    static func through(_ req: Request) throws -> Int? {
        guard let raw = (try? req.query.get(String.self, at: "per")) ?? (try? req.query.get(String.self, at: "through")), !raw.isEmpty
        else { return nil }
        guard let m = Int(raw), (1...12).contains(m) else { throw UserError(.badRequest, "Måneden må være 1–12.", field: "per") }
        return m
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let months: [SelectOption]
        let bookedThrough: String
        let posts: [AccountsPages.PostRow]
        let income: [AccountsPages.IncomeRow]
        let totals: AccountsPages.Totals
        let carryOver: [AccountsPages.CarryOverView]
        let checks: [AccountsPages.CheckView]
        let canImport: Bool
        let message: String?
        let errors: [String]
        let empty: Bool
    }

    func render(_ req: Request, message: String? = nil, errors: [String] = []) async throws -> View {
        let year = try req.yearParameter()
        let through = try Self.through(req)
        let (s, checks) = try await AccountsStore.evaluate(year: year, through: through, app: req.application, on: req.db)
        let months =
            [SelectOption(value: "", label: "Alt som er bokført", selected: through == nil)]
            + (1...12).map {
                SelectOption(value: String($0), label: "Per \(NorwegianText.monthNames[$0]) (\($0))", selected: through == $0)
            }
        return try await req.view.render(
            "accounts/accounts",
            Page(
                page: PageContext(req, title: "Regnskap og fullmakter \(year)", year: Self.navYear(s, year)), year: year, months: months,
                bookedThrough: s.bookedThroughMonth == 0
                    ? "Ingenting bokført ennå" : "Bokført t.o.m. \(NorwegianText.monthNames[s.bookedThroughMonth])",
                posts: s.expenses.map {
                    AccountsPages.PostRow($0, year: year, budgetLink: s.budgetLink(chapter: $0.chapter, post: $0.post))
                },
                income: s.income.map(AccountsPages.IncomeRow.init),
                totals: AccountsPages.Totals(s), carryOver: s.carryOver.map(AccountsPages.CarryOverView.init),
                checks: checks.map(AccountsPages.CheckView.init), canImport: Endpoint.accountsImport.roles.contains(req.role),
                message: message, errors: errors, empty: s.bookedThroughMonth == 0))
    }

    func page(req: Request) async throws -> View { try await render(req) }

    struct PostPage: Encodable {
        let page: PageContext
        let year: Int
        let post: AccountsPages.PostRow
        let chart: String
        let months: [AccountsPages.MonthRow]
        let rows: [AccountsPages.LedgerRow]
    }

    /// One post: monthly bookings and forecast against the allocation, and every ledger row.
    func postPage(req: Request) async throws -> View {
        let year = try req.yearParameter()
        let ref = try AccountsPages.postRef(req.parameters.get("post") ?? "")
        let s = try await AccountsStore.evaluate(year: year, app: req.application, on: req.db).statement
        guard let p = s.post(ref.chapter, ref.post) else { throw UserError(.notFound, "Posten \(ref.key) finnes ikke i \(year).") }
        let rows = try await AccountsStore.rows(year: year, chapter: ref.chapter, post: ref.post, on: req.db)
        return try await req.view.render(
            "accounts/accounts-post",
            PostPage(
                page: PageContext(
                    req, title: "Kap. \(ref.chapter) post \(String(format: "%02d", ref.post)) — \(year)", year: Self.navYear(s, year)),
                year: year, post: AccountsPages.PostRow(p, year: year, budgetLink: s.budgetLink(chapter: p.chapter, post: p.post)),
                chart: AccountsPages.chart(p, through: s.bookedThroughMonth),
                months: AccountsPages.months(p, through: s.bookedThroughMonth), rows: rows.map(AccountsPages.LedgerRow.init)))
    }

    struct UploadForm: Content {
        var file: File?
        var year: Int?
    }

    func upload(req: Request) async throws -> Response {
        let form = try req.content.decode(UploadForm.self)
        // The page shown after the upload is the year the form was sent from.
        req.parameters.set("year", to: String(form.year ?? req.today.year))
        guard let file = form.file, file.data.readableBytes > 0 else { return try await failed(req, ["Velg en CSV-fil med tekst."]) }
        guard let text = TextExtraction.decodeText(Data(buffer: file.data)) else { return try await failed(req, [TextExtraction.notText]) }
        do {
            let r = try await AccountsStore.importFile(text, source: file.filename, actor: req.actor, on: req.db)
            return req.redirect(
                to: Endpoint.accounts.url(form.year ?? req.today.year),
                flash: "Lagret \(r.rows) rader (erstattet \(r.replaced.joined(separator: ", "))).")
        } catch let e as UserError {
            return try await failed(req, [e.reason] + e.details)
        }
    }

    func failed(_ req: Request, _ errors: [String]) async throws -> Response {
        let res = try await render(req, errors: errors).encodeResponse(for: req)
        res.status = .unprocessableEntity
        return res
    }

    /// The year's navigation only where the year's pages exist: a year whose allocation comes from
    /// the accounts has no letter in Styr, so no overview, budget or assignments to link to.
    static func navYear(_ s: AppropriationStatement, _ year: Int) -> Int? {
        s.hasLetter ? year : nil
    }

    func apiStatement(req: Request) async throws -> AppropriationStatement {
        try await AccountsStore.evaluate(year: try req.yearParameter(), through: try Self.through(req), app: req.application, on: req.db)
            .statement
    }

    func apiChecks(req: Request) async throws -> [AuthorizationCheck] {
        try await AccountsStore.evaluate(year: try req.yearParameter(), through: try Self.through(req), app: req.application, on: req.db)
            .checks
    }

    func apiImport(req: Request) async throws -> Response {
        let dryRun = (try? req.query.get(Bool.self, at: "dryRun")) ?? false
        let r = try await AccountsStore.importFile(
            req.body.string ?? "", source: "API-opplasting", actor: req.actor, dryRun: dryRun, on: req.db)
        let res = try await r.encodeResponse(for: req)
        res.status = dryRun ? .ok : .created
        return res
    }
}

extension AppropriationStatement: Content {}
extension AuthorizationCheck: Content {}
