import Testing

@testable import StyrCore

@Suite struct TargetTrendTests {
    static let rising: [(year: Int, value: Double)] = [(2016, 60), (2017, 63), (2018, 65), (2019, 69), (2020, 71)]

    @Test func targetsAgainstTheTrend() {
        // Trend ≈ +2.8 a year → about 74 in 2021.
        let ok = TargetTrend.assess(history: Self.rising, target: 74, comparison: .atLeast, year: 2021, unit: "percent")
        #expect(ok.verdict == .reachable && abs(ok.projected! - 73.9) < 0.2)
        let far = TargetTrend.assess(history: Self.rising, target: 90, comparison: .atLeast, year: 2021, unit: "percent")
        #expect(far.verdict == .outOfReach && far.message.contains("utenfor"))
        let easy = TargetTrend.assess(history: Self.rising, target: 60, comparison: .atLeast, year: 2021, unit: "percent")
        #expect(easy.verdict == .belowTrend)
        // For "at most" targets (waiting time) the direction turns.
        let waits: [(year: Int, value: Double)] = [(2017, 6), (2018, 5.5), (2019, 5.2), (2020, 4.8)]
        #expect(TargetTrend.assess(history: waits, target: 2, comparison: .atMost, year: 2021, unit: "months").verdict == .outOfReach)
        #expect(
            TargetTrend.assess(history: [(2019, 1), (2020, 2)], target: 3, comparison: .atLeast, year: 2021, unit: "count").verdict
                == .unknown)
    }
}
