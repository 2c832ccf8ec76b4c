import Testing

@testable import StyrCore

@Suite struct DefaultYearTests {
    static let today = CivilDate(year: 2026, month: 6, day: 1)!

    @Test func theLatestYearWithBothALetterAndStatistics() {
        // The demo: letters 2020–2021, statistics 2014–2024. Both pages open at 2021.
        #expect(DefaultYear.pick(letters: [2021, 2020], statistics: Array(2014...2024), today: Self.today) == 2021)
    }

    @Test func withoutCommonYearsTheLettersDecide() {
        #expect(DefaultYear.pick(letters: [2019], statistics: [2022, 2023], today: Self.today) == 2019)
    }

    @Test func statisticsAloneSkipTheCurrentYear() {
        #expect(DefaultYear.pick(letters: [], statistics: [2024, 2025, 2026], today: Self.today) == 2025)
        #expect(DefaultYear.pick(letters: [], statistics: [], today: Self.today) == nil)
    }
}

@Suite struct CountedTests {
    @Test func singularForOneAndThousandsSeparated() {
        #expect(Counted.text(1, "kommune", "kommuner") == "1 kommune")
        #expect(Counted.text(2, "kommune", "kommuner") == "2 kommuner")
        #expect(Counted.text(0, "person", "personer") == "0 personer")
        #expect(Counted.text(18078, "person", "personer") == "18 078 personer")
    }
}
