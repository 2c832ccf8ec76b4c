import Testing

@testable import StyrCore

@Suite struct DeadlineCalendarTests {
    @Test func calendarAndICalendar() throws {
        let doc = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        let events = DeadlineCalendar.events(doc)
        #expect(events.first { $0.kind == .reporting }?.date == "2021-03-15")
        let due = DeadlineCalendar.due(events, from: CivilDate(iso: "2021-08-15")!, days: 10)
        #expect(due.contains { $0.assignmentId == "2021-01" })
        #expect(due.contains { $0.kind == .reporting && $0.date == "2021-08-20" })
        let ics = ICalendar.render(Array(events.prefix(3)), calendarName: "Test, 2021", stamp: "20210101T000000Z")
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(ics.contains("X-WR-CALNAME:Test\\, 2021"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 4)
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        // Reminders: reporting deadlines 14 and 2 days before, assignments 7 days before.
        let reporting = ICalendar.render(
            events.filter { $0.kind == .reporting }.prefix(1).map { $0 }, calendarName: "R", stamp: "20210101T000000Z")
        #expect(reporting.contains("TRIGGER:-P14D") && reporting.contains("TRIGGER:-P2D") && reporting.contains("BEGIN:VALARM"))
        let assignment = ICalendar.render(
            events.filter { $0.kind == .assignment }.prefix(1).map { $0 }, calendarName: "A", stamp: "20210101T000000Z")
        #expect(assignment.contains("TRIGGER:-P7D") && !assignment.contains("TRIGGER:-P14D"))
    }

    /// «innen 15. mars, deretter hvert kvartal» and «månedlig» in the 2021 letter (assignment
    /// 2021-02) are in the calendar on every date they fall due, not left out for lack of one date.
    @Test func recurringDeadlinesOfTheLetterAreInTheCalendar() throws {
        let doc = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        let events = DeadlineCalendar.events(doc).filter { $0.assignmentId == "2021-02" }
        let quarterly = events.filter { $0.title.contains("hvert kvartal") }.map(\.date)
        #expect(quarterly == ["2021-03-15", "2021-06-15", "2021-09-15", "2021-12-15"])
        let monthly = events.filter { $0.title.contains("månedlig") }
        #expect(monthly.count == 12)
        #expect(monthly.first?.date == "2021-01-31" && monthly.last?.date == "2021-12-31")
        #expect(monthly.last?.title.hasSuffix("(månedlig, 12 av 12)") == true)
        // The ICS feed carries every occurrence, each with its reminder.
        let ics = ICalendar.render(events, calendarName: "2021-02", stamp: "20210101T000000Z")
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == events.count)
        #expect(ics.contains("DTSTART;VALUE=DATE:20210228"))
    }

    @Test(
        arguments: [
            ("monthly", nil, 2021, 12, "2021-01-31", "2021-12-31"),
            ("tertial", nil, 2021, 3, "2021-04-30", "2021-12-31"),
            ("quarterly", nil, 2024, 4, "2024-03-31", "2024-12-31"),
            ("monthly", "2021-01-31", 2021, 12, "2021-01-31", "2021-12-31"),
            ("tertial", "2021-05-15", 2021, 2, "2021-05-15", "2021-09-15"),
            ("yearly", "2021-03-01", 2021, 1, "2021-03-01", "2021-03-01"),
        ] as [(String, String?, Int, Int, String, String)])
    func recurrenceDates(frequency: String, first: String?, year: Int, count: Int, start: String, end: String) {
        let d = Deadline(date: first, text: "t", kind: first == nil ? .recurring : .date, frequency: frequency)
        let dates = Recurrence.dates(of: d, in: year)
        #expect(dates.count == count)
        #expect(dates.first == start && dates.last == end)
    }

    @Test func monthlyFromTheThirtyFirstKeepsToEachMonthsLastDayAndLeapYears() {
        let d = Deadline(date: "2024-01-31", text: "t", kind: .date, frequency: "monthly")
        #expect(Recurrence.dates(of: d, in: 2024).prefix(4) == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"])
    }

    @Test func aYearlyReportWithoutADateAndAOneOffWithoutADateHaveNoPlace() {
        #expect(Recurrence.dates(of: Deadline(date: nil, text: "hvert år", kind: .recurring, frequency: "yearly"), in: 2021).isEmpty)
        #expect(Recurrence.dates(of: Deadline(date: nil, text: "Løpende", kind: .continuous), in: 2021).isEmpty)
        #expect(Recurrence.dates(of: Deadline(date: "2021-05-01", text: "1. mai", kind: .date), in: 2021) == ["2021-05-01"])
    }
}
