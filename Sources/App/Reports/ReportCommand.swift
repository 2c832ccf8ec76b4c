import StyrCore
import Vapor

/// `styr report …`: reports written from the steering model and the registers.
struct ReportCommand: AsyncCommandGroup {
    var help: String { "Rapporter: resultatkrav." }
    var commands: [String: any AnyAsyncCommand] { ["resultatkrav": ResultsReportCommand()] }
}

/// `styr report resultatkrav --year Y [--json]`: the results table of the annual report.
struct ResultsReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year", help: "Rapportåret")
        var year: Int?
        @Flag(name: "json", help: "Skriv radene som JSON")
        var json: Bool
    }

    var help: String { "Resultatkrav i tildelingsbrevet: resultat for året og de tre foregående, krav og kommentar." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let year = signature.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
        let table = try await ResultsService.table(year: year, app: context.application, on: context.application.db)
        if signature.json {
            printOut(try prettyJSON(table.rows))
            return
        }
        printOut("Resultatkrav \(year) (\(table.basis))")
        printOut((["Id", "Krav"] + table.years.map { "Resultat \($0)" } + ["Kommentar"]).joined(separator: "\t"))
        for r in table.rows {
            let cells = table.years.map { y in (r.results[String(y)] ?? nil).map { ResultsTable.format($0, unit: r.unit) } ?? "–" }
            printOut(([r.id, r.targetText] + cells + [r.comment]).joined(separator: "\t"))
        }
    }
}
