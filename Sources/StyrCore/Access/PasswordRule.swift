import Foundation

/// The password rule (OWASP ASVS level 2, V2.1): at least 12 characters, up to 128 (any
/// characters, spaces too), not the username, and not a common or breached password
/// (`CommonPasswords`), also not with digits or signs added before or after one, nor one repeated.
/// Used wherever a password is set: `styr user add`, the demo users, password change.
public enum PasswordRule {
    public static let minLength = 12
    public static let maxLength = 128

    /// Why `password` is refused for `username` (bokmål, for the form), or nil when it is good.
    public static func problem(_ password: String, username: String) -> String? {
        if password.count < minLength { return "Passordet må ha minst \(minLength) tegn." }
        if password.count > maxLength { return "Passordet kan ha høyst \(maxLength) tegn." }
        let lower = password.lowercased()
        if lower == username.lowercased() { return "Passordet kan ikke være det samme som brukernavnet." }
        if isCommon(lower) {
            return "Passordet er for vanlig: det står på listen over kjente og lekkede passord. Velg en lengre setning eller flere ord."
        }
        return nil
    }

    static func isCommon(_ lower: String) -> Bool {
        if CommonPasswords.all.contains(lower) || Set(lower).count < 5 { return true }
        // A run along the digits or the keyboard ("123456789012", "qwertyuiopas").
        for run in ["01234567890123456789", "qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz"] {
            if run.contains(lower) || String(run.reversed()).contains(lower) { return true }
        }
        // A common password with digits or signs around it ("passord-2024!", "123qwerty123").
        let core = lower.trimmingCharacters(in: .letters.inverted)
        if core.count >= 4, CommonPasswords.all.contains(core) { return true }
        // One short or common piece repeated ("passwordpassword", "abcabcabcabc").
        let chars = Array(lower)
        for unit in 1...(chars.count / 2) where chars.count % unit == 0 {
            let piece = chars[0..<unit]
            if stride(from: unit, to: chars.count, by: unit).allSatisfy({ chars[$0..<($0 + unit)] == piece }) {
                return unit <= 4 || CommonPasswords.all.contains(String(piece))
            }
        }
        return false
    }
}
