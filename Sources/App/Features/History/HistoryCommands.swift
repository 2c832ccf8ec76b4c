import Foundation
import StyrCore
import Vapor

/// `styr history import|query`: published statistics from before the registers.
struct HistoryCommand: AsyncCommandGroup {
    var help: String { "Publisert statistikk (historikk): import og oppslag." }
    var commands: [String: any AnyAsyncCommand] {
        ["import": HistoryImportCommand(), "query": HistoryQueryCommand(), "measures": HistoryMeasuresCommand()]
    }
}

/// `styr history import FILE [--db PATH] [--format imdi|imdi-download|imdi-indikator|ssb-jsonstat|ssb-csv|long]
/// [--skip-invalid] [--dry-run] [--json]`: files as downloaded (ISO-8859-1 or UTF-8 with BOM).
struct HistoryImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Nedlastet statistikkfil")
        var file: String
        @Option(name: "format", help: "imdi, imdi-download, imdi-indikator, ssb-jsonstat, ssb-csv eller long (ellers gjenkjent)")
        var format: String?
        @Flag(name: "skip-invalid", help: "Importer de gyldige linjene og list hver linje som hoppes over")
        var skipInvalid: Bool
        @Flag(name: "dry-run", help: "Les filen uten å lagre")
        var dryRun: Bool
        @Flag(name: "json", help: "Skriv sammendraget som JSON")
        var json: Bool
    }

    var help: String { "Importerer publisert statistikk (IMDis «Alle kommuner»-filer, SSB JSON-stat/CSV, lang CSV)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: signature.file)) } catch {
            throw UserError(.badRequest, "Kan ikke lese \(signature.file).", field: "file")
        }
        let name = URL(fileURLWithPath: signature.file).lastPathComponent
        let result = try await HistoryStore.importFile(
            try HistoryFile.text(data, name: name), name: name, format: signature.format, dryRun: signature.dryRun,
            skipInvalid: signature.skipInvalid,
            actor: "styr history import", geography: context.application.geography, on: context.application.db)
        for w in result.warnings { printErr("  ! \(w)") }
        for s in result.skipped { printErr("  - hoppet over: \(s)") }
        printErr(result.summary)
        guard let saved = result.saved else {
            if signature.json { printOut(try prettyJSON(result)) }
            return
        }
        if let d = saved.replaced {
            printErr("Erstattet forrige versjon: \(d.changed.count) endret, \(d.added) nye, \(d.removed) borte.")
            for c in d.changed.prefix(50) { printErr("  ~ \(c)") }
        }
        if signature.json { printOut(try prettyJSON(saved)) }
    }
}

/// `styr history measures [--db PATH] --json`: the imported measures, `[{id, label, unit, years}]`.
struct HistoryMeasuresCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Skriv JSON")
        var json: Bool
    }

    var help: String { "Lister de importerte målene med etikett, enhet og år." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let measures = try await HistoryStore.measures(on: context.application.db)
        if signature.json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            printOut(String(decoding: try enc.encode(measures), as: UTF8.self))
            return
        }
        for m in measures {
            printOut("\(m.id)\t\(m.label)\t\(m.unit)\t\(m.years.map(String.init).joined(separator: ","))")
        }
        if measures.isEmpty { printErr("Ingen importerte mål.") }
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
