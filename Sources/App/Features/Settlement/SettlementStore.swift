import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Reads and writes the settlement register with SQLKit (one statement per batch, the same SQL on
/// SQLite and PostgreSQL). Every load replaces or adds rows in one transaction and is recorded for
/// freshness.
enum SettlementStore {
    static let columns = [
        "person_id", "case_id", "category", "gender", "birth_year", "nationality", "uma", "family", "permit_date", "ready_date",
        "limited_permit", "competence_mapped", "cultural_orientation", "other_information", "allocated_kommune", "allocated_date",
        "settled_kommune", "settled_date", "self_settled", "settled_by_bufetat",
    ]

    static func iso(_ day: Int?) -> String? { day.map { CivilDate(dayNumber: $0).iso } }
    static func day(_ iso: String?) -> Int? { iso.flatMap(CivilDate.init(iso:))?.dayNumber }

    static func row(_ p: SettlementPerson) -> [any SQLExpression] {
        [
            SQLBind(p.personId), SQLBind(p.caseId), SQLBind(p.category.rawValue), SQLBind(p.gender.rawValue), SQLBind(p.birthYear),
            SQLBind(p.nationality), SQLBind(p.unaccompaniedMinor), SQLBind(p.familyWithChildren), SQLBind(iso(p.permitDay)!),
            SQLBind(iso(p.readyDay)), SQLBind(p.limitedPermit), SQLBind(p.competenceMapped), SQLBind(p.culturalOrientation),
            SQLBind(p.otherInformation), SQLBind(p.allocatedKommune), SQLBind(iso(p.allocatedDay)), SQLBind(p.settledKommune),
            SQLBind(iso(p.settledDay)), SQLBind(p.selfSettled), SQLBind(p.settledByBufetat),
        ]
    }

    /// Replaces the whole register (demo data) in one transaction.
    static func replace(with register: SettlementRegister, source: String, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            let sql = try db.sql()
            try await sql.delete(from: "settlement_persons").run()
            try await sql.delete(from: "settlement_requests").run()
            try await insert(register.persons, on: sql)
            try await insert(register.requests, on: sql)
            try await RegisterLoadModel(register: "bosetting", source: source, rows: register.persons.count, actor: actor).create(on: db)
        }
    }

    /// Adds or replaces persons (by pseudonym) in one transaction, and records the load.
    static func upsert(_ persons: [SettlementPerson], source: String, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            let sql = try db.sql()
            for start in stride(from: 0, to: persons.count, by: 500) {
                let ids = persons[start..<min(start + 500, persons.count)].map(\.personId)
                try await sql.delete(from: "settlement_persons").where("person_id", .in, ids).run()
            }
            try await insert(persons, on: sql)
            try await RegisterLoadModel(register: "bosetting", source: source, rows: persons.count, actor: actor).create(on: db)
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "bosettingsregister", entityId: source, after: "\(persons.count) personer"
            ).create(on: db)
        }
    }

    /// Adds or replaces requests and decisions (by year and municipality) in one transaction.
    static func upsert(requests: [MunicipalRequest], source: String, actor: String, on db: any Database) async throws {
        try await db.transaction { db in
            let sql = try db.sql()
            for r in requests {
                try await sql.delete(from: "settlement_requests").where("year", .equal, r.year).where("kommune", .equal, r.kommune).run()
            }
            try await insert(requests, on: sql)
            try await RegisterLoadModel(register: "bosetting", source: source, rows: requests.count, actor: actor).create(on: db)
            try await AuditEntryModel(
                actor: actor, action: "import", entity: "anmodninger og vedtak", entityId: source, after: "\(requests.count) rader"
            ).create(on: db)
        }
    }

    static func replacePerson(_ p: SettlementPerson, on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.delete(from: "settlement_persons").where("person_id", .equal, p.personId).run()
        try await insert([p], on: sql)
    }

    static func insert(_ persons: [SettlementPerson], on sql: any SQLDatabase) async throws {
        // 20 columns × 400 rows stays under SQLite's and PostgreSQL's bind limits.
        for start in stride(from: 0, to: persons.count, by: 400) {
            let batch = persons[start..<min(start + 400, persons.count)]
            try await sql.insert(into: "settlement_persons").columns(columns).rows(batch.map(row)).run()
        }
    }

    static func insert(_ requests: [MunicipalRequest], on sql: any SQLDatabase) async throws {
        let cols = ["id", "year", "kommune", "requested", "requested_minors", "decided", "decided_minors", "county_recommendation"]
        for start in stride(from: 0, to: requests.count, by: 500) {
            let batch = requests[start..<min(start + 500, requests.count)].map { r -> [any SQLExpression] in
                [
                    SQLBind(UUID()), SQLBind(r.year), SQLBind(r.kommune), SQLBind(r.requested), SQLBind(r.requestedMinors),
                    SQLBind(r.decided), SQLBind(r.decidedMinors), SQLBind(r.countyRecommendation),
                ]
            }
            try await sql.insert(into: "settlement_requests").columns(cols).rows(batch).run()
        }
    }

    struct PersonRow: Decodable {
        let personId: String
        let caseId: String
        let category: String
        let gender: String
        let birthYear: Int
        let nationality: String
        let uma: Bool
        let family: Bool
        let permitDate: String
        let readyDate: String?
        let limitedPermit: Bool
        let competenceMapped: Bool
        let culturalOrientation: Bool
        let otherInformation: Bool
        let allocatedKommune: String?
        let allocatedDate: String?
        let settledKommune: String?
        let settledDate: String?
        let selfSettled: Bool
        let settledByBufetat: Bool

        var person: SettlementPerson {
            SettlementPerson(
                personId: personId, caseId: caseId, category: SettlementCategory(rawValue: category) ?? .reception,
                gender: Gender(rawValue: gender) ?? .male, birthYear: birthYear, nationality: nationality, unaccompaniedMinor: uma,
                familyWithChildren: family, permitDay: day(permitDate) ?? 0, readyDay: day(readyDate), limitedPermit: limitedPermit,
                competenceMapped: competenceMapped, culturalOrientation: culturalOrientation, otherInformation: otherInformation,
                allocatedKommune: allocatedKommune, allocatedDay: day(allocatedDate), settledKommune: settledKommune,
                settledDay: day(settledDate), selfSettled: selfSettled, settledByBufetat: settledByBufetat)
        }

        /// The JSON and column names stay snake_case (the command contract).
        enum CodingKeys: String, CodingKey {
            case personId = "person_id"
            case caseId = "case_id"
            case category
            case gender
            case birthYear = "birth_year"
            case nationality
            case uma
            case family
            case permitDate = "permit_date"
            case readyDate = "ready_date"
            case limitedPermit = "limited_permit"
            case competenceMapped = "competence_mapped"
            case culturalOrientation = "cultural_orientation"
            case otherInformation = "other_information"
            case allocatedKommune = "allocated_kommune"
            case allocatedDate = "allocated_date"
            case settledKommune = "settled_kommune"
            case settledDate = "settled_date"
            case selfSettled = "self_settled"
            case settledByBufetat = "settled_by_bufetat"
        }
    }

    struct RequestRow: Decodable {
        let year: Int
        let kommune: String
        let requested: Int
        let requestedMinors: Int
        let decided: Int?
        let decidedMinors: Int?
        let countyRecommendation: Int?

        /// The JSON and column names stay snake_case (the command contract).
        enum CodingKeys: String, CodingKey {
            case year
            case kommune
            case requested
            case requestedMinors = "requested_minors"
            case decided
            case decidedMinors = "decided_minors"
            case countyRecommendation = "county_recommendation"
        }
    }

    static func load(on db: any Database) async throws -> SettlementRegister {
        let sql = try db.sql()
        let persons = try await sql.select().columns(columns.map { SQLIdentifier($0) }).from("settlement_persons")
            .all(decoding: PersonRow.self).map(\.person)
        let requests = try await sql.select().columns(
            "year", "kommune", "requested", "requested_minors", "decided", "decided_minors", "county_recommendation"
        )
        .from("settlement_requests").all(decoding: RequestRow.self).map(\.request)
        return SettlementRegister(persons: persons, requests: requests)
    }
}
