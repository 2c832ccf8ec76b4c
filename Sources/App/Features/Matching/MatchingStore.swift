import Fluent
import Foundation
import StyrCore
import Vapor

/// Storing proposed allocations and the caseworkers' decisions on them. Every write is one
/// transaction with an audit entry; a confirmed run is never changed.
enum MatchingStore {
    /// Solves the instance and stores the proposal for every case with its alternatives (and, from
    /// the register, what the case's profile rests on and the proposal in words).
    static func create(
        title: String, instance inst: MatchInstance, parts: ((Int, Int) -> [(name: String, value: Double)])?,
        explain: ((Int, Int?) -> (basis: String, text: String))? = nil, actor: String, on db: any Database
    ) async throws -> MatchRunModel {
        let solution = MatchSolver.solve(inst)
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
                after: "\(inst.cases.count) saker, mål \(Int(solution.objective)), grense \(Int(solution.bound))"
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
}
