/// CSV cells that a spreadsheet opens as text, never as a formula (CSV injection): a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`. A plain number
/// ("-1200", "-3,5") is left as it is: it is no formula, and the ledger's negative amounts must
/// stay numbers. Every CSV export writes its cells through `CSVCell.safe`.
public enum CSVCell {
    static let triggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    public static func safe(_ s: String) -> String {
        guard let first = s.utf8.first, triggers.contains(first), !isNumber(s) else { return s }
        return "'" + s
    }

    /// The cell quoted for a semicolon-separated file when it must be (separator, quote, line break).
    public static func quoted(_ s: String) -> String {
        let s = safe(s)
        guard s.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// An optional sign, digits, at most one decimal point or comma.
    static func isNumber(_ s: String) -> Bool {
        var digits = 0
        var separators = 0
        for (i, b) in s.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "-") where i == 0, UInt8(ascii: "+") where i == 0: continue
            case UInt8(ascii: "."), UInt8(ascii: ","): separators += 1
            default: return false
            }
        }
        return digits > 0 && separators <= 1
    }
}
