import Foundation
import StyrCore
import Vapor

/// Grant schemes of a year with budget, granted and paid; per scheme the applications, decisions,
/// the notices to the ministry and the decision letters (held back until 14 days after the notice).
struct GrantsRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.grants, use: list)
        web.on(.grantScheme, use: schemePage)
        web.on(.grantApplicationCreate, use: create)
        web.on(.grantDecide, use: decide)
        web.on(.grantSendLetter, use: sendLetter)
        web.on(.grantNotice, use: notice)
        web.on(.grantBasis, use: basis)
        web.on(.grantPayment, use: payment)
        web.on(.grantReport, use: recipientReport)
        api.on(.apiGrants, use: apiList)
    }

    struct SchemeSummary: Encodable {
        let code: String
        let name: String
        let post: String
        let basis: String
        let budget: String
        let applied: String
        let granted: String
        let paid: String
        let applications: Int
        let waitingLetters: Int
    }

    static func summary(_ s: GrantScheme, _ apps: [GrantApplication]) -> SchemeSummary {
        let mine = apps.filter { $0.schemeCode == s.code }
        return SchemeSummary(
            code: s.code, name: s.name, post: "\(s.chapter)/\(String(format: "%02d", s.post))", basis: s.basis.label,
            budget: Money.kroner(s.budgetNOK), applied: Money.kroner(mine.map(\.amountApplied).reduce(0, +)),
            granted: Money.kroner(mine.compactMap(\.amountGranted).reduce(0, +)), paid: Money.kroner(mine.map(\.paid).reduce(0, +)),
            applications: mine.count, waitingLetters: mine.filter { ($0.amountGranted ?? 0) > 0 && $0.letterSent == nil }.count)
    }

    struct ListPage: Encodable {
        let page: PageContext
        let year: Int
        let schemes: [SchemeSummary]
    }

    func list(req: Request) async throws -> View {
        let year = try req.yearParameter()
        let schemes = try await GrantsStore.schemes(year: year, app: req.application, on: req.db)
        let apps = try await GrantsStore.applications(year: year, on: req.db)
        return try await req.view.render(
            "grants/grants",
            ListPage(
                page: PageContext(req, title: "Tilskuddsordninger \(year)", year: year), year: year,
                schemes: schemes.map { Self.summary($0, apps) }))
    }

    struct ApplicationView: Encodable {
        let id: String
        let applicant: String
        let applied: String
        let received: String
        let granted: String?
        let decided: Bool
        let letterSent: String?
        /// Why the letter cannot go today, or nil when it can.
        let letterBlocked: String?
        let paid: String
        let report: String
        /// Payments and the recipient's report can be registered (letter sent, grant not refused).
        let open: Bool
        let fullyPaid: Bool
    }

    struct SchemePage: Encodable {
        let page: PageContext
        let year: Int
        let scheme: SchemeSummary
        let basisValue: String
        let bases: [SelectOption]
        let needsNotice: Bool
        let recipients: [String]
        let hasRecipients: Bool
        let applications: [ApplicationView]
        let noNotices: Bool
        let notices: [GrantNotice]
        let canEdit: Bool
        let message: String?
        let errors: [String]
        let today: String
    }

    func render(_ req: Request, message: String? = nil, errors: [String] = []) async throws -> View {
        let year = try req.yearParameter()
        let scheme = try await GrantsStore.scheme(year: year, code: req.parameters.get("scheme") ?? "", app: req.application, on: req.db)
        let apps = try await GrantsStore.applications(year: year, scheme: scheme.code, on: req.db)
        let notices = try await GrantsStore.notices(year: year, scheme: scheme.code, on: req.db)
        let today = req.today
        let views = apps.map { a in
            ApplicationView(
                id: a.id, applicant: a.applicant, applied: Money.kroner(a.amountApplied), received: NorwegianText.shortDate(a.received),
                granted: a.amountGranted.map { $0 == 0 ? "Avslag" : Money.kroner($0) }, decided: a.amountGranted != nil,
                letterSent: a.letterSent.map(NorwegianText.shortDate),
                letterBlocked: (a.amountGranted ?? 0) > 0 && a.letterSent == nil
                    ? GrantRules.checkSend(a, scheme: scheme, notices: notices, on: today)?.description : nil,
                paid: Money.kroner(a.paid),
                report: a.reportReceived.map { "mottatt \(NorwegianText.shortDate($0))" }
                    ?? a.reportDue.map { "frist \(NorwegianText.shortDate($0))" } ?? "",
                open: a.letterSent != nil && (a.amountGranted ?? 0) > 0, fullyPaid: a.paid >= (a.amountGranted ?? 0))
        }
        return try await req.view.render(
            "grants/grant-scheme",
            SchemePage(
                page: PageContext(req, title: scheme.name, year: year), year: year, scheme: Self.summary(scheme, apps),
                basisValue: scheme.basis.rawValue,
                bases: GrantBasis.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == scheme.basis) },
                needsNotice: scheme.basis.needsNotice, recipients: scheme.recipients, hasRecipients: !scheme.recipients.isEmpty,
                applications: views,
                noNotices: notices.isEmpty, notices: notices,
                canEdit: Endpoint.grantDecide.roles.contains(req.role), message: message, errors: errors, today: today.iso))
    }

    func schemePage(req: Request) async throws -> View { try await render(req) }

    /// Runs a change and shows the scheme page with its result (422 with the reason on refusal).
    func act(_ req: Request, _ body: (GrantScheme) async throws -> String) async throws -> Response {
        let year = try req.yearParameter()
        let scheme = try await GrantsStore.scheme(year: year, code: req.parameters.get("scheme") ?? "", app: req.application, on: req.db)
        return try await FormAction.run(
            req, redirect: Endpoint.grantScheme.url(year, scheme.code), render: { try await render(req, message: $0, errors: $1) }
        ) { try await body(scheme) }
    }

    struct Form: Content {
        var applicant: String?
        var amount: String?
        var received: String?
        var basis: String?
    }

    static func amount(_ s: String?) -> Int? { s.flatMap { LedgerCSV.ore($0) }.map { $0 / 100 } }

    func create(req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        return try await act(req) { s in
            let a = try await GrantsStore.addApplication(
                s, applicant: f.applicant ?? "", amount: Self.amount(f.amount), received: f.received ?? "", actor: req.actor, on: req.db)
            return "Registrerte søknad \(a.id) fra \(a.applicant)."
        }
    }

    func decide(req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        return try await act(req) { s in
            try await GrantsStore.decide(
                s, id: req.parameters.get("appID") ?? "", amount: Self.amount(f.amount), actor: req.actor, on: req.db)
            return "Vedtaket er lagret."
        }
    }

    func sendLetter(req: Request) async throws -> Response {
        try await act(req) { s in
            try await GrantsStore.sendLetter(s, id: req.parameters.get("appID") ?? "", actor: req.actor, today: req.today, on: req.db)
            return "Tilskuddsbrevet er registrert som sendt."
        }
    }

    func notice(req: Request) async throws -> Response {
        try await act(req) { s in
            let n = try await GrantsStore.createNotice(s, actor: req.actor, today: req.today, on: req.db)
            return
                "Departementet er orientert om \(n.applicationIDs.count) tildelinger; tilskuddsbrev kan sendes fra \(NorwegianText.longDate(req.today.adding(days: GrantRules.noticeDays).iso))."
        }
    }

    func payment(req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        return try await act(req) { s in
            try await GrantsStore.registerPayment(
                s, id: req.parameters.get("appID") ?? "", amount: Self.amount(f.amount), actor: req.actor, on: req.db)
            return "Utbetalingen er registrert."
        }
    }

    func recipientReport(req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        return try await act(req) { s in
            try await GrantsStore.registerReport(s, id: req.parameters.get("appID") ?? "", date: f.received, actor: req.actor, on: req.db)
            return "Rapporten fra tilskuddsmottakeren er registrert."
        }
    }

    func basis(req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        return try await act(req) { s in
            try await GrantsStore.setBasis(s, basis: f.basis ?? "", actor: req.actor, on: req.db)
            return "Grunnlaget er endret."
        }
    }

    struct APIScheme: Content {
        let scheme: GrantScheme
        let applications: [GrantApplication]
        let notices: [GrantNotice]
    }

    func apiList(req: Request) async throws -> [APIScheme] {
        let year = try req.yearParameter()
        let schemes = try await GrantsStore.schemes(year: year, app: req.application, on: req.db)
        let apps = try await GrantsStore.applications(year: year, on: req.db)
        let notices = try await GrantsStore.notices(year: year, on: req.db)
        return schemes.map { s in
            APIScheme(scheme: s, applications: apps.filter { $0.schemeCode == s.code }, notices: notices.filter { $0.schemeCode == s.code })
        }
    }
}
