/// An event in the steering calendar: a deadline, a reporting date or a meeting.
public struct CalendarEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case assignment, reporting, meeting }
    public var date: String
    public var kind: Kind
    public var title: String
    /// Assignment id, when the event is an assignment deadline.
    public var assignmentId: String?
    public var detail: String?
}

/// Builds the calendar of all dated deadlines and meetings of a year.
public enum DeadlineCalendar {
    public static func events(_ letter: SteeringDocument) -> [CalendarEvent] {
        var out: [CalendarEvent] = []
        for a in letter.assignments {
            for d in a.deadlines {
                var what = d.label.map { "frist for \($0)" } ?? "frist"
                if !d.parts.isEmpty { what += " (del \(d.parts.joined(separator: ", ")))" }
                out += assignmentEvents(d, year: letter.year, id: a.id, what: what, detail: a.title)
            }
        }
        for c in letter.carriedOverAssignments {
            for d in c.deadlines { out += assignmentEvents(d, year: letter.year, id: c.id, what: "frist", detail: c.title) }
        }
        for r in letter.reporting {
            if let date = r.deadline {
                out.append(
                    CalendarEvent(
                        date: date, kind: .reporting, title: "Rapporteringsfrist: \(r.type)",
                        detail: r.countDate.map { "Telletidspunkt \(NorwegianText.shortDate($0))" }))
            }
        }
        for d in letter.duties ?? [] {
            let short = d.text.count > 90 ? String(d.text.prefix(89)).trimmingCharacters(in: .whitespaces) + "…" : d.text
            out.append(
                CalendarEvent(
                    date: d.deadline, kind: .reporting, title: "Rapporteringsplikt: \(short)",
                    detail: [d.section.map { "Tildelingsbrevet \($0)" }, d.text].compactMap { $0 }.joined(separator: ": ")))
        }
        for m in letter.meetings {
            if let date = m.date { out.append(CalendarEvent(date: date, kind: .meeting, title: m.type, detail: m.text)) }
        }
        return out.sorted { ($0.date, $0.title) < ($1.date, $1.title) }
    }

    /// One event per date the deadline falls on in `year`; a recurring one is marked with its
    /// frequency («månedlig») and its number in the series.
    static func assignmentEvents(_ d: Deadline, year: Int?, id: String, what: String, detail: String?) -> [CalendarEvent] {
        let dates = Recurrence.dates(of: d, in: year)
        let recurrence = Recurrence(rawValue: d.frequency ?? "")
        return dates.enumerated().map { i, date in
            var title = "Oppdrag \(id): \(what)"
            if let r = recurrence { title += dates.count > 1 ? " (\(r.label), \(i + 1) av \(dates.count))" : " (\(r.label))" }
            return CalendarEvent(date: date, kind: .assignment, title: title, assignmentId: id, detail: detail)
        }
    }

    /// Events due from `today` (inclusive) within `days` days.
    public static func due(_ events: [CalendarEvent], from today: CivilDate, days: Int) -> [CalendarEvent] {
        let end = today.adding(days: days)
        return events.filter { e in
            guard let d = CivilDate(iso: e.date) else { return false }
            return d >= today && d <= end
        }
    }
}

/// Renders events as an iCalendar (RFC 5545) feed of all-day events, with reminders (VALARM)
/// that calendar and e-mail clients show: reporting deadlines 14 and 2 days before, assignment
/// deadlines 7 days before.
public enum ICalendar {
    static func reminders(_ kind: CalendarEvent.Kind) -> [Int] {
        switch kind {
        case .reporting: [14, 2]
        case .assignment: [7]
        case .meeting: []
        }
    }

    public static func render(_ events: [CalendarEvent], calendarName: String, stamp: String) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Styr//Styringsdialog//NO", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(escape(calendarName))",
        ]
        for (i, e) in events.enumerated() {
            guard let d = CivilDate(iso: e.date) else { continue }
            let start = e.date.replacingOccurrences(of: "-", with: "")
            let end = d.adding(days: 1).iso.replacingOccurrences(of: "-", with: "")
            lines += [
                "BEGIN:VEVENT",
                "UID:\(start)-\(e.kind.rawValue)-\(e.assignmentId ?? "x")-\(i)@styr",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(start)",
                "DTEND;VALUE=DATE:\(end)",
                "SUMMARY:\(escape(e.title))",
            ]
            if let detail = e.detail { lines.append("DESCRIPTION:\(escape(detail))") }
            for days in reminders(e.kind) {
                lines += [
                    "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P\(days)D", "DESCRIPTION:\(escape("Om \(days) dager: \(e.title)"))",
                    "END:VALARM",
                ]
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds lines longer than 75 octets (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for ch in line {
            let size = String(ch).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += size
        }
        return out
    }
}
