import Foundation
import NIOConcurrencyHelpers
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

        /// `today` is remembered for the day it covers: a moving clock gets the new date the moment
        /// it passes Oslo midnight (summer time included), and an earlier moment its own date again.
        @Test func todayFollowsAMovingClockAcrossOsloMidnight() {
            let moment = NIOLockedValueBox(Date(timeIntervalSince1970: 1_656_539_999))  // 2022-06-29 23:59:59 CEST
            let clock = Clock(now: { moment.withLockedValue { $0 } })
            #expect(clock.today() == CivilDate(year: 2022, month: 6, day: 29)!)
            #expect(clock.today() == CivilDate(year: 2022, month: 6, day: 29)!)
            moment.withLockedValue { $0 = Date(timeIntervalSince1970: 1_656_540_000) }  // 2022-06-30 00:00:00 CEST
            #expect(clock.today() == CivilDate(year: 2022, month: 6, day: 30)!)
            moment.withLockedValue { $0 = Date(timeIntervalSince1970: 1_656_453_600) }  // 2022-06-29 00:00:00 CEST
            #expect(clock.today() == CivilDate(year: 2022, month: 6, day: 29)!)
            moment.withLockedValue { $0 = Date(timeIntervalSince1970: 1_656_453_599) }  // 2022-06-28 23:59:59 CEST
            #expect(clock.today() == CivilDate(year: 2022, month: 6, day: 28)!)
        }
    }
}
