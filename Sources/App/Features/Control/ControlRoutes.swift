import Foundation
import StyrCore
import Vapor

/// The risk register per goal with its matrix, and the follow-up of remarks and internal control.
struct ControlRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.risks, use: page)
        web.on(.riskSave, use: saveRisk)
        web.on(.controlItemAdd, use: addItem)
        web.on(.controlItemClose, use: closeItem)
        api.on(.apiRisks, use: apiList)
    }

    struct RiskView: Encodable {
        let id: String
        let goalRef: String
        let title: String
        let likelihood: Int
        let consequence: Int
        let score: Int
        let level: String
        let levelLabel: String
        let measures: String
        let owner: String
        let closed: Bool
    }

    struct ItemView: Encodable {
        let id: String
        let kind: String
        let title: String
        let action: String
        let due: String
        let closed: String?
        let overdue: Bool
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let matrix: String
        let risks: [RiskView]
        let items: [ItemView]
        let goals: [SelectOption]
        let kinds: [SelectOption]
        let canEdit: Bool
        let message: String?
        let errors: [String]
    }

    func render(_ req: Request, message: String? = nil, errors: [String] = []) async throws -> View {
        let year = try req.yearParameter()
        let risks = try await ControlStore.risks(year: year, on: req.db)
        let items = try await ControlStore.items(year: year, on: req.db)
        let overdue = Set(RiskRules.overdue(items, at: req.today).map(\.id))
        let goals = try await goalRefs(req, year: year)
        return try await req.view.render(
            "control/risks",
            Page(
                page: PageContext(req, title: "Risiko og internkontroll \(year)", year: year), year: year,
                matrix: RiskMatrix.svg(risks.filter { !$0.closed }),
                risks: risks.map {
                    RiskView(
                        id: $0.id, goalRef: $0.goalRef, title: $0.title, likelihood: $0.likelihood, consequence: $0.consequence,
                        score: $0.score,
                        level: $0.level.rawValue, levelLabel: $0.level.label, measures: $0.measures, owner: $0.owner, closed: $0.closed)
                },
                items: items.map {
                    ItemView(
                        id: $0.id, kind: $0.kind.label, title: $0.title, action: $0.action, due: $0.due.map(NorwegianText.shortDate) ?? "",
                        closed: $0.closed.map(NorwegianText.shortDate), overdue: overdue.contains($0.id))
                },
                goals: goals.map { SelectOption(value: $0, label: $0, selected: false) },
                kinds: ControlItem.Kind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
                canEdit: Endpoint.riskSave.roles.contains(req.role), message: message, errors: errors))
    }

    func goalRefs(_ req: Request, year: Int) async throws -> [String] {
        guard let letter = try await req.application.steeringCache.amendedYear(year, asOf: nil, on: req.db)?.letter else { return [] }
        return RiskRules.goalRefs(letter)
    }

    func page(req: Request) async throws -> View { try await render(req) }

    func act(_ req: Request, _ body: () async throws -> String) async throws -> Response {
        try await FormAction.run(
            req, redirect: Endpoint.risks.url(try req.yearParameter()), render: { try await render(req, message: $0, errors: $1) }, body)
    }

    struct RiskForm: Content {
        var id: String?
        var goalRef: String?
        var title: String?
        var likelihood: Int?
        var consequence: Int?
        var measures: String?
        var owner: String?
        var closed: String?
    }

    func saveRisk(req: Request) async throws -> Response {
        let year = try req.yearParameter()
        let f = try req.content.decode(RiskForm.self)
        let goals = Set(try await goalRefs(req, year: year))
        return try await act(req) {
            let r = try await ControlStore.save(
                Risk(
                    id: f.id ?? "", year: year, goalRef: f.goalRef ?? "", title: f.title ?? "", likelihood: f.likelihood ?? 0,
                    consequence: f.consequence ?? 0, measures: f.measures ?? "", owner: f.owner ?? "", closed: f.closed == "on"),
                goals: goals, actor: req.actor, on: req.db)
            return "Risiko \(r.id) er lagret (\(r.level.label.lowercased()) risiko, \(r.score))."
        }
    }

    struct ItemForm: Content {
        var kind: String?
        var title: String?
        var action: String?
        var due: String?
    }

    func addItem(req: Request) async throws -> Response {
        let year = try req.yearParameter()
        let f = try req.content.decode(ItemForm.self)
        return try await act(req) {
            let i = try await ControlStore.addItem(
                ControlItem(
                    id: "", year: year, kind: ControlItem.Kind(rawValue: f.kind ?? "") ?? .internkontroll, title: f.title ?? "",
                    action: f.action ?? "", due: (f.due ?? "").isEmpty ? nil : f.due),
                actor: req.actor, on: req.db)
            return "Oppfølgingspunkt \(i.id) er registrert."
        }
    }

    func closeItem(req: Request) async throws -> Response {
        let year = try req.yearParameter()
        return try await act(req) {
            try await ControlStore.closeItem(
                year: year, id: req.parameters.get("itemID") ?? "", actor: req.actor, today: req.today, on: req.db)
            return "Punktet er lukket."
        }
    }

    struct APIList: Content {
        let risks: [Risk]
        let followUps: [ControlItem]
    }

    func apiList(req: Request) async throws -> APIList {
        let year = try req.yearParameter()
        return APIList(
            risks: try await ControlStore.risks(year: year, on: req.db), followUps: try await ControlStore.items(year: year, on: req.db))
    }
}

/// The 5 × 5 risk matrix as SVG: likelihood up, consequence across, each open risk by its id.
enum RiskMatrix {
    static func svg(_ risks: [Risk]) -> String {
        let cell = 56.0, left = 70.0, top = 16.0, size = cell * 5
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(left + size + 16)) \(Int(top + size + 52))\" role=\"img\" aria-label=\"Risikomatrise\" class=\"chart riskmatrix\"><title>Risikomatrise: sannsynlighet mot konsekvens</title>"
        for l in 1...5 {
            for c in 1...5 {
                let color = ["low": "#e3f3e6", "medium": "#fff4d6", "high": "#fdecea"][RiskLevel(score: l * c).rawValue]!
                let x = left + Double(c - 1) * cell, y = top + Double(5 - l) * cell
                s +=
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
                let here = risks.filter { $0.likelihood == l && $0.consequence == c }.map(\.id)
                for (i, id) in here.prefix(3).enumerated() {
                    s +=
                        "<text x=\"\(x + cell / 2)\" y=\"\(y + 20 + Double(i) * 14)\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"700\" fill=\"#17212b\">\(HTML.escape(id))</text>"
                }
            }
            s +=
                "<text x=\"\(left - 8)\" y=\"\(top + Double(5 - l) * cell + cell / 2 + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6570\">\(l)</text>"
        }
        for c in 1...5 {
            s +=
                "<text x=\"\(left + Double(c - 1) * cell + cell / 2)\" y=\"\(top + size + 16)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6570\">\(c)</text>"
        }
        s +=
            "<text x=\"\(left + size / 2)\" y=\"\(top + size + 40)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#17212b\">Konsekvens</text>"
        s +=
            "<text x=\"14\" y=\"\(top + size / 2)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#17212b\" transform=\"rotate(-90 14 \(top + size / 2))\">Sannsynlighet</text>"
        return s + "</svg>"
    }
}

extension Risk: Content {}
extension ControlItem: Content {}
