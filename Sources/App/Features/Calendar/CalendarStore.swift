import Fluent
import StyrCore
import Vapor

/// Deadlines due across all years, for `styr frister` and the API.
enum Deadlines {
    static func due(days: Int, today: CivilDate, on db: any Database) async throws -> [CalendarEvent] {
        var out: [CalendarEvent] = []
        for y in try await SteeringStore.years(on: db) {
            guard let view = try await SteeringStore.amendedYear(y, on: db) else { continue }
            out += DeadlineCalendar.due(DeadlineCalendar.events(view.letter), from: today, days: days)
        }
        return out.sorted { ($0.date, $0.title) < ($1.date, $1.title) }
    }
}
