import Testing

@testable import StyrCore

@Suite struct BosettingsanmodningTests {
    func person(_ id: String, _ caseId: String, allocated: String? = nil, settled: String? = nil, selfSettled: Bool = false)
        -> SettlementPerson
    {
        SettlementPerson(
            personId: id, caseId: caseId, category: .resettlement, gender: .female, birthYear: 1990, nationality: "SY",
            permitDay: 1000, readyDay: 1010, allocatedKommune: allocated, allocatedDay: allocated == nil ? nil : 1020,
            settledKommune: settled, settledDay: settled == nil ? nil : 1030, selfSettled: selfSettled)
    }

    @Test func everyWaitingMemberIsAllocatedOnTheDay() {
        let persons = [person("a", "S1"), person("b", "S1"), person("c", "S1", selfSettled: true), person("d", "S2")]
        let out = Bosettingsanmodning.apply([.init(caseId: "S1", kommune: "4601")], persons: persons, day: 2000)
        #expect(out.problems.isEmpty)
        #expect(out.persons.map(\.personId) == ["a", "b"])
        #expect(out.persons.allSatisfy { $0.allocatedKommune == "4601" && $0.allocatedDay == 2000 })
    }

    @Test func aCaseAlreadyRequestedOrUnknownStopsAllAndIsNamed() {
        let persons = [person("a", "S1"), person("b", "S2", allocated: "0301"), person("c", "S3", settled: "1103")]
        let out = Bosettingsanmodning.apply(
            [
                .init(caseId: "S1", kommune: "4601"), .init(caseId: "S2", kommune: "4601"), .init(caseId: "S3", kommune: "4601"),
                .init(caseId: "S9", kommune: "4601"), .init(caseId: "S1", kommune: "4601"),
            ], persons: persons, day: 2000)
        #expect(out.persons.isEmpty)
        #expect(
            out.problems == [
                "Sak S2 er allerede anmodet til 0301.", "Sak S3 er allerede bosatt i 1103.", "Sak S9 finnes ikke i bosettingsregisteret.",
                "Sak S1 er valgt to ganger.",
            ])
    }
}

/// The weekly mode from the register: one week's decision keeps places for the cases the rest of
/// the year should bring.
@Suite struct MatchWeekFromRegisterTests {
    @Test func aWeekEarlyInTheYearKeepsPlacesForBetterFittingCasesToCome() {
        // 10 places; A fits well and has waited two weeks, B fits poorly. 40 persons became ready
        // in 10 weeks: the rest of the year brings many more like them, so B's place is kept.
        let cases = [MatchCase(id: "A", size: 1, week: 8), MatchCase(id: "B", size: 1, week: 10)]
        let inst = MatchInstance(
            cases: cases, municipalities: [MatchMunicipality(code: "0301", places: 10)], pairs: [(0, 0, 100), (1, 0, 1)])
        let early = MatchDynamic.week(inst, week: 10, readyPersons: 40)
        #expect(early.municipalityOf == [0, nil])
        // The last week forecasts nothing: every waiting case that fits is placed.
        let last = MatchDynamic.week(inst, week: 52, readyPersons: 40)
        #expect(last.municipalityOf == [0, 0])
    }
}
