import Foundation

/// A proposed target for next year held against the indicator's history: a straight-line trend
/// (least squares over the known years) projected to the target year, with a band of two residual
/// standard deviations. A target beyond the band in the direction that must be reached is out of
/// reach of the trend; one the trend already passes is no stretch at all.
public struct TargetAssessment: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        /// Within the band: plausible with effort.
        case reachable
        /// Beyond the band: the trend does not get there.
        case outOfReach = "out_of_reach"
        /// The trend passes it without effort.
        case belowTrend = "below_trend"
        /// Too few years to judge.
        case unknown
    }
    public var year: Int
    public var target: Double
    public var projected: Double?
    public var low: Double?
    public var high: Double?
    /// Change per year.
    public var slope: Double?
    public var verdict: Verdict
    public var message: String
    public var years: Int
}

public enum TargetTrend {
    public static func assess(history: [(year: Int, value: Double)], target: Double, comparison: Comparison, year: Int, unit: String)
        -> TargetAssessment
    {
        let points = history.filter { $0.year < year }.sorted { $0.year < $1.year }
        guard points.count >= 3 else {
            return TargetAssessment(
                year: year, target: target, projected: nil, low: nil, high: nil, slope: nil, verdict: .unknown,
                message: "For få år med tall (\(points.count)) til å vurdere målet mot trenden.", years: points.count)
        }
        let n = Double(points.count)
        let xs = points.map { Double($0.year) }, ys = points.map(\.value)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let sxx = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        let slope = sxx == 0 ? 0 : zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / sxx
        let intercept = my - slope * mx
        let residuals = zip(xs, ys).map { $1 - (intercept + slope * $0) }
        let sd = (residuals.map { $0 * $0 }.reduce(0, +) / max(n - 2, 1)).squareRoot()
        let projected = intercept + slope * Double(year)
        var low = projected - 2 * sd, high = projected + 2 * sd
        if unit == "percent" {
            low = min(max(low, 0), 100)
            high = min(max(high, 0), 100)
        }
        let wantsHigh = comparison == .atLeast || comparison == .increases
        let f = { (v: Double) in ResultsTable.format(v, unit: unit) }
        let verdict: TargetAssessment.Verdict
        let message: String
        if wantsHigh ? target > high : target < low {
            verdict = .outOfReach
            message =
                "Målet \(f(target)) ligger utenfor det trenden gir for \(year) (\(f(projected)), spenn \(f(low))–\(f(high))): det krever et brudd med utviklingen siden \(points[0].year)."
        } else if wantsHigh ? target < low : target > high {
            verdict = .belowTrend
            message =
                "Trenden gir \(f(projected)) i \(year) (spenn \(f(low))–\(f(high))); målet \(f(target)) nås uten endring og er lite ambisiøst."
        } else {
            verdict = .reachable
            message = "Målet \(f(target)) ligger innenfor det trenden gir for \(year) (\(f(projected)), spenn \(f(low))–\(f(high)))."
        }
        return TargetAssessment(
            year: year, target: target, projected: projected, low: low, high: high, slope: slope, verdict: verdict, message: message,
            years: points.count)
    }
}
