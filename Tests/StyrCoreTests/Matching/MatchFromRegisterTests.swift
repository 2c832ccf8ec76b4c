import Testing

@testable import StyrCore

/// The allocation from the register reads the mapping interviews: profiles from the interview
/// (the generator only without one), health needs as a hard constraint, explanations in words.
@Suite struct MatchFromRegisterTests {
    static func day(_ iso: String) -> Int { CivilDate(iso: iso)!.dayNumber }

    static func person(_ id: String, _ caseId: String, born: Int = 1990, ready: String = "2024-02-01") -> SettlementPerson {
        SettlementPerson(
            personId: id, caseId: caseId, category: .reception, gender: .female, birthYear: born, nationality: "SYR",
            permitDay: day("2024-01-10"), readyDay: day(ready))
    }

    /// Forty municipalities (the 2024 numbers) with 20 places each, every other recommended.
    static let codes = Array(StatisticsTests.geography.division(for: 2024).municipalities.map(\.code).prefix(40))
    static let requests = codes.enumerated().map { i, k in
        MunicipalRequest(year: 2024, kommune: k, requested: 20, decided: 20, decidedMinors: 0, countyRecommendation: i % 2 == 0 ? 5 : 0)
    }
    static let persons = [
        person("p1", "A"), person("p2", "A"), person("p3", "A", born: 2015),  // two adults and a school child
        person("p4", "B"),  // a single adult, never interviewed
    ]

    @Test func theInterviewMakesTheProfileAndTheGeneratorOnlyFillsIn() throws {
        let register = SettlementRegister(persons: Self.persons, requests: Self.requests)
        let tie = Self.codes[7]
        let interviews = [
            MappingInterview(personId: "p1", date: Self.day("2024-01-20"), education: .higher, experience: ["Q"], norwegian: .b1, tie: tie),
            MappingInterview(personId: "p2", date: Self.day("2024-01-20"), education: .vocational, experience: ["F", "Q"], norwegian: .a2),
        ]
        let asOf = Self.day("2024-06-01")
        let match = MatchFromRegister.build(register, year: 2024, asOf: asOf, interviews: interviews)
        #expect(match.instance.cases.map(\.id) == ["A", "B"])
        #expect(match.basis == [.interview, .generated] && match.interviewed == [2, 0])
        // Highest education of the household, every sector (NACE Q and F in the sectors' names), the child, the tie.
        #expect(match.caseProfiles[0] == CaseProfile(education: 3, sectors: ["helse", "bygg"], schoolChildren: 1, tie: tie))
        // The generated profile has no tie and does not depend on the interviews of others.
        let bare = MatchFromRegister.build(register, year: 2024, asOf: asOf)
        #expect(match.caseProfiles[1] == bare.caseProfiles[1] && match.caseProfiles[1].tie == nil)
        #expect(bare.basis == [.generated, .generated])
        // The tie is worth its weight per person in the tie municipality.
        let m = try #require(match.instance.municipalities.firstIndex { $0.code == tie })
        #expect(match.parts(0, m).first { $0.name == "tilknytning" }?.value == MatchWeights().tie)
        let k = try #require(match.instance.pairs(of: 0).first { Int(match.instance.pairMunicipality[$0]) == m })
        let kBare = try #require(bare.instance.pairs(of: 0).first { Int(bare.instance.pairMunicipality[$0]) == m })
        #expect(match.instance.pairScore[k] > bare.instance.pairScore[kBare])
    }

    @Test func healthNeedsLimitWhereTheHouseholdCanGo() throws {
        let register = SettlementRegister(persons: Self.persons, requests: Self.requests)
        let needs = [MappingInterview(personId: "p4", date: Self.day("2024-01-20"), education: .primary, healthNeeds: true)]
        let asOf = Self.day("2024-06-01")
        let match = MatchFromRegister.build(register, year: 2024, asOf: asOf, interviews: needs)
        let inst = match.instance
        let withHealth = Set(inst.municipalities.indices.filter { inst.municipalities[$0].services.contains("helse") })
        // Some municipalities cannot meet the need, so the constraint bites.
        #expect(!withHealth.isEmpty && withHealth.count < inst.municipalities.count)
        #expect(inst.cases[1].needs == ["helse"])
        #expect(Set(inst.pairs(of: 1).map { Int(inst.pairMunicipality[$0]) }) == withHealth)
        // Without the interview the same person may go anywhere.
        #expect(MatchFromRegister.build(register, year: 2024, asOf: asOf).instance.pairs(of: 1).count == inst.municipalities.count)
        let s = MatchSolver.solve(inst)
        let placed = try #require(s.allocation.municipalityOf[1])
        #expect(withHealth.contains(placed) && s.allocation.violations(inst).isEmpty)
        let text = match.explanation(case: 1, municipality: placed)
        #expect(text.contains("helse- eller omsorgsbehov som kommunen har tjenester for"))
        #expect(text.contains("Grunnlag: kartleggingsintervju (1 av 1 personer kartlagt, norsknivå A0)"))
        // With no municipality able to meet the need, the case is not allocated, and the text says why.
        var none = match
        none.instance = MatchInstance(
            cases: inst.cases,
            municipalities: inst.municipalities.map {
                var m = $0; m.services = []; return m
            }, pairs: [])
        #expect(none.explanation(case: 1, municipality: nil).hasPrefix("Ikke fordelt: ingen kommune med vedtak har tjenester for helse"))
    }

    @Test func explanationsAreDerivedFromTheProfiles() throws {
        let register = SettlementRegister(persons: Self.persons, requests: Self.requests)
        let tie = Self.codes[3]
        let interviews = [
            MappingInterview(personId: "p1", date: Self.day("2024-01-20"), education: .higher, experience: ["Q"], norwegian: .b1, tie: tie)
        ]
        let match = MatchFromRegister.build(register, year: 2024, asOf: Self.day("2024-06-01"), interviews: interviews)
        let m = try #require(match.instance.municipalities.firstIndex { $0.code == tie })
        let muni = match.municipalityProfiles[m]
        let text = match.explanation(case: 0, municipality: m, names: [tie: "Navnet"])
        #expect(text.hasPrefix("Foreslått \(tie) Navnet: "))
        #expect(text.contains("familie eller annen tilknytning til kommunen"))
        #expect(text.contains("ett barn i skolealder"))
        #expect(text.contains("Har ventet 17 uker siden bosettingsklar."))
        #expect(text.contains("Grunnlag: kartleggingsintervju (1 av 3 personer kartlagt, norsknivå B1)."))
        // Each part follows the municipality's profile.
        #expect(text.contains("helse og omsorg, som kommunen har et sterkt arbeidsmarked for") == muni.sectors.contains("helse"))
        #expect(text.contains("kommunen har høyere utdanning innen rekkevidde") == muni.higherEducation)
        #expect(text.contains("fylket anbefaler kommunen") == muni.countyRecommends)
        // Elsewhere the tie is named as a reason that was not met.
        let other = m == 0 ? 1 : 0
        #expect(match.explanation(case: 0, municipality: other).contains("Har tilknytning til \(tie)"))
        #expect(match.explanation(case: 1, municipality: other).contains("Grunnlag: generert profil"))
    }
}
