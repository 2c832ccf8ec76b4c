import Foundation
import StyrCore
import Vapor

/// `styr demo-data --db PATH --from Y1 --to Y2 --seed N`: fills the registers with generated data
/// whose 2017 figures equal the annual report 2017's.
struct DemoDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "from", help: "Første år (standard 2014)")
        var from: Int?
        @Option(name: "to", help: "Siste år (standard 2024)")
        var to: Int?
        @Option(name: "seed", help: "Frø for tilfeldige tall (standard 1)")
        var seed: Int?
    }

    var help: String { "Fyller registrene med demodata (bosetting 2014–2024, NIR 2012–2024 og de andre registrene)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let from = signature.from ?? 2014
        let to = signature.to ?? 2024
        guard from <= to, (2000...2100).contains(from), (2000...2100).contains(to) else {
            throw UserError(.badRequest, "--from og --to må være år, og --from ≤ --to.", field: "from")
        }
        try await Self.fill(context.application, from: from, to: to, seed: signature.seed ?? 1)
    }

    static func fill(_ app: Application, from: Int, to: Int, seed: Int, qualificationScale: Double? = 1) async throws {
        let register = SettlementGenerator(seed: UInt64(seed), geography: app.geography).generate(from: from, to: to)
        try await SettlementStore.replace(
            with: register, source: "demo-data \(from)–\(to) seed \(seed)", actor: "styr demo-data", on: app.db)
        printErr("Bosettingsregisteret: \(register.persons.count) personer, \(register.requests.count) anmodninger (\(from)–\(to)).")
        if let scale = qualificationScale { try await QualificationStore.fillDemo(app, seed: seed, scale: scale) }
    }
}
