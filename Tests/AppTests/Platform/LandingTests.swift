import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Where `/` leads after login, and the one default year of the year pages and the statistics.
    @Suite struct Landing {
        @Test func aMunicipalityLandsOnItsOwnPage() async throws {
            try await withApp(today: CivilDate(year: 2025, month: 3, day: 1)) { app in
                try await seedDemo(app)
                try await DemoDataCommand.fill(app, from: 2020, to: 2024, seed: 1, qualificationScale: 0.01)
                let c = Client(app)
                try await c.login("kommune", "demo-kommune")
                let home = try await c.get("/")
                #expect(home.status == .seeOther)
                let target = try #require(home.headers.first(name: .location))
                #expect(target == "/register/bosetting/anmodninger/2024/0301", "\(target)")
                let page = try await c.get(target)
                #expect(page.status == .ok && page.body.contains("0301"))
            }
        }

        @Test func statisticsAndYearPagesOpenAtTheSameYear() async throws {
            // Letters for 2020 and 2021, register statistics 2020–2024: both open at 2021.
            try await withApp(today: CivilDate(year: 2025, month: 3, day: 1)) { app in
                try await seedDemo(app)
                try await DemoDataCommand.fill(app, from: 2020, to: 2024, seed: 1, qualificationScale: 0.01)
                let c = Client(app)
                let home = try await c.get("/")
                #expect(home.headers.first(name: .location) == "/aar/2021")
                let stats = try await c.get("/statistikk")
                #expect(stats.body.contains("<title>Statistikk 2021 – Styr</title>"), "\(stats.body.prefix(400))")
                let indicators = try await c.get("/statistikk/indikatorer")
                #expect(indicators.body.contains("<title>Indikatorer for bosetting 2021 – Styr</title>"))
            }
        }
    }
}
