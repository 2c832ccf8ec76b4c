import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1 of the count of 30-second
/// steps since 1970, truncated to 6 digits. A code is accepted in its own step and one step either
/// side; a step once used is refused again (replay, `UserModel.totpLastStep`).
enum TOTP {
    static let stepSeconds: Double = 30
    static let digits = 6
    static let window = 1

    /// The step a moment falls in.
    static func step(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / stepSeconds).rounded(.down)) }

    /// The code of `step` for `secret` (HOTP, RFC 4226 5.3).
    static func code(secret: [UInt8], step: Int64, digits: Int = digits) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(binary % modulus)
        return String(repeating: "0", count: digits - number.count) + number
    }

    /// The step within the window around `date` whose code is `code`, or nil. Spaces are ignored.
    static func matchingStep(_ code: String, secret: [UInt8], at date: Date) -> Int64? {
        let typed = code.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        for s in (now - Int64(window))...(now + Int64(window)) where constantTimeEqual(Self.code(secret: secret, step: s), typed) {
            return s
        }
        return nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A new secret: 20 random bytes (160 bits, as RFC 4226 recommends).
    static func newSecret() -> [UInt8] { [UInt8].random(count: 20) }

    /// The `otpauth://` address an authenticator app reads (as a QR code or typed in).
    static func uri(secret: [UInt8], username: String, issuer: String = "Styr") -> String {
        let label = "\(issuer):\(username)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? username
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuer)&algorithm=SHA1&digits=\(digits)&period=30"
    }
}

/// Base32 (RFC 4648, no padding): how TOTP secrets are shown and stored.
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in text.uppercased().utf8 where c != UInt8(ascii: "=") && c != UInt8(ascii: " ") {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            buffer = (buffer << 5) | UInt32(v)
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return out
    }
}
