import Fluent
import Foundation
import SQLKit
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Imported history on the real database: a newer download replaces the active version,
    /// keeps the earlier one, and reports what changed.
    @Suite struct History {
        @Test func reimportKeepsTheEarlierVersionAndReportsChanges() async throws {
            try await withApp { app in
                let geography = app.geography
                func table(_ halden: String) throws -> HistoryTable {
                    try HistoryImport.parse(
                        "year;region;measure;value;status\n2017;0101;bosatt;\(halden);\n2017;0104;bosatt;;:\n2017;0;bosatt;40;",
                        format: nil, geography: geography, title: "bosatt.csv")
                }
                let first = try await HistoryStore.save(try table("28"), source: "bosatt.csv", actor: "t", on: app.db)
                #expect(first.replaced == nil && first.figures == 3)
                let second = try await HistoryStore.save(try table("29"), source: "bosatt.csv", actor: "t", on: app.db)
                #expect(second.replaced?.changed == ["bosatt 2017 Halden (0101): 28 → 29"])
                let active = try await HistoryStore.active(year: 2017, on: app.db)
                #expect(active.count == 3 && active.contains { $0.figure.code == "0101" && $0.figure.value == 29 })
                #expect(active.allSatisfy { $0.source.hasPrefix("bosatt.csv (importert ") })
                let rows = HistoryQuery.rows(active, measure: "bosatt", year: 2017, level: .municipality, geography: geography)
                #expect(rows.map(\.code) == ["0101", "0104"] && rows[1].value == nil && rows[1].status == ":")
                guard let sql = app.db as? any SQLDatabase else { return }
                struct N: Decodable { let n: Int }
                let versions = try await sql.raw("SELECT COUNT(*) AS n FROM history_imports").first(decoding: N.self)
                #expect(versions?.n == 2)
            }
        }
    }
}
