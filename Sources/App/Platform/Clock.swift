import NIOConcurrencyHelpers
import StyrCore
import Vapor

/// The clock: today's date in Norway and the current moment. One value is made at start-up from
/// the settings and passed in through the application (`app.clock`, `req.clock`); tests and
/// snapshots fix it at a date (`Clock.fixed`, or `STYR_TODAY=ÅÅÅÅ-MM-DD` for the server and CLI).
struct Clock: Sendable {
    /// The current moment.
    let now: @Sendable () -> Date
    /// Today's date and the moments it lasts (Oslo midnight to midnight), so that the date of every
    /// request is a comparison, not a calendar computation.
    private let day = TodayMemo()

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

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
        let moment = now()
        if let known = day.lookup(moment) { return known }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Self.oslo
        let c = cal.dateComponents([.year, .month, .day], from: moment)
        let today = CivilDate(year: c.year!, month: c.month!, day: c.day!)!
        let start = cal.startOfDay(for: moment)
        if let end = cal.date(byAdding: .day, value: 1, to: start) { day.keep(today, from: start, until: end) }
        return today
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

/// The last date `Clock.today` computed and the moments it covers.
final class TodayMemo: Sendable {
    private let state = NIOLockedValueBox<(day: CivilDate, from: Date, until: Date)?>(nil)

    func lookup(_ moment: Date) -> CivilDate? {
        state.withLockedValue { s in
            guard let s, moment >= s.from, moment < s.until else { return nil }
            return s.day
        }
    }

    func keep(_ day: CivilDate, from: Date, until: Date) {
        state.withLockedValue { $0 = (day, from, until) }
    }
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
