import StyrCore
import Vapor

/// `styr frister --days N [--json]`: deadlines and meetings due within N days.
struct FristerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "days", help: "Antall dager fram (standard 30)")
        var days: Int?
        @Option(name: "today", help: "Regn fra denne datoen (ÅÅÅÅ-MM-DD) i stedet for i dag")
        var today: String?
        @Flag(name: "json", help: "Skriv som JSON")
        var json: Bool
    }

    var help: String { "Viser frister som forfaller de neste N dagene." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let days = signature.days ?? 30
        guard days >= 0 else { throw UserError(.badRequest, "--days må være 0 eller mer.", field: "days") }
        var today = context.application.clock.today()
        if let t = signature.today {
            guard let d = CivilDate(iso: t) else { throw UserError(.badRequest, "--today må være ÅÅÅÅ-MM-DD.", field: "today") }
            today = d
        }
        let due = try await Deadlines.due(days: days, today: today, on: context.application.db)
        if signature.json {
            printOut(try prettyJSON(due))
            return
        }
        if due.isEmpty { printOut("Ingen frister de neste \(days) dagene (fra \(NorwegianText.shortDate(today.iso))).") }
        for e in due { printOut("\(NorwegianText.shortDate(e.date))  \(e.title)\(e.detail.map { " – \($0)" } ?? "")") }
    }
}
