import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Excel downloads (.xlsx, the first sheet) import to the same stored values as the CSV of the
    /// same table (Fixtures/varianter, written by lag-xlsx.py).
    @Suite struct HistoryXLSX {
        static let dir = HistoryDownloads.fixtures.appendingPathComponent("varianter")

        @Test(arguments: ["alle-kommuner-bosetting.xlsx", "download-bosetting.xlsx", "download-bosetting-inline.xlsx"])
        func anExcelDownloadGivesTheSameFiguresAsTheCSV(_ name: String) async throws {
            try await withApp { app in
                let csv = try Data(contentsOf: Self.dir.appendingPathComponent("download-utf8-bom-crlf-semikolon-til-slutt.csv"))
                let first = try await HistoryStore.importFile(
                    try HistoryFile.text(csv, name: "bosetting.csv"), name: "bosetting.csv", format: nil, dryRun: false, actor: "t",
                    geography: app.geography, on: app.db)
                let data = try Data(contentsOf: Self.dir.appendingPathComponent(name))
                #expect(HistoryFile.isXLSX(data, name: "uten-navn"))
                let text = try HistoryFile.text(data, name: name)
                let second = try await HistoryStore.importFile(
                    text, name: name, format: nil, dryRun: false, actor: "t", geography: app.geography, on: app.db)
                #expect(second.figures == first.figures && second.figures > 0, "\(name)")
                #expect(second.saved?.replaced == HistoryDiff(old: [], new: []), "\(name)")
                // The cross table's source note under the table is listed, not a figure.
                #expect(second.skipped.isEmpty && second.warnings.allSatisfy { $0.contains("merknad under tabellen") }, "\(name)")
                let stored = try await HistoryStore.active(year: 2020, on: app.db).map(\.figure)
                #expect(stored.first { $0.measure == "bosatt" && $0.code == "0301" }?.value == 470)
                #expect(stored.first { $0.measure == "bosatt" && $0.code == "3024" }?.status == .suppressed)
            }
        }

        @Test func aFileThatIsNotAWorkbookIsAClearError() async throws {
            #expect(throws: UserError.self) { try HistoryFile.text(Data([0x50, 0x4B, 0x03, 0x04, 0, 0]), name: "ødelagt.xlsx") }
        }
    }
}
