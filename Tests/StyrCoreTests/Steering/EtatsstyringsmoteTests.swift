import Testing

@testable import StyrCore

/// The steering meeting's steps: planned in its year, risk input before, minutes after, approved
/// by both before they go to Riksrevisjonen, evaluated once per side after the meeting.
@Suite struct EtatsstyringsmoteTests {
    static let before = CivilDate(year: 2021, month: 4, day: 20)!
    static let day = CivilDate(year: 2021, month: 5, day: 3)!
    static let after = CivilDate(year: 2021, month: 5, day: 10)!

    static func planned() throws -> Etatsstyringsmote {
        try EtatsstyringsmoteRules.plan(
            id: "m1", year: 2021, date: "3. mai 2021", title: "Etatsstyringsmøte om årsrapporten 2020", agenda: "1. Årsrapporten"
        )
        .get()
    }

    @Test func planningNamesEveryBadField() throws {
        let bad = EtatsstyringsmoteRules.plan(id: "x", year: 2021, date: "31.02.2021", title: " ", agenda: nil)
        guard case .failure(let e) = bad else { Issue.record("accepted"); return }
        #expect(e.fields["date"]?.contains("dato") == true && e.fields["title"] != nil)
        guard case .failure(let other) = EtatsstyringsmoteRules.plan(id: "x", year: 2021, date: "2022-01-10", title: "T", agenda: nil)
        else { Issue.record("a date in another year accepted"); return }
        #expect(other.fields["date"] == "Møtet må ligge i 2021.")
        #expect(try Self.planned().date == "2021-05-03")
    }

    @Test func riskInputComesBeforeAndMinutesAfterTheMeeting() throws {
        let m = try Self.planned()
        #expect(try EtatsstyringsmoteRules.riskInput(m, text: "Risiko: bosetting", by: "dir", today: Self.before).get().riskInput != nil)
        guard case .failure = EtatsstyringsmoteRules.riskInput(m, text: "For sent", by: "dir", today: Self.after) else {
            Issue.record("late risk input accepted"); return
        }
        guard case .failure(let early) = EtatsstyringsmoteRules.minutes(m, text: "Referat", by: "dep", today: Self.before) else {
            Issue.record("minutes before the meeting accepted"); return
        }
        #expect(early.fields["minutes"]?.contains("etter møtet") == true)
    }

    @Test func bothApproveBeforeRiksrevisjonenAndAChangedTextIsApprovedAgain() throws {
        var m = try EtatsstyringsmoteRules.minutes(try Self.planned(), text: "Referat v1", by: "dep", today: Self.after).get()
        m = try EtatsstyringsmoteRules.approve(m, side: .ministry, by: "dep", today: Self.after).get()
        guard case .failure(let one) = EtatsstyringsmoteRules.send(m, by: "dep", today: Self.after) else {
            Issue.record("sent with one approval"); return
        }
        #expect(one.fields["send"]?.contains("Direktoratet") == true)
        guard case .failure = EtatsstyringsmoteRules.approve(m, side: .ministry, by: "dep", today: Self.after) else {
            Issue.record("approved twice"); return
        }
        let changed = try EtatsstyringsmoteRules.minutes(m, text: "Referat v2", by: "dep", today: Self.after).get()
        #expect(changed.approvals.isEmpty && changed.stage == "Referat til godkjenning")
        m = try EtatsstyringsmoteRules.approve(m, side: .directorate, by: "dir", today: Self.after).get()
        m = try EtatsstyringsmoteRules.send(m, by: "dep", today: Self.after).get()
        #expect(m.stage == "Referat sendt Riksrevisjonen")
        guard case .failure = EtatsstyringsmoteRules.minutes(m, text: "Etterpå", by: "dep", today: Self.after) else {
            Issue.record("minutes changed after sending"); return
        }
    }

    @Test func eachSideEvaluatesOnceAfterTheMeeting() throws {
        let m = try Self.planned()
        guard case .failure = EtatsstyringsmoteRules.evaluate(m, side: .directorate, rating: "4", comment: nil, by: "d", today: Self.before)
        else { Issue.record("evaluated before"); return }
        guard
            case .failure(let range) = EtatsstyringsmoteRules.evaluate(
                m, side: .directorate, rating: "9", comment: nil, by: "d", today: Self.after)
        else { Issue.record("rating 9 accepted"); return }
        #expect(range.fields["rating"] == "Velg en vurdering fra 1 til 5.")
        let once = try EtatsstyringsmoteRules.evaluate(m, side: .directorate, rating: "4", comment: "Nyttig", by: "d", today: Self.after)
            .get()
        #expect(once.evaluations[.directorate]?.rating == 4)
        guard
            case .failure = EtatsstyringsmoteRules.evaluate(once, side: .directorate, rating: "5", comment: nil, by: "d", today: Self.after)
        else { Issue.record("evaluated twice"); return }
    }

    @Test func theLettersAnnouncedMeetingsAreFound() {
        let letter = SteeringDocument(
            kind: .tildelingsbrev, year: 2021,
            meetings: [
                Meeting(type: "Etatsstyringsmøte", count: 2, minutes: true), Meeting(type: "Strategimøte", text: "senest primo mai"),
            ])
        #expect(EtatsstyringsmoteRules.announced(letter).map(\.type) == ["Etatsstyringsmøte"])
    }
}
