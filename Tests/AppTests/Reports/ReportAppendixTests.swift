import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The report drafts' statistics appendix is computed once per load of the registers behind it
    /// and follows every new load.
    @Suite struct ReportAppendix {
        /// Table number → its published values, to compare two appendices.
        static func figures(_ tables: [StatTable]) -> [String: [Double?]] {
            Dictionary(tables.map { t in (t.number, t.cells.indices.map { t.published($0) }) }) { a, _ in a }
        }

        @Test func keptPerLoadAndRebuiltAfterANewLoad() async throws {
            try await withApp(today: CivilDate(year: 2022, month: 3, day: 1)) { app in
                try await seedDemo(app)
                try await DemoDataCommand.fill(app, from: 2021, to: 2021, seed: 1, qualificationScale: 0.01)
                func appendix() async throws -> [StatTable] {
                    try await ReportBuilder.appendix(.aar, year: 2021, settlementYears: [2021], app: app, on: app.db)
                }
                let first = try await appendix()
                #expect(first.contains { $0.number == "16" } && first.contains { $0.number == "11A" }, "\(first.map(\.number))")
                #expect(Self.figures(try await appendix()) == Self.figures(first))

                // Another settlement register (no one settled in 2021) and other NIR rows: the appendix
                // is computed anew. (The demo generator meets each year's published totals whatever
                // its seed, so another seed alone would not change table 16.)
                try await DemoDataCommand.fill(app, from: 2020, to: 2020, seed: 2, qualificationScale: 0.02)
                let second = try await appendix()
                let (a, b) = (Self.figures(first), Self.figures(second))
                #expect(a["16"] != b["16"], "the settlement table kept the old register")
                #expect(a["11A"] != b["11A"], "the NIR table kept the old extract")
                #expect(Self.figures(try await appendix()) == b)
            }
        }
    }
}
