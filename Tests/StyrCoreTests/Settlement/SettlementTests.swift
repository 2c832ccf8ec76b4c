import Foundation
import Testing

@testable import StyrCore

@Suite struct SettlementTests {
    static let register: SettlementRegister = {
        let g = try! GeographyTests.load()
        return SettlementGenerator(seed: 2017, geography: g).generate(from: 2014, to: 2019)
    }()

    /// The annual report 2017's published figures, computed from generated person rows by the
    /// engine (which does not know them).
    @Test func keyFigures2017MatchTheAnnualReport() {
        let k = SettlementKeyFigures.compute(Self.register, year: 2017)
        #expect(k.settledTotal == 11_078)
        #expect(k.resettlementRefugees == 2_838)
        #expect(k.unaccompaniedMinors == 759)
        #expect(k.unaccompaniedMinorsOver15 == 486)
        #expect(k.unaccompaniedMinorsUnder15 == 273)
        #expect(k.familiesWithChildren == 1_361)
        #expect(k.personsInFamiliesWithChildren == 6_170)
        #expect(k.childrenInFamiliesWithChildren == 3_420)
        #expect(k.waitingInReceptionYearEnd == 1_045)
        #expect(k.waitingInReceptionOver12mYearEnd == 103)
    }

    @Test func steeringParameters2017MatchTheAnnualReport() throws {
        let v = SettlementIndicators.compute(Self.register, year: 2017)
        func value(_ id: String) throws -> Double { try #require(v[id] ?? nil, "\(id)") }
        #expect(try value("share_settled_within_6m").rounded() == 76)
        #expect(try value("share_settled_within_12m").rounded() == 97)
        #expect(try value("share_uma_settled_within_3m").rounded() == 62)
        #expect(try value("settled_after_more_than_12m") == 296)
        #expect((try value("avg_wait_months_from_reception") * 10).rounded() == 49)
        #expect((try value("avg_wait_months_uma") * 10).rounded() == 28)
        #expect((try value("avg_wait_months") * 10).rounded() == 50)
        #expect(try value("decided_places") == 12_158)
        #expect(try value("requested") == 12_700)
    }

    @Test func earlierYearsFollowTheReportSeries() throws {
        for (year, settled, sp1, sp2, sp3) in [(2014, 7_784, 49.0, 77.0, 65.0), (2015, 11_342, 51, 78, 24), (2016, 15_291, 81, 95, 43)] {
            let v = SettlementIndicators.compute(Self.register, year: year)
            #expect(v["settled_total"]! == Double(settled), "\(year)")
            #expect(v["share_settled_within_6m"]!!.rounded() == sp1, "\(year)")
            #expect(v["share_settled_within_12m"]!!.rounded() == sp2, "\(year)")
            #expect(v["share_uma_settled_within_3m"]!!.rounded() == sp3, "\(year)")
        }
        #expect((SettlementIndicators.compute(Self.register, year: 2015)["avg_wait_months"]!! * 10).rounded() == 84)
        #expect((SettlementIndicators.compute(Self.register, year: 2016)["avg_wait_months"]!! * 10).rounded() == 48)
    }

    /// The key figures table of the annual report 2017 («Hovedtall», columns 2014–2016): every
    /// settlement row, the stock waiting in reception at 31.12 included.
    @Test func keyFigures2014To2016MatchTheAnnualReport() {
        let published: [(Int, [Int])] = [
            (2014, [7_784, 1_264, 536, 453, 83, 926, 3_685, 1_981, 4_939]),
            (2015, [11_342, 2_365, 691, 571, 120, 1_123, 4_833, 2_683, 3_479]),
            (2016, [15_291, 3_275, 1_599, 1_138, 461, 1_561, 7_061, 3_930, 4_174]),
        ]
        for (year, want) in published {
            let k = SettlementKeyFigures.compute(Self.register, year: year)
            let got = [
                k.settledTotal, k.resettlementRefugees, k.unaccompaniedMinors, k.unaccompaniedMinorsOver15, k.unaccompaniedMinorsUnder15,
                k.familiesWithChildren, k.personsInFamiliesWithChildren, k.childrenInFamiliesWithChildren, k.waitingInReceptionYearEnd,
            ]
            #expect(got == want, "\(year)")
        }
    }

    @Test func unitsAndGeography() throws {
        let national = SettlementIndicators.compute(Self.register, year: 2017)
        let oslo = SettlementIndicators.compute(Self.register, year: 2017, unit: .municipality("0301"))
        #expect((oslo["settled_total"] ?? 0)! > 0)
        #expect((oslo["settled_total"] ?? 0)! < national["settled_total"]!!)
        #expect(oslo["waiting_in_reception_end"]! == nil)
        let counties = GeographyTests.loadDivision(2017).counties
        let sum = counties.map { SettlementIndicators.compute(Self.register, year: 2017, unit: .county($0.code))["settled_total"]!! }
            .reduce(0, +)
        #expect(sum == national["settled_total"]!!)
        #expect(SettlementIndicators.compute(Self.register, year: 2017, period: .half)["settled_total"]!! < national["settled_total"]!!)
    }

    @Test func sameSeedSameRegister() throws {
        let g = try GeographyTests.load()
        let a = SettlementGenerator(seed: 7, geography: g).generate(from: 2020, to: 2021)
        let b = SettlementGenerator(seed: 7, geography: g).generate(from: 2020, to: 2021)
        #expect(a.persons == b.persons)
        #expect(a.requests == b.requests)
    }
}

extension GeographyTests {
    static func loadDivision(_ year: Int) -> Division { try! load().division(for: year) }
}
