import StyrCore
import Vapor

/// The clock: today's date in Norway and the current moment. One value is made at start-up from
/// the settings and passed in through the application (`app.clock`, `req.clock`); tests and
/// snapshots fix it at a date (`Clock.fixed`, or `STYR_TODAY=ÅÅÅÅ-MM-DD` for the server and CLI).
struct Clock: Sendable {
    /// The current moment.
    let now: @Sendable () -> Date

    /// The system clock.
    static let system = Clock(now: { Date() })

    /// A clock standing still at noon (Oslo time) of `day`.
    static func fixed(_ day: CivilDate) -> Clock {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = oslo
        let moment = cal.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? Date()
        return Clock(now: { moment })
    }

    /// Today's date in Norway, as a civil date.
    func today() -> CivilDate {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Self.oslo
        let c = cal.dateComponents([.year, .month, .day], from: now())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// A moment as Norwegian pages show it: "24.11.2026 17:46" (Oslo time).
    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "dd.MM.yyyy HH:mm"
        f.timeZone = oslo
        return f.string(from: date)
    }

    private static let oslo = TimeZone(identifier: "Europe/Oslo") ?? .current
}

extension Application {
    /// The clock given in the settings (the system clock unless a date is fixed).
    var clock: Clock { storage[SettingsKey.self]?.clock ?? .system }
}

extension Request {
    /// The application's clock.
    var clock: Clock { application.clock }
    /// Today's date in Norway by the application's clock.
    var today: CivilDate { application.clock.today() }
}
