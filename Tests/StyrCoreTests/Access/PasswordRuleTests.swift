import Testing

@testable import StyrCore

@Suite struct PasswordRuleTests {
    @Test func lengthFrom12UpTo128() {
        #expect(PasswordRule.problem("kort-passord", username: "ola") == nil)  // exactly 12
        #expect(PasswordRule.problem("kort-passor", username: "ola")?.contains("minst 12") == true)
        #expect(PasswordRule.problem(String(repeating: "ab1-æøå kx", count: 12), username: "ola") == nil)  // 120, spaces allowed
        #expect(PasswordRule.problem(String(repeating: "langsetning ", count: 11), username: "ola")?.contains("høyst 128") == true)
    }

    @Test func notTheUsername() {
        #expect(PasswordRule.problem("Saksbehandler1", username: "saksbehandler1")?.contains("brukernavnet") == true)
    }

    @Test func commonAndBreachedPasswordsAreRefused() {
        for p in [
            "qwerty123456", "1qaz2wsx3edc", "Password1234", "passord-2024!", "PASSWORDPASSWORD", "abcabcabcabc", "111111111111",
            "sommerferie2026", "123456789012",
        ] {
            #expect(PasswordRule.problem(p, username: "ola")?.contains("for vanlig") == true, "\(p)")
        }
    }

    @Test func theDemoPasswordsPass() {
        for (u, p) in [
            ("departement", "demo-departement"), ("direktorat", "demo-direktorat"), ("kommune", "demo-kommune"),
            ("publikum", "demo-publikum"), ("ola", "tre tilfeldige ord i rad"),
        ] {
            #expect(PasswordRule.problem(p, username: u) == nil, "\(p)")
        }
    }
}
