import StyrCore
import Vapor

/// `styr report …`: reports written from the steering model and the registers.
struct ReportCommand: AsyncCommandGroup {
    var help: String { "Rapporter: resultatkrav, årsrapport (annual) og halvårsrapport (half)." }
    var commands: [String: any AnyAsyncCommand] {
        [
            "resultatkrav": ResultsReportCommand(), "annual": ReportFileCommand(kind: .aar), "half": ReportFileCommand(kind: .halvaar),
            "submit": ReportSubmitCommand(),
        ]
    }
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
            let cells = table.years.map { r.text(year: $0) }
            printOut(([r.id, r.targetText] + cells + [r.comment]).joined(separator: "\t"))
        }
    }
}

/// `styr report annual|half --year Y --format html|pdf --out FILE [--base-url URL]`.
struct ReportFileCommand: AsyncCommand {
    let kind: ReportKind

    struct Signature: CommandSignature {
        @Option(name: "year", help: "Rapportåret")
        var year: Int?
        @Option(name: "format", help: "html eller pdf")
        var format: String?
        @Option(name: "out", help: "Filen som skrives")
        var out: String?
        @Option(name: "base-url", help: "Adressen til Styr som tallene lenker til (standard http://localhost:8080)")
        var baseURL: String?
    }

    var help: String { "\(kind.label) som HTML eller PDF, skrevet fra registrene, regnskapet og tekstene." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let (year, _) = try yearAndMonth(signature.year, nil)
        let format = signature.format ?? "html"
        guard ["html", "pdf"].contains(format) else { throw UserError(.badRequest, "--format må være html eller pdf.", field: "format") }
        guard let out = signature.out, !out.isEmpty else { throw UserError(.badRequest, "Mangler --out FIL.", field: "out") }
        let app = context.application
        let report = try await ReportBuilder.build(kind, year: year, app: app, on: app.db)
        let base = (signature.baseURL ?? "http://localhost:8080").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let html = try await ReportRenderer.html(
            ReportRenderer.draftView(report, base: base, web: false, canEdit: false, csrf: ""), app: app)
        let data = format == "pdf" ? try ReportRenderer.pdf(html: html) : Data(html.utf8)
        let url = URL(fileURLWithPath: out)
        let part = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).part")
        try data.write(to: part)
        guard rename(part.path, url.path) == 0 else { throw UserError(.internalServerError, "Kunne ikke skrive \(out).", field: "out") }
        let tables = report.sections.map(\.tables.count).reduce(0, +)
        let empty = report.sections.filter { $0.editable && ($0.text ?? "").isEmpty }.map(\.title)
        printErr("Skrev \(out) (\(format), \(data.count) byte): \(report.parts.count) deler, \(tables) tabeller.")
        if !empty.isEmpty { printErr("Uten tekst ennå: \(empty.joined(separator: ", ")).") }
    }
}

/// `styr report submit annual|half --year Y [--as USER]`: freezes the report as its next version.
struct ReportSubmitCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "annual eller half")
        var kind: String
        @Option(name: "year", help: "Rapportåret")
        var year: Int?
        @Option(name: "as", help: "Brukernavnet som står som innsender (standard «styr report submit»)")
        var actor: String?
    }

    var help: String { "Sender inn rapporten som ny låst versjon (innhold og HTML med SHA-256), i én transaksjon." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let kind = ReportKind(slug: signature.kind) else {
            throw UserError(.badRequest, "Ukjent rapport «\(signature.kind)»; bruk annual eller half.", field: "kind")
        }
        let (year, _) = try yearAndMonth(signature.year, nil)
        let app = context.application
        let v = try await ReportSubmission.submit(kind, year: year, actor: signature.actor ?? "styr report submit", app: app, on: app.db)
        printErr("\(kind.label) \(year) sendt inn som versjon \(v.version), SHA-256 \(v.content_hash).")
    }
}
