import Testing

@testable import StyrCore

@Suite struct QualificationTests {
    static let geography = StatisticsTests.geography
    static let registers = QualificationDemo.generate(seed: 1, geography: geography)

    @Test func demoRegistersReproduceTheAnnualReport2017KeyFigures() {
        let k = QualificationIndicators.keyFigures(Self.registers.nir, year: 2017)
        #expect(k.norwegianTrainingParticipants == 41_816)
        #expect(k.introRightDuringYear == 26_534)
        #expect(k.introParticipantsYearEnd == 21_388)
        #expect(k.introEndedDuringYear == 5_490)
        #expect(k.introStartedDuringYear == 9_469)
        let series = [2014, 2016].map { QualificationIndicators.keyFigures(Self.registers.nir, year: $0) }
        #expect(series.map(\.norwegianTrainingParticipants) == [33_431, 39_858])
        #expect(series.map(\.introRightDuringYear) == [12_253, 23_892])
        #expect(series.map(\.introParticipantsYearEnd) == [10_841, 18_148])
        #expect(series.map(\.introEndedDuringYear) == [3_189, 3_966])
        #expect(QualificationIndicators.keyFigures(Self.registers.nir, year: 2015).introStartedDuringYear == 7_061)
        #expect(QualificationIndicators.keyFigures([], year: 2017) == NIRKeyFigures())
    }

    @Test func resultsOf2017AreComputedFromRows() {
        func value(_ id: String, _ year: Int) -> Int? {
            (QualificationIndicators.compute(Self.registers, year: year)[id] ?? nil).map { Int($0.rounded()) }
        }
        #expect(value("norwegian_training_started_within_3m", 2017) == 50)
        #expect(value("norwegian_training_duty_fulfilled", 2014) == 88)
        #expect(value("norwegian_training_duty_fulfilled", 2017) == nil)
        #expect([2014, 2015, 2016, 2017].map { value("intro_work_or_education_share", $0) } == [62, 62, 58, 61])
        #expect([2014, 2015, 2016, 2017].map { value("municipalities_programme_goals_share", $0) } == [58, 57, 55, 60])
        #expect([2014, 2015, 2016, 2017].map { value("municipalities_interpreter_guidelines_share", $0) } == [12, 26, 25, 32])
        #expect([2015, 2016, 2017].map { value("municipalities_formal_education_share", $0) } == [nil, 33, 82])
        #expect([2014, 2015, 2016, 2017].map { value("jobbsjansen_a_work_or_education_share", $0) } == [58, 71, 73, nil])
        #expect(value("interpreters_in_register", 2017) == 1_822)
        // 98 of 304 municipalities with interpreter guidelines.
        let answered = Self.registers.survey.filter { $0.year == 2017 }.compactMap(\.interpreterGuidelines)
        #expect(answered.count == 304 && answered.filter { $0 }.count == 98)
    }

    @Test func everyAppendixTableBuildsFromRows() throws {
        let settlement = SettlementTests.register
        var numbers: [String] = []
        for entry in AppendixTables.beyondSettlement {
            for period in entry.periods {
                let t = try AppendixTables.build(
                    entry.number, registers: Self.registers, settlement: settlement, year: 2017, period: period, geography: Self.geography)
                #expect(t.cells.contains { ($0.value ?? 0) > 0 }, "table \(entry.number) has figures")
                numbers.append(entry.number)
            }
        }
        #expect(Set(numbers).count == AppendixTables.catalogue.count - SettlementTables.numbers.count)
        // The source's numbering: 1–32 with A/B parts, a second 5 (5b) and no 27.
        let numeric = Set(AppendixTables.catalogue.map { Int($0.number.filter(\.isNumber))! })
        #expect(numeric == Set(1...32).subtracting([27]))
        #expect(AppendixTables.catalogue.count == 38 && AppendixTables.entry("5B")?.number == "5b")
        // Table 10's total is the key figure; 28A's is the register's count.
        let t10 = try AppendixTables.build(
            "10", registers: Self.registers, settlement: settlement, year: 2017, period: .year, geography: Self.geography)
        #expect(t10["2017", "0", "0", "antall"].value == 21_388)
        let t28 = try AppendixTables.build(
            "28A", registers: Self.registers, settlement: settlement, year: 2017, period: .year, geography: Self.geography)
        #expect(t28["2017", "0", "0", "antall"].value == 1_822)
        let t29 = try AppendixTables.build(
            "29", registers: Self.registers, settlement: settlement, year: 2017, period: .year, geography: Self.geography)
        #expect(t29["2017", "totalt"].value == 284)
        // Shares in 11B add up to 100 for the whole country.
        let t11 = try AppendixTables.build(
            "11B", registers: Self.registers, settlement: settlement, year: 2017, period: .year, geography: Self.geography)
        let shares = EndReason.allCases.compactMap { t11["2017", $0.rawValue, "0", "0", "prosent"].value }
        #expect(abs(shares.reduce(0, +) - 100) < 0.001)
        #expect(throws: AppendixTables.TableError.notInPeriod("7", half: true)) {
            try AppendixTables.build(
                "7", registers: Self.registers, settlement: settlement, year: 2017, period: .half, geography: Self.geography)
        }
        #expect(throws: AppendixTables.TableError.notLoaded("13", "klagesaker")) {
            try AppendixTables.build(
                "13", registers: QualificationRegisters(), settlement: settlement, year: 2017, period: .half, geography: Self.geography)
        }
        #expect(throws: AppendixTables.TableError.unknown("27")) {
            try AppendixTables.build(
                "27", registers: Self.registers, settlement: settlement, year: 2017, period: .year, geography: Self.geography)
        }
    }

    /// The tables count on columns and ordered slices; their totals must equal counting the
    /// person rows with the register's own rules, in every year and period.
    @Test func columnTablesCountWhatTheRowRulesSay() throws {
        let nir = Self.registers.nir
        // A table not reported for the half year compares as the year (checked once more).
        func build(_ n: String, _ y: Int, _ period: Period) throws -> StatTable {
            let period = AppendixTables.entry(n)!.half ? period : .year
            return try AppendixTables.build(
                n, registers: Self.registers, settlement: SettlementTests.register, year: y, period: period, geography: Self.geography)
        }
        func count(_ rule: (NIRPerson) -> Bool) -> Double { Double(nir.filter(rule).count) }
        for y in [2015, 2017, 2020] {
            for period in [Period.year, .half] {
                let t = String(y)
                func range(_ n: String) -> ClosedRange<Int> { (AppendixTables.entry(n)!.half ? period : .year).range(y) }
                var r = range("5b")
                if period == .year {
                    r = period.range(y)
                    #expect(try build("10", y, period)[t, "0", "0", "antall"].value == count { $0.participant(at: r.upperBound) })
                    #expect(try build("7", y, period)[t, "0", "0", "antall"].value == count { $0.introTargetGroup(at: r.upperBound) })
                    let t8 = try build("8", y, period)
                    #expect(t8["deltakere", "0", "0", "antall"].value == count { $0.participated(r) })
                    #expect(t8["startet", "0", "0", "antall"].value == count { $0.introStart.map(r.contains) == true })
                    let t12 = try build("12", y, period)
                    for m in Measure.allCases {
                        #expect(t12[m.rawValue, "0", "0", "antall"].value == count { $0.participated(r) && $0.has(m) }, "\(m) \(y)")
                    }
                }
                r = range("5b")
                #expect(
                    try build("5b", y, period)[t, "0", "0", "antall"].value == count { $0.right != .asylumSeeker && $0.inTraining(r) })
                r = range("1A")
                let t1 = try build("1A", y, period)
                let reception: (NIRPerson) -> Bool = { $0.right == .asylumSeeker && $0.inTargetGroup(r) }
                #expect(t1[t, "0", "0", "antall"].value == count { reception($0) && $0.inTraining(r) })
                #expect(t1[t, "0", "0", "grunnlag"].value == count(reception))
                r = range("11A")
                #expect(
                    try build("11A", y, period)[t, "0", "0", "0", "antall"].value
                        == count { $0.endReason != nil && $0.introEnd.map(r.contains) == true })
                r = range("6A")
                let t6 = try build("6A", y, period)
                let entered: (NIRPerson) -> Bool = { $0.right == .rightAndDuty && $0.targetFrom.map(r.contains) == true }
                #expect(t6[t, "0", "0", "antall"].value == count(entered))
                #expect(
                    t6[t, "ja", "0", "antall"].value
                        == count { p in entered(p) && p.trainingStart.map { $0 <= Months.add(3, to: p.targetFrom!) } == true })
            }
        }
        #expect(nir.contains { !$0.leaves.isEmpty }, "the demo has leave, so table 10 tests it")
    }

    @Test func memoisedFiguresFollowThePersons() {
        var r = Self.registers
        #expect(r.nirKeyFigures(year: 2017) == QualificationIndicators.keyFigures(r.nir, year: 2017))
        let columns = r.nirColumns
        #expect(r.nirColumns === columns, "built once")
        r.nir = Array(r.nir.prefix(1_000))
        #expect(r.nirKeyFigures(year: 2017) == QualificationIndicators.keyFigures(r.nir, year: 2017))
        #expect(r.nirColumns !== columns && r.nirColumns.count == 1_000)
        #expect(Self.registers.nirColumns.count == Self.registers.nir.count, "the original keeps its own")
    }

    @Test func partitionPointIsTheFirstElementAbove() {
        let keys = [1, 3, 3, 5, 8]
        #expect(keys.partitionPoint { $0 >= 3 } == 1)
        #expect(keys.partitionPoint { $0 > 3 } == 3)
        #expect(keys.partitionPoint { $0 > 9 } == 5)
        #expect(keys.partitionPoint { $0 >= 0 } == 0)
        #expect([Int]().partitionPoint { $0 > 0 } == 0)
    }

    @Test func extractsRoundTripAndBadRowsAreNamed() throws {
        var r = QualificationRegisters()
        let nir = Array(Self.registers.nir.prefix(500))
        let loaded = try r.load(.nir, text: Extract.csv(nir), geography: Self.geography)
        #expect(loaded.errors.isEmpty && r.nir == nir)
        let bad = """
            person_id;kjonn;fodselsar;kommune;rettighetskode;intro_start;intro_slutt;sluttarsak;permisjon;tiltak
            P1;k;1990;0301;rett_og_plikt;2017-01-10;2016-05-01;fullfort;;norsk
            P2;x;19x0;9876;plikt;;;;2017-01-01/2016-01-01;svomming
            P1;m;1980;0301;rett_og_plikt;;;;;
            """
        let result = try r.load(.nir, text: bad, geography: Self.geography)
        #expect(result.errors.map(\.line) == [2, 3, 4])
        #expect(result.errors[0].message.contains("intro_slutt er før intro_start"))
        #expect(
            result.errors[1].message.contains("kjonn") && result.errors[1].message.contains("fodselsar")
                && result.errors[1].message.contains("kommune"))
        #expect(result.errors[1].message.contains("permisjon") && result.errors[1].message.contains("tiltak «svomming»"))
        #expect(result.errors[2].message.contains("står flere ganger"))
        #expect(r.nir == nir, "a bad file changes nothing")
        // A year's survey replaces only that year.
        let survey = try r.load(.survey, text: Extract.csv(Self.registers.survey), geography: Self.geography)
        #expect(survey.errors.isEmpty)
        _ = try r.load(.survey, text: "aar;kommune;mal_for_resultater\n2017;0301;ja\n", geography: Self.geography)
        #expect(r.survey.filter { $0.year == 2017 }.count == 1 && r.survey.filter { $0.year == 2016 }.count == 316)
    }
}
