import Fluent
import Foundation
import StyrCore
import Vapor

/// The caseworkers' allocation page: make a proposal (from instance files or a generated
/// training instance), review each case's proposal with its alternatives and why, override with
/// a reason, and confirm. JSON API alongside.
struct MatchingRoutes {
    static let pageSize = 100

    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.matching, use: list)
        web.on(.matchingCreate, body: .collect(maxSize: "50mb"), use: create)
        web.on(.matchingRun, use: show)
        web.on(.matchingOverride, use: overrideCase)
        web.on(.matchingConfirm, use: confirm)
        web.on(.matchingRequests, use: sendRequests)
        api.on(.apiMatchRuns, use: apiList)
        api.on(.apiMatchRun, use: apiRun)
        api.on(.apiMatchOverride, use: apiOverride)
        api.on(.apiMatchConfirm, use: apiConfirm)
    }

    struct RunSummary: Content {
        let id: String
        let title: String
        let status: String
        let objective: Double
        let bound: Double
        let gap: Double
        let persons: Int
        let createdBy: String
        let createdAt: String
        let confirmedBy: String?
        /// For the page: "943 992", "1 049 375", "7,6 %".
        let objectiveText: String
        let boundText: String
        let gapText: String

        init(_ m: MatchRunModel) {
            id = m.id?.uuidString ?? ""
            title = m.title
            status = m.status
            objective = m.objective
            bound = m.bound
            gap = m.bound > 0 ? max(0, m.bound - m.objective) / m.bound : 0
            persons = m.persons
            createdBy = m.createdBy
            createdAt = ISO8601DateFormatter().string(from: m.createdAt)
            confirmedBy = m.confirmedBy
            objectiveText = IndicatorFormat.value(m.objective, unit: "count")
            boundText = IndicatorFormat.value(m.bound, unit: "count")
            gapText = IndicatorFormat.value(gap * 100, unit: "percent")
        }
    }

    struct CaseView: Content {
        let caseId: String
        let size: Int
        let minors: Int
        let needs: String
        let week: Int
        let proposed: String?
        let placement: String?
        /// "4650 Gloppen".
        let placementName: String?
        let overridden: Bool
        let reason: String?
        let decidedBy: String?
        let alternatives: [MatchAlternative]
        /// The alternatives as sentences (score, price, score parts).
        let explanation: [String]
        /// From the register: `kartlegging` or `generert`, its words, and the proposal explained.
        let basis: String?
        let basisText: String?
        let reasoning: String?
        /// Every allowed municipality with the places it has left in the proposal (for overriding).
        let options: [Option]
        /// The day the case was sent as a request to its municipality, or nil.
        let requestedOn: String?
        /// Whether it can be sent now: from the register, with a municipality, not yet sent.
        let requestable: Bool
        /// Whether it can still be overridden (not sent as a request).
        let editable: Bool

        struct Option: Content {
            let kommunenummer: String
            let text: String
            let room: Bool
        }

        init(_ m: MatchCaseModel, names: [String: String] = [:], left: [String: (places: Int, minors: Int)] = [:]) {
            func named(_ code: String) -> String { names[code].map { "\(code) \($0)" } ?? code }
            caseId = m.caseId
            size = m.size
            minors = m.minors
            needs = MatchingRoutes.needWords(m.needs)
            basis = m.basis
            basisText = m.basis.map { $0 == MatchBasis.interview.rawValue ? "kartleggingsintervju" : "generert profil" }
            reasoning = m.explanation
            let ordinary = m.size - m.minors
            let here = m.placement
            options = m.allowed.split(separator: ";").map(String.init).compactMap { code in
                guard let l = left[code] else { return nil }
                // Places left if the case moved there (its own places count as free where it is now).
                let places = l.places + (code == here ? ordinary : 0)
                let minorPlaces = l.minors + (code == here ? m.minors : 0)
                let room = ordinary <= places && m.minors <= minorPlaces
                let text =
                    "\(named(code)) – \(places) \(places == 1 ? "plass" : "plasser") igjen"
                    + (m.minors > 0 ? ", \(minorPlaces) for enslige mindreårige" : "") + (room ? "" : " (ikke plass)")
                return Option(kommunenummer: code, text: text, room: room)
            }
            .sorted { ($0.room ? 0 : 1, $0.kommunenummer) < ($1.room ? 0 : 1, $1.kommunenummer) }
            week = m.week
            requestedOn = m.requestedOn
            editable = m.requestedOn == nil
            requestable = m.basis != nil && m.placement != nil && m.requestedOn == nil
            proposed = m.proposed
            placement = m.placement
            placementName = m.placement.map(named)
            overridden = m.chosen != nil
            reason = m.reason
            decidedBy = m.decidedBy
            alternatives = (try? JSONDecoder().decode([MatchAlternative].self, from: Data(m.alternatives.utf8))) ?? []
            explanation = alternatives.map { a in
                let parts = a.parts.filter { $0.points != 0 }.map { "\($0.name) \(Int($0.points))" }.joined(separator: ", ")
                return "\(named(a.kommunenummer)): treff \(Int(a.score)), pris \(Int(a.placePrice.rounded()))"
                    + (parts.isEmpty ? "" : " (\(parts))")
            }
        }
    }

    /// Need codes in words ("helse;stor_bolig" → "helsetjenester, stor bolig").
    static func needWords(_ codes: String) -> String {
        let words = [
            "helse": "helsetjenester", "tilrettelagt_bolig": "tilrettelagt bolig", "spesialpedagogikk": "spesialpedagogisk hjelp",
            "stor_bolig": "stor bolig",
        ]
        return codes.split(separator: ";").map { words[String($0)] ?? $0.replacingOccurrences(of: "_", with: " ") }
            .joined(separator: ", ")
    }

    /// The places each municipality has left in a run after every case's placement.
    static func placesLeft(_ run: MatchRunModel, _ cases: [MatchCaseModel]) -> [String: (places: Int, minors: Int)] {
        var left = Dictionary(run.places.map { ($0.code, (places: $0.places, minors: $0.minorPlaces)) }, uniquingKeysWith: { a, _ in a })
        for c in cases {
            guard let k = c.placement, var l = left[k] else { continue }
            l.places -= c.size - c.minors
            l.minors -= c.minors
            left[k] = l
        }
        return left
    }

    struct ListPage: Encodable {
        let page: PageContext
        let runs: [RunSummary]
    }

    func list(req: Request) async throws -> View {
        let runs = try await MatchRunModel.query(on: req.db).sort(\.$createdAt, .descending).all().map(RunSummary.init)
        return try await req.view.render("matching/matching", ListPage(page: PageContext(req, title: "Treffsikker bosetting"), runs: runs))
    }

    struct CreateForm: Content {
        var title: String?
        var source: String?
        var persons: Int?
        var seed: Int?
        /// With `source=register`: the day the cases must be ready by (ÅÅÅÅ-MM-DD; default today).
        var date: String?
        var cases: File?
        var municipalities: File?
        var scores: File?
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(CreateForm.self)
        let run = try await Self.create(form, req: req)
        return req.redirect(to: "/bosetting/tildeling/\(run.id!.uuidString)", redirectType: .normal)
    }

    static func create(_ form: CreateForm, req: Request) async throws -> MatchRunModel {
        let title = (form.title ?? "").trimmingCharacters(in: .whitespaces)
        if form.source == "filer" {
            func text(_ f: File?, _ name: String) throws -> String {
                guard let f, f.data.readableBytes > 0, let t = TextExtraction.decodeText(Data(buffer: f.data)) else {
                    throw UserError(.unprocessableEntity, "Velg \(name).", field: name)
                }
                return t
            }
            let instance: MatchInstance
            do {
                instance = try MatchCSV.read(
                    cases: try text(form.cases, "cases.csv"), municipalities: try text(form.municipalities, "municipalities.csv"),
                    scores: try text(form.scores, "scores.csv"))
            } catch let e as MatchFileError {
                throw UserError(
                    .unprocessableEntity, "Instansen har \(e.issues.count) feil; ingenting er lagret.", field: "cases", details: e.issues)
            }
            return try await MatchingStore.create(
                title: title.isEmpty ? "Tildeling fra filer" : title, instance: instance, parts: nil, actor: req.actor, on: req.db)
        }
        if form.source == "register" || form.source == "uke" {
            let raw = (form.date ?? "").trimmingCharacters(in: .whitespaces)
            let date = raw.isEmpty ? req.today : CivilDate(iso: raw)
            guard let date else { throw UserError(.unprocessableEntity, "Ugyldig dato «\(raw)»: bruk ÅÅÅÅ-MM-DD.", field: "date") }
            let match = try await MatchFiles.fromRegister(req.application, year: date.year, asOf: date.dayNumber)
            guard !match.instance.cases.isEmpty else {
                throw UserError(.unprocessableEntity, "Ingen saker er bosettingsklare og uten kommune per \(date.iso).", field: "date")
            }
            let names = MatchFiles.names(req.application.geography, year: date.year)
            let weekly = form.source == "uke"
            let week = (date.dayNumber - CivilDate(year: date.year, month: 1, day: 1)!.dayNumber) / 7 + 1
            let allocation =
                weekly ? MatchDynamic.week(match.instance, week: week, readyPersons: match.readyPersonsInYear) : nil
            return try await MatchingStore.create(
                title: title.isEmpty
                    ? (weekly
                        ? "Ukens tildeling, uke \(week): bosettingsklare per \(date.iso)"
                        : "Fra registeret: bosettingsklare per \(date.iso)")
                    : title,
                instance: match.instance, parts: match.parts,
                explain: { c, m in (match.basis[c].rawValue, match.explanation(case: c, municipality: m, names: names)) },
                allocation: allocation, actor: req.actor, on: req.db)
        }
        let persons = form.persons ?? 3000
        guard (10...20_000).contains(persons) else {
            throw UserError(.unprocessableEntity, "Antall personer må være mellom 10 og 20 000.", field: "persons")
        }
        let seed = form.seed ?? 1
        let generated = MatchFiles.generate(
            persons: persons, municipalities: 357, seed: UInt64(max(0, seed)), geography: req.application.geography)
        let codes = generated.instance.municipalities.map(\.code)
        let parts: (Int, Int) -> [(name: String, value: Double)] = { c, m in
            FitScore.components(generated.caseProfiles[c], generated.municipalityProfiles[m], code: codes[m])
        }
        return try await MatchingStore.create(
            title: title.isEmpty ? "Øvingsinstans: \(persons) personer (frø \(seed))" : title, instance: generated.instance, parts: parts,
            actor: req.actor, on: req.db)
    }

    struct RunPage: Encodable {
        let page: PageContext
        let run: RunSummary
        let draft: Bool
        let cases: [CaseView]
        let overrides: Int
        let unplaced: Int
        /// Cases sent as requests, and those from the register that could be sent now.
        let requested: Int
        let requestable: Int
        let filter: String
        let pageNumber: Int
        let pages: Int
        let previous: String?
        let next: String?
        let error: String?
    }

    func show(req: Request) async throws -> View {
        try await render(req, error: nil)
    }

    func render(_ req: Request, error: String?) async throws -> View {
        let run = try await MatchingStore.run(req.parameters.get("runID") ?? "", on: req.db)
        let filter = (try? req.query.get(String.self, at: "vis")) ?? "alle"
        let all = try await MatchCaseModel.query(on: req.db).filter(\.$run.$id == run.id!).all()
        let shown = all.filter {
            switch filter {
            case "overstyrt": $0.chosen != nil
            case "uten": $0.placement == nil
            default: true
            }
        }.sorted { ($0.week, $0.caseId.count, $0.caseId) < ($1.week, $1.caseId.count, $1.caseId) }
        let pages = max(1, (shown.count + Self.pageSize - 1) / Self.pageSize)
        let number = min(req.pageNumber, pages)
        let names = Dictionary(
            req.application.geography.division(for: 2024).municipalities.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let left = Self.placesLeft(run, all)
        let slice = shown.dropFirst((number - 1) * Self.pageSize).prefix(Self.pageSize).map { CaseView($0, names: names, left: left) }
        let base = "/bosetting/tildeling/\(run.id!.uuidString)?vis=\(filter)&side="
        return try await req.view.render(
            "matching/matching-run",
            RunPage(
                page: PageContext(req, title: run.title), run: RunSummary(run), draft: run.status == MatchRunModel.Status.draft.rawValue,
                cases: Array(slice), overrides: all.filter { $0.chosen != nil }.count, unplaced: all.filter { $0.placement == nil }.count,
                requested: all.filter { $0.requestedOn != nil }.count,
                requestable: all.filter { $0.basis != nil && $0.placement != nil && $0.requestedOn == nil }.count,
                filter: filter, pageNumber: number, pages: pages, previous: number > 1 ? base + "\(number - 1)" : nil,
                next: number < pages ? base + "\(number + 1)" : nil, error: error))
    }

    struct OverrideForm: Content {
        var kommunenummer: String?
        var reason: String?
    }

    func overrideCase(req: Request) async throws -> Response {
        let form = try req.content.decode(OverrideForm.self)
        let runID = req.parameters.get("runID") ?? ""
        let caseID = req.parameters.get("caseID") ?? ""
        do {
            _ = try await MatchingStore.override(
                runID: runID, caseID: caseID, kommune: form.kommunenummer, reason: form.reason ?? "", actor: req.actor, on: req.db)
        } catch let e as UserError where e.status == .unprocessableEntity || e.status == .conflict {
            let res = try await render(req, error: "Sak \(caseID): \(e.reason)").encodeResponse(for: req)
            res.status = e.status
            return res
        }
        return req.redirect(
            to: req.headers.first(name: .referer).flatMap(Self.sameSite) ?? "/bosetting/tildeling/\(runID)", redirectType: .normal)
    }

    /// Only a path on this site (a referer from elsewhere is ignored).
    static func sameSite(_ referer: String) -> String? {
        guard let url = URL(string: referer), url.path.hasPrefix("/bosetting/tildeling/") else { return nil }
        return url.path + (url.query.map { "?\($0)" } ?? "")
    }

    func confirm(req: Request) async throws -> Response {
        let run = try await MatchingStore.confirm(runID: req.parameters.get("runID") ?? "", actor: req.actor, on: req.db)
        return req.redirect(to: "/bosetting/tildeling/\(run.id!.uuidString)", redirectType: .normal)
    }

    struct RequestsForm: Content {
        /// The selected cases (`saker[]`).
        var saker: [String]?
        /// "1": every case with a municipality not yet sent.
        var alle: String?
    }

    /// Accepted proposals (all, or the selected ones) become requests to the municipalities in
    /// the settlement register: 303 back to the run with a message, or the page with every reason.
    func sendRequests(req: Request) async throws -> Response {
        let form = try req.content.decode(RequestsForm.self)
        let runID = req.parameters.get("runID") ?? ""
        return try await FormAction.run(
            req, redirect: "/bosetting/tildeling/\(runID)",
            render: { _, errors in try await render(req, error: errors.joined(separator: " ")) }
        ) {
            let sent = try await MatchingStore.sendRequests(
                runID: runID, caseIDs: form.alle == "1" ? nil : (form.saker ?? []), day: req.today, actor: req.actor, on: req.db)
            return sent == 1 ? "1 sak er sendt som anmodning til kommunen." : "\(sent) saker er sendt som anmodninger til kommunene."
        }
    }

    // MARK: JSON API

    func apiList(req: Request) async throws -> [RunSummary] {
        try await MatchRunModel.query(on: req.db).sort(\.$createdAt, .descending).all().map(RunSummary.init)
    }

    struct RunOut: Content {
        let run: RunSummary
        let total: Int
        let page: Int
        let cases: [CaseView]
    }

    func apiRun(req: Request) async throws -> RunOut {
        let run = try await MatchingStore.run(req.parameters.get("runID") ?? "", on: req.db)
        let all = try await MatchCaseModel.query(on: req.db).filter(\.$run.$id == run.id!).all()
            .sorted { ($0.week, $0.caseId.count, $0.caseId) < ($1.week, $1.caseId.count, $1.caseId) }
        let page = req.pageNumber
        let size = 500
        let left = Self.placesLeft(run, all)
        let names = MatchFiles.names(req.application.geography, year: 2024)
        return RunOut(
            run: RunSummary(run), total: all.count, page: page,
            cases: all.dropFirst((page - 1) * size).prefix(size).map { CaseView($0, names: names, left: left) })
    }

    func apiOverride(req: Request) async throws -> CaseView {
        let form = try req.content.decode(OverrideForm.self)
        return CaseView(
            try await MatchingStore.override(
                runID: req.parameters.get("runID") ?? "", caseID: req.parameters.get("caseID") ?? "", kommune: form.kommunenummer,
                reason: form.reason ?? "", actor: req.actor, on: req.db))
    }

    func apiConfirm(req: Request) async throws -> RunSummary {
        RunSummary(try await MatchingStore.confirm(runID: req.parameters.get("runID") ?? "", actor: req.actor, on: req.db))
    }
}

extension MatchAlternative: Content {}
