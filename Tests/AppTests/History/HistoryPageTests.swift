import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The history page and the demo history: skipped lines kept with the version, and the
    /// municipality changes before 2014 loaded in the app.
    @Suite struct HistoryPage {
        @Test func skippedLinesAreKeptWithTheVersionAndShown() async throws {
            try await withApp { app in
                let text = historyRowsOneGoodOneUnknownOneBad
                _ = try await HistoryStore.importFile(
                    text, name: "bosatte.csv", format: nil, dryRun: false, skipInvalid: true, actor: "t", geography: app.geography,
                    on: app.db)
                _ = try await HistoryStore.importFile(
                    "year,region,measure,value\n2019,0301,deltakere,12\n", name: "uten-feil.csv", format: nil, dryRun: false,
                    actor: "t", geography: app.geography, on: app.db)
                let stored = try await HistoryStore.imports(on: app.db)
                #expect(stored.count == 2 && stored.first { $0.source == "bosatte.csv" }?.skipped?.split(separator: "\n").count == 2)
                let hasher = app.password
                _ = try await Users.add(
                    username: "direktorat", password: "passord-direktorat", role: .directorate, kommune: nil, on: app.db
                ) { try hasher.hash($0) }
                let client = Client(app)
                try await client.login("direktorat", "passord-direktorat")
                let page = try await client.get("/statistikk/historikk")
                #expect(page.status == .ok)
                #expect(page.body.contains("<summary>2 linjer hoppet over</summary>"))
                #expect(!page.body.contains("<summary>0 linjer"))  // a version without skipped lines says nothing
                #expect(page.body.contains("linje 3: kolonne «Antall»: Ukjent (1399) i 2019"))
                #expect(page.body.contains("linje 4: kolonne «Antall»: «atten» er ikke et tall"))
                #expect(page.body.contains("name=\"skipInvalid\""))
            }
        }

        /// The demo's history for 2011–2013 crosses the Inderøy (2012) and Harstad (2013)
        /// mergers: with the change list loaded it imports, each figure under its year's number.
        @Test func theDemoHistoryBefore2014Imports() async throws {
            try await withApp { app in
                #expect(app.geography.division(for: 2011).municipality("1729")?.name == "Inderøy")
                try await seedDemo(app, settlementYears: 2014...2014)
                let figures = try await HistoryStore.active(years: [2011, 2012, 2013], on: app.db).map(\.figure)
                func has(_ year: Int, _ code: String) -> Bool { figures.contains { $0.year == year && $0.code == code } }
                #expect(has(2011, "1729") && has(2011, "1723") && has(2012, "1756") && !has(2012, "1723"))
                #expect(has(2012, "1901") && has(2012, "1915") && has(2013, "1903") && !has(2013, "1915"))
            }
        }

        /// The same table for other years only (2020 beside the demo's 2011–2013) is another
        /// period: both stay in use; a download sharing years replaces.
        @Test func aTableOfOtherYearsDoesNotReplaceTheEarlierPeriod() async throws {
            try await withApp { app in
                func importing(_ text: String, _ name: String) async throws -> HistoryStore.Imported {
                    try await HistoryStore.importFile(
                        text, name: name, format: nil, dryRun: false, actor: "t", geography: app.geography, on: app.db)
                }
                let head = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n"
                _ = try await importing(head + "Personer;2011;1729;Inderøy;Faktisk bosetting;6\n", "2011.csv")
                let later = try await importing(head + "Personer;2020;0301;Oslo;Faktisk bosetting;470\n", "2020.csv")
                #expect(later.saved?.replaced == nil)
                #expect(try await HistoryStore.active(years: [2011, 2020], on: app.db).count == 2)
                let again = try await importing(head + "Personer;2020;0301;Oslo;Faktisk bosetting;471\n", "2020-ny.csv")
                #expect(again.saved?.replaced?.changed == ["bosatt 2020 Oslo (0301): 470 → 471"])
                #expect(
                    try await HistoryStore.active(years: [2011, 2020], on: app.db).map(\.figure.value).sorted { ($0 ?? 0) < ($1 ?? 0) } == [
                        6, 471,
                    ])
            }
        }
    }
}
