import Foundation
import StyrCore
import Vapor

/// `styr bench import [--iterations N] [--file F]`: times the importer on the full 2021 letter
/// against a baseline measured in the same run (only splitting the text into clean lines), and
/// the full import into a database. The last line is one JSON object.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "import")
        var what: String
        @Option(name: "iterations", help: "Antall gjentakelser (standard 200)")
        var iterations: Int?
        @Option(name: "file", help: "Brev å lese (standard: tildelingsbrevet for 2021)")
        var file: String?
        @Option(name: "persons", help: "Antall personer i registeret (stats, standard 300000)")
        var persons: Int?
        @Option(name: "seed", help: "Frø (stats, match)")
        var seed: Int?
        @Option(name: "municipalities", help: "Antall kommuner (match, standard 357)")
        var municipalities: Int?
        @Option(name: "limit", help: "Tidsgrense for OR-Tools i sekunder (match, standard 60)")
        var limit: Int?
        @Flag(name: "dynamic", help: "match: et år uke for uke, politikkene mot fasit i ettertid")
        var dynamic: Bool
        @Option(name: "duration", help: "Sekunder per måling (http, standard 60)")
        var duration: Int?
        @Option(name: "seconds", help: "Det samme som --duration")
        var seconds: Int?
        @Option(name: "connections", help: "Samtidige klienter (http, standard 50)")
        var connections: Int?
        @Option(name: "clients", help: "Det samme som --connections")
        var clients: Int?
        @Flag(name: "identity", help: "http: nettleserne ber ikke om gzip (til sammenligning)")
        var identity: Bool
        @Option(name: "pages", help: "Høyst så mange sider per rolle (pages, standard 5000)")
        var pages: Int?
    }

    var help: String { "Måler ytelse (release-bygg: scripts/bench.sh)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.what {
        case "import": try await importBench(context.application, signature)
        case "stats": try await StatsBench.run(context.application, persons: signature.persons ?? 300_000, seed: signature.seed ?? 1)
        case "match" where signature.dynamic:
            try DynamicBench.run(
                context.application, persons: signature.persons ?? 15_000, municipalities: signature.municipalities ?? 357,
                seed: signature.seed ?? 1)
        case "match":
            try await MatchBench.run(
                context.application, persons: signature.persons ?? 15_000, municipalities: signature.municipalities ?? 357,
                seed: signature.seed ?? 1, limit: signature.limit ?? 60)
        case "history": try historyBench(context.application, rows: signature.persons ?? 74_000)
        case "http":
            try await HTTPBench.run(
                context.application, seconds: signature.seconds ?? signature.duration ?? 60,
                connections: signature.clients ?? signature.connections ?? 50, persons: signature.persons,
                browsersAcceptGzip: !signature.identity)
        case "pages": try await PagesBench.run(context.application, limit: signature.pages ?? 5000)
        default:
            throw UserError(
                .badRequest, "Ukjent benchmark «\(signature.what)»; tilgjengelig: import, stats, match, history, http, pages.",
                field: "what")
        }
    }

    struct ImportResult: Encodable {
        let iterations: Int
        let parse_ms: Double
        let parse_p90_ms: Double
        let store_ms: Double
        let baseline_ms: Double
        let ratio: Double
        let goal_ms: Double
        /// Every letter read (the seeds, or `--file`), each against its own baseline in the same run.
        let letters: [LetterTiming]
        let max_parse_ms: Double
    }

    /// One letter: median ms to read and report it, and to split it into lines (the baseline).
    struct LetterTiming: Encodable {
        let letter: String
        let chars: Int
        let parse_ms: Double
        let baseline_ms: Double
        let ratio: Double
    }

    /// Times each letter: the importer (read, model, reading report) against splitting its text
    /// into clean lines, measured in the same run so the ratio does not depend on the machine's load.
    static func letterTimings(_ letters: [(String, String)], iterations n: Int) throws -> [LetterTiming] {
        let parser = LetterParser()
        var sink = 0
        let out = try letters.map { name, text in
            _ = try parser.parse(text)  // warm-up
            let baseline = Self.measure(n) { sink &+= SourceText.lines(text).count }
            let parse = try Self.measure(n) { sink &+= try parser.parse(text).reading.lines }
            let p = parse[parse.count / 2]
            let b = baseline[baseline.count / 2]
            return LetterTiming(letter: name, chars: text.count, parse_ms: p, baseline_ms: b, ratio: p / max(b, 0.000_1))
        }
        if sink == 42 { printErr("") }
        return out
    }

    static func measure(_ n: Int, _ body: () throws -> Void) rethrows -> [Double] {
        let clock = ContinuousClock()
        var out: [Double] = []
        for _ in 0..<n {
            let d = try clock.measure(body)
            out.append(d.seconds * 1000)
        }
        return out.sorted()
    }

    func importBench(_ app: Application, _ s: Signature) async throws {
        let n = max(5, s.iterations ?? 200)
        let text = try s.file.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? DemoCommand.letter("tildelingsbrev-2021")
        let parser = LetterParser()
        _ = try parser.parse(text)  // warm-up
        var sink = 0
        let baseline = Self.measure(n) { sink &+= SourceText.lines(text).count }
        let parse = try Self.measure(n) { sink &+= try parser.parse(text).document.assignments.count }
        // Parse + store in one transaction (and remove it again), on the configured database.
        let clock = ContinuousClock()
        var store: [Double] = []
        for _ in 0..<max(3, n / 10) {
            let d = try await clock.measure {
                let parsed = try parser.parse(text)
                // A marker line keeps the stored copy from being refused as a second import of a
                // letter the database already holds (the demo and `bench pages` hold the 2021 letter).
                let model = try await SteeringStore.storeImported(
                    parsed.document, sourceText: text + "\n\nbench \(UUID())", publish: false, actor: "bench", on: app.db)
                try await model.delete(on: app.db)
            }
            store.append(d.seconds * 1000)
        }
        store.sort()
        func median(_ a: [Double]) -> Double { a[a.count / 2] }
        let letters =
            try s.file.map { [(($0 as NSString).lastPathComponent, text)] }
            ?? ["tildelingsbrev-2021", "tillegg-4-2020", "instruks"].map { ($0, try DemoCommand.letter($0)) }
        let timings = try Self.letterTimings(letters, iterations: max(5, n / 4))
        let result = ImportResult(
            iterations: n, parse_ms: median(parse), parse_p90_ms: parse[Int(Double(parse.count) * 0.9)],
            store_ms: median(store), baseline_ms: median(baseline), ratio: median(parse) / median(baseline), goal_ms: 50,
            letters: timings, max_parse_ms: timings.map(\.parse_ms).max() ?? 0)
        printErr("Tildelingsbrev (\(text.count) tegn), \(n) gjentakelser, median:")
        printErr(String(format: "  les og tolk:          %8.2f ms (p90 %.2f ms)  mål < 50 ms", result.parse_ms, result.parse_p90_ms))
        printErr(String(format: "  tolk og lagre (DB):   %8.2f ms", result.store_ms))
        printErr(String(format: "  grunnlinje (linjer):  %8.3f ms  → forhold %.1f×", result.baseline_ms, result.ratio))
        printErr("Per brev (median, mål < 50 ms):")
        for t in timings {
            printErr(
                String(
                    format: "  %-28@ %8.2f ms  (grunnlinje %.3f ms → forhold %.0f×)", t.letter as NSString, t.parse_ms, t.baseline_ms,
                    t.ratio))
        }
        if sink == 42 { printErr("") }
        try printJSONLine(result)
    }

    /// `styr bench history [--persons ROWS]`: imports a generated long file of published figures
    /// (74 000 rows by default, numbers of every year from 1995; goal under 2 s in release) against
    /// two baselines measured in the same run: splitting the same file into lines and fields
    /// (`ratio`), and a tenth of the file (`linear_ratio` near 1 means the import grows linearly).
    func historyBench(_ app: Application, rows: Int) throws {
        let tenth = max(rows / 10, 1)
        _ = try HistoryBenchmark.run(rows: tenth, geography: app.geography)  // warm-up
        let small = try (0..<3).map { _ in try HistoryBenchmark.run(rows: tenth, geography: app.geography).seconds }.min()!
        let full = try (0..<3).map { _ in try HistoryBenchmark.run(rows: rows, geography: app.geography).seconds }.min()!
        let split = (0..<3).map { _ in HistoryBenchmark.splitBaseline(rows: rows, geography: app.geography) }.min()!
        struct Out: Encodable {
            let bench = "history"
            let rows: Int
            let history_ms: Double
            let baseline_split_ms: Double
            let ratio: Double
            let baseline_tenth_ms: Double
            let linear_ratio: Double
            let goal_ms = 2000.0
        }
        let out = Out(
            rows: rows, history_ms: (full * 1000).rounded(), baseline_split_ms: (split * 10_000).rounded() / 10,
            ratio: (full / split * 10).rounded() / 10, baseline_tenth_ms: (small * 1000).rounded(),
            linear_ratio: ((full / (small * Double(rows) / Double(tenth))) * 100).rounded() / 100)
        printErr("Historikk: import av \(rows) rader (lang nedlasting)")
        printErr(String(format: "  import:                %8.0f ms  mål < 2000 ms", out.history_ms))
        printErr(String(format: "  grunnlinje (splitting): %8.1f ms  → forhold %.1f×", out.baseline_split_ms, out.ratio))
        printErr(String(format: "  en tiendel:             %8.0f ms  → linearitet %.2f", out.baseline_tenth_ms, out.linear_ratio))
        try printJSONLine(out)
    }
}
