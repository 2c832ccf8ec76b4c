/// How often a recurring deadline falls due: a letter's «månedlig», «hvert kvartal», «hvert
/// tertial» and «hvert år».
public enum Recurrence: String, Sendable, CaseIterable {
    case monthly, quarterly, tertial, yearly

    /// Months between two occurrences.
    public var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .tertial: 4
        case .yearly: 12
        }
    }

    /// Bokmål label for the calendar.
    public var label: String {
        switch self {
        case .monthly: "månedlig"
        case .quarterly: "hvert kvartal"
        case .tertial: "hvert tertial"
        case .yearly: "årlig"
        }
    }

    /// The ISO dates a deadline falls on within `year` (the letter's year; when unknown, the year
    /// of the deadline's first date).
    ///
    /// A one-off deadline gives its date. A recurring one with a date («innen 15. mars, deretter
    /// hvert kvartal») repeats from that date, keeping the day of month (the month's last day
    /// where it is shorter) up to 31 December. Without a date, a monthly, quarterly or tertial
    /// report falls on the last day of each period of the year, as the periodic reports are
    /// written after the period; a yearly one without a date has no place in the calendar and
    /// stays a text deadline.
    public static func dates(of deadline: Deadline, in year: Int?) -> [String] {
        guard let r = Recurrence(rawValue: deadline.frequency ?? "") else { return deadline.date.map { [$0] } ?? [] }
        if let first = deadline.date.flatMap(CivilDate.init(iso:)) {
            guard r != .yearly else { return [first.iso] }
            var out: [String] = []
            var step = 0
            while true {
                let month0 = first.month - 1 + step * r.months
                let y = first.year + month0 / 12
                let m = month0 % 12 + 1
                guard y <= max(year ?? first.year, first.year) else { break }
                let day = min(first.day, CivilDate.daysIn(year: y, month: m))
                out.append(CivilDate(year: y, month: m, day: day)!.iso)
                step += 1
            }
            return out
        }
        guard r != .yearly, let year else { return [] }
        return stride(from: r.months, through: 12, by: r.months).map { CivilDate.lastDay(year: year, month: $0).iso }
    }
}
