import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The clock is passed in through the settings: what is due, and what a page calls "today",
    /// follows the date the application was given, not the machine's.
    @Suite struct ClockPassedIn {
        static func dueDates(today: CivilDate) async throws -> [String] {
            var dates: [String] = []
            try await withApp(today: today) { app in
                try await seedDemo(app)
                #expect(app.clock.today() == today)
                let r = try await Client(app).get("/api/v1/deadlines?days=20")
                #expect(r.status == .ok)
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [[String: Any]])
                dates = rows.compactMap { $0["date"] as? String }
            }
            return dates
        }

        @Test func deadlinesDueFollowTheGivenDate() async throws {
            let february = try await Self.dueDates(today: CivilDate(year: 2021, month: 3, day: 1)!)
            #expect(!february.isEmpty)
            #expect(february.allSatisfy { $0 >= "2021-03-01" && $0 <= "2021-03-21" }, "\(february)")
            let autumn = try await Self.dueDates(today: CivilDate(year: 2021, month: 8, day: 15)!)
            #expect(!autumn.isEmpty)
            #expect(autumn.allSatisfy { $0 >= "2021-08-15" && $0 <= "2021-09-04" }, "\(autumn)")
            #expect(Set(february).isDisjoint(with: autumn))
        }

        @Test func fixedClockStandsStillInOsloTime() {
            let clock = Clock.fixed(CivilDate(year: 2026, month: 12, day: 31)!)
            #expect(clock.today() == CivilDate(year: 2026, month: 12, day: 31)!)
            #expect(Clock.stamp(clock.now()) == "31.12.2026 12:00")
        }
    }
}
