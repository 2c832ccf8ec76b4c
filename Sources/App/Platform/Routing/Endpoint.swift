import StyrCore
import Vapor

/// Every route of Styr, with its method, path and the roles allowed to call it.
/// This table is the one place access is declared: the server enforces it
/// (`RoleGuard`), `styr routes --json` prints it, and a test walks it with every role.
enum Endpoint: String, CaseIterable, Sendable {
    case health, home, login, loginSubmit, logout, loginCode, loginCodeSubmit
    case account, accountPassword, accountTOTP, accountTOTPConfirm
    case yearOverview, goals, assignments, assignment, assignmentStatus, budget, calendar, calendarICS
    case documents, document, documentNew, documentCreate, documentAddChange, documentPublish
    case documentText, documentReview, documentComment, documentLetter, documentLetterPDF
    case importForm, importPreview, importSave
    case apiYears, apiYear, apiAssignments, apiAssignment, apiAssignmentStatus, apiBudget, apiCalendar
    case apiDocuments, apiDocument, apiDocumentCreate, apiDocumentPublish, apiDeadlines
    case statistics, statTable, indicators, apiStatTable, apiIndicators, apiKeyFigures
    case registerSettlement, registerPerson, registerPersonUpdate, registerImport, apiRegisterPersons, apiRegisterImport
    case apiRegisterPerson, apiRegisterPersonUpdate
    case registerRequests, registerRequest, registerRequestUpdate, registerRequestsImport
    case apiRegisterRequests, apiRegisterRequest, apiRegisterRequestsImport
    case auditLog, apiAuditLog
    case history, historyImport, apiHistory, apiHistoryImport
    case results, apiResults
    case matching, matchingCreate, matchingRun, matchingOverride, matchingConfirm, matchingRequests
    case apiMatchRuns, apiMatchRun, apiMatchOverride, apiMatchConfirm
    case accounts, accountsPost, accountsImport, apiAccounts, apiFullmakter, apiAccountsImport
    case reports, report, reportPDF, reportText, reportSubmit, reportVersion, reportVersionContent, reportReceive, reportComment
    case published, apiReport, apiReportVersions
    case targetDraft, monthly, monthlySave, apiMonthly
    case risks, riskSave, controlItemAdd, controlItemClose, apiRisks
    case grants, grantScheme, grantApplicationCreate, grantDecide, grantSendLetter, grantNotice, grantBasis, apiGrants
    case grantPayment, grantReport
    case registers, registersImport, registerExtract, apiRegisters, apiRegisterExtractImport
    case apiMappingInterview, interviewForm, interviewSave
    case deviationNotices, deviationNoticeCreate, deviationNotice, deviationNoticeAnswer, apiDeviationNotices
    case reportingDemands, reportingDemandOwner, apiReportingDemands
    case meetings, meetingCreate, meeting, meetingRisk, meetingMinutes, meetingApprove, meetingSend, meetingEvaluate, apiMeetings

    static let everyone: Set<Role> = Set(Role.allCases)
    static let staff: Set<Role> = Set(Role.allCases.filter(\.isStaff))

    var method: HTTPMethod {
        switch self {
        case .registerPersonUpdate, .registerImport, .apiRegisterImport, .registerRequestUpdate, .registerRequestsImport,
            .apiRegisterRequestsImport:
            .POST
        case .apiRegisterRequest: .PUT
        case .historyImport, .apiHistoryImport: .POST
        case .matchingCreate, .matchingOverride, .matchingConfirm, .matchingRequests, .apiMatchOverride, .apiMatchConfirm: .POST
        case .interviewSave: .POST
        case .accountsImport, .apiAccountsImport: .POST
        case .registersImport, .apiRegisterExtractImport: .POST
        case .reportText, .reportSubmit, .reportReceive, .reportComment: .POST
        case .loginCodeSubmit, .accountPassword, .accountTOTP, .accountTOTPConfirm: .POST
        case .deviationNoticeCreate, .deviationNoticeAnswer: .POST
        case .documentText, .documentReview, .documentComment: .POST
        case .reportingDemandOwner: .POST
        case .meetingCreate, .meetingRisk, .meetingMinutes, .meetingApprove, .meetingSend, .meetingEvaluate: .POST
        case .grantApplicationCreate, .grantDecide, .grantSendLetter, .grantNotice, .grantBasis, .grantPayment, .grantReport: .POST
        case .riskSave, .controlItemAdd, .controlItemClose, .monthlySave: .POST
        case .apiRegisterPersonUpdate: .PATCH
        case .loginSubmit, .logout, .assignmentStatus, .documentCreate, .documentAddChange, .documentPublish,
            .importPreview, .importSave, .apiAssignmentStatus, .apiDocumentCreate, .apiDocumentPublish:
            .POST
        default: .GET
        }
    }

    /// Path pattern in Vapor's syntax.
    var path: String {
        switch self {
        case .health: "health"
        case .home: ""
        case .login, .loginSubmit: "login"
        case .logout: "logout"
        case .loginCode, .loginCodeSubmit: "login/kode"
        case .account: "konto"
        case .accountPassword: "konto/passord"
        case .accountTOTP: "konto/totp"
        case .accountTOTPConfirm: "konto/totp/bekreft"
        case .yearOverview: "aar/:year"
        case .goals: "aar/:year/mal"
        case .assignments: "aar/:year/oppdrag"
        case .assignment: "aar/:year/oppdrag/:id"
        case .assignmentStatus: "aar/:year/oppdrag/:id/status"
        case .budget: "aar/:year/budsjett"
        case .calendar: "aar/:year/kalender"
        case .calendarICS: "aar/:year/kalender.ics"
        case .documents: "dokumenter"
        case .document: "dokumenter/:docID"
        case .documentNew, .documentCreate: "dokumenter/ny"
        case .documentAddChange: "dokumenter/:docID/endringer"
        case .documentPublish: "dokumenter/:docID/publiser"
        case .documentText: "dokumenter/:docID/tekst"
        case .documentReview: "dokumenter/:docID/gjennomsyn"
        case .documentComment: "dokumenter/:docID/kommentarer"
        case .documentLetter: "dokumenter/:docID/brev"
        case .documentLetterPDF: "dokumenter/:docID/brev.pdf"
        case .importForm: "import"
        case .importPreview: "import/forhandsvis"
        case .importSave: "import/lagre"
        case .apiYears: "api/v1/years"
        case .apiYear: "api/v1/years/:year"
        case .apiAssignments: "api/v1/years/:year/assignments"
        case .apiAssignment: "api/v1/years/:year/assignments/:id"
        case .apiAssignmentStatus: "api/v1/years/:year/assignments/:id/status"
        case .apiBudget: "api/v1/years/:year/budget"
        case .apiCalendar: "api/v1/years/:year/calendar"
        case .apiDocuments, .apiDocumentCreate: "api/v1/documents"
        case .apiDocument: "api/v1/documents/:docID"
        case .apiDocumentPublish: "api/v1/documents/:docID/publish"
        case .apiDeadlines: "api/v1/deadlines"
        case .statistics: "statistikk"
        case .statTable: "statistikk/tabell/:no"
        case .indicators: "statistikk/indikatorer"
        case .apiStatTable: "api/v1/stats/tables/:no"
        case .apiIndicators: "api/v1/indicators"
        case .apiKeyFigures: "api/v1/stats/hovedtall"
        case .registerSettlement: "register/bosetting"
        case .registerPerson, .registerPersonUpdate: "register/bosetting/person/:personID"
        case .registerImport: "register/bosetting/import"
        case .apiRegisterPersons, .apiRegisterImport: "api/v1/registers/settlement/persons"
        case .apiRegisterPerson, .apiRegisterPersonUpdate: "api/v1/registers/settlement/persons/:personID"
        case .registerRequests: "register/bosetting/anmodninger"
        case .registerRequest, .registerRequestUpdate: "register/bosetting/anmodninger/:year/:kommune"
        case .registerRequestsImport: "register/bosetting/anmodninger/import"
        case .apiRegisterRequests, .apiRegisterRequestsImport: "api/v1/registers/settlement/requests"
        case .apiRegisterRequest: "api/v1/registers/settlement/requests/:year/:kommune"
        case .history, .historyImport: "statistikk/historikk"
        case .apiHistory, .apiHistoryImport: "api/v1/history"
        case .results: "aar/:year/resultatkrav"
        case .apiResults: "api/v1/years/:year/results"
        case .matching, .matchingCreate: "bosetting/tildeling"
        case .matchingRun: "bosetting/tildeling/:runID"
        case .matchingOverride: "bosetting/tildeling/:runID/sak/:caseID"
        case .matchingConfirm: "bosetting/tildeling/:runID/bekreft"
        case .matchingRequests: "bosetting/tildeling/:runID/anmodninger"
        case .apiMatchRuns: "api/v1/match/runs"
        case .apiMatchRun: "api/v1/match/runs/:runID"
        case .apiMatchOverride: "api/v1/match/runs/:runID/cases/:caseID"
        case .apiMatchConfirm: "api/v1/match/runs/:runID/confirm"
        case .accounts: "aar/:year/regnskap"
        case .accountsPost: "aar/:year/regnskap/:post"
        case .accountsImport: "regnskap/import"
        case .apiAccounts: "api/v1/years/:year/accounts"
        case .apiFullmakter: "api/v1/years/:year/fullmakter"
        case .apiAccountsImport: "api/v1/accounts/import"
        case .reports: "aar/:year/rapporter"
        case .report: "aar/:year/rapporter/:kind"
        case .reportPDF: "aar/:year/rapporter/:kind/pdf"
        case .reportText: "aar/:year/rapporter/:kind/tekst"
        case .reportSubmit: "aar/:year/rapporter/:kind/send"
        case .reportVersion: "rapporter/versjon/:versionID"
        case .reportVersionContent: "rapporter/versjon/:versionID/innhold"
        case .reportReceive: "rapporter/versjon/:versionID/motta"
        case .reportComment: "rapporter/versjon/:versionID/kommentar"
        case .published: "publisert"
        case .grants: "aar/:year/tilskudd"
        case .targetDraft: "aar/:year/resultatkrav/forslag"
        case .monthly, .monthlySave: "aar/:year/manedsstatus"
        case .apiMonthly: "api/v1/years/:year/monthly"
        case .risks, .riskSave: "aar/:year/risiko"
        case .controlItemAdd: "aar/:year/risiko/oppfolging"
        case .controlItemClose: "aar/:year/risiko/oppfolging/:itemID/lukk"
        case .apiRisks: "api/v1/years/:year/risks"
        case .grantScheme: "aar/:year/tilskudd/:scheme"
        case .grantApplicationCreate: "aar/:year/tilskudd/:scheme/soknad"
        case .grantDecide: "aar/:year/tilskudd/:scheme/soknad/:appID/vedtak"
        case .grantSendLetter: "aar/:year/tilskudd/:scheme/soknad/:appID/brev"
        case .grantNotice: "aar/:year/tilskudd/:scheme/orientering"
        case .grantBasis: "aar/:year/tilskudd/:scheme/grunnlag"
        case .grantPayment: "aar/:year/tilskudd/:scheme/soknad/:appID/utbetaling"
        case .grantReport: "aar/:year/tilskudd/:scheme/soknad/:appID/rapport"
        case .apiGrants: "api/v1/years/:year/grants"
        case .apiReport: "api/v1/years/:year/reports/:kind"
        case .apiReportVersions: "api/v1/years/:year/reports/:kind/versions"
        case .registers: "registre"
        case .registersImport: "registre/:kind"
        case .registerExtract: "registre/:kind/uttrekk"
        case .apiMappingInterview: "api/v1/registers/kartlegging/:personID"
        case .interviewForm, .interviewSave: "registre/kartleggingsintervju"
        case .deviationNotices, .deviationNoticeCreate: "aar/:year/avviksmeldinger"
        case .deviationNotice: "aar/:year/avviksmeldinger/:id"
        case .deviationNoticeAnswer: "aar/:year/avviksmeldinger/:id/svar"
        case .apiDeviationNotices: "api/v1/years/:year/deviation-notices"
        case .reportingDemands, .reportingDemandOwner: "aar/:year/rapporteringskrav"
        case .apiReportingDemands: "api/v1/years/:year/reporting-demands"
        case .meetings, .meetingCreate: "aar/:year/etatsstyring"
        case .meeting: "aar/:year/etatsstyring/:id"
        case .meetingRisk: "aar/:year/etatsstyring/:id/risiko"
        case .meetingMinutes: "aar/:year/etatsstyring/:id/referat"
        case .meetingApprove: "aar/:year/etatsstyring/:id/godkjenn"
        case .meetingSend: "aar/:year/etatsstyring/:id/riksrevisjonen"
        case .meetingEvaluate: "aar/:year/etatsstyring/:id/evaluering"
        case .apiMeetings: "api/v1/years/:year/meetings"
        case .apiRegisters: "api/v1/registers"
        case .apiRegisterExtractImport: "api/v1/registers/:kind"
        case .auditLog: "revisjonslogg"
        case .apiAuditLog: "api/v1/audit"
        }
    }

    var roles: Set<Role> {
        switch self {
        case .health, .home, .login, .loginSubmit, .logout, .loginCode, .loginCodeSubmit: Self.everyone
        // Your own account: password change; a second factor for the two parties of the dialogue.
        case .account, .accountPassword: [.ministry, .directorate, .municipality]
        case .accountTOTP, .accountTOTPConfirm: Self.staff
        // Published letters are public documents (instruks 5.5).
        case .yearOverview, .goals, .assignments, .assignment, .budget, .calendar, .calendarICS, .documents, .document:
            Self.everyone
        // The letter as printed: public once published; a draft only for those who may see it (`DocumentRoutes.find`).
        case .documentLetter, .documentLetterPDF: Self.everyone
        // The ministry writes its letter; the directorate comments on a draft shared with it.
        case .documentText, .documentReview: [.ministry]
        case .documentComment: [.ministry, .directorate]
        case .apiYears, .apiYear, .apiAssignments, .apiAssignment, .apiBudget, .apiCalendar, .apiDocuments, .apiDocument, .apiDeadlines:
            Self.everyone
        // Statistics are for everyone; who sees unsuppressed figures is decided per request.
        case .statistics, .statTable, .indicators, .apiStatTable, .apiIndicators, .apiKeyFigures:
            Self.everyone
        // Published statistics and the annual report's results table are public.
        case .history, .apiHistory, .results, .apiResults: Self.everyone
        case .historyImport, .apiHistoryImport: [.directorate]
        // Person-level data: the directorate, and a municipality for its own residents.
        case .registerSettlement, .registerPerson, .apiRegisterPersons, .apiRegisterPerson: [.directorate, .municipality]
        case .registerPersonUpdate, .registerImport, .apiRegisterImport, .apiRegisterPersonUpdate: [.directorate]
        // Requests and decisions: the ministry follows them; a municipality records its own decision.
        case .registerRequests, .apiRegisterRequests: [.ministry, .directorate, .municipality]
        case .registerRequest, .registerRequestUpdate, .apiRegisterRequest: [.directorate, .municipality]
        case .registerRequestsImport, .apiRegisterRequestsImport: [.directorate]
        case .auditLog, .apiAuditLog: Self.staff
        // NIR and the other registers: the ministry sees what is loaded; the directorate loads
        // them and alone reads the extracts (NIR and Jobbsjansen hold person-level data).
        case .registers, .apiRegisters: Self.staff
        case .registersImport, .registerExtract, .apiRegisterExtractImport: [.directorate]
        // A person's mapping interview: the directorate, and a municipality asked to settle the person.
        case .apiMappingInterview: [.directorate, .municipality]
        case .interviewForm, .interviewSave: [.directorate]
        // Allocation proposals are the directorate's caseworkers' decisions.
        case .matching, .matchingCreate, .matchingRun, .matchingOverride, .matchingConfirm, .matchingRequests: [.directorate]
        case .apiMatchRuns, .apiMatchRun, .apiMatchOverride, .apiMatchConfirm: [.directorate]
        case .assignmentStatus, .apiAssignmentStatus: [.directorate]
        // Accounts and authorizations: the directorate keeps them, the ministry follows them.
        case .accounts, .accountsPost, .apiAccounts, .apiFullmakter: Self.staff
        case .accountsImport, .apiAccountsImport: [.directorate]
        // Reports: the directorate writes and submits, the ministry receives and comments.
        case .reports, .report, .reportPDF, .apiReport, .apiReportVersions: Self.staff
        case .reportText, .reportSubmit: [.directorate]
        case .reportReceive, .reportComment: [.ministry]
        // Deviation notices: the directorate sends them, the ministry answers.
        case .deviationNotices, .deviationNotice, .apiDeviationNotices: Self.staff
        case .deviationNoticeCreate: [.directorate]
        case .deviationNoticeAnswer: [.ministry]
        case .reportingDemands, .apiReportingDemands: Self.staff
        case .reportingDemandOwner: [.directorate]
        case .meetings, .meeting, .apiMeetings, .meetingApprove, .meetingEvaluate: Self.staff
        case .meetingCreate, .meetingMinutes, .meetingSend: [.ministry]
        case .meetingRisk: [.directorate]
        // Drafting next year's targets against the trend.
        case .targetDraft: Self.staff
        // Monthly status of designated assignments: written by the directorate, read by the ministry.
        case .monthly, .apiMonthly: Self.staff
        case .monthlySave: [.directorate]
        // Risk and control: the directorate keeps the register, the ministry follows it.
        case .risks, .apiRisks: Self.staff
        case .riskSave, .controlItemAdd, .controlItemClose: [.directorate]
        // Grants: the directorate manages them; the ministry follows them and receives the notices.
        case .grants, .grantScheme, .apiGrants: Self.staff
        case .grantApplicationCreate, .grantDecide, .grantSendLetter, .grantNotice, .grantBasis, .grantPayment, .grantReport: [.directorate]
        // A received annual report is public (instruks 5.5); the handler shows others only to staff.
        case .published, .reportVersion, .reportVersionContent: Self.everyone
        case .documentNew, .documentCreate, .documentAddChange, .documentPublish, .apiDocumentPublish: [.ministry]
        case .importForm, .importPreview, .importSave, .apiDocumentCreate: Self.staff
        }
    }

    var isAPI: Bool { path.hasPrefix("api/") }

    /// Read-only pages and API reads whose content depends only on the address, the caller's role
    /// and municipality, the data and the day: served through the page cache. Never person-level
    /// data (every read of it is logged) nor pages that change as they are read (the audit log).
    var cacheable: Bool {
        switch self {
        case .home, .yearOverview, .goals, .assignments, .assignment, .budget, .calendar, .calendarICS, .documents, .document,
            .documentLetter, .apiYears, .apiYear, .apiAssignments, .apiAssignment, .apiBudget, .apiCalendar, .apiDocuments, .apiDocument,
            .apiDeadlines, .statistics, .statTable, .indicators, .apiStatTable, .apiIndicators, .apiKeyFigures, .history,
            .apiHistory, .results, .apiResults, .accounts, .accountsPost, .apiAccounts, .apiFullmakter, .report:
            true
        default: false
        }
    }

    /// Cacheable endpoints that are slow to compute (a report draft builds every table; statistics
    /// and indicators read the whole register): kept in the page cache for its longer lifetime.
    var cacheHeavy: Bool {
        switch self {
        case .report, .statistics, .statTable, .indicators, .apiStatTable, .apiIndicators, .apiKeyFigures, .results, .apiResults,
            .history, .apiHistory:
            true
        default: false
        }
    }

    /// Anonymous visitors act as the public role.
    var allowsAnonymous: Bool { roles.contains(.public) }

    var pathComponents: [PathComponent] { path.isEmpty ? [] : path.pathComponents }

    /// The path in OpenAPI syntax ("/api/v1/years/{year}").
    var openAPIPath: String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }
}

extension RoutesBuilder {
    /// Registers a route for an endpoint behind its role guard.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ endpoint: Endpoint, body: HTTPBodyStreamStrategy = .collect,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        let guarded = grouped(RoleGuard(endpoint: endpoint))
        return (endpoint.cacheable ? guarded.grouped(PageCacheMiddleware(heavy: endpoint.cacheHeavy)) : guarded)
            .on(endpoint.method, endpoint.pathComponents, body: body, use: handler)
    }
}

extension Endpoint {
    /// The address of this endpoint with its path parameters filled in, in order, and an optional
    /// query: `Endpoint.assignment.url(2021, "2021-04")` is "/aar/2021/oppdrag/2021-04". Every link
    /// and redirect is built here, so a link cannot point to a route that does not exist.
    func url(_ values: any CustomStringConvertible..., query: [(String, String?)] = [], fragment: String? = nil) -> String {
        var remaining = values.makeIterator()
        let parts = path.split(separator: "/").map { part -> String in
            guard part.hasPrefix(":") else { return String(part) }
            guard let value = remaining.next() else { preconditionFailure("\(self): no value for \(part)") }
            return value.description.addingPercentEncoding(withAllowedCharacters: Self.segment) ?? value.description
        }
        var out = "/" + parts.joined(separator: "/")
        let pairs = query.compactMap { k, v in v.map { (k, $0) } }
        if !pairs.isEmpty {
            out +=
                "?"
                + pairs.map { k, v in "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: Self.queryValue) ?? v)" }
                .joined(separator: "&")
        }
        if let fragment, !fragment.isEmpty { out += "#" + fragment }
        return out
    }

    /// The id of a post's row on the budget page ("post-290-01", as the page numbers posts).
    static func budgetPostAnchor(chapter: Int, post: Int) -> String {
        "post-\(chapter)-" + (post < 10 ? "0\(post)" : "\(post)")
    }

    private static let segment: CharacterSet = {
        var s = CharacterSet.urlPathAllowed
        s.remove(charactersIn: "/?#")
        return s
    }()

    private static let queryValue: CharacterSet = {
        var s = CharacterSet.urlQueryAllowed
        s.remove(charactersIn: "&=+#")
        return s
    }()
}
