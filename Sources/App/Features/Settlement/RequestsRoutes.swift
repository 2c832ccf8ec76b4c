import Fluent
import Foundation
import StyrCore
import Vapor

/// Requests to municipalities (anmodninger), their decisions (vedtak) and the county's
/// recommendation, per year. The directorate edits everything and imports the yearly file; a
/// municipality sees its own row and records its own decision.
struct RequestsRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.registerRequests, use: list)
        web.on(.registerRequest, use: form)
        web.on(.registerRequestUpdate, use: update)
        web.on(.registerRequestsImport, body: .collect(maxSize: "20mb"), use: importFile)
        api.on(.apiRegisterRequests, use: apiList)
        api.on(.apiRegisterRequestsImport, body: .collect(maxSize: "20mb"), use: apiImport)
        api.on(.apiRegisterRequest, use: apiUpdate)
    }

    /// The municipality a municipality user is limited to; nil for the ministry and directorate.
    static func ownKommune(_ req: Request) -> String?? {
        req.role == .municipality ? .some(req.auth.get(UserModel.self)?.kommune) : .none
    }

    struct Row: Content {
        let year: Int
        let kommune: String
        let name: String
        let requested: Int
        let requestedMinors: Int
        let decided: Int?
        let decidedMinors: Int?
        let countyRecommendation: Int?
        let settled: Int
        let utilisation: String?
    }

    static func rows(_ req: Request, year: Int) async throws -> [Row] {
        var requests = try await SettlementStore.requests(year: year, on: req.db)
        if case .some(let own) = ownKommune(req) { requests = requests.filter { $0.kommune == own } }
        let cube = try await req.application.registerCache.cube(on: req.db)
        let division = req.application.geography.division(for: year)
        return requests.map { r in
            let settled = cube.settledTotal(.init(year: year, half: false), unit: .municipality(r.kommune)).persons
            return Row(
                year: r.year, kommune: r.kommune, name: division.municipality(r.kommune)?.name ?? "", requested: r.requested,
                requestedMinors: r.requestedMinors, decided: r.decided, decidedMinors: r.decidedMinors,
                countyRecommendation: r.countyRecommendation, settled: settled,
                utilisation: r.decided.flatMap { $0 > 0 ? IndicatorFormat.decimal(100 * Double(settled) / Double($0), 0) + " %" : nil })
        }
    }

    static func year(_ req: Request) async throws -> (year: Int, years: [Int]) {
        let years = try await SettlementStore.requestYears(on: req.db)
        let asked = (try? req.query.get(Int.self, at: "aar")) ?? (try? req.query.get(Int.self, at: "year"))
        return (asked ?? years.first ?? req.today.year, years)
    }

    struct ListPage: Encodable {
        let page: PageContext
        let year: Int
        let years: [SelectOption]
        let rows: [Row]
        let totals: [String: String]
        let canEdit: Bool
        let canImport: Bool
        let message: String?
        let errors: [String]
    }

    /// The list; `?ny=KOMMUNE` (the "new request" form, which works without JavaScript) opens that municipality's form.
    func list(req: Request) async throws -> Response {
        if let new = try? req.query.get(String.self, at: "ny"), !new.isEmpty {
            let year = try await Self.year(req).year
            return req.redirect(
                to: "/register/bosetting/anmodninger/\(year)/\(new.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        }
        return try await renderList(req, message: nil, errors: []).encodeResponse(for: req)
    }

    func renderList(_ req: Request, message: String?, errors: [String]) async throws -> View {
        let (year, years) = try await Self.year(req)
        let rows = try await Self.rows(req, year: year)
        let decided = rows.compactMap(\.decided).reduce(0, +)
        let settled = rows.map(\.settled).reduce(0, +)
        let totals = [
            "requested": Money.kroner(rows.map(\.requested).reduce(0, +)),
            "requestedMinors": Money.kroner(rows.map(\.requestedMinors).reduce(0, +)), "decided": Money.kroner(decided),
            "decidedMinors": Money.kroner(rows.compactMap(\.decidedMinors).reduce(0, +)),
            "countyRecommendation": Money.kroner(rows.compactMap(\.countyRecommendation).reduce(0, +)),
            "settled": Money.kroner(settled), "municipalities": Counted.text(rows.count, "kommune", "kommuner"),
            "undecided": String(rows.filter { $0.decided == nil }.count),
            "utilisation": decided > 0 ? IndicatorFormat.decimal(100 * Double(settled) / Double(decided), 0) + " %" : "",
        ]
        return try await req.view.render(
            "settlement/register-requests",
            ListPage(
                page: PageContext(req, title: "Anmodninger og vedtak \(year)"), year: year,
                years: years.map { SelectOption(value: String($0), label: String($0), selected: $0 == year) }, rows: rows,
                totals: totals, canEdit: req.role == .directorate || req.role == .municipality, canImport: req.role == .directorate,
                message: message, errors: errors))
    }

    /// The year and municipality of the path; a municipality may only open its own.
    static func target(_ req: Request) throws -> (year: Int, kommune: String) {
        guard let year = req.parameters.get("year", as: Int.self), (2000...2100).contains(year) else {
            throw UserError(.badRequest, "Året i adressen er ugyldig.", field: "year")
        }
        guard let kommune = req.parameters.get("kommune"), kommune.range(of: #"^\d{4}$"#, options: .regularExpression) != nil else {
            throw UserError(.badRequest, "Kommunenummer må ha fire sifre.", field: "kommune")
        }
        if case .some(let own) = ownKommune(req), own != kommune {
            throw UserError(.forbidden, "En kommune kan bare se og endre sin egen anmodning.")
        }
        return (year, kommune)
    }

    struct FormPage: Encodable {
        let page: PageContext
        let year: Int
        let kommune: String
        let name: String
        let isNew: Bool
        let decisionOnly: Bool
        let form: [String: String]
        let errors: [String: String]
    }

    func form(req: Request) async throws -> View {
        let (year, kommune) = try Self.target(req)
        let existing = try await SettlementStore.requests(year: year, kommune: kommune, on: req.db).first
        var fields: [String: String] = [:]
        for f in RequestEdit.fieldNames { fields[f] = RequestEdit.value(f, of: existing).map(String.init) ?? "" }
        return try await renderForm(req, year: year, kommune: kommune, existing: existing, form: fields, errors: [:])
    }

    func renderForm(
        _ req: Request, year: Int, kommune: String, existing: MunicipalRequest?, form: [String: String], errors: [String: String]
    ) async throws -> View {
        let name = req.application.geography.division(for: year).municipality(kommune)?.name ?? "ukjent kommune"
        return try await req.view.render(
            "settlement/register-request",
            FormPage(
                page: PageContext(req, title: "Anmodning \(year) – \(kommune) \(name)"), year: year, kommune: kommune, name: name,
                isNew: existing == nil, decisionOnly: req.role == .municipality, form: form, errors: errors))
    }

    func update(req: Request) async throws -> Response {
        let (year, kommune) = try Self.target(req)
        let fields = try req.content.decode([String: String].self)
        let existing = try await SettlementStore.requests(year: year, kommune: kommune, on: req.db).first
        switch RequestEdit.fromForm(
            fields, year: year, kommune: kommune, existing: existing, decisionOnly: req.role == .municipality,
            geography: req.application.geography)
        {
        case .success(let r):
            try await SettlementStore.save(r, before: existing, actor: req.actor, on: req.db)
            return req.redirect(
                to: Endpoint.registerRequests.url(query: [("aar", String(year))]),
                flash: "Anmodningen for \(kommune) i \(year) er lagret.")
        case .failure(let e):
            let res = try await renderForm(req, year: year, kommune: kommune, existing: existing, form: fields, errors: e.fields)
                .encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        }
    }

    struct ImportForm: Content {
        var file: File?
    }

    func importFile(req: Request) async throws -> Response {
        let form = try req.content.decode(ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0, let text = TextExtraction.decodeText(Data(buffer: file.data)) else {
            let res = try await renderList(req, message: nil, errors: ["Velg en CSV-fil med tekst."]).encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        }
        do {
            let rows = try await SettlementStore.importRequests(text, geography: req.application.geography, actor: req.actor, on: req.db)
            return req.redirect(to: Endpoint.registerRequests.url(), flash: "Lagret \(rows) anmodninger og vedtak.")
        } catch let e as UserError {
            let res = try await renderList(req, message: nil, errors: e.details.isEmpty ? [e.reason] : [e.reason] + e.details)
                .encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        }
    }

    struct APIList: Content {
        let year: Int
        let years: [Int]
        let requests: [Row]
    }

    func apiList(req: Request) async throws -> APIList {
        let (year, years) = try await Self.year(req)
        return APIList(year: year, years: years, requests: try await Self.rows(req, year: year))
    }

    struct Imported: Content { let imported: Int }

    func apiImport(req: Request) async throws -> Response {
        let res = try await Imported(
            imported: SettlementStore.importRequests(
                req.body.string ?? "", geography: req.application.geography, actor: req.actor, on: req.db)
        ).encodeResponse(for: req)
        res.status = .created
        return res
    }

    func apiUpdate(req: Request) async throws -> MunicipalRequest {
        let (year, kommune) = try Self.target(req)
        let edit: RequestEdit
        do { edit = try req.content.decode(RequestEdit.self) } catch {
            throw UserError(.unprocessableEntity, "Ugyldig JSON: \(error)", field: "body")
        }
        let existing = try await SettlementStore.requests(year: year, kommune: kommune, on: req.db).first
        switch edit.apply(
            year: year, kommune: kommune, to: existing, decisionOnly: req.role == .municipality, geography: req.application.geography)
        {
        case .success(let r):
            try await SettlementStore.save(r, before: existing, actor: req.actor, on: req.db)
            return r
        case .failure(let e): throw UserError(fields: e)
        }
    }
}

extension MunicipalRequest: Content {}
