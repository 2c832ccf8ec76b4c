import Fluent
import Foundation
import StyrCore
import Vapor

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
