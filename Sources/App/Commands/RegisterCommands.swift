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

/// `styr indicators --year Y [--unit national|fylke:NN|kommune:NNNN] [--half] --json`
struct IndicatorsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year", help: "År")
        var year: Int?
        @Option(name: "unit", help: "national, fylke:NN eller kommune:NNNN")
        var unit: String?
        @Flag(name: "half", help: "Første halvår (per 30.06)")
        var half: Bool
        @Flag(name: "json", help: "Skriv som JSON")
        var json: Bool
    }

    var help: String { "Viser alle indikatorer for et år, beregnet fra registrene." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let year = signature.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
        let unit = try StatUnitParser.parse(signature.unit ?? "national")
        let register = try await SettlementStore.load(on: context.application.db)
        let values = SettlementIndicators.compute(register, year: year, period: signature.half ? .half : .year, unit: unit)
        if signature.json {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            printOut(String(decoding: try enc.encode(values), as: UTF8.self))
            return
        }
        for d in SettlementIndicators.catalogue {
            let v = values[d.id] ?? nil
            printOut(
                "\(d.name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(v.map { IndicatorFormat.value($0, unit: d.unit) } ?? "–")")
        }
    }
}

/// `styr stats hovedtall|table …`
struct StatsCommand: AsyncCommandGroup {
    var help: String { "Statistikk fra registrene: hovedtall og tabellene i statistikkvedlegget." }
    var commands: [String: any AnyAsyncCommand] { ["hovedtall": HovedtallCommand(), "table": StatsTableCommand()] }
}

/// `styr stats hovedtall --year Y --json`
struct HovedtallCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "year", help: "År")
        var year: Int?
        @Flag(name: "json", help: "Skriv som JSON")
        var json: Bool
    }

    var help: String { "Hovedtall (årsrapportens del II): bosetting, opplæring, introduksjonsprogram og tolker." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let year = signature.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
        let data = try await KeyFiguresService.json(year: year, app: context.application, on: context.application.db)
        printOut(String(decoding: data, as: UTF8.self))
    }
}

/// Parses "national", "fylke:03", "kommune:0301".
enum StatUnitParser {
    static func parse(_ raw: String) throws -> StatUnit {
        let parts = raw.split(separator: ":").map(String.init)
        switch parts.first {
        case "national", "land": return .national
        case "fylke" where parts.count == 2 && parts[1].count == 2: return .county(parts[1])
        case "kommune" where parts.count == 2 && parts[1].count == 4: return .municipality(parts[1])
        default: throw UserError(.badRequest, "Ukjent enhet «\(raw)»: bruk national, fylke:NN eller kommune:NNNN.", field: "unit")
        }
    }
}

/// `styr stats table NO --year Y [--half] [--unit national|fylke|kommune …] [--public] --format html|csv|jsonstat`
struct StatsTableCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "number", help: "Tabellnummer i statistikkvedlegget (1A … 32, den andre 5 som 5b)")
        var number: String
        @Option(name: "year", help: "År")
        var year: Int?
        @Flag(name: "half", help: "Halvårsversjonen (per 30.06)")
        var half: Bool
        @Option(name: "unit", help: "national (standard), fylke:NN eller kommune:NNNN")
        var unit: String?
        @Flag(name: "public", help: "Med skjuling av små tall (publiseringsversjonen)")
        var publicVersion: Bool
        @Option(name: "format", help: "html, csv eller jsonstat (standard csv)")
        var format: String?
        @Option(name: "threshold", help: "Skjul tall fra 1 til denne grensen (standard 4)")
        var threshold: Int?
    }

    var help: String { "Skriver én tabell fra statistikkvedlegget." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let year = signature.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
        let format = signature.format ?? "csv"
        guard ["html", "csv", "jsonstat"].contains(format) else {
            throw UserError(.badRequest, "--format må være html, csv eller jsonstat.", field: "format")
        }
        let app = context.application
        let unitText = signature.unit ?? "national"
        let unit = try StatUnitParser.parse(
            unitText.contains(":") || unitText == "national" || unitText == "land" ? unitText : unitText + ":")
        let register = try await SettlementStore.load(on: app.db)
        let sources = StatisticsService.Sources(
            settlement: register, cube: { SettlementCube(register, years: (year - 5)...year) },
            registers: { try await QualificationStore.load(geography: app.geography, on: app.db) })
        let table = try await StatisticsService.table(
            signature.number, sources: sources, year: year, half: signature.half, unit: unit, publicVersion: signature.publicVersion,
            threshold: signature.threshold ?? 4, geography: app.geography)
        switch format {
        case "jsonstat": printOut(String(decoding: try StatRendering.jsonStat(table, updated: StatisticsService.updated()), as: UTF8.self))
        case "html": printOut(StatisticsService.standaloneHTML(table))
        default: FileHandle.standardOutput.write(Data(StatRendering.csv(table).utf8))
        }
    }
}

/// `styr register import FILE [--skip-invalid] [--dry-run]`: the settlement register's person file.
struct RegisterCommand: AsyncCommandGroup {
    var help: String { "Registrene: import av personfiler." }
    var commands: [String: any AnyAsyncCommand] {
        [
            "import": RegisterImportCommand(), "requests": RequestsImportCommand(), "interpreters": InterpreterImportCommand(),
            "load": ExtractImportCommand(), "export": ExtractExportCommand(),
        ]
    }
}

struct RegisterImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV-fil med personer (se README for kolonnene)")
        var file: String
        @Flag(name: "skip-invalid", help: "Hopp over ugyldige rader og lagre resten")
        var skipInvalid: Bool
        @Flag(name: "dry-run", help: "Kontroller filen uten å lagre")
        var dryRun: Bool
    }

    var help: String { "Importerer personer til bosettingsregisteret." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let text = try readTextFile(signature.file)
        do {
            let s = try await SettlementImport.run(
                text, skipInvalid: signature.skipInvalid, dryRun: signature.dryRun, actor: "styr register import", app: context.application,
                db: context.application.db)
            for e in s.errors { printErr("  - \(e)") }
            printErr("\(s.total) rader: \(s.dryRun(signature.dryRun)) \(s.skipped) ugyldige hoppet over.")
        } catch let e as ImportRejected {
            for err in e.summary.errors { printErr("  - \(err)") }
            throw UserError(
                .unprocessableEntity,
                "\(e.summary.errors.count) av \(e.summary.total) rader er ugyldige; ingenting er lagret (--skip-invalid lagrer resten).")
        }
    }
}

extension SettlementImport.Summary {
    func dryRun(_ dry: Bool) -> String { dry ? "kontrollert (ingenting lagret)," : "\(imported) lagret," }
}

/// `styr register requests FILE [--dry-run]`: the yearly requests and decisions per municipality.
struct RequestsImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV-fil: aar, kommunenummer, anmodet[, anmodet_em, vedtak, vedtak_em, fylkets_anbefaling]")
        var file: String
        @Flag(name: "dry-run", help: "Kontroller filen uten å lagre")
        var dryRun: Bool
    }

    var help: String { "Importerer anmodninger og kommunenes vedtak." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let text = try readTextFile(signature.file)
        // A bad file's row errors are printed with the message (StyrMain.describe).
        let rows = try await SettlementStore.importRequests(
            text, geography: app.geography, actor: "styr register requests", dryRun: signature.dryRun, on: app.db)
        printErr("\(rows) rader \(signature.dryRun ? "kontrollert (ingenting lagret)" : "lagret").")
    }
}
