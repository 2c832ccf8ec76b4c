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

    static func load(keyFile: String) throws -> Pseudonymizer {
        if let env = ProcessInfo.processInfo.environment["STYR_PSEUDONYM_KEY"], env.count >= 32 {
            return Pseudonymizer(key: SymmetricKey(data: Data(env.utf8)))
        }
        let fm = FileManager.default
        if let data = fm.contents(atPath: keyFile), data.count >= 32 { return Pseudonymizer(key: SymmetricKey(data: data)) }
        let key = SymmetricKey(size: .bits256)
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

/// Imports the settlement register's person file: all rows or nothing, unless invalid rows may be skipped.
enum SettlementImport {
    struct Summary: Content {
        let total: Int
        let imported: Int
        let skipped: Int
        let errors: [ImportIssue]
    }

    static func run(_ text: String, skipInvalid: Bool, dryRun: Bool, actor: String, app: Application, db: any Database) async throws
        -> Summary
    {
        let parsed: SettlementCSV.Result
        do { parsed = try SettlementCSV.parse(text, geography: app.geography) } catch let e as ImportError {
            throw UserError(.unprocessableEntity, e.description, field: "file")
        }
        if !parsed.errors.isEmpty && !skipInvalid {
            let summary = Summary(total: parsed.total, imported: 0, skipped: parsed.errors.count, errors: parsed.errors)
            throw ImportRejected(summary: summary)
        }
        let persons = parsed.rows.map { row -> SettlementPerson in
            var p = row.person
            p.personId = app.pseudonymizer.pseudonym(row.identity)
            return p
        }
        if !dryRun && !persons.isEmpty {
            try await SettlementStore.upsert(persons, source: "CSV-import (\(persons.count) rader)", actor: actor, on: db)
        }
        return Summary(total: parsed.total, imported: dryRun ? 0 : persons.count, skipped: parsed.errors.count, errors: parsed.errors)
    }
}

/// The file had invalid rows and nothing was stored.
struct ImportRejected: AbortError {
    let summary: SettlementImport.Summary
    var status: HTTPResponseStatus { .unprocessableEntity }
    var reason: String {
        let first = summary.errors.prefix(5).map(\.description).joined(separator: "; ")
        return
            "\(summary.errors.count) av \(summary.total) rader er ugyldige, og ingenting er lagret (bruk «hopp over ugyldige» for å lagre resten). \(first)"
    }
}
