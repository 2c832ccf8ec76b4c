import Foundation
import StyrCore
import Vapor

/// Etatsstyringsmøter: the ministry plans the meetings the letter announces, the directorate sends
/// its risk input before, the ministry writes the minutes, both approve them, the ministry sends
/// them to Riksrevisjonen, and both fill in the evaluation form. Pages and a JSON read.
struct SteeringMeetingRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.meetings, use: list)
        web.on(.meetingCreate, use: create)
        web.on(.meeting, use: detail)
        web.on(.meetingRisk) { try await step($0, "risikoinnspill", "Risikoinnspillet er sendt til departementet.", Self.risk) }
        web.on(.meetingMinutes) { try await step($0, "referat", "Referatet er lagret og sendt til godkjenning.", Self.minutes) }
        web.on(.meetingApprove) { try await step($0, "referat godkjent", "Referatet er godkjent.", Self.approve) }
        web.on(.meetingSend) { try await step($0, "sendt Riksrevisjonen", "Referatet er sendt Riksrevisjonen.", Self.send) }
        web.on(.meetingEvaluate) { try await step($0, "evaluert", "Evalueringen er lagret.", Self.evaluate) }
        api.on(.apiMeetings, use: apiList)
    }

    struct MeetingView: Encodable {
        let id: String
        let link: String
        let date: String
        let title: String
        let agenda: String
        let stage: String
        let riskInput: String?
        let riskInputSigned: String?
        let minutes: String?
        let minutesSigned: String?
        let approvals: [String]
        let sent: String?
        let evaluations: [String]
        let version: Int
        /// The forms the caller may use now, with their addresses.
        let riskAction: String?
        let minutesAction: String?
        let approveAction: String?
        let sendAction: String?
        let evaluateAction: String?

        init(_ m: Etatsstyringsmote, version: Int, role: Role, today: CivilDate) {
            func signed(_ s: Etatsstyringsmote.Signed?) -> String? { s.map { "\(NorwegianText.shortDate($0.on)) av \($0.by)" } }
            let side = Self.side(role)
            let held = today.iso >= m.date
            (id, date, title, agenda, stage, self.version) = (m.id, NorwegianText.longDate(m.date), m.title, m.agenda, m.stage, version)
            link = Endpoint.meeting.url(m.year, m.id)
            (riskInput, riskInputSigned) = (m.riskInput, signed(m.riskInputSigned))
            (minutes, minutesSigned) = (m.minutes, signed(m.minutesSigned))
            approvals = Etatsstyringsmote.Side.allCases.compactMap { s in m.approvals[s].map { "\(s.label): godkjent \(signed($0)!)" } }
            sent = signed(m.sentToRiksrevisjonen)
            evaluations = Etatsstyringsmote.Side.allCases.compactMap { s in
                m.evaluations[s].map {
                    "\(s.label): \($0.rating) av 5\($0.comment.isEmpty ? "" : " – \($0.comment)") (\(signed($0.signed)!))"
                }
            }
            func action(_ e: Endpoint, _ allowed: Bool) -> String? {
                allowed && e.roles.contains(role) ? e.url(m.year, m.id) : nil
            }
            let open = m.sentToRiksrevisjonen == nil
            riskAction = action(.meetingRisk, today.iso <= m.date)
            minutesAction = action(.meetingMinutes, held && open)
            approveAction = action(.meetingApprove, side.map { m.minutes != nil && m.approvals[$0] == nil && open } ?? false)
            sendAction = action(.meetingSend, open && m.approvals.count == Etatsstyringsmote.Side.allCases.count)
            evaluateAction = action(.meetingEvaluate, held && side.map { m.evaluations[$0] == nil } ?? false)
        }

        static func side(_ role: Role) -> Etatsstyringsmote.Side? {
            switch role {
            case .ministry: .ministry
            case .directorate: .directorate
            default: nil
            }
        }
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let meetings: [MeetingView]
        let single: Bool
        let announced: [String]
        let canPlan: Bool
        let createAction: String
        let listLink: String
        let form: [String: String]
        let errors: [String]
    }

    func render(_ req: Request, only id: String? = nil, form: [String: String] = [:], errors: [String] = []) async throws -> View {
        let y = try await req.amendedYear()
        var meetings = try await SteeringMeetingStore.meetings(year: y.year, on: req.db)
        if let id {
            meetings = meetings.filter { $0.meeting.id == id }
            guard !meetings.isEmpty else { throw UserError(.notFound, "Fant ikke møtet i \(y.year).") }
        }
        return try await req.view.render(
            "steering/meetings",
            Page(
                page: PageContext(req, title: id == nil ? "Etatsstyringsmøter \(y.year)" : meetings[0].meeting.title, year: y.year),
                year: y.year,
                meetings: meetings.map { MeetingView($0.meeting, version: $0.version, role: req.role, today: req.today) },
                single: id != nil,
                announced: EtatsstyringsmoteRules.announced(y.letter).map { m in
                    [m.count.map { "\($0) \(m.type.lowercased())" } ?? m.type, m.date.map(NorwegianText.longDate), m.text]
                        .compactMap { $0 }.joined(separator: " – ")
                },
                canPlan: id == nil && Endpoint.meetingCreate.roles.contains(req.role), createAction: Endpoint.meetingCreate.url(y.year),
                listLink: Endpoint.meetings.url(y.year), form: form, errors: errors))
    }

    func list(req: Request) async throws -> View { try await render(req) }

    func detail(req: Request) async throws -> View { try await render(req, only: req.parameters.get("id")) }

    struct PlanForm: Content {
        var date: String?
        var title: String?
        var agenda: String?
    }

    func create(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let f = try req.content.decode(PlanForm.self)
        let id = UUID().uuidString.lowercased()
        let values = ["date": f.date ?? "", "title": f.title ?? "", "agenda": f.agenda ?? ""]
        return try await FormAction.run(
            req, redirect: Endpoint.meeting.url(y.year, id), render: { try await render(req, form: values, errors: $1) }
        ) {
            let m = try EtatsstyringsmoteRules.plan(id: id, year: y.year, date: f.date, title: f.title, agenda: f.agenda)
                .mapError(UserError.init(fields:)).get()
            try await SteeringMeetingStore.create(m, actor: req.actor, on: req.db)
            return "\(m.title) er planlagt \(NorwegianText.longDate(m.date))."
        }
    }

    /// The fields every step's form may send; `version` is the one the page was read at.
    struct StepForm: Content {
        var version: Int?
        var text: String?
        var rating: String?
        var comment: String?
    }

    typealias Rule = (Etatsstyringsmote, StepForm, Request) -> Result<Etatsstyringsmote, FieldErrors>

    static func risk(_ m: Etatsstyringsmote, _ f: StepForm, _ req: Request) -> Result<Etatsstyringsmote, FieldErrors> {
        EtatsstyringsmoteRules.riskInput(m, text: f.text, by: req.actor, today: req.today)
    }

    static func minutes(_ m: Etatsstyringsmote, _ f: StepForm, _ req: Request) -> Result<Etatsstyringsmote, FieldErrors> {
        EtatsstyringsmoteRules.minutes(m, text: f.text, by: req.actor, today: req.today)
    }

    static func approve(_ m: Etatsstyringsmote, _ f: StepForm, _ req: Request) -> Result<Etatsstyringsmote, FieldErrors> {
        guard let side = MeetingView.side(req.role) else { return .failure(FieldErrors(["approve": "Bare partene godkjenner."])) }
        return EtatsstyringsmoteRules.approve(m, side: side, by: req.actor, today: req.today)
    }

    static func send(_ m: Etatsstyringsmote, _ f: StepForm, _ req: Request) -> Result<Etatsstyringsmote, FieldErrors> {
        EtatsstyringsmoteRules.send(m, by: req.actor, today: req.today)
    }

    static func evaluate(_ m: Etatsstyringsmote, _ f: StepForm, _ req: Request) -> Result<Etatsstyringsmote, FieldErrors> {
        guard let side = MeetingView.side(req.role) else { return .failure(FieldErrors(["rating": "Bare partene evaluerer."])) }
        return EtatsstyringsmoteRules.evaluate(m, side: side, rating: f.rating, comment: f.comment, by: req.actor, today: req.today)
    }

    /// One step on a meeting: read it, apply the rule, save over the version the form was read at.
    func step(_ req: Request, _ action: String, _ message: String, _ rule: Rule) async throws -> Response {
        let y = try await req.amendedYear()
        let id = req.parameters.get("id") ?? ""
        let f = try req.content.decode(StepForm.self)
        guard let (meeting, version) = try await SteeringMeetingStore.meeting(id, year: y.year, on: req.db) else {
            throw UserError(.notFound, "Fant ikke møtet i \(y.year).")
        }
        return try await FormAction.run(
            req, redirect: Endpoint.meeting.url(y.year, id),
            render: { try await render(req, only: id, form: ["text": f.text ?? "", "comment": f.comment ?? ""], errors: $1) }
        ) {
            let changed = try rule(meeting, f, req).mapError(UserError.init(fields:)).get()
            try await SteeringMeetingStore.update(changed, readAt: f.version ?? version, action: action, actor: req.actor, on: req.db)
            return message
        }
    }

    func apiList(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        return try SteeringAPIRoutes.json(try await SteeringMeetingStore.meetings(year: y.year, on: req.db).map(\.meeting))
    }
}
