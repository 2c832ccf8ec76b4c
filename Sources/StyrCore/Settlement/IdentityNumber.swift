/// Norwegian national identity numbers (fødselsnummer, D-number, H-number, synthetic test numbers).
///
/// Eleven digits: DDMMYY, an individual number (3) and two mod-11 check digits (weights
/// 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2). A D-number adds 40 to the day, an H-number 40 to
/// the month, a synthetic test number (Tenor) 80 to the month. From 2032 the first check digit may
/// take one of several values, so it is accepted when it is the computed digit or up to three
/// above it (mod 11), while the second check digit must always hold. Gender is never derived.
public enum IdentityNumber {
    public enum Problem: String, Sendable, Equatable {
        case format = "må ha 11 sifre"
        case date = "har ingen gyldig dato"
        case checksum = "har feil kontrollsiffer"
    }

    public static func validate(_ raw: String) -> Problem? {
        let digits = raw.compactMap(\.wholeNumberValue)
        guard raw.count == 11, digits.count == 11 else { return .format }
        var day = digits[0] * 10 + digits[1]
        var month = digits[2] * 10 + digits[3]
        if day > 40 { day -= 40 }
        if month > 80 { month -= 80 } else if month > 40 { month -= 40 }
        guard (1...31).contains(day), (1...12).contains(month) else { return .date }
        let w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
        let w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        let s1 = zip(w1, digits.prefix(9)).reduce(0) { $0 + $1.0 * $1.1 }
        let c1 = (11 - s1 % 11) % 11
        let allowed = (0...3).map { (c1 + $0) % 11 }.filter { $0 != 10 }
        guard c1 != 10 || allowed.contains(digits[9]), allowed.contains(digits[9]) else { return .checksum }
        let s2 = zip(w2, digits.prefix(10)).reduce(0) { $0 + $1.0 * $1.1 }
        let c2 = (11 - s2 % 11) % 11
        guard c2 != 10, c2 == digits[10] else { return .checksum }
        return nil
    }

    /// "010199*****": enough to find the row, never the whole number.
    public static func masked(_ raw: String) -> String {
        raw.count == 11 ? String(raw.prefix(6)) + "*****" : "ugyldig nummer"
    }
}
