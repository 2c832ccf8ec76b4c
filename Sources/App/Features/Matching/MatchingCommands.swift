import Foundation
import StyrCore
import Vapor

/// `styr match`: allocate cases to municipalities. `--generate` makes a national-size instance;
/// `--in DIR` reads one (cases.csv, municipalities.csv, scores.csv); `--from-register --year Y`
/// builds one from the settlement register in the database. Writes the instance (when generated
/// or from the register), `allocation.csv` and `summary.json` to `--out`.
struct MatchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "generate", help: "Generer en instans")
        var generate: Bool
        @Option(name: "persons", help: "Antall personer (med --generate)")
        var persons: Int?
        @Option(name: "municipalities", help: "Antall kommuner (med --generate, standard 357)")
        var municipalities: Int?
        @Option(name: "seed", help: "Frø for generatoren")
        var seed: Int?
        @Option(name: "in", help: "Mappe med cases.csv, municipalities.csv og scores.csv")
        var input: String?
        @Option(name: "out", help: "Mappe for resultatet")
        var out: String?
        @Flag(name: "from-register", help: "Instans fra bosettingsregisteret i databasen (--db / DATABASE_URL)")
        var fromRegister: Bool
        @Option(name: "year", help: "Vedtaksåret (med --from-register)")
        var year: Int?
        @Option(name: "as-of", help: "Dato for hvem som venter, ÅÅÅÅ-MM-DD (med --from-register; standard 31.12. i året)")
        var asOf: String?
    }

    var help: String { "Treffsikker bosetting: fordeler saker på kommuner (optimal fordeling med bevist gap)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out, !out.isEmpty else { throw UserError(.badRequest, "Mangler --out.", field: "out") }
        let instance: MatchInstance
        var registerMatch: RegisterMatch?
        if signature.generate {
            guard let persons = signature.persons, persons > 0 else {
                throw UserError(.badRequest, "--persons må være et positivt tall.", field: "persons")
            }
            let count = signature.municipalities ?? 357
            guard count > 0 else { throw UserError(.badRequest, "--municipalities må være positivt.", field: "municipalities") }
            instance =
                MatchFiles.generate(
                    persons: persons, municipalities: count, seed: UInt64(signature.seed ?? 1), geography: context.application.geography
                ).instance
        } else if signature.fromRegister {
            guard let year = signature.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
            let day: Int
            if let raw = signature.asOf {
                guard let date = CivilDate(iso: raw) else {
                    throw UserError(.badRequest, "Ugyldig --as-of «\(raw)»: bruk ÅÅÅÅ-MM-DD.", field: "as-of")
                }
                day = date.dayNumber
            } else {
                day = CivilDate(year: year, month: 12, day: 31)!.dayNumber
            }
            let match = try await MatchFiles.fromRegister(context.application, year: year, asOf: day)
            registerMatch = match
            instance = match.instance
        } else {
            guard let dir = signature.input else {
                throw UserError(.badRequest, "Bruk --generate, --from-register eller --in DIR.", field: "in")
            }
            instance = try MatchFiles.read(dir)
        }
        let started = ContinuousClock.now
        let solution = MatchSolver.solve(instance)
        let seconds = (ContinuousClock.now - started).seconds
        try MatchFiles.write(
            instance, solution: solution, seconds: seconds, to: out, includeInstance: signature.generate || signature.fromRegister,
            explained: registerMatch.map { m in (m, MatchFiles.names(context.application.geography, year: signature.year ?? 2024)) })
        let allocated = solution.allocation.municipalityOf.compactMap { $0 }.count
        printErr(
            "\(instance.cases.count) saker, \(instance.municipalities.count) kommuner, \(instance.pairCount) par: \(allocated) fordelt, mål \(String(format: "%.0f", solution.objective)), grense \(String(format: "%.0f", solution.bound)), gap \(String(format: "%.4f", solution.gap * 100)) %, \(String(format: "%.3f", seconds)) s."
        )
    }
}

/// Reading and writing the instance directory of `styr match`.
enum MatchFiles {
    /// The instance from the settlement register and the mapping interviews in the database.
    static func fromRegister(_ app: Application, year: Int, asOf day: Int) async throws -> RegisterMatch {
        let register = try await SettlementStore.load(on: app.db)
        let interviews = try await QualificationStore.load(
            [.interviews], into: QualificationRegisters(), geography: app.geography, on: app.db
        )
        .interviews
        let match = MatchFromRegister.build(register, year: year, asOf: day, interviews: interviews)
        guard !match.instance.municipalities.isEmpty else {
            throw UserError(.badRequest, "Ingen kommunevedtak for \(year) i bosettingsregisteret.", field: "year")
        }
        return match
    }

    /// Municipality names by number in `year`'s division.
    static func names(_ geography: Geography, year: Int) -> [String: String] {
        geography.division(for: year).byCode.mapValues(\.name)
    }

    /// One proposal per case from the register, with what it rests on and why.
    struct Proposal: Encodable {
        let case_id: String
        let kommunenummer: String?
        let basis: String
        let explanation: String
    }

    static func proposals(_ match: RegisterMatch, _ allocation: MatchAllocation, names: [String: String]) -> [Proposal] {
        match.instance.cases.indices.map { c in
            let m = allocation.municipalityOf[c]
            return Proposal(
                case_id: match.instance.cases[c].id, kommunenummer: m.map { match.instance.municipalities[$0].code },
                basis: match.basis[c].rawValue, explanation: match.explanation(case: c, municipality: m, names: names))
        }
    }

    static func generate(persons: Int, municipalities: Int, seed: UInt64, geography: Geography) -> GeneratedMatch {
        var codes = geography.division(for: 2024).municipalities.map(\.code)
        codes.removeAll { $0 == "0301" }
        codes.insert("0301", at: 0)
        if municipalities <= codes.count {
            codes = Array(codes.prefix(municipalities))
        } else {
            codes += (codes.count..<municipalities).map { String(format: "X%04d", $0) }
        }
        return MatchGenerator.generate(persons: persons, codes: codes, seed: seed)
    }

    static func read(_ dir: String) throws -> MatchInstance {
        func text(_ name: String) throws -> String {
            let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UserError(.notFound, "Fant ikke \(path).", field: "in")
            }
            return String(decoding: data, as: UTF8.self)
        }
        do {
            return try MatchCSV.read(
                cases: try text("cases.csv"), municipalities: try text("municipalities.csv"), scores: try text("scores.csv"))
        } catch let e as MatchFileError {
            throw UserError(.unprocessableEntity, "Instansen har \(e.issues.count) feil.", field: "in", details: e.issues)
        }
    }

    struct Summary: Encodable {
        let objective: Double
        let bound: Double
        /// The LP relaxation's optimum (`bound` is the tighter knapsack bound where it is lower).
        let lpBound: Double
        let gap: Double
        let seconds: Double
        let cases: Int
        let allocated: Int
        let persons: Int
        let personsAllocated: Int
        let municipalities: Int
        let pairs: Int
        let pivots: Int

        enum CodingKeys: String, CodingKey {
            case objective, bound, gap, seconds, cases, allocated, persons, municipalities, pairs, pivots
            case personsAllocated = "persons_allocated"
            case lpBound = "lp_bound"
        }
    }

    /// `explained`: an instance from the register, whose allocation rows gain `basis` and
    /// `explanation` (and `proposals.json` lists every case, allocated or not).
    static func write(
        _ inst: MatchInstance, solution: MatchSolution, seconds: Double, to dir: String, includeInstance: Bool,
        explained: (RegisterMatch, [String: String])? = nil
    ) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func put(_ name: String, _ s: String) throws {
            try Data(s.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
        }
        if includeInstance {
            try put("cases.csv", MatchCSV.casesCSV(inst))
            try put("municipalities.csv", MatchCSV.municipalitiesCSV(inst))
            try put("scores.csv", MatchCSV.scoresCSV(inst))
        }
        if let (match, names) = explained {
            let proposals = proposals(match, solution.allocation, names: names)
            var csv = "case_id,kommunenummer,basis,explanation\n"
            for p in proposals {
                guard let k = p.kommunenummer else { continue }
                csv += "\(p.case_id),\(k),\(p.basis),\"\(p.explanation.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            }
            try put("allocation.csv", csv)
            try put("proposals.json", try prettyJSON(proposals) + "\n")
        } else {
            try put("allocation.csv", MatchCSV.allocationCSV(inst, solution.allocation))
        }
        let at = solution.allocation.municipalityOf
        let summary = Summary(
            objective: solution.objective, bound: solution.bound, lpBound: solution.lpBound, gap: solution.gap, seconds: seconds,
            cases: inst.cases.count,
            allocated: at.compactMap { $0 }.count, persons: inst.cases.reduce(0) { $0 + $1.size },
            personsAllocated: zip(inst.cases, at).reduce(0) { $0 + ($1.1 == nil ? 0 : $1.0.size) },
            municipalities: inst.municipalities.count,
            pairs: inst.pairCount, pivots: solution.pivots)
        try put("summary.json", try prettyJSON(summary) + "\n")
    }
}
