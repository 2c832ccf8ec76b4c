import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The audit log's CSV export holds every row that matches, not one page of the newest.
    @Suite struct AuditExport {
        @Test func theCSVExportStreamsEveryRow() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let extra = 2 * AuditRoutes.exportBatch + 17
                try await app.db.transaction { db in
                    for i in 0..<extra {
                        try await AuditEntryModel(actor: "massetest", action: "test", entity: "rad", entityId: String(i)).create(on: db)
                    }
                }
                let total = try await AuditEntryModel.query(on: app.db).count()
                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                let all = try await ministry.get("/revisjonslogg?format=csv")
                #expect(all.status == .ok)
                let lines = all.body.split(separator: "\r\n")
                #expect(lines.count == total + 1, "\(lines.count) lines for \(total) entries")
                let filtered = try await ministry.get("/revisjonslogg?format=csv&bruker=massetest")
                let rows = filtered.body.split(separator: "\r\n").dropFirst()
                #expect(rows.count == extra)
                #expect(Set(rows.map { $0.split(separator: ";")[4] }).count == extra)
            }
        }
    }
}
