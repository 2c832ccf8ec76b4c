import Foundation

/// Money formatting the way Norwegian documents write it.
public enum Money {
    /// 291156000 → "291 156 000"
    public static func kroner(_ value: Int) -> String {
        let negative = value < 0
        var digits = String(abs(value))
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(digits, at: 0)
        return (negative ? "−" : "") + groups.joined(separator: " ")
    }

    /// 291156000 → "291 156 000 kr": an amount with its unit, as a sentence writes it.
    public static func kr(_ value: Int) -> String { kroner(value) + " kr" }

    /// 305600000 → "305,6"; 6035130000 → "6 035,13"
    public static func millions(_ value: Int) -> String {
        let negative = value < 0
        let v = abs(value)
        let whole = v / 1_000_000
        var frac = String(format: "%06d", v % 1_000_000)
        while frac.hasSuffix("0") { frac.removeLast() }
        let head = kroner(whole)
        return (negative ? "−" : "") + (frac.isEmpty ? head : "\(head),\(frac)")
    }
}
