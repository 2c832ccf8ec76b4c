import Fluent
import StyrCore
import Vapor

/// Builds the report as it stands and freezes it as the next version (web and command line).
enum ReportSubmission {
    static func submit(_ kind: ReportKind, year: Int, actor: String, app: Application, on db: any Database) async throws
        -> ReportsStore.Version
    {
        let report = try await ReportBuilder.build(kind, year: year, app: app, on: db)
        let last = try await ReportsStore.versions(year: year, kind: kind, on: db).first
        let html = try await ReportRenderer.html(
            ReportView(
                report, state: "Innsendt versjon \((last?.version ?? 0) + 1)", hash: nil, base: "", web: false, canEdit: false, csrf: ""),
            app: app)
        return try await ReportsStore.submit(report, html: html, actor: actor, on: db)
    }
}
