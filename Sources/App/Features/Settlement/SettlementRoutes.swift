import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// The settlement register's person pages. A municipality sees only persons allocated to or
/// settled in its own kommunenummer; every read of a person record is written to the audit log.
struct SettlementRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.registerSettlement, use: list)
        web.on(.registerPerson, use: person)
        web.on(.registerPersonUpdate, use: update)
        web.on(.registerImport, body: .collect(maxSize: "200mb"), use: importFile)
        api.on(.apiRegisterPersons, use: apiList)
        api.on(.apiRegisterImport, body: .collect(maxSize: "200mb"), use: apiImport)
        api.on(.apiRegisterPerson, use: apiPerson)
        api.on(.apiRegisterPersonUpdate, use: apiUpdate)
    }

    struct Filter {
        var year: Int?
        var kommune: String?
        var category: String?
        var page: Int
    }

    static func filter(_ req: Request) throws -> Filter {
        var f = Filter(
            year: (try? req.query.get(Int.self, at: "aar")) ?? (try? req.query.get(Int.self, at: "year")),
            kommune: ((try? req.query.get(String.self, at: "kommune")) ?? nil).flatMap { $0.isEmpty ? nil : $0 },
            category: ((try? req.query.get(String.self, at: "kategori")) ?? (try? req.query.get(String.self, at: "category"))).flatMap {
                $0.isEmpty ? nil : $0
            },
            page: req.pageNumber)
        if let k = f.kommune, k.range(of: #"^\d{4}$"#, options: .regularExpression) == nil {
            throw UserError(.badRequest, "Kommunenummer må ha fire sifre.", field: "kommune")
        }
        if req.role == .municipality { f.kommune = req.auth.get(UserModel.self)?.kommune ?? "----" }
        return f
    }

    static let pageSize = 100

    static func query(_ f: Filter, on sql: any SQLDatabase) -> SQLSelectBuilder {
        var q = sql.select().from("settlement_persons")
        if let k = f.kommune { q = q.where { $0.where("settled_kommune", .equal, k).orWhere("allocated_kommune", .equal, k) } }
        if let y = f.year {
            q = q.where("settled_date", .greaterThanOrEqual, "\(y)-01-01").where("settled_date", .lessThanOrEqual, "\(y)-12-31")
        }
        if let c = f.category { q = q.where("category", .equal, c) }
        return q
    }

    struct PersonView: Content {
        let id: String
        let caseId: String
        let category: String
        let gender: String
        let birthYear: Int
        let nationality: String
        let unaccompaniedMinor: Bool
        let familyWithChildren: Bool
        let permitDate: String
        let readyDate: String?
        let settledKommune: String?
        let settledDate: String?
        let allocatedKommune: String?
        let allocatedDate: String?
        let waitMonths: String?
        let limitedPermit: Bool
        let competenceMapped: Bool
        let culturalOrientation: Bool
        let selfSettled: Bool

        init(_ p: SettlementPerson) {
            id = p.personId
            caseId = p.caseId
            category = p.category.label
            gender = p.gender.label
            birthYear = p.birthYear
            nationality = p.nationality
            unaccompaniedMinor = p.unaccompaniedMinor
            familyWithChildren = p.familyWithChildren
            permitDate = NorwegianText.shortDate(CivilDate(dayNumber: p.permitDay).iso)
            readyDate = p.readyDay.map { NorwegianText.shortDate(CivilDate(dayNumber: $0).iso) }
            settledKommune = p.settledKommune
            settledDate = p.settledDay.map { NorwegianText.shortDate(CivilDate(dayNumber: $0).iso) }
            allocatedKommune = p.allocatedKommune
            allocatedDate = p.allocatedDay.map { NorwegianText.shortDate(CivilDate(dayNumber: $0).iso) }
            waitMonths = p.waitMonths.map { IndicatorFormat.decimal($0, 1) }
            limitedPermit = p.limitedPermit
            competenceMapped = p.competenceMapped
            culturalOrientation = p.culturalOrientation
            selfSettled = p.selfSettled
        }
    }

    static func page(_ req: Request) async throws -> (rows: [PersonView], total: Int, filter: Filter) {
        let sql = try req.db.sql()
        let f = try Self.filter(req)
        struct Count: Decodable { let n: Int }
        let total =
            try await Self.query(f, on: sql).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").first(decoding: Count.self)?.n ?? 0
        let rows = try await Self.query(f, on: sql).columns(SettlementStore.columns.map { SQLIdentifier($0) })
            .orderBy("settled_date", .descending).orderBy("person_id").limit(Self.pageSize).offset((f.page - 1) * Self.pageSize)
            .all(decoding: SettlementStore.PersonRow.self)
        return (rows.map { PersonView($0.person) }, total, f)
    }

    struct ListPage: Encodable {
        let page: PageContext
        let rows: [PersonView]
        let total: String
        let year: String
        let kommune: String
        let category: String
        let categories: [SelectOption]
        let pageNumber: Int
        let pages: Int
        let previous: String?
        let next: String?
        let canImport: Bool
        let scopedTo: String?
        let message: String?
        let errors: [String]
    }

    func list(req: Request) async throws -> View {
        try await renderList(req, message: nil, errors: [])
    }

    func renderList(_ req: Request, message: String?, errors: [String]) async throws -> View {
        let (rows, total, f) = try await Self.page(req)
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        func link(_ p: Int) -> String {
            var q = "side=\(p)"
            if let y = f.year { q += "&aar=\(y)" }
            if let k = f.kommune, req.role != .municipality { q += "&kommune=\(k)" }
            if let c = f.category { q += "&kategori=\(c)" }
            return "?" + q
        }
        let categories =
            [SelectOption(value: "", label: "Alle kategorier", selected: f.category == nil)]
            + SettlementCategory.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: f.category == $0.rawValue)
            }
        return try await req.view.render(
            "settlement/register",
            ListPage(
                page: PageContext(req, title: "Bosettingsregisteret"), rows: rows, total: Counted.text(total, "person", "personer"),
                year: f.year.map(String.init) ?? "",
                kommune: f.kommune ?? "", category: f.category ?? "", categories: categories, pageNumber: f.page, pages: pages,
                previous: f.page > 1 ? link(f.page - 1) : nil, next: f.page < pages ? link(f.page + 1) : nil,
                canImport: req.role == .directorate, scopedTo: req.role == .municipality ? f.kommune : nil, message: message, errors: errors
            ))
    }

    static func find(_ req: Request) async throws -> SettlementPerson {
        guard let sql = req.db as? any SQLDatabase, let id = req.parameters.get("personID") else {
            throw UserError(.notFound, "Fant ikke personen.")
        }
        guard
            let row = try await sql.select().columns(SettlementStore.columns.map { SQLIdentifier($0) }).from("settlement_persons")
                .where("person_id", .equal, id).first(decoding: SettlementStore.PersonRow.self)
        else { throw UserError(.notFound, "Fant ikke personen.") }
        let p = row.person
        if req.role == .municipality {
            let own = req.auth.get(UserModel.self)?.kommune
            guard own != nil, p.settledKommune == own || p.allocatedKommune == own else {
                throw UserError(.notFound, "Fant ikke personen.")
            }
        }
        try await AuditEntryModel(actor: req.actor, action: "les person", entity: "bosettingsregister", entityId: id).create(on: req.db)
        return p
    }

    struct PersonPage: Encodable {
        let page: PageContext
        let person: PersonView
        let canEdit: Bool
        let form: [String: String]
        let errors: [String: String]
        /// The person's mapping interview (the directorate, or the municipality asked to settle the person).
        let interview: QualificationRoutes.InterviewView?
        let canEditInterview: Bool
    }

    func person(req: Request) async throws -> View {
        let p = try await Self.find(req)
        return try await renderPerson(req, p, errors: [:], form: [:])
    }

    func renderPerson(_ req: Request, _ p: SettlementPerson, errors: [String: String], form: [String: String]) async throws -> View {
        // `find` has already refused a municipality the person is not allocated to or settled in.
        let registers = try await req.application.qualificationCache.registers(req.application, on: req.db)
        let interview = registers.interviews.first { $0.personId == p.personId }
        if interview != nil {
            try await AuditEntryModel(
                actor: req.actor, action: "les kartlegging", entity: ExtractKind.interviews.rawValue, entityId: p.personId
            ).create(on: req.db)
        }
        return try await req.view.render(
            "settlement/register-person",
            PersonPage(
                page: PageContext(req, title: "Person i bosettingsregisteret"), person: PersonView(p), canEdit: req.role == .directorate,
                form: form.isEmpty ? PersonSettlementEdit(p).fields : form, errors: errors,
                interview: interview.map(QualificationRoutes.InterviewView.init),
                canEditInterview: Endpoint.interviewForm.roles.contains(req.role)))
    }

    /// Validates an edit in the core and saves it with its load record and audit entry, all or nothing.
    static func save(_ edit: PersonSettlementEdit, to p: SettlementPerson, req: Request) async throws -> Result<
        SettlementPerson, FieldErrors
    > {
        let result = edit.apply(to: p, geography: req.application.geography)
        guard case .success(let updated) = result else { return result }
        let before = Self.summary(p)
        let after = Self.summary(updated)
        try await req.db.transaction { db in
            try await SettlementStore.replacePerson(updated, on: db)
            try await RegisterLoadModel(register: "bosetting", source: "endring i skjema", rows: 1, actor: req.actor).create(on: db)
            try await AuditEntryModel(
                actor: req.actor, action: "endre person", entity: "bosettingsregister", entityId: updated.personId, before: before,
                after: after
            ).create(on: db)
        }
        return result
    }

    static func summary(_ p: SettlementPerson) -> String {
        "tildelt \(p.allocatedKommune ?? "-") \(SettlementStore.iso(p.allocatedDay) ?? "-"), bosatt \(p.settledKommune ?? "-") \(SettlementStore.iso(p.settledDay) ?? "-")"
    }

    func update(req: Request) async throws -> Response {
        let p = try await Self.find(req)
        let edit = try req.content.decode(PersonSettlementEdit.self)
        switch try await Self.save(edit, to: p, req: req) {
        case .success(let updated):
            return req.redirect(to: Endpoint.registerPerson.url(updated.personId), flash: "Endringen er lagret.")
        case .failure(let e):
            let res = try await renderPerson(req, p, errors: e.fields, form: edit.fields).encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        }
    }

    func apiPerson(req: Request) async throws -> PersonView {
        PersonView(try await Self.find(req))
    }

    /// PATCH: fields left out keep their value; an empty string clears one.
    func apiUpdate(req: Request) async throws -> PersonView {
        let p = try await Self.find(req)
        var edit = PersonSettlementEdit(p)
        let sent = try req.content.decode(PersonSettlementEdit.self)
        if let v = sent.allocatedKommune { edit.allocatedKommune = v }
        if let v = sent.allocatedDate { edit.allocatedDate = v }
        if let v = sent.settledKommune { edit.settledKommune = v }
        if let v = sent.settledDate { edit.settledDate = v }
        switch try await Self.save(edit, to: p, req: req) {
        case .success(let updated): return PersonView(updated)
        case .failure(let e): throw UserError(fields: e)
        }
    }

    struct ImportForm: Content {
        var file: File?
        var skipInvalid: String?
    }

    func importFile(req: Request) async throws -> Response {
        let form = try req.content.decode(ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            let res = try await renderList(req, message: nil, errors: ["Velg en CSV-fil."]).encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        }
        guard
            let text = TextExtraction.decodeText(Data(buffer: file.data))
        else {
            throw UserError(.unprocessableEntity, "Filen er ikke tekst.", field: "file")
        }
        do {
            let s = try await SettlementImport.run(
                text, skipInvalid: form.skipInvalid == "on", dryRun: false, actor: req.actor, app: req.application, db: req.db)
            let msg = "Importerte \(s.imported) av \(s.total) rader" + (s.skipped > 0 ? "; hoppet over \(s.skipped) ugyldige." : ".")
            // Rows skipped as invalid are named in the message (the first 20).
            let skipped = s.errors.prefix(20).map(\.description).joined(separator: " · ")
            return req.redirect(
                to: Endpoint.registerSettlement.url(),
                flash: msg + (skipped.isEmpty ? "" : " " + skipped + (s.errors.count > 20 ? " …" : "")))
        } catch let e as ImportRejected {
            let res = try await renderList(req, message: nil, errors: [e.reason] + e.summary.errors.map(\.description)).encodeResponse(
                for: req)
            res.status = .unprocessableEntity
            return res
        }
    }

    struct APIPage: Content {
        let total: Int
        let page: Int
        let pageSize: Int
        let persons: [PersonView]
    }

    func apiList(req: Request) async throws -> APIPage {
        let (rows, total, f) = try await Self.page(req)
        try await AuditEntryModel(actor: req.actor, action: "les personliste", entity: "bosettingsregister", entityId: "side \(f.page)")
            .create(on: req.db)
        return APIPage(total: total, page: f.page, pageSize: Self.pageSize, persons: rows)
    }

    func apiImport(req: Request) async throws -> Response {
        let text = req.body.string ?? ""
        let skip = ((try? req.query.get(String.self, at: "skipInvalid")) ?? "") == "true"
        let s = try await SettlementImport.run(text, skipInvalid: skip, dryRun: false, actor: req.actor, app: req.application, db: req.db)
        let res = try await s.encodeResponse(for: req)
        res.status = .created
        return res
    }
}
