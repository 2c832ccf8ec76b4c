import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Report texts, submitted versions and comments. A submitted version is frozen: its content and
/// HTML are stored with a SHA-256 hash and never updated; later edits become a new version.
enum ReportsStore {
    /// A row of `report_texts`: one section's text of a year's report.
    struct TextRow: StoredRow {
        static let table = "report_texts"
        var id = UUID()
        var year: Int
        var kind: String
        var section: String
        var text: String
        var updatedBy: String
        var updatedAt: Date
    }

    /// A row of `report_comments`: the ministry's comment on a section of a submitted version.
    struct CommentRow: StoredRow {
        static let table = "report_comments"
        var id = UUID()
        var versionId: UUID
        var section: String
        var text: String
        var author: String
        var createdAt: Date
    }

    static func texts(year: Int, kind: ReportKind, on db: any Database) async throws -> [String: String] {
        let rows = try await db.sql().select(TextRow.self).where("year", .equal, year).where("kind", .equal, kind.rawValue)
            .rows(TextRow.self)
        return Dictionary(rows.map { ($0.section, $0.text) }, uniquingKeysWith: { a, _ in a })
    }

    /// Saves one section's text (empty text removes it), with the change in the audit log.
    static func saveText(year: Int, kind: ReportKind, section: String, text: String, actor: String, on db: any Database) async throws {
        guard section.range(of: #"^[A-Za-z0-9_\-\.()]{1,80}$"#, options: .regularExpression) != nil else {
            throw UserError(.badRequest, "Ugyldig seksjon «\(section.prefix(40))».", field: "section")
        }
        guard text.count <= 100_000 else {
            throw UserError(.unprocessableEntity, "Teksten er for lang (over 100 000 tegn).", field: "text")
        }
        let before = try await texts(year: year, kind: kind, on: db)[section]
        try await db.transaction { db in
            let sql = try db.sql()
            try await sql.delete(from: TextRow.table).where("year", .equal, year).where("kind", .equal, kind.rawValue)
                .where("section", .equal, section).run()
            if !text.isEmpty {
                try await sql.insert([
                    TextRow(year: year, kind: kind.rawValue, section: section, text: text, updatedBy: actor, updatedAt: Date())
                ])
            }
            try await AuditEntryModel(
                actor: actor, action: "rapporttekst", entity: "\(kind.label) \(year)", entityId: section, before: before, after: text
            ).create(on: db)
        }
    }

    struct Version: Content {
        /// The columns a `Version` is read from.
        static let columns = [
            "id", "year", "kind", "version", "content_hash", "html_hash", "submitted_by", "submitted_at", "received_by", "received_at",
        ]

        let id: UUID
        let year: Int
        let kind: String
        let version: Int
        let content_hash: String
        /// The SHA-256 of the stored HTML (which prints `content_hash`); nil for versions from before it.
        let html_hash: String?
        let submitted_by: String
        let submitted_at: Date
        let received_by: String?
        let received_at: Date?

        /// Whether `html` is the HTML stored at submission.
        func isIntact(html: String) -> Bool { html_hash.map { $0 == ReportsStore.hash(Data(html.utf8)) } ?? true }
    }

    static func versions(year: Int, kind: ReportKind, on db: any Database) async throws -> [Version] {
        try await db.sql().select()
            .columns(Version.columns)
            .from("report_versions").where("year", .equal, year).where("kind", .equal, kind.rawValue).orderBy("version", .descending)
            .all(decoding: Version.self)
    }

    static func html(versionID: UUID, on db: any Database) async throws -> (Version, String) {
        guard
            let row = try await db.sql().select().columns(Version.columns + ["html"]).from("report_versions")
                .where("id", .equal, versionID).first()
        else { throw UserError(.notFound, "Fant ikke den innsendte versjonen.") }
        return (try row.decode(model: Version.self), try row.decode(column: "html", as: String.self))
    }

    /// The frozen content (JSON of the report document) of a version.
    static func content(versionID: UUID, on db: any Database) async throws -> String {
        struct Row: Decodable { let content: String }
        guard
            let r = try await db.sql().select().column("content").from("report_versions").where("id", .equal, versionID).first(
                decoding: Row.self)
        else { throw UserError(.notFound, "Fant ikke den innsendte versjonen.") }
        return r.content
    }

    /// Received annual reports (public under the instruction's publication rule).
    static func receivedAnnual(on db: any Database) async throws -> [Version] {
        try await db.sql().select()
            .columns(Version.columns)
            .from("report_versions").where("kind", .equal, ReportKind.aar.rawValue).where("received_at", .isNot, SQLLiteral.null)
            .orderBy("year", .descending).orderBy("version", .descending).all(decoding: Version.self)
    }

    static func hash(_ content: Data) -> String {
        SHA256.hash(data: content).hex
    }

    /// Freezes the report as the next version: content (JSON) and HTML stored with the hash of the
    /// content, all in one transaction. `render` makes the HTML of version N with the content hash
    /// printed in it (so that the HTML and every PDF printed from it carry the hash); its own
    /// SHA-256 is stored as `html_hash` and checked whenever it is shown.
    ///
    /// A submission whose content is the same as the newest version's is refused (409): a double
    /// click or eight people pressing «Send inn» at once give one version. Two transactions that
    /// race past the check collide on the unique (year, kind, version); the loser gets the same answer.
    static func submit(
        _ report: ReportDocument, actor: String, on db: any Database,
        render: @escaping @Sendable (_ version: Int, _ hash: String) async throws -> String
    ) async throws -> Version {
        let data = try canonical(report)
        let digest = hash(data)
        let content = String(decoding: data, as: UTF8.self)
        do {
            return try await db.transaction { db in
                let sql = try db.sql()
                let latest = try await versions(year: report.year, kind: report.kind, on: db).first
                if let latest, latest.content_hash == digest { throw unchanged(latest, report) }
                let number = (latest?.version ?? 0) + 1
                let html = try await render(number, digest)
                let v = Version(
                    id: UUID(), year: report.year, kind: report.kind.rawValue, version: number, content_hash: digest,
                    html_hash: hash(Data(html.utf8)), submitted_by: actor, submitted_at: Date(), received_by: nil, received_at: nil)
                try await sql.insert(into: "report_versions")
                    .columns(
                        "id", "year", "kind", "version", "content", "html", "content_hash", "html_hash", "submitted_by", "submitted_at"
                    )
                    .values(
                        SQLBind(v.id), SQLBind(v.year), SQLBind(v.kind), SQLBind(v.version), SQLBind(content), SQLBind(html),
                        SQLBind(digest), SQLBind(v.html_hash), SQLBind(actor), SQLBind(v.submitted_at)
                    ).run()
                try await AuditEntryModel(
                    actor: actor, action: "send inn", entity: "\(report.kind.label) \(report.year)", entityId: "versjon \(v.version)",
                    after: "SHA-256 \(digest)"
                ).create(on: db)
                return v
            }
        } catch let error as UserError {
            throw error
        } catch {
            // Lost a race (unique version, or a busy database): the winner's version answers.
            if let latest = try await versions(year: report.year, kind: report.kind, on: db).first, latest.content_hash == digest {
                throw unchanged(latest, report)
            }
            throw error
        }
    }

    /// The report's canonical content: JSON with sorted keys, what `content_hash` is the SHA-256 of.
    static func canonical(_ report: ReportDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(report)
    }

    static func unchanged(_ latest: Version, _ report: ReportDocument) -> UserError {
        UserError(
            .conflict,
            "\(report.kind.label) \(report.year) er allerede sendt inn som versjon \(latest.version) med det samme innholdet "
                + "(SHA-256 \(latest.content_hash.prefix(16))…). Ingen ny versjon er laget.")
    }

    /// The ministry confirms receipt (once).
    static func receive(versionID: UUID, actor: String, on db: any Database) async throws {
        let (v, _) = try await html(versionID: versionID, on: db)
        guard v.received_at == nil else { throw UserError(.conflict, "Versjon \(v.version) er allerede mottatt.") }
        try await db.transaction { db in
            try await db.sql().update("report_versions").set("received_by", to: actor).set("received_at", to: Date())
                .where("id", .equal, versionID).run()
            try await AuditEntryModel(
                actor: actor, action: "motta", entity: "\(ReportKind(rawValue: v.kind)?.label ?? v.kind) \(v.year)",
                entityId: "versjon \(v.version)"
            ).create(on: db)
        }
    }

    struct Comment: Content {
        let section: String
        let text: String
        let author: String
        let created_at: Date
    }

    static func comments(versionID: UUID, on db: any Database) async throws -> [Comment] {
        try await db.sql().select(CommentRow.self).where("version_id", .equal, versionID).orderBy("created_at").rows(CommentRow.self)
            .map { Comment(section: $0.section, text: $0.text, author: $0.author, created_at: $0.createdAt) }
    }

    static func addComment(versionID: UUID, section: String, text: String, actor: String, on db: any Database) async throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 20_000 else {
            throw UserError(.unprocessableEntity, "Kommentaren må ha tekst (høyst 20 000 tegn).", field: "text")
        }
        let (v, _) = try await html(versionID: versionID, on: db)
        try await db.transaction { db in
            try await db.sql().insert([
                CommentRow(versionId: versionID, section: section, text: trimmed, author: actor, createdAt: Date())
            ])
            try await AuditEntryModel(
                actor: actor, action: "kommentar", entity: "\(ReportKind(rawValue: v.kind)?.label ?? v.kind) \(v.year)",
                entityId: "versjon \(v.version) \(section)", after: trimmed
            ).create(on: db)
        }
    }
}
