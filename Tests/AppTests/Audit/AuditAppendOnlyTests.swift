import Fluent
import FluentSQL
import Foundation
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The audit log is append-only in the database (SQLite and PostgreSQL triggers) and survives
    /// reverting every migration.
    @Suite struct AuditAppendOnly {
        @Test func rowsCannotBeChangedOrDeleted() async throws {
            try await withApp { app in
                try await AuditEntryModel(actor: "test", action: "prøve", entity: "rad", entityId: "1").create(on: app.db)
                let sql = try #require(app.db as? any SQLDatabase)
                await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_log SET actor = 'x'").run() }
                await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_log").run() }
                await #expect(throws: (any Error).self) { try await AuditEntryModel.query(on: app.db).delete() }
                if sql.dialect.name == "postgresql" {
                    await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE audit_log").run() }
                }
                let rows = try await AuditEntryModel.query(on: app.db).all()
                #expect(rows.count == 1)
                #expect(rows.first?.actor == "test")
            }
        }

        @Test func theLogSurvivesRevertingEveryMigration() async throws {
            try await withApp { app in
                try await AuditEntryModel(actor: "test", action: "før revert", entity: "rad", entityId: "1").create(on: app.db)
                try await app.autoRevert()
                let sql = try #require(app.db as? any SQLDatabase)
                struct Count: Decodable { let n: Int }
                let n = try await sql.raw("SELECT COUNT(*) AS n FROM audit_log").first(decoding: Count.self)?.n
                #expect(n == 1)
                // Migrating again keeps the rows and the triggers.
                try await app.autoMigrate()
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "før revert").count() == 1)
                await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_log").run() }
                try await AuditEntryModel(actor: "test", action: "etter", entity: "rad", entityId: "2").create(on: app.db)
                #expect(try await AuditEntryModel.query(on: app.db).count() == 2)
            }
        }
    }
}
