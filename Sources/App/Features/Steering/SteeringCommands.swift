import StyrCore
import Vapor

/// `styr export --year Y [--as-of DATE]`: the year's letter as amended, as JSON on stdout.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year", help: "Budsjettår")
        var year: Int?
        @Option(name: "as-of", help: "Som endret per dato (ÅÅÅÅ-MM-DD)")
        var asOf: String?
    }

    var help: String { "Skriver årets tildelingsbrev med alle tillegg som JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let year = signature.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
        if let a = signature.asOf, CivilDate(iso: a) == nil { throw UserError(.badRequest, "--as-of må være ÅÅÅÅ-MM-DD.", field: "as-of") }
        guard let view = try await SteeringStore.amendedYear(year, asOf: signature.asOf, on: context.application.db) else {
            throw UserError(.notFound, "Ingen publiserte styringsdokumenter for \(year).")
        }
        printOut(try prettyJSON(view.letter))
    }
}
