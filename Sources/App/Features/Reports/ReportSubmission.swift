import Fluent
import StyrCore
import Vapor

/// Builds the report as it stands and freezes it as the next version (web and command line).
enum ReportSubmission {
    static func submit(_ kind: ReportKind, year: Int, actor: String, app: Application, on db: any Database) async throws
        -> ReportsStore.Version
    {
        let report = try await ReportBuilder.build(kind, year: year, app: app, on: db)
        return try await ReportsStore.submit(report, actor: actor, on: db) { version, hash in
            // The hash of the canonical content is printed in the HTML and every PDF made from it.
            try await ReportRenderer.html(
                ReportView(report, state: "Innsendt versjon \(version)", hash: hash, base: "", web: false, canEdit: false, csrf: ""),
                app: app)
        }
    }
}
