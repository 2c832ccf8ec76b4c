import Fluent
import SQLKit
import StyrCore
import Vapor

/// Recording one mapping interview from the directorate's form, and deleting interviews past
/// their retention period (`MappingInterviewRetention`).
extension QualificationStore {
    /// Adds or replaces the person's interview in the stored register, with a load record and an
    /// audit entry (before and after), all or nothing. The person must be in the settlement register.
    static func saveInterview(_ interview: MappingInterview, actor: String, geography: Geography, on db: any Database) async throws
        -> Bool
    {
        try await db.transaction { db in
            let sql = try db.sql()
            struct Found: Decodable { let person_id: String }
            guard
                try await sql.select().column("person_id").from("settlement_persons").where("person_id", .equal, interview.personId)
                    .first(decoding: Found.self) != nil
            else {
                throw MappingInterviewForm.FieldErrors(byField: ["person_id": "person_id finnes ikke i bosettingsregisteret"])
            }
            var registers = try await load([.interviews], into: QualificationRegisters(), geography: geography, on: db)
            let before = registers.interviews.first { $0.personId == interview.personId }
            registers.interviews.removeAll { $0.personId == interview.personId }
            registers.interviews.append(interview)
            _ = try await store(.interviews, registers, read: 1, source: "kartleggingsskjema", actor: actor, on: db)
            try await AuditEntryModel(
                actor: actor, action: before == nil ? "ny kartlegging" : "endre kartlegging", entity: ExtractKind.interviews.rawValue,
                entityId: interview.personId, before: before.map { $0.fields.joined(separator: ";") },
                after: interview.fields.joined(separator: ";")
            ).create(on: db)
            return before == nil
        }
    }

    struct Retention: Content {
        let expired: Int
        let kept: Int
        let days: Int
        let dryRun: Bool
    }

    /// Deletes the interviews of persons settled more than `MappingInterviewRetention.days` before
    /// `today` (`dryRun`: counts only), with a load record and an audit entry.
    static func applyInterviewRetention(today: CivilDate, dryRun: Bool, actor: String, geography: Geography, on db: any Database)
        async throws -> Retention
    {
        try await db.transaction { db in
            var registers = try await load([.interviews], into: QualificationRegisters(), geography: geography, on: db)
            let persons = try await SettlementStore.load(on: db).persons
            let split = MappingInterviewRetention.split(registers.interviews, persons: persons, today: today.dayNumber)
            let result = Retention(
                expired: split.expired.count, kept: split.keep.count, days: MappingInterviewRetention.days, dryRun: dryRun)
            guard !dryRun, !split.expired.isEmpty else { return result }
            registers.interviews = split.keep
            _ = try await store(.interviews, registers, read: 0, source: "sletting etter lagringstid", actor: actor, on: db)
            try await AuditEntryModel(
                actor: actor, action: "slett kartlegging (lagringstid)", entity: ExtractKind.interviews.rawValue, entityId: today.iso,
                after:
                    "\(split.expired.count) slettet (bosatt for mer enn \(MappingInterviewRetention.days) dager siden), \(split.keep.count) beholdt"
            ).create(on: db)
            return result
        }
    }
}

/// `styr register retention kartlegging [--dry-run]`: deletes the mapping interviews of persons
/// settled more than a year ago (`MappingInterviewRetention`).
struct InterviewRetentionCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "kartlegging")
        var kind: String
        @Flag(name: "dry-run", help: "Tell opp uten å slette")
        var dryRun: Bool
    }

    var help: String { "Sletter kartleggingsintervjuer for personer bosatt for mer enn ett år siden." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard try ExtractKind.parse(signature.kind) == .interviews else {
            throw UserError(.badRequest, "Lagringstid er fastsatt bare for kartlegging.", field: "kind")
        }
        let app = context.application
        let r = try await QualificationStore.applyInterviewRetention(
            today: app.clock.today(), dryRun: signature.dryRun, actor: "styr register retention", geography: app.geography, on: app.db)
        printErr(
            "Kartlegging: \(r.expired) intervjuer \(r.dryRun ? "ville blitt slettet (ingenting slettet)" : "slettet") etter \(r.days) dager; \(r.kept) beholdt."
        )
    }
}
