import Foundation

/// Figures as Norwegian reports write them: decimal comma, space-grouped thousands.
public enum IndicatorFormat {
    /// A value with its unit: "76,0 %", "4,9 mnd", "11 078".
    public static func value(_ v: Double, unit: String) -> String {
        switch unit {
        case "percent": return decimal(v, 1) + " %"
        case "months": return decimal(v, 1) + " mnd"
        default: return Money.kroner(Int(v.rounded()))
        }
    }

    /// 4.94 → "4,9" (digits after the comma).
    public static func decimal(_ v: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", v).replacingOccurrences(of: ".", with: ",")
    }
}
