import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// Storing proposed allocations and the caseworkers' decisions on them. Every write is one
/// transaction with an audit entry; a confirmed run is never changed.
enum MatchingStore {
    /// Solves the instance and stores the proposal for every case with its alternatives (and, from
    /// the register, what the case's profile rests on and the proposal in words).
    static func create(
        title: String, instance inst: MatchInstance, parts: ((Int, Int) -> [(name: String, value: Double)])?,
        explain: ((Int, Int?) -> (basis: String, text: String))? = nil, allocation: MatchAllocation? = nil, actor: String,
        on db: any Database
    ) async throws -> MatchRunModel {
        var solved = MatchSolver.solve(inst)
        // The weekly mode's decision replaces the batch's (the bound and prices stay the batch's).
        if let allocation {
            solved.allocation = allocation
            solved.objective = allocation.objective(inst)
        }
        let solution = solved
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let run = MatchRunModel()
        run.title = title
        run.status = MatchRunModel.Status.draft.rawValue
        run.objective = solution.objective
        run.bound = solution.bound
        run.persons = inst.cases.reduce(0) { $0 + $1.size }
        run.municipalities = String(decoding: try encoder.encode(inst.municipalities), as: UTF8.self)
        run.createdBy = actor
        run.createdAt = Date()
        var rows: [MatchCaseModel] = []
        for (c, mc) in inst.cases.enumerated() {
            let row = MatchCaseModel()
            row.caseId = mc.id
            row.size = mc.size
            row.minors = mc.minors
            row.needs = mc.needs.joined(separator: ";")
            row.week = mc.week
            row.proposed = solution.allocation.municipalityOf[c].map { inst.municipalities[$0].code }
            let alternatives = MatchExplanation.alternatives(case: c, instance: inst, solution: solution, parts: parts)
            row.alternatives = String(decoding: try encoder.encode(alternatives), as: UTF8.self)
            row.allowed = inst.pairs(of: c).map { inst.municipalities[Int(inst.pairMunicipality[$0])].code }.joined(separator: ";")
            if let explain {
                let e = explain(c, solution.allocation.municipalityOf[c])
                row.basis = e.basis
                row.explanation = e.text
            }
            rows.append(row)
        }
        let cases = rows
        try await db.transaction { db in
            try await run.create(on: db)
            for row in cases { row.$run.id = run.id! }
            for chunk in stride(from: 0, to: cases.count, by: 500) {
                try await Array(cases[chunk..<min(chunk + 500, cases.count)]).create(on: db)
            }
            try await AuditEntryModel(
                actor: actor, action: "tildelingsforslag", entity: "match_run", entityId: run.id!.uuidString,
                after:
                    "\(inst.cases.count) saker, mål \(String(format: "%.0f", solution.objective)), grense \(String(format: "%.0f", solution.bound))"
            ).create(on: db)
        }
        return run
    }

    static func run(_ id: String, on db: any Database) async throws -> MatchRunModel {
        guard let uuid = UUID(uuidString: id), let run = try await MatchRunModel.find(uuid, on: db) else {
            throw UserError(.notFound, "Fant ikke tildelingen.")
        }
        return run
    }

    /// A caseworker's decision for one case: another allowed municipality with room (or none),
    /// with a reason. Logged with before and after.
    static func override(runID: String, caseID: String, kommune: String?, reason: String, actor: String, on db: any Database) async throws
        -> MatchCaseModel
    {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw UserError(.unprocessableEntity, "Skriv en begrunnelse for overstyringen.", field: "reason") }
        guard reason.count <= 2000 else {
            throw UserError(.unprocessableEntity, "Begrunnelsen er for lang (høyst 2000 tegn).", field: "reason")
        }
        return try await db.transaction { db in
            let run = try await Self.run(runID, on: db)
            guard run.status == MatchRunModel.Status.draft.rawValue else {
                throw UserError(.conflict, "Tildelingen er bekreftet og kan ikke endres.")
            }
            guard let row = try await MatchCaseModel.query(on: db).filter(\.$run.$id == run.id!).filter(\.$caseId == caseID).first() else {
                throw UserError(.notFound, "Fant ikke saken \(caseID) i tildelingen.", field: "case")
            }
            if let on = row.requestedOn {
                throw UserError(.conflict, "Saken er sendt som anmodning \(on) og kan ikke overstyres.", field: "kommunenummer")
            }
            let target = kommune.flatMap { $0.isEmpty ? nil : $0 }
            if let target {
                guard row.allowed.split(separator: ";").contains(Substring(target)) else {
                    throw UserError(
                        .unprocessableEntity,
                        "Saken kan ikke bosettes i \(target): behov eller plasser for enslige mindreårige passer ikke.",
                        field: "kommunenummer")
                }
                guard let muni = run.places.first(where: { $0.code == target }) else {
                    throw UserError(.unprocessableEntity, "Ukjent kommune \(target).", field: "kommunenummer")
                }
                let others = try await MatchCaseModel.query(on: db).filter(\.$run.$id == run.id!).all()
                    .filter { $0.caseId != caseID && $0.placement == target }
                let ordinary = others.reduce(0) { $0 + $1.size - $1.minors } + row.size - row.minors
                let minors = others.reduce(0) { $0 + $1.minors } + row.minors
                guard ordinary <= muni.places, minors <= muni.minorPlaces else {
                    throw UserError(
                        .unprocessableEntity,
                        "\(target) har ikke plass: \(ordinary) av \(muni.places) plasser, \(minors) av \(muni.minorPlaces) for enslige mindreårige.",
                        field: "kommunenummer")
                }
            }
            let before = row.placement ?? "ingen"
            row.chosen = target ?? ""
            row.reason = reason
            row.decidedBy = actor
            try await row.save(on: db)
            try await AuditEntryModel(
                actor: actor, action: "overstyr tildeling", entity: "match_case", entityId: "\(run.id!.uuidString)/\(caseID)",
                before: before,
                after: "\(target ?? "ingen"): \(reason)"
            ).create(on: db)
            return row
        }
    }

    /// Confirms the run: from now on it is read-only.
    static func confirm(runID: String, actor: String, on db: any Database) async throws -> MatchRunModel {
        try await db.transaction { db in
            let run = try await Self.run(runID, on: db)
            guard run.status == MatchRunModel.Status.draft.rawValue else {
                throw UserError(.conflict, "Tildelingen er allerede bekreftet.")
            }
            run.status = MatchRunModel.Status.confirmed.rawValue
            run.confirmedBy = actor
            run.confirmedAt = Date()
            try await run.save(on: db)
            try await AuditEntryModel(actor: actor, action: "bekreft tildeling", entity: "match_run", entityId: run.id!.uuidString)
                .create(on: db)
            return run
        }
    }

    /// Turns accepted proposals into requests to the municipalities (`caseIDs`: the selected cases;
    /// nil: every case with a municipality not yet requested): each case's waiting members are
    /// allocated in the settlement register on `day`, the case is marked requested, and each request
    /// is audited — all in one transaction, nothing stored if any case cannot be requested. Only an
    /// allocation from the register can be requested. Returns the number of cases requested.
    static func sendRequests(runID: String, caseIDs: [String]?, day: CivilDate, actor: String, on db: any Database) async throws -> Int {
        try await db.transaction { db in
            let run = try await Self.run(runID, on: db)
            let rows = try await MatchCaseModel.query(on: db).filter(\.$run.$id == run.id!).all()
            guard rows.contains(where: { $0.basis != nil }) else {
                throw UserError(
                    .unprocessableEntity, "Bare forslag laget fra bosettingsregisteret kan sendes som anmodninger til kommunene.",
                    field: "saker")
            }
            let byID = Dictionary(rows.map { ($0.caseId, $0) }, uniquingKeysWith: { a, _ in a })
            let chosen: [MatchCaseModel]
            if let caseIDs {
                guard !caseIDs.isEmpty else { throw UserError(.unprocessableEntity, "Velg minst én sak.", field: "saker") }
                var problems: [String] = []
                var picked: [MatchCaseModel] = []
                for id in caseIDs {
                    guard let row = byID[id] else {
                        problems.append("Sak \(id) er ikke i forslaget.")
                        continue
                    }
                    if row.requestedOn != nil {
                        problems.append("Sak \(id) er allerede sendt som anmodning (\(row.requestedOn ?? "")).")
                    } else if row.placement == nil {
                        problems.append("Sak \(id) har ingen kommune i forslaget.")
                    } else {
                        picked.append(row)
                    }
                }
                guard problems.isEmpty else {
                    throw UserError(
                        .unprocessableEntity, "\(problems.count) av de valgte sakene kan ikke sendes; ingenting er sendt.", field: "saker",
                        details: problems)
                }
                chosen = picked
            } else {
                chosen = rows.filter { $0.requestedOn == nil && $0.placement != nil }
                guard !chosen.isEmpty else {
                    throw UserError(.unprocessableEntity, "Ingen saker med kommune venter på å bli sendt.", field: "saker")
                }
            }
            let sql = try db.sql()
            var persons: [SettlementPerson] = []
            let ids = chosen.map(\.caseId)
            for start in stride(from: 0, to: ids.count, by: 500) {
                persons += try await sql.select().columns(SettlementStore.columns.map { SQLIdentifier($0) }).from("settlement_persons")
                    .where("case_id", .in, Array(ids[start..<min(start + 500, ids.count)]))
                    .all(decoding: SettlementStore.PersonRow.self).map(\.person)
            }
            let outcome = Bosettingsanmodning.apply(
                chosen.map { .init(caseId: $0.caseId, kommune: $0.placement!) }, persons: persons, day: day.dayNumber)
            guard outcome.problems.isEmpty else {
                throw UserError(
                    .unprocessableEntity, "\(outcome.problems.count) saker kan ikke sendes; ingenting er sendt.", field: "saker",
                    details: outcome.problems)
            }
            for start in stride(from: 0, to: outcome.persons.count, by: 500) {
                let batch = outcome.persons[start..<min(start + 500, outcome.persons.count)]
                try await sql.delete(from: "settlement_persons").where("person_id", .in, batch.map(\.personId)).run()
            }
            try await SettlementStore.insert(outcome.persons, on: sql)
            for row in chosen {
                row.requestedOn = day.iso
                try await row.save(on: db)
                try await AuditEntryModel(
                    actor: actor, action: "anmodning om bosetting", entity: "bosettingsregister", entityId: row.caseId,
                    after: "\(row.placement ?? "") (tildeling \(run.id!.uuidString))"
                ).create(on: db)
            }
            try await RegisterLoadModel(
                register: "bosetting", source: "anmodninger fra tildeling (\(chosen.count) saker)", rows: outcome.persons.count,
                actor: actor
            ).create(on: db)
            return chosen.count
        }
    }
}
