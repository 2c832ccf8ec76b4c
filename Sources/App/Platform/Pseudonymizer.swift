import Fluent
import Foundation
import StyrCore
import Vapor

/// Turns an identity number into a pseudonym: HMAC-SHA256 with a secret key, hex, 32 characters.
/// The key comes from `STYR_PSEUDONYM_KEY`, or from a key file created once (mode 0600) beside the
/// database; without the key, pseudonyms cannot be linked back to numbers.
struct Pseudonymizer: Sendable {
    let key: SymmetricKey

    func pseudonym(_ identity: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(identity.utf8), using: key)
        return "p" + code.hex.prefix(31)
    }

    /// The key from the environment or the key file; made and written once when there is none
    /// (with `create: false`, e.g. in a dry run, a key for this process only, written nowhere).
    static func load(keyFile: String, create: Bool = true) throws -> Pseudonymizer {
        if let env = ProcessInfo.processInfo.environment["STYR_PSEUDONYM_KEY"], env.count >= 32 {
            return Pseudonymizer(key: SymmetricKey(data: Data(env.utf8)))
        }
        let fm = FileManager.default
        if let data = fm.contents(atPath: keyFile), data.count >= 32 { return Pseudonymizer(key: SymmetricKey(data: data)) }
        let key = SymmetricKey(size: .bits256)
        guard create else { return Pseudonymizer(key: key) }
        let data = key.withUnsafeBytes { Data($0) }
        try? fm.createDirectory(atPath: URL(fileURLWithPath: keyFile).deletingLastPathComponent().path, withIntermediateDirectories: true)
        guard fm.createFile(atPath: keyFile, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw UserError(.internalServerError, "Kunne ikke lage nøkkelfilen \(keyFile) for pseudonymer.")
        }
        return Pseudonymizer(key: key)
    }
}

struct PseudonymizerKey: StorageKey {
    typealias Value = Pseudonymizer
}

extension Application {
    var pseudonymizer: Pseudonymizer {
        get { storage[PseudonymizerKey.self]! }
        set { storage[PseudonymizerKey.self] = newValue }
    }
}
