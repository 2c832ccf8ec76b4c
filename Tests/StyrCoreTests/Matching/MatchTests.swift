import Foundation
import Testing

@testable import StyrCore

/// The allocation engine against brute force on small instances, and the instance files' checks.
@Suite struct MatchTests {
    /// The best allocation by trying every one (each case: nowhere or one of its pairs).
    static func bruteForce(_ inst: MatchInstance) -> Double {
        var best = 0.0
        var choice = [Int?](repeating: nil, count: inst.cases.count)
        func go(_ c: Int) {
            if c == inst.cases.count {
                let a = MatchAllocation(municipalityOf: choice)
                if a.violations(inst).isEmpty { best = max(best, a.objective(inst)) }
                return
            }
            choice[c] = nil
            go(c + 1)
            for k in inst.pairs(of: c) {
                choice[c] = Int(inst.pairMunicipality[k])
                go(c + 1)
            }
            choice[c] = nil
        }
        go(0)
        return best
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6]) func solutionIsFeasibleAndTheBoundHolds(seed: Int) {
        var codes = (1...4).map { String(format: "%04d", $0) }
        codes[0] = "0301"
        let generated = MatchGenerator.generate(persons: 18, codes: codes, seed: UInt64(seed), candidates: 3)
        let inst = generated.instance
        let solution = MatchSolver.solve(inst)
        let optimum = Self.bruteForce(inst)
        #expect(solution.allocation.violations(inst).isEmpty)
        #expect(solution.objective == solution.allocation.objective(inst))
        #expect(solution.objective <= optimum + 1e-9)
        #expect(solution.bound >= optimum - 1e-6, "the bound must never be below the optimum")
        #expect(solution.bound <= solution.lpBound + 1e-6, "the knapsack bound is never weaker than the LP's")
        #expect(solution.objective >= 0.85 * optimum)
    }

    @Test func theKnapsackBoundSeesThatAHouseholdCannotBeSplit() {
        // One place-pair of three: the LP fills it with a family of two and half of another
        // (value 3 × 10 = 30); whole households fit at most two persons, or the family and the single.
        let cases = [MatchCase(id: "F", size: 2), MatchCase(id: "G", size: 2), MatchCase(id: "S", size: 1)]
        let inst = MatchInstance(
            cases: cases, municipalities: [MatchMunicipality(code: "0301", places: 3)], pairs: [(0, 0, 20), (1, 0, 20), (2, 0, 4)])
        let s = MatchSolver.solve(inst)
        #expect(abs(s.lpBound - 30) < 1e-6)
        #expect(s.objective == 24 && abs(s.bound - 24) < 1e-6, "\(s.bound)")
        var table: [Double] = []
        #expect(KnapsackBound.knapsack([(2, 5), (3, 7), (4, 8), (0, 1)], capacity: 5, table: &table) == 13)
        #expect(KnapsackBound.knapsack([(6, 5)], capacity: 5, table: &table) == 0)
    }

    @Test func singlePersonsAreSolvedToTheOptimum() {
        // Three single persons, two municipalities with one place each: the optimum leaves the
        // weakest fit out and gives the contested place to the one who loses most elsewhere.
        let cases = ["A", "B", "C"].map { MatchCase(id: $0, size: 1) }
        let munis = [MatchMunicipality(code: "0301", places: 1), MatchMunicipality(code: "1103", places: 1)]
        let inst = MatchInstance(
            cases: cases, municipalities: munis, pairs: [(0, 0, 10), (0, 1, 9), (1, 0, 8), (1, 1, 2), (2, 0, 3), (2, 1, 1)])
        let s = MatchSolver.solve(inst)
        #expect(s.allocation.municipalityOf == [1, 0, nil])
        #expect(s.objective == 17 && abs(s.bound - 17) < 1e-6)
    }

    @Test func familiesAreIndivisibleAndMinorsNeedMinorsPlaces() {
        let cases = [MatchCase(id: "F", size: 4), MatchCase(id: "U", size: 1, minors: 1)]
        let munis = [
            MatchMunicipality(code: "0301", places: 3, minorPlaces: 0), MatchMunicipality(code: "1103", places: 4, minorPlaces: 1),
        ]
        #expect(!MatchInstance.allowed(cases[1], munis[0]))
        let inst = MatchInstance(cases: cases, municipalities: munis, pairs: [(0, 0, 100), (0, 1, 10), (1, 1, 5)])
        let s = MatchSolver.solve(inst)
        #expect(s.allocation.municipalityOf == [1, 1] && s.objective == 15)
    }

    @Test func instanceFilesReportEveryBadLine() {
        #expect(throws: MatchFileError.self) {
            try MatchCSV.read(
                cases: "case_id,size,minors,needs\nA,2,0,\nA,1,0,\nB,1,2,\n",
                municipalities: "kommunenummer,places,minor_places,services\n0301,x,0,\n",
                scores: "case_id,kommunenummer,score\nA,0301,1\n")
        }
        do {
            _ = try MatchCSV.read(
                cases: "case_id,size,minors,needs\nA,2,0,\nA,1,0,\nB,1,2,\n",
                municipalities: "kommunenummer,places,minor_places,services\n",
                scores: "case_id,kommunenummer,score\nA,0301,1\n")
        } catch let e as MatchFileError {
            #expect(e.issues.contains { $0.hasPrefix("cases.csv linje 3") } && e.issues.contains { $0.hasPrefix("cases.csv linje 4") })
            #expect(e.issues.contains { $0.hasPrefix("scores.csv linje 2") })
        } catch { Issue.record("unexpected \(error)") }
    }

    /// A score so large that the year's sum would lose its exactness is refused with its line.
    @Test func scoresOutsideTheRangeAreRefusedWithTheirLine() {
        do {
            _ = try MatchCSV.read(
                cases: "case_id,size,minors,needs\nA,1,0,\nB,1,0,\n",
                municipalities: "kommunenummer,places,minor_places,services\n0301,2,0,\n",
                scores: "case_id,kommunenummer,score\nA,0301,1e19\nB,0301,-5\n")
            Issue.record("a score of 1e19 was accepted")
        } catch let e as MatchFileError {
            #expect(e.issues == ["scores.csv linje 2: score «1e19» er utenfor ±1 000 000 000"])
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func filesRoundTrip() throws {
        let g = MatchGenerator.generate(persons: 60, codes: ["0301", "1103", "4601"], seed: 9, candidates: 3)
        let inst = g.instance
        let back = try MatchCSV.read(
            cases: MatchCSV.casesCSV(inst), municipalities: MatchCSV.municipalitiesCSV(inst), scores: MatchCSV.scoresCSV(inst))
        #expect(back.cases == inst.cases && back.municipalities == inst.municipalities && back.pairScore == inst.pairScore)
        let s = MatchSolver.solve(inst)
        #expect(try MatchCSV.readAllocation(MatchCSV.allocationCSV(inst, s.allocation), instance: back) == s.allocation)
    }
}

extension MatchTests {
    @Test func proposalsForANewCaseWeighScoreAgainstThePriceOfScarcePlaces() {
        let munis = [
            MatchMunicipality(code: "0301", places: 10, services: ["helse"]), MatchMunicipality(code: "1103", places: 10),
            MatchMunicipality(code: "4601", places: 0, services: ["helse"]),
        ]
        let inst = MatchInstance(cases: [], municipalities: munis, pairs: [])
        let prices = MatchPrices(places: [8, 0, 0], minorPlaces: [0, 0, 0])
        let remaining = MatchCapacity(places: [3, 5, 0], minorPlaces: [0, 0, 0])
        let family = MatchCase(id: "N", size: 2)
        let p = MatchProposals.propose(
            case: family, pairs: [(0, 30), (1, 20), (2, 50)], instance: inst, prices: prices, remaining: remaining)
        // Bergen has no room; Oslo scores higher but its places are scarce (price 8 per place).
        #expect(p.map(\.kommunenummer) == ["1103", "0301"])
        #expect(p[1].placePrice == 16 && p[1].value == 14)
        let sick = MatchCase(id: "H", size: 1, needs: ["helse"])
        #expect(
            MatchProposals.propose(case: sick, pairs: [(0, 30), (1, 20)], instance: inst, prices: prices, remaining: remaining).map(
                \.kommunenummer) == ["0301"])
    }
}

extension MatchTests {
    @Test func registerInstanceTakesTheWaitingHouseholdsAndThePlacesLeft() {
        func day(_ iso: String) -> Int { CivilDate(iso: iso)!.dayNumber }
        func person(
            _ id: String, _ caseId: String, minor: Bool = false, ready: String = "2024-02-01", settled: String? = nil, at: String? = nil
        )
            -> SettlementPerson
        {
            SettlementPerson(
                personId: id, caseId: caseId, category: .reception, gender: .female, birthYear: minor ? 2010 : 1990, nationality: "SYR",
                unaccompaniedMinor: minor, permitDay: day("2024-01-10"), readyDay: day(ready), settledKommune: at,
                settledDay: settled.map(day))
        }
        let persons = [
            person("1", "A"), person("2", "A"), person("3", "A"),  // a family of three, waiting
            person("4", "B", minor: true),  // an unaccompanied minor, waiting
            person("5", "C", settled: "2024-03-01", at: "0301"),  // settled: uses an Oslo place
            person("6", "D", ready: "2024-11-01"),  // ready after the as-of day: not yet waiting
            SettlementPerson(
                personId: "7", caseId: "E", category: .familyReunification, gender: .male, birthYear: 1980, nationality: "ERI",
                permitDay: day("2024-01-10"), readyDay: day("2024-01-20")),  // family reunification: not allocated
        ]
        let requests = [
            MunicipalRequest(year: 2024, kommune: "0301", requested: 10, decided: 4, decidedMinors: 0, countyRecommendation: 5),
            MunicipalRequest(year: 2024, kommune: "1103", requested: 5, requestedMinors: 2, decided: 3, decidedMinors: 1),
            MunicipalRequest(year: 2024, kommune: "4601", requested: 5, decided: nil),  // not decided: no places
            MunicipalRequest(year: 2023, kommune: "4601", requested: 5, decided: 5),
        ]
        let inst = MatchFromRegister.instance(
            SettlementRegister(persons: persons, requests: requests), year: 2024, asOf: day("2024-06-01"))
        #expect(inst.municipalities.map(\.code) == ["0301", "1103"])
        #expect(inst.municipalities.map(\.places) == [3, 2] && inst.municipalities.map(\.minorPlaces) == [0, 1])
        #expect(inst.cases.map(\.id) == ["A", "B"] && inst.cases.map(\.size) == [3, 1] && inst.cases.map(\.minors) == [0, 1])
        // The minor only where minors' places exist; the family in both.
        #expect(inst.pairs(of: 1).map { inst.pairMunicipality[$0] } == [1])
        // Urgency: a week later the family's score is 2 points per person higher everywhere.
        let later = MatchFromRegister.instance(
            SettlementRegister(persons: persons, requests: requests), year: 2024, asOf: day("2024-06-08"))
        #expect(inst.pairs(of: 0).map { later.pairScore[$0] - inst.pairScore[$0] } == [6, 6])
        let s = MatchSolver.solve(inst)
        #expect(s.allocation.municipalityOf == [0, 1] && s.allocation.violations(inst).isEmpty)
    }
}
