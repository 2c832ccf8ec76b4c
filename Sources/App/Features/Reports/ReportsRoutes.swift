import Foundation
import StyrCore
import Vapor

/// Reports back to the ministry: the generated draft with editable texts, PDF export, submission
/// as a frozen version (content hash), receipt and comments per section by the ministry, and the
/// public list of what is published.
struct ReportsRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.reports, use: list)
        web.on(.report, use: draft)
        web.on(.reportPDF, use: draftPDF)
        web.on(.reportText, use: saveText)
        web.on(.reportSubmit, use: submit)
        web.on(.reportVersion, use: version)
        web.on(.reportVersionContent, use: versionContent)
        web.on(.reportReceive, use: receive)
        web.on(.reportComment, use: comment)
        web.on(.published, use: published)
        api.on(.apiReport, use: apiReport)
        api.on(.apiReportVersions, use: apiVersions)
    }

    static func kind(_ req: Request) throws -> ReportKind {
        guard let k = ReportKind(slug: req.parameters.get("kind") ?? "") else {
            throw UserError(.notFound, "Ukjent rapport; bruk arsrapport eller halvarsrapport.", field: "kind")
        }
        return k
    }

    static func versionID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("versionID").flatMap(UUID.init(uuidString:)) else {
            throw UserError(.notFound, "Ugyldig versjon i adressen.")
        }
        return id
    }

    static func day(_ d: Date?) -> String { d.map(Clock.stamp) ?? "" }

    struct VersionView: Encodable {
        let id: String
        let version: Int
        let hash: String
        let submitted: String
        let submittedBy: String
        let received: String?
        let receivedBy: String?
        init(_ v: ReportsStore.Version) {
            id = v.id.uuidString
            version = v.version
            hash = v.content_hash
            submitted = ReportsRoutes.day(v.submitted_at)
            submittedBy = v.submitted_by
            received = v.received_at.map { ReportsRoutes.day($0) }
            receivedBy = v.received_by
        }
    }

    struct KindView: Encodable {
        let slug: String
        let label: String
        let countDate: String
        let deadline: String?
        let overdue: Bool
        let versions: [VersionView]
    }

    struct ListPage: Encodable {
        let page: PageContext
        let year: Int
        let kinds: [KindView]
        let canSubmit: Bool
        let message: String?
    }

    func list(req: Request) async throws -> View { try await renderList(req, message: nil) }

    func renderList(_ req: Request, message: String?) async throws -> View {
        let year = try req.yearParameter()
        let letter = try await req.application.steeringCache.amendedYear(year, asOf: nil, on: req.db)?.letter
        var kinds: [KindView] = []
        for kind in [ReportKind.halvaar, .aar] {
            let countDate = kind == .aar ? "\(year)-12-31" : "\(year)-06-30"
            let deadline = letter?.reporting.first { $0.countDate == countDate && $0.deadline != nil }?.deadline
            let versions = try await ReportsStore.versions(year: year, kind: kind, on: req.db)
            let overdue = versions.isEmpty && deadline.flatMap(CivilDate.init(iso:)).map { $0 < req.today } == true
            kinds.append(
                KindView(
                    slug: kind.slug, label: kind.label, countDate: NorwegianText.longDate(countDate),
                    deadline: deadline.map(NorwegianText.longDate),
                    overdue: overdue, versions: versions.map(VersionView.init)))
        }
        return try await req.view.render(
            "reports/reports",
            ListPage(
                page: PageContext(req, title: "Rapporter \(year)", year: year), year: year, kinds: kinds,
                canSubmit: Endpoint.reportSubmit.roles.contains(req.role), message: message))
    }

    func draft(req: Request) async throws -> View {
        let year = try req.yearParameter()
        let report = try await ReportBuilder.build(try Self.kind(req), year: year, app: req.application, on: req.db)
        var view = ReportRenderer.draftView(
            report, base: "", web: true, canEdit: Endpoint.reportText.roles.contains(req.role),
            csrf: req.storage[PageCacheMiddleware.SharedRenderKey.self] == true ? PageCache.csrfMarker : CSRF.token(req))
        view.flash = Flash.take(req)
        return try await req.view.render("reports/report", view)
    }

    func draftPDF(req: Request) async throws -> Response {
        let year = try req.yearParameter()
        let kind = try Self.kind(req)
        let report = try await ReportBuilder.build(kind, year: year, app: req.application, on: req.db)
        let html = try await ReportRenderer.html(
            ReportRenderer.draftView(report, base: Self.origin(req), web: false, canEdit: false, csrf: ""), app: req.application)
        return try await Self.pdfResponse(html, name: "\(kind.slug)-\(year)-utkast.pdf", req)
    }

    /// Links in a PDF point back to the server that printed it.
    static func origin(_ req: Request) -> String {
        let host = req.headers.first(name: .host) ?? "localhost:8080"
        return "http://\(host)"
    }

    static func pdfResponse(_ html: String, name: String, _ req: Request) async throws -> Response {
        let data = try await req.application.threadPool.runIfActive { try ReportRenderer.pdf(html: html) }
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        res.headers.replaceOrAdd(name: "Content-Disposition", value: "inline; filename=\"\(name)\"")
        return res
    }

    struct TextForm: Content {
        var section: String?
        var text: String?
    }

    func saveText(req: Request) async throws -> Response {
        let year = try req.yearParameter()
        let kind = try Self.kind(req)
        let form = try req.content.decode(TextForm.self)
        guard let section = form.section, !section.isEmpty else { throw UserError(.badRequest, "Mangler seksjon.", field: "section") }
        let text = (form.text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        try await ReportsStore.saveText(year: year, kind: kind, section: section, text: text, actor: req.actor, on: req.db)
        return req.redirect(
            to: Endpoint.report.url(
                year, kind.slug,
                fragment: "s-"
                    + (section.hasPrefix("avvik-") ? "avvik" : section.hasPrefix("krav-") ? ReportingDemands.section(kind) : section)),
            flash: text.isEmpty ? "Teksten er fjernet." : "Teksten er lagret.")
    }

    func submit(req: Request) async throws -> Response {
        let year = try req.yearParameter()
        let kind = try Self.kind(req)
        let v = try await ReportSubmission.submit(kind, year: year, actor: req.actor, app: req.application, on: req.db)
        return req.redirect(
            to: Endpoint.reports.url(year),
            flash: "\(kind.label) \(year) er sendt inn som versjon \(v.version) (SHA-256 \(v.content_hash.prefix(16))…).")
    }

    struct VersionPage: Encodable {
        let page: PageContext
        let year: Int
        let label: String
        let version: VersionView
        let intact: Bool
        let sections: [SectionComments]
        let canComment: Bool
        let canReceive: Bool
    }

    struct SectionComments: Encodable {
        let key: String
        let title: String
        let comments: [ReportsStore.Comment]
    }

    /// A submitted version may be seen by staff; the public sees received annual reports only.
    static func visibleVersion(_ req: Request) async throws -> (ReportsStore.Version, String) {
        let (v, html) = try await ReportsStore.html(versionID: try versionID(req), on: req.db)
        let isPublic = v.kind == ReportKind.aar.rawValue && v.received_at != nil
        guard Endpoint.staff.contains(req.role) || isPublic else { throw UserError(.notFound, "Fant ikke den innsendte versjonen.") }
        return (v, html)
    }

    func version(req: Request) async throws -> View {
        let (v, html) = try await Self.visibleVersion(req)
        let content = try await ReportsStore.content(versionID: v.id, on: req.db)
        let report = try JSONDecoder().decode(ReportDocument.self, from: Data(content.utf8))
        let comments = try await ReportsStore.comments(versionID: v.id, on: req.db)
        let sections = report.sections.map { s in
            SectionComments(key: s.key, title: s.title, comments: comments.filter { $0.section == s.key })
        }
        let kind = ReportKind(rawValue: v.kind) ?? .aar
        return try await req.view.render(
            "reports/report-version",
            VersionPage(
                page: PageContext(req, title: "\(kind.label) \(v.year), versjon \(v.version)", year: v.year), year: v.year,
                label: kind.label,
                version: VersionView(v), intact: ReportsStore.hash(Data(content.utf8)) == v.content_hash && v.isIntact(html: html),
                sections: sections,
                canComment: Endpoint.reportComment.roles.contains(req.role),
                canReceive: Endpoint.reportReceive.roles.contains(req.role) && v.received_at == nil))
    }

    func versionContent(req: Request) async throws -> Response {
        let (v, html) = try await Self.visibleVersion(req)
        guard v.isIntact(html: html) else {
            throw UserError(.conflict, "Den lagrede rapporten stemmer ikke med sjekksummen fra innsendingen, og vises ikke.")
        }
        if (try? req.query.get(String.self, at: "format")) == "pdf" {
            return try await Self.pdfResponse(
                html, name: "\(ReportKind(rawValue: v.kind)?.slug ?? "rapport")-\(v.year)-v\(v.version).pdf", req)
        }
        let res = Response(status: .ok, body: .init(string: html))
        res.headers.contentType = .html
        return res
    }

    func receive(req: Request) async throws -> Response {
        let id = try Self.versionID(req)
        try await ReportsStore.receive(versionID: id, actor: req.actor, on: req.db)
        return req.redirect(to: Endpoint.reportVersion.url(id.uuidString), flash: "Rapporten er registrert som mottatt.")
    }

    func comment(req: Request) async throws -> Response {
        let id = try Self.versionID(req)
        let form = try req.content.decode(TextForm.self)
        try await ReportsStore.addComment(
            versionID: id, section: form.section ?? "", text: form.text ?? "", actor: req.actor, on: req.db)
        return req.redirect(
            to: Endpoint.reportVersion.url(id.uuidString, fragment: "k-\(form.section ?? "")"), flash: "Kommentaren er lagret.")
    }

    func apiReport(req: Request) async throws -> ReportDocument {
        try await ReportBuilder.build(try Self.kind(req), year: try req.yearParameter(), app: req.application, on: req.db)
    }

    struct APIVersion: Content {
        let id: UUID
        let version: Int
        let content_hash: String
        let submitted_by: String
        let submitted_at: String
        let received_by: String?
        let received_at: String?
    }

    func apiVersions(req: Request) async throws -> [APIVersion] {
        let iso = ISO8601DateFormatter()
        return try await ReportsStore.versions(year: try req.yearParameter(), kind: try Self.kind(req), on: req.db).map {
            APIVersion(
                id: $0.id, version: $0.version, content_hash: $0.content_hash, submitted_by: $0.submitted_by,
                submitted_at: iso.string(from: $0.submitted_at), received_by: $0.received_by, received_at: $0.received_at.map(iso.string))
        }
    }
}

extension ReportDocument: Content {}
