import Foundation
import StyrCore
import Vapor

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
