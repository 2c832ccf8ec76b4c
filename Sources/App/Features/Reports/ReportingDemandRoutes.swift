import Foundation
import StyrCore
import Vapor

/// Rapporteringskrav: every demand of the year's letter with its report, deadline, owner in the
/// directorate and whether the report answers it yet (with a link to the place that does).
struct ReportingDemandRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.reportingDemands, use: page)
        web.on(.reportingDemandOwner, use: setOwner)
        api.on(.apiReportingDemands, use: apiList)
    }

    /// A demand as the page and the API show it.
    struct Item: Content {
        let key: String
        let ref: String
        let title: String
        let text: String
        let report: String
        let deadline: String?
        let owner: String?
        let answered: Bool
        /// Where in Styr it is answered (the report section, or the report).
        let link: String
    }

    static func items(year: Int, letter: SteeringDocument, req: Request) async throws -> [Item] {
        let owners = try await ReportingDemandStore.owners(year: year, on: req.db)
        var texts: [ReportKind: [String: String]] = [:]
        var submitted: [ReportKind: Bool] = [:]
        for kind in ReportKind.allCases {
            texts[kind] = try await ReportsStore.texts(year: year, kind: kind, on: req.db)
            submitted[kind] = !(try await ReportsStore.versions(year: year, kind: kind, on: req.db)).isEmpty
        }
        return ReportingDemands.of(letter, year: year).map { d in
            let answered =
                d.section == nil ? submitted[d.report] == true : !(texts[d.report]?[d.key] ?? "").isEmpty
            return Item(
                key: d.key, ref: d.ref, title: d.title, text: d.text, report: d.report.label, deadline: d.deadline,
                owner: owners[d.key]?.owner, answered: answered,
                link: Endpoint.report.url(year, d.report.slug, fragment: d.section.map { "s-\($0)" }))
        }
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let items: [Row]
        let canAssign: Bool
        let action: String
        let errors: [String]
        let open: Int
        /// Duties the letter gives in its prose, with their deadline (the grant report due 1 June).
        let duties: [Duty]

        struct Duty: Encodable {
            let text: String
            let section: String?
            let deadline: String
            /// The grants page, for a duty about grants.
            let link: String?
        }

        struct Row: Encodable {
            let item: Item
            let deadline: String
            let formID: String
        }
    }

    func render(_ req: Request, errors: [String] = []) async throws -> View {
        let y = try await req.amendedYear()
        let items = try await Self.items(year: y.year, letter: y.letter, req: req)
        return try await req.view.render(
            "reports/reporting-demands",
            Page(
                page: PageContext(req, title: "Rapporteringskrav \(y.year)", year: y.year), year: y.year,
                items: items.enumerated().map { i, item in
                    Page.Row(item: item, deadline: item.deadline.map(NorwegianText.shortDate) ?? "–", formID: "eier-\(i)")
                },
                canAssign: Endpoint.reportingDemandOwner.roles.contains(req.role), action: Endpoint.reportingDemandOwner.url(y.year),
                errors: errors, open: items.filter { !$0.answered }.count,
                duties: (y.letter.duties ?? []).map { d in
                    Page.Duty(
                        text: d.text, section: d.section, deadline: NorwegianText.shortDate(d.deadline),
                        link: d.concernsGrants ? Endpoint.grants.url(y.year) : nil)
                }))
    }

    func page(req: Request) async throws -> View { try await render(req) }

    struct OwnerForm: Content {
        var key: String?
        var owner: String?
    }

    func setOwner(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let f = try req.content.decode(OwnerForm.self)
        return try await FormAction.run(req, redirect: Endpoint.reportingDemands.url(y.year), render: { try await render(req, errors: $1) })
        {
            let demands = ReportingDemands.of(y.letter, year: y.year)
            guard let demand = demands.first(where: { $0.key == f.key }) else {
                throw UserError(.unprocessableEntity, "Ukjent rapporteringskrav «\((f.key ?? "").prefix(40))».", field: "key")
            }
            let owner = (f.owner ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard owner.count <= 120 else { throw UserError(.unprocessableEntity, "Navnet er for langt (over 120 tegn).", field: "owner") }
            try await ReportingDemandStore.setOwner(
                year: y.year, key: demand.key, owner: owner, actor: req.actor, today: req.today, on: req.db)
            return owner.isEmpty ? "\(demand.ref) har ingen ansvarlig." : "\(owner) er ansvarlig for \(demand.ref)."
        }
    }

    func apiList(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        return try SteeringAPIRoutes.json(try await Self.items(year: y.year, letter: y.letter, req: req))
    }
}
