import Testing

@testable import StyrCore

@Suite struct RegisterEditsTests {
    static let geography = StatisticsTests.geography
    static let person = SettlementPerson(
        personId: "p1", caseId: "s1", category: .reception, gender: .female, birthYear: 1990, nationality: "Syria",
        permitDay: CivilDate(iso: "2019-03-01")!.dayNumber)

    @Test func personEditIsValidatedAgainstTheYearsDivision() throws {
        let ok = try PersonSettlementEdit(settledKommune: "0301", settledDate: "2019-06-01").apply(
            to: Self.person, geography: Self.geography
        )
        .get()
        #expect(ok.settledKommune == "0301" && ok.settledDay == CivilDate(iso: "2019-06-01")!.dayNumber)
        // 1201 Bergen became 4601 in 2020.
        let renamed = PersonSettlementEdit(settledKommune: "1201", settledDate: "2020-02-01").apply(
            to: Self.person, geography: Self.geography)
        #expect(renamed == .failure(FieldErrors(["settledKommune": "Kommune 1201 fantes ikke 2020."])))
        let early = PersonSettlementEdit(settledKommune: "0301", settledDate: "2019-01-01").apply(
            to: Self.person, geography: Self.geography)
        #expect(early == .failure(FieldErrors(["settledDate": "Bosettingsdatoen kan ikke være før vedtaksdatoen."])))
        let half = PersonSettlementEdit(settledKommune: "0301", settledDate: " ").apply(to: Self.person, geography: Self.geography)
        #expect(half == .failure(FieldErrors(["settledKommune": "Bosettingskommune og bosettingsdato må fylles ut sammen."])))
        let badDate = PersonSettlementEdit(allocatedKommune: "0301", allocatedDate: "1. mai").apply(
            to: Self.person, geography: Self.geography)
        #expect(badDate == .failure(FieldErrors(["allocatedDate": "Datoen må være ÅÅÅÅ-MM-DD."])))
        // Empty fields clear the values.
        let cleared = try PersonSettlementEdit(allocatedKommune: "", allocatedDate: "").apply(to: ok, geography: Self.geography).get()
        #expect(cleared.allocatedKommune == nil && cleared.settledKommune == nil)
    }

    static let existing = MunicipalRequest(
        year: 2021, kommune: "0301", requested: 120, requestedMinors: 10, decided: nil, countyRecommendation: 115)

    @Test func directorateSetsTheRequestWithinItsRules() throws {
        func edit(_ e: RequestEdit) -> Result<MunicipalRequest, FieldErrors> {
            e.apply(year: 2021, kommune: "0301", to: Self.existing, decisionOnly: false, geography: Self.geography)
        }
        let r = try edit(RequestEdit(requested: 130, requestedMinors: 12, decided: 125, decidedMinors: 12)).get()
        #expect(r.requested == 130 && r.decided == 125 && r.countyRecommendation == nil)
        #expect(edit(RequestEdit(requestedMinors: 3)) == .failure(FieldErrors(["requested": "Fyll inn antall anmodet."])))
        let e = edit(RequestEdit(requested: 5, requestedMinors: 6, decidedMinors: 2, countyRecommendation: -1))
        #expect(
            e
                == .failure(
                    FieldErrors([
                        "requestedMinors": "Kan ikke være flere enn anmodet totalt.",
                        "decidedMinors": "Fyll inn vedtatte plasser totalt når enslige mindreårige er fylt inn.",
                        "countyRecommendation": "Kan ikke være negativt.",
                    ])))
        let unknown = RequestEdit(requested: 1).apply(
            year: 2021, kommune: "1201", to: nil, decisionOnly: false, geography: Self.geography)
        #expect(unknown == .failure(FieldErrors(["kommune": "Kommune 1201 fantes ikke 2021."])))
    }

    @Test func aMunicipalityRecordsOnlyItsDecision() throws {
        func decide(_ e: RequestEdit, _ existing: MunicipalRequest? = RegisterEditsTests.existing) -> Result<MunicipalRequest, FieldErrors>
        {
            e.apply(year: 2021, kommune: "0301", to: existing, decisionOnly: true, geography: Self.geography)
        }
        let r = try decide(RequestEdit(decided: 110, decidedMinors: 8)).get()
        #expect(
            r
                == MunicipalRequest(
                    year: 2021, kommune: "0301", requested: 120, requestedMinors: 10, decided: 110, decidedMinors: 8,
                    countyRecommendation: 115))
        // Sending the request's own values back is harmless; changing them is not allowed.
        #expect((try? decide(RequestEdit(requested: 120, decided: 110)).get())?.decided == 110)
        #expect(
            decide(RequestEdit(requested: 50, decided: 110))
                == .failure(FieldErrors(["requested": "Bare direktoratet kan endre anmodningen og fylkets anbefaling."])))
        #expect(
            decide(RequestEdit(decided: 1), nil)
                == .failure(FieldErrors(["decided": "Kommunen har ingen anmodning for 2021 å fatte vedtak om."])))
        // The form reports a number that is not one together with the other fields' rule breaks.
        let form = RequestEdit.fromForm(
            ["decided": "mange", "decidedMinors": "4", "requested": "999"], year: 2021, kommune: "0301", existing: Self.existing,
            decisionOnly: true, geography: Self.geography)
        #expect(
            form
                == .failure(
                    FieldErrors([
                        "decided": "Må være et heltall.",
                        "decidedMinors": "Fyll inn vedtatte plasser totalt når enslige mindreårige er fylt inn.",
                    ])))
    }
}
