import Foundation
import StyrCore
import Vapor

/// `styr history import|query`: published statistics from before the registers.
struct HistoryCommand: AsyncCommandGroup {
    var help: String { "Publisert statistikk (historikk): import og oppslag." }
    var commands: [String: any AnyAsyncCommand] { ["import": HistoryImportCommand(), "query": HistoryQueryCommand()] }
}

/// `styr history import FILE [--format imdi|ssb-jsonstat|ssb-csv|long] [--dry-run] [--json]`.
struct HistoryImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Nedlastet statistikkfil")
        var file: String
        @Option(name: "format", help: "imdi, ssb-jsonstat, ssb-csv eller long (ellers gjenkjent)")
        var format: String?
        @Flag(name: "dry-run", help: "Les filen uten å lagre")
        var dryRun: Bool
        @Flag(name: "json", help: "Skriv sammendraget som JSON")
        var json: Bool
    }

    var help: String { "Importerer publisert statistikk (IMDis «Alle kommuner»-filer, SSB JSON-stat/CSV, lang CSV)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let text = try readTextFile(signature.file)
        let name = URL(fileURLWithPath: signature.file).lastPathComponent
        let result = try await HistoryStore.importFile(
            text, name: name, format: signature.format, dryRun: signature.dryRun, actor: "styr history import",
            geography: context.application.geography, on: context.application.db)
        for w in result.warnings { printErr("  ! \(w)") }
        printErr(result.summary)
        guard let saved = result.saved else { return }
        if let d = saved.replaced {
            printErr("Erstattet forrige versjon: \(d.changed.count) endret, \(d.added) nye, \(d.removed) borte.")
            for c in d.changed.prefix(50) { printErr("  ~ \(c)") }
        }
        if signature.json { printOut(try prettyJSON(saved)) }
    }
}

/// `styr history query --measure M --year Y --unit land|fylke|kommune [--json]`.
struct HistoryQueryCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "measure", help: "anmodning, vedtak, bosatt, municipalities_settled, utnyttelse eller et annet importert mål")
        var measure: String?
        @Option(name: "year", help: "År")
        var year: Int?
        @Option(name: "unit", help: "land, fylke eller kommune")
        var unit: String?
        @Flag(name: "json", help: "Skriv JSON")
        var json: Bool
    }

    var help: String { "Slår opp importert statistikk for et mål, et år og et nivå." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let measure = signature.measure, !measure.isEmpty else {
            throw UserError(.badRequest, "Mangler --measure.", field: "measure")
        }
        guard let year = signature.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
        guard let level = HistoryLevel(rawValue: signature.unit ?? "kommune"), level != .unknown else {
            throw UserError(.badRequest, "--unit må være land, fylke eller kommune.", field: "unit")
        }
        let figures = try await HistoryStore.active(year: year, on: context.application.db)
        let rows = HistoryQuery.rows(figures, measure: measure, year: year, level: level, geography: context.application.geography)
        if signature.json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            printOut(String(decoding: try enc.encode(rows), as: UTF8.self))
            return
        }
        for r in rows {
            printOut(
                "\(r.code)\t\(r.name)\t\(r.value.map { IndicatorFormat.decimal($0, $0 == $0.rounded() ? 0 : 1) } ?? "–")\t\(r.status)\t\(r.source)"
            )
        }
        if rows.isEmpty { printErr("Ingen importerte tall for \(measure) \(year) (\(level.rawValue)).") }
    }
}
