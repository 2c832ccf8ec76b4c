import Fluent

/// A submitted report version keeps the SHA-256 of its HTML (which prints the content hash), so
/// that the HTML and the PDFs printed from it are covered too (`ReportsStore.submit`).
struct M0022AddReportHTMLHash: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("report_versions").field("html_hash", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("report_versions").deleteField("html_hash").update()
    }
}
