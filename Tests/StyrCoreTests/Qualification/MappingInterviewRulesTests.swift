import Testing

@testable import StyrCore

@Suite struct MappingInterviewRulesTests {
    let geography = StatisticsTests.geography

    @Test func aValidFormGivesTheInterview() throws {
        let r = MappingInterviewForm.read(
            [
                "person_id": "p-17", "dato": "2024-03-02", "utdanning": "fagbrev", "arbeidserfaring": "f|q", "sprak": "dari|engelsk",
                "norsk_niva": "A2", "helsebehov": "ja", "tilknytning_kommune": "",
            ], geography: geography)
        let i = try r.get()
        #expect(i.personId == "p-17" && i.education == .vocational && i.experience == ["F", "Q"] && i.healthNeeds)
        #expect(i.norwegian == .a2 && i.tie == nil && i.languages == ["dari", "engelsk"])
    }

    @Test func everyBadFieldIsNamed() {
        let r = MappingInterviewForm.read(
            [
                "person_id": "", "dato": "31.13.2024", "utdanning": "master", "utdanningsfelt": String(repeating: "x", count: 81),
                "arbeidserfaring": "Z", "norsk_niva": "", "helsebehov": "kanskje", "tilknytning_kommune": "9999",
            ], geography: geography)
        guard case .failure(let e) = r else {
            Issue.record("expected errors")
            return
        }
        #expect(
            Set(e.byField.keys) == [
                "person_id", "dato", "utdanning", "utdanningsfelt", "arbeidserfaring", "norsk_niva", "helsebehov", "tilknytning_kommune",
            ])
        #expect(e.byField["utdanning"]?.contains("master") == true)
        #expect(e.byField["utdanningsfelt"]?.contains("80 tegn") == true)
    }

    @Test func interviewsAreDeletedAYearAfterSettlement() {
        func person(_ id: String, settled: Int?) -> SettlementPerson {
            SettlementPerson(
                personId: id, caseId: "S\(id)", category: .resettlement, gender: .male, birthYear: 1980, nationality: "SY",
                permitDay: 1000, settledKommune: settled == nil ? nil : "0301", settledDay: settled)
        }
        let interviews = ["old", "recent", "waiting", "unknown"].map { MappingInterview(personId: $0, date: 900, education: .primary) }
        let persons = [person("old", settled: 2000), person("recent", settled: 2300), person("waiting", settled: nil)]
        let today = 2000 + MappingInterviewRetention.days + 1
        let s = MappingInterviewRetention.split(interviews, persons: persons, today: today)
        #expect(s.expired.map(\.personId) == ["old"])
        #expect(s.keep.map(\.personId) == ["recent", "waiting", "unknown"])
        // On the last day of the period the interview is still kept.
        #expect(MappingInterviewRetention.split(interviews, persons: persons, today: today - 1).expired.isEmpty)
    }
}
