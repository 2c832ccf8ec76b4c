import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Grants in the database. Every write is one transaction with its audit entry; sending a
/// decision letter is refused until the ministry has been told 14 days before (instruks 5.4).
enum GrantsStore {
    /// A row of `grant_schemes`.
    struct SchemeRow: StoredRow {
        static let table = "grant_schemes"
        var id = UUID()
        var code: String
        var year: Int
        var name: String
        var chapter: Int
        var post: Int
        var basis: String
        var budget: Int64
        var recipients: String

        init(_ s: GrantScheme, year: Int) {
            (code, self.year, name, chapter, post, basis) = (s.code, year, s.name, s.chapter, s.post, s.basis.rawValue)
            (budget, recipients) = (Int64(s.budgetNOK), s.recipients.joined(separator: "\n"))
        }

        var scheme: GrantScheme {
            GrantScheme(
                code: code, year: year, name: name, chapter: chapter, post: post, basis: GrantBasis(rawValue: basis) ?? .application,
                budgetNOK: Int(budget), recipients: recipients.isEmpty ? [] : recipients.components(separatedBy: "\n"))
        }
    }

    /// A row of `grant_applications`.
    struct ApplicationRow: StoredRow {
        static let table = "grant_applications"
        var id = UUID()
        var appId: String
        var year: Int
        var schemeCode: String
        var applicant: String
        var amountApplied: Int64
        var received: String
        var amountGranted: Int64?
        var letterSent: String?
        var paid: Int64
        var reportDue: String?
        var reportReceived: String?

        init(_ a: GrantApplication, year: Int) {
            (appId, self.year, schemeCode, applicant, amountApplied) = (a.id, year, a.schemeCode, a.applicant, Int64(a.amountApplied))
            (received, amountGranted, letterSent, paid) = (a.received, a.amountGranted.map(Int64.init), a.letterSent, Int64(a.paid))
            (reportDue, reportReceived) = (a.reportDue, a.reportReceived)
        }

        var application: GrantApplication {
            GrantApplication(
                id: appId, schemeCode: schemeCode, applicant: applicant, amountApplied: Int(amountApplied), received: received,
                amountGranted: amountGranted.map(Int.init), letterSent: letterSent, paid: Int(paid), reportDue: reportDue,
                reportReceived: reportReceived)
        }
    }

    /// A row of `grant_notices`.
    struct NoticeRow: StoredRow {
        static let table = "grant_notices"
        var id = UUID()
        var noticeId: String
        var year: Int
        var schemeCode: String
        var sent: String
        var applicationIds: String
        var text: String
        var createdBy: String

        init(_ n: GrantNotice, year: Int, actor: String) {
            (noticeId, self.year, schemeCode, sent) = (n.id, year, n.schemeCode, n.sent)
            (applicationIds, text, createdBy) = (n.applicationIDs.joined(separator: ","), n.text, actor)
        }

        var notice: GrantNotice {
            GrantNotice(
                id: noticeId, schemeCode: schemeCode, sent: sent, applicationIDs: applicationIds.split(separator: ",").map(String.init),
                text: text)
        }
    }

    /// The year's schemes; the first time, derived from the year's letter.
    static func schemes(year: Int, app: Application, on db: any Database) async throws -> [GrantScheme] {
        let rows = try await db.sql().select(SchemeRow.self).where("year", .equal, year).orderBy("chapter").orderBy("post")
            .orderBy("code").rows(SchemeRow.self)
        if !rows.isEmpty { return rows.map(\.scheme) }
        guard let letter = try await app.steeringCache.amendedYear(year, asOf: nil, on: db)?.letter else {
            throw UserError(.notFound, "Ingen publiserte styringsdokumenter for \(year).", field: "year")
        }
        let derived = GrantSchemes.derive(from: letter, year: year)
        try await db.transaction { db in
            try await db.sql().insert(derived.map { SchemeRow($0, year: year) })
        }
        return derived
    }

    static func scheme(year: Int, code: String, app: Application, on db: any Database) async throws -> GrantScheme {
        guard let s = try await schemes(year: year, app: app, on: db).first(where: { $0.code == code }) else {
            throw UserError(.notFound, "Fant ikke tilskuddsordningen «\(code.prefix(60))» i \(year).")
        }
        return s
    }

    static func applications(year: Int, scheme: String? = nil, on db: any Database) async throws -> [GrantApplication] {
        var q = try db.sql().select(ApplicationRow.self).where("year", .equal, year)
        if let scheme { q = q.where("scheme_code", .equal, scheme) }
        return try await q.orderBy("received").orderBy("app_id").rows(ApplicationRow.self).map(\.application)
    }

    static func notices(year: Int, scheme: String? = nil, on db: any Database) async throws -> [GrantNotice] {
        var q = try db.sql().select(NoticeRow.self).where("year", .equal, year)
        if let scheme { q = q.where("scheme_code", .equal, scheme) }
        return try await q.orderBy("sent").rows(NoticeRow.self).map(\.notice)
    }

    static func insert(_ a: GrantApplication, year: Int, on sql: any SQLDatabase) async throws {
        try await sql.insert([ApplicationRow(a, year: year)])
    }

    static func insert(_ n: GrantNotice, year: Int, actor: String, on sql: any SQLDatabase) async throws {
        try await sql.insert([NoticeRow(n, year: year, actor: actor)])
    }

    static func audit(
        _ actor: String, _ action: String, _ scheme: GrantScheme, _ id: String, before: String? = nil, after: String?, on db: any Database
    )
        async throws
    {
        try await AuditEntryModel(
            actor: actor, action: action, entity: "tilskudd \(scheme.year) \(scheme.code)", entityId: id, before: before, after: after
        ).create(on: db)
    }

    /// A new application (validated), with its id numbered within the scheme.
    static func addApplication(
        _ scheme: GrantScheme, applicant: String, amount: Int?, received: String, actor: String, on db: any Database
    ) async throws -> GrantApplication {
        var problems: [String: String] = [:]
        let name = applicant.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { problems["applicant"] = "Søker må ha et navn (høyst 200 tegn)." }
        if amount == nil || amount! <= 0 || amount! > 10_000_000_000 {
            problems["amount"] = "Søknadsbeløpet må være et positivt antall kroner."
        }
        if CivilDate(iso: received) == nil { problems["received"] = "Mottatt-dato må være ÅÅÅÅ-MM-DD." }
        guard problems.isEmpty, let amount else { throw UserError(fields: FieldErrors(problems)) }
        let existing = try await applications(year: scheme.year, scheme: scheme.code, on: db)
        let a = GrantApplication(
            id: "\(scheme.code)-\(existing.count + 1)", schemeCode: scheme.code, applicant: name, amountApplied: amount, received: received)
        try await db.transaction { db in
            try await insert(a, year: scheme.year, on: try db.sql())
            try await audit(actor, "ny søknad", scheme, a.id, after: "\(name): \(Money.kr(amount))", on: db)
        }
        return a
    }

    static func application(_ scheme: GrantScheme, id: String, on db: any Database) async throws -> GrantApplication {
        guard let a = try await applications(year: scheme.year, scheme: scheme.code, on: db).first(where: { $0.id == id }) else {
            throw UserError(.notFound, "Fant ikke søknaden «\(id.prefix(60))».")
        }
        return a
    }

    /// Records the decision (0 = refused). A decision whose letter is sent cannot change.
    static func decide(_ scheme: GrantScheme, id: String, amount: Int?, actor: String, on db: any Database) async throws {
        let a = try await application(scheme, id: id, on: db)
        guard let amount, amount >= 0, amount <= a.amountApplied else {
            throw UserError(
                .unprocessableEntity, "Tilskuddet må være 0–\(Money.kr(a.amountApplied)) (søknadsbeløpet).", field: "amount")
        }
        guard a.letterSent == nil else { throw UserError(.conflict, "Tilskuddsbrevet er sendt; vedtaket kan ikke endres her.") }
        try await db.transaction { db in
            try await db.sql().update(ApplicationRow.table).set("amount_granted", to: Int64(amount)).where("year", .equal, scheme.year)
                .where("app_id", .equal, id).run()
            try await audit(
                actor, "vedtak tilskudd", scheme, id, before: a.amountGranted.map { "\(Money.kr($0))" },
                after: "\(Money.kr(amount))",
                on: db)
        }
    }

    /// The notice to the ministry for every decided application not yet covered: a dated document.
    static func createNotice(_ scheme: GrantScheme, actor: String, today: CivilDate, on db: any Database) async throws -> GrantNotice {
        guard scheme.basis.needsNotice else {
            throw UserError(.unprocessableEntity, "\(scheme.basis.label) tilskudd krever ikke orientering (instruks 5.4).")
        }
        let notices = try await notices(year: scheme.year, scheme: scheme.code, on: db)
        let covered = Set(notices.flatMap(\.applicationIDs))
        let pending = try await applications(year: scheme.year, scheme: scheme.code, on: db).filter {
            ($0.amountGranted ?? 0) > 0 && $0.letterSent == nil && !covered.contains($0.id)
        }
        guard !pending.isEmpty else {
            throw UserError(.unprocessableEntity, "Ingen avgjorte tildelinger som departementet ikke er orientert om.")
        }
        let n = GrantNotice(
            id: "\(scheme.code)-orientering-\(notices.count + 1)", schemeCode: scheme.code, sent: today.iso,
            applicationIDs: pending.map(\.id),
            text: GrantRules.noticeText(scheme: scheme, applications: pending, sent: today))
        try await db.transaction { db in
            try await insert(n, year: scheme.year, actor: actor, on: try db.sql())
            try await audit(actor, "orientering til departementet", scheme, n.id, after: n.text, on: db)
        }
        return n
    }

    /// Sends the decision letter, if the notice rule allows it today.
    static func sendLetter(_ scheme: GrantScheme, id: String, actor: String, today: CivilDate, on db: any Database) async throws {
        let a = try await application(scheme, id: id, on: db)
        let notices = try await notices(year: scheme.year, scheme: scheme.code, on: db)
        if let problem = GrantRules.checkSend(a, scheme: scheme, notices: notices, on: today) {
            throw UserError(problem == .alreadySent ? .conflict : .unprocessableEntity, problem.description, field: "letter")
        }
        try await db.transaction { db in
            try await db.sql().update(ApplicationRow.table).set("letter_sent", to: today.iso).where("year", .equal, scheme.year)
                .where("app_id", .equal, id).run()
            try await audit(
                actor, "tilskuddsbrev sendt", scheme, id, after: "\(Money.kr(a.amountGranted ?? 0)) til \(a.applicant)", on: db)
        }
    }

    /// A payment on a granted application whose letter is sent; the total paid cannot pass the grant.
    static func registerPayment(_ scheme: GrantScheme, id: String, amount: Int?, actor: String, on db: any Database) async throws {
        let a = try await application(scheme, id: id, on: db)
        guard let granted = a.amountGranted, granted > 0, a.letterSent != nil else {
            throw UserError(.unprocessableEntity, "Utbetaling krever innvilget tilskudd og sendt tilskuddsbrev.", field: "amount")
        }
        guard let amount, amount > 0, a.paid + amount <= granted else {
            throw UserError(
                .unprocessableEntity, "Utbetalingen må være mellom 1 og \(Money.kr(granted - a.paid)) (resten av tilskuddet).",
                field: "amount")
        }
        try await db.transaction { db in
            try await db.sql().update(ApplicationRow.table).set("paid", to: Int64(a.paid + amount)).where("year", .equal, scheme.year)
                .where("app_id", .equal, id).run()
            try await audit(
                actor, "utbetaling tilskudd", scheme, id, before: "\(Money.kr(a.paid))",
                after: "\(Money.kr(a.paid + amount))", on: db)
        }
    }

    /// The recipient's own report on the use of the grant is received.
    static func registerReport(_ scheme: GrantScheme, id: String, date: String?, actor: String, on db: any Database) async throws {
        let a = try await application(scheme, id: id, on: db)
        guard let date, CivilDate(iso: date) != nil else {
            throw UserError(.unprocessableEntity, "Datoen må være ÅÅÅÅ-MM-DD.", field: "received")
        }
        guard (a.amountGranted ?? 0) > 0 else { throw UserError(.unprocessableEntity, "Søknaden fikk ikke tilskudd.", field: "received") }
        try await db.transaction { db in
            try await db.sql().update(ApplicationRow.table).set("report_received", to: date).where("year", .equal, scheme.year)
                .where("app_id", .equal, id).run()
            try await audit(actor, "rapport fra tilskuddsmottaker", scheme, id, before: a.reportReceived, after: date, on: db)
        }
    }

    static func setBasis(_ scheme: GrantScheme, basis: String, actor: String, on db: any Database) async throws {
        guard let b = GrantBasis(rawValue: basis) else {
            throw UserError(.badRequest, "Ukjent grunnlag «\(basis.prefix(40))».", field: "basis")
        }
        try await db.transaction { db in
            try await db.sql().update(SchemeRow.table).set("basis", to: b.rawValue).where("year", .equal, scheme.year)
                .where("code", .equal, scheme.code).run()
            try await audit(actor, "endre grunnlag", scheme, scheme.code, before: scheme.basis.label, after: b.label, on: db)
        }
    }

    /// Demo applications and notices for the year's application-based schemes.
    static func fillDemo(year: Int, app: Application, on db: any Database) async throws -> Int {
        let schemes = try await schemes(year: year, app: app, on: db)
        let names = app.geography.division(for: year).municipalities.map(\.name)
        let (apps, notices) = GrantDemo.applications(schemes, municipalities: Array(names.prefix(120)))
        try await db.transaction { db in
            let sql = try db.sql()
            for a in apps { try await insert(a, year: year, on: sql) }
            for n in notices { try await insert(n, year: year, actor: "styr demo", on: sql) }
        }
        return apps.count
    }
}
