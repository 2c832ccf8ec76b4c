import Foundation
import Testing

@testable import App

/// RFC 6238 appendix B (SHA-1, the 20-byte ASCII secret "12345678901234567890", 8 digits).
@Suite struct TOTPTests {
    static let secret = Array("12345678901234567890".utf8)

    @Test func rfc6238Vectors() {
        let vectors: [(Double, String)] = [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ]
        for (t, expected) in vectors {
            let step = TOTP.step(at: Date(timeIntervalSince1970: t))
            #expect(TOTP.code(secret: Self.secret, step: step, digits: 8) == expected, "T=\(t)")
        }
        // Six digits are the last six of the same truncation.
        #expect(TOTP.code(secret: Self.secret, step: TOTP.step(at: Date(timeIntervalSince1970: 59))) == "287082")
    }

    @Test func oneStepEitherSideAndNoFurther() {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = TOTP.step(at: now)
        for offset in [-1, 0, 1] {
            let code = TOTP.code(secret: Self.secret, step: step + Int64(offset))
            #expect(TOTP.matchingStep(code, secret: Self.secret, at: now) == step + Int64(offset))
        }
        for offset in [-2, 2] {
            #expect(TOTP.matchingStep(TOTP.code(secret: Self.secret, step: step + Int64(offset)), secret: Self.secret, at: now) == nil)
        }
        #expect(TOTP.matchingStep("12345", secret: Self.secret, at: now) == nil)
    }

    @Test func base32RoundTrip() {
        #expect(Base32.encode(Self.secret) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq") == Self.secret)
        let random = TOTP.newSecret()
        #expect(Base32.decode(Base32.encode(random)) == random)
        #expect(TOTP.uri(secret: Self.secret, username: "departement").hasPrefix("otpauth://totp/Styr%3Adepartement?secret=GEZDGNBV"))
    }
}
