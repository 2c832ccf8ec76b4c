import Testing

@testable import StyrCore

@Suite struct NorwegianTextTests {
    @Test(arguments: [
        ("Oppdrag nr. 2021- 05", "2021-05"), ("2020 – 016", "2020-016"), ("2020-12", "2020-12"), ("2021-5", "2021-05"),
        ("08/2019", "08/2019"),
    ])
    func assignmentIds(raw: String, expected: String) {
        #expect(NorwegianText.normalizeAssignmentId(raw) == expected)
    }

    @Test func yearRangesAreNotIds() {
        #expect(NorwegianText.assignmentIds(in: "strategi (2021-2024) og Prop. 1 S (2020 – 2021)").isEmpty)
    }

    @Test func dates() {
        #expect(NorwegianText.dates(in: "innen 20. august 2021 og 1.8.2020") == ["2021-08-20", "2020-08-01"])
        #expect(NorwegianText.dates(in: "31.02.2021").isEmpty)
        #expect(NorwegianText.deadline("Desember 2021").date == "2021-12-31")
        #expect(NorwegianText.deadline("Løpende").kind == .continuous)
        #expect(NorwegianText.deadline("hvert kvartal").kind == .recurring)
        #expect(NorwegianText.deadline("rapport innen 15. mars", year: 2021).date == "2021-03-15")
        #expect(NorwegianText.deadline("månedlig, jf. oppdrag gitt 11. desember 2020").kind == .recurring)
    }

    @Test func amounts() {
        #expect(NorwegianText.millionsToNOK("6 035,13") == 6_035_130_000)
        #expect(NorwegianText.millionsToNOK("0,464") == 464_000)
        #expect(NorwegianText.firstAmountNOK(in: "økes med 2,4 mill. kroner") == 2_400_000)
        #expect(NorwegianText.firstAmountNOK(in: "291 156 000 kroner") == 291_156_000)
        #expect(NorwegianText.firstAmountNOK(in: "i 2020 til arbeidet") == nil)
        #expect(Money.kroner(-7_724_723_000) == "−7 724 723 000")
        #expect(Money.millions(6_035_130_000) == "6 035,13")
        #expect(Money.millions(305_600_000) == "305,6")
    }

    @Test func civilDates() throws {
        let d = try #require(CivilDate(iso: "2021-02-28"))
        #expect(d.adding(days: 1).iso == "2021-03-01")
        #expect(CivilDate(iso: "2024-02-29") != nil && CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(dayNumber: d.dayNumber) == d)
    }
}
