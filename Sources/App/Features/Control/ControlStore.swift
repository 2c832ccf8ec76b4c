import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Risks and follow-up items; every change in one transaction with its audit entry.
enum ControlStore {
    /// A row of `risks`.
    struct RiskRow: StoredRow {
        static let table = "risks"
        var id = UUID()
        var riskId: String
        var year: Int
        var goalRef: String
        var title: String
        var likelihood: Int
        var consequence: Int
        var measures: String
        var owner: String
        var closed: Bool

        init(_ r: Risk) {
            (riskId, year, goalRef, title, likelihood, consequence) = (r.id, r.year, r.goalRef, r.title, r.likelihood, r.consequence)
            (measures, owner, closed) = (r.measures, r.owner, r.closed)
        }

        var risk: Risk {
            Risk(
                id: riskId, year: year, goalRef: goalRef, title: title, likelihood: likelihood, consequence: consequence,
                measures: measures, owner: owner, closed: closed)
        }
    }

    /// A row of `control_items`.
    struct ItemRow: StoredRow {
        static let table = "control_items"
        var id = UUID()
        var itemId: String
        var year: Int
        var kind: String
        var title: String
        var action: String
        var due: String?
        var closed: String?

        init(_ i: ControlItem) {
            (itemId, year, kind, title, action, due, closed) = (i.id, i.year, i.kind.rawValue, i.title, i.action, i.due, i.closed)
        }

        var item: ControlItem {
            ControlItem(
                id: itemId, year: year, kind: ControlItem.Kind(rawValue: kind) ?? .internkontroll, title: title, action: action, due: due,
                closed: closed)
        }
    }

    static func risks(year: Int, on db: any Database) async throws -> [Risk] {
        try await db.sql().select(RiskRow.self).where("year", .equal, year).orderBy("risk_id").rows(RiskRow.self).map(\.risk)
            .sorted { ($0.closed ? 1 : 0, -$0.score, $0.id) < ($1.closed ? 1 : 0, -$1.score, $1.id) }
    }

    static func items(year: Int, on db: any Database) async throws -> [ControlItem] {
        try await db.sql().select(ItemRow.self).where("year", .equal, year).orderBy("item_id").rows(ItemRow.self).map(\.item)
    }

    /// Adds a risk (empty id) or replaces one, after the rules have checked it.
    static func save(_ input: Risk, goals: Set<String>, actor: String, on db: any Database) async throws -> Risk {
        var numbered = input
        let existing = try await risks(year: input.year, on: db)
        if numbered.id.isEmpty { numbered.id = "R\(existing.count + 1)" }
        let r = numbered
        if let problems = RiskRules.validate(r, goals: goals) { throw UserError(fields: problems) }
        let before = existing.first { $0.id == r.id }
        try await db.transaction { db in
            let sql = try db.sql()
            try await sql.delete(from: RiskRow.table).where("year", .equal, r.year).where("risk_id", .equal, r.id).run()
            try await sql.insert([RiskRow(r)])
            try await AuditEntryModel(
                actor: actor, action: before == nil ? "ny risiko" : "endre risiko", entity: "risiko \(r.year)", entityId: r.id,
                before: before.map(summary), after: summary(r)
            ).create(on: db)
        }
        return r
    }

    static func summary(_ r: Risk) -> String {
        "\(r.goalRef): \(r.title) — S\(r.likelihood) × K\(r.consequence) = \(r.score) (\(r.level.label))\(r.closed ? ", lukket" : "")"
    }

    static func addItem(_ input: ControlItem, actor: String, on db: any Database) async throws -> ControlItem {
        var problems: [String: String] = [:]
        if input.title.trimmingCharacters(in: .whitespaces).isEmpty || input.title.count > 300 {
            problems["title"] = "Merknaden må ha en tittel (høyst 300 tegn)."
        }
        if input.action.trimmingCharacters(in: .whitespaces).isEmpty { problems["action"] = "Beskriv oppfølgingen." }
        if let due = input.due, CivilDate(iso: due) == nil { problems["due"] = "Fristen må være ÅÅÅÅ-MM-DD." }
        guard problems.isEmpty else { throw UserError(fields: FieldErrors(problems)) }
        var numbered = input
        numbered.id = "F\(try await items(year: input.year, on: db).count + 1)"
        let i = numbered
        try await db.transaction { db in
            try await db.sql().insert([ItemRow(i)])
            try await AuditEntryModel(actor: actor, action: "ny oppfølging", entity: "kontroll \(i.year)", entityId: i.id, after: i.title)
                .create(on: db)
        }
        return i
    }

    static func closeItem(year: Int, id: String, actor: String, today: CivilDate, on db: any Database) async throws {
        guard let item = try await items(year: year, on: db).first(where: { $0.id == id }) else {
            throw UserError(.notFound, "Fant ikke oppfølgingspunktet «\(id.prefix(40))».")
        }
        guard item.closed == nil else { throw UserError(.conflict, "Punktet er allerede lukket.") }
        try await db.transaction { db in
            try await db.sql().update(ItemRow.table).set("closed", to: today.iso).where("year", .equal, year).where("item_id", .equal, id)
                .run()
            try await AuditEntryModel(actor: actor, action: "lukk oppfølging", entity: "kontroll \(year)", entityId: id, after: today.iso)
                .create(on: db)
        }
    }

    /// Illustrative risks and follow-ups for the demo year.
    static func fillDemo(year: Int, on db: any Database) async throws {
        let risks = [
            Risk(
                id: "", year: year, goalRef: "SP 3.1", title: "Kommunene vedtar færre plasser enn anmodet, og ventetiden i mottak øker",
                likelihood: 3, consequence: 4,
                measures: "Tett dialog med KS og fylkene; tidlig anmodning; oppfølging av kommuner med ledige plasser.",
                owner: "Bosettingsavdelingen"),
            Risk(
                id: "", year: year, goalRef: "SP 2.2", title: "Digitalt kartleggingsverktøy forsinkes (oppdrag 2021-04 del 2)",
                likelihood: 4,
                consequence: 3, measures: "Månedlig porteføljestyring; reservert kapasitet hos leverandør.",
                owner: "Digitaliseringsavdelingen"),
            Risk(
                id: "", year: year, goalRef: "Mål 4", title: "For få kvalifiserte tolker i sjeldne språk", likelihood: 3, consequence: 2,
                measures: "Flere tospråklige tester og TAO-kurs.", owner: "Tolkeseksjonen"),
            Risk(
                id: "", year: year, goalRef: "Mål 1", title: "Uklare roller mellom direktoratene i integreringsarbeidet", likelihood: 2,
                consequence: 2),
        ]
        for r in risks { _ = try await save(r, goals: [], actor: "styr demo", on: db) }
        _ = try await addItem(
            ControlItem(
                id: "", year: year, kind: .riksrevisjonen,
                title: "Kontroll av tilskuddsforvaltningen: mangelfull dokumentasjon av vurderinger",
                action: "Ny saksbehandlingsrutine med sjekkliste for vurdering av søknader.", due: "\(year)-06-30", closed: "\(year)-06-15"),
            actor: "styr demo", on: db)
        _ = try await addItem(
            ControlItem(
                id: "", year: year, kind: .internkontroll, title: "Tilgangsstyring i bosettingsregisteret gjennomgås ikke jevnlig",
                action: "Kvartalsvis gjennomgang av tilganger med logg.", due: "\(year)-09-30"),
            actor: "styr demo", on: db)
    }
}
