import Foundation
import StyrCore
import Vapor

/// Deviation notices (avviksmeldinger): the directorate tells the ministry that a result
/// requirement or an assignment is at risk, the ministry answers. Pages and a JSON read.
struct DeviationNoticeRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.deviationNotices, use: list)
        web.on(.deviationNoticeCreate, use: create)
        web.on(.deviationNotice, use: detail)
        web.on(.deviationNoticeAnswer, use: answer)
        api.on(.apiDeviationNotices, use: apiList)
    }

    struct NoticeView: Encodable {
        let id: String
        let link: String
        let answerAction: String
        let subjectLabel: String
        let subjectLink: String?
        let subjectTitle: String
        let risk: String
        let measures: String
        let proposedDate: String?
        let sent: String
        let answered: Bool
        let decision: String?
        let answer: String?
        let answeredBy: String?

        init(_ n: Avviksmelding) {
            id = n.id
            link = Endpoint.deviationNotice.url(n.year, n.id)
            answerAction = Endpoint.deviationNoticeAnswer.url(n.year, n.id)
            subjectLabel = n.subjectKind == .assignment ? "Oppdrag \(n.subjectRef)" : "Resultatkrav \(n.subjectRef)"
            subjectLink = n.subjectKind == .assignment ? Endpoint.assignment.url(n.year, AssignmentSlug.encode(n.subjectRef)) : nil
            subjectTitle = n.subjectTitle
            (risk, measures) = (n.risk, n.measures)
            proposedDate = n.proposedDate.map(NorwegianText.shortDate)
            sent = "\(NorwegianText.shortDate(n.sentOn)) av \(n.sentBy)"
            answered = n.isAnswered
            decision = n.decision?.label
            answer = n.answer
            answeredBy = n.answeredOn.map { "\(NorwegianText.shortDate($0)) av \(n.answeredBy ?? "")" }
        }
    }

    struct Page: Encodable {
        let page: PageContext
        let year: Int
        let notices: [NoticeView]
        let single: Bool
        let canSend: Bool
        let canAnswer: Bool
        let createAction: String
        let listLink: String
        let subjects: [SelectOption]
        let decisions: [SelectOption]
        let form: [String: String]
        let errors: [String]
        let waiting: Int
    }

    func render(_ req: Request, only id: String? = nil, form: [String: String] = [:], errors: [String] = []) async throws -> View {
        let y = try await req.amendedYear()
        var notices = try await DeviationNoticeStore.notices(year: y.year, on: req.db)
        if let id {
            notices = notices.filter { $0.id == id }
            guard !notices.isEmpty else { throw UserError(.notFound, "Fant ikke avviksmeldingen i \(y.year).") }
        }
        let title = id == nil ? "Avviksmeldinger \(y.year)" : "Avviksmelding om \(NoticeView(notices[0]).subjectLabel)"
        return try await req.view.render(
            "steering/deviation-notices",
            Page(
                page: PageContext(req, title: title, year: y.year), year: y.year, notices: notices.map(NoticeView.init),
                single: id != nil, canSend: id == nil && Endpoint.deviationNoticeCreate.roles.contains(req.role),
                canAnswer: Endpoint.deviationNoticeAnswer.roles.contains(req.role),
                createAction: Endpoint.deviationNoticeCreate.url(y.year),
                listLink: Endpoint.deviationNotices.url(y.year),
                subjects: AvviksmeldingRules.subjects(y.letter).map {
                    SelectOption(value: $0.value, label: "\($0.ref) – \($0.title)", selected: form["subject"] == $0.value)
                },
                decisions: Avviksmelding.Decision.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
                form: form, errors: errors, waiting: notices.filter { !$0.isAnswered }.count))
    }

    func list(req: Request) async throws -> View { try await render(req) }

    func detail(req: Request) async throws -> View { try await render(req, only: req.parameters.get("id")) }

    struct SendForm: Content {
        var subject: String?
        var risk: String?
        var measures: String?
        var proposedDate: String?

        var values: [String: String] {
            ["subject": subject ?? "", "risk": risk ?? "", "measures": measures ?? "", "proposedDate": proposedDate ?? ""]
        }
    }

    func create(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let f = try req.content.decode(SendForm.self)
        let id = UUID().uuidString.lowercased()
        return try await FormAction.run(
            req, redirect: Endpoint.deviationNotice.url(y.year, id), render: { try await render(req, form: f.values, errors: $1) }
        ) {
            let notice = try AvviksmeldingRules.notice(
                id: id, year: y.year, subject: f.subject, risk: f.risk, measures: f.measures, proposedDate: f.proposedDate,
                subjects: AvviksmeldingRules.subjects(y.letter), sentBy: req.actor, today: req.today
            ).mapError(UserError.init(fields:)).get()
            try await DeviationNoticeStore.send(notice, actor: req.actor, on: req.db)
            return "Avviksmeldingen om \(notice.subjectRef) er sendt til departementet."
        }
    }

    struct AnswerForm: Content {
        var decision: String?
        var answer: String?
    }

    func answer(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        let id = req.parameters.get("id") ?? ""
        let f = try req.content.decode(AnswerForm.self)
        guard let notice = try await DeviationNoticeStore.notice(id, year: y.year, on: req.db) else {
            throw UserError(.notFound, "Fant ikke avviksmeldingen i \(y.year).")
        }
        return try await FormAction.run(
            req, redirect: Endpoint.deviationNotice.url(y.year, id),
            render: { try await render(req, only: id, form: ["decision": f.decision ?? "", "answer": f.answer ?? ""], errors: $1) }
        ) {
            let answered = try AvviksmeldingRules.answer(notice, decision: f.decision, text: f.answer, by: req.actor, today: req.today)
                .mapError(UserError.init(fields:)).get()
            try await DeviationNoticeStore.answer(answered, actor: req.actor, on: req.db)
            return "Svaret er sendt: \(answered.decision?.label ?? "")."
        }
    }

    func apiList(req: Request) async throws -> Response {
        let y = try await req.amendedYear()
        return try SteeringAPIRoutes.json(try await DeviationNoticeStore.notices(year: y.year, on: req.db))
    }
}
