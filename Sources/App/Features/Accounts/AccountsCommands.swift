import Foundation
import StyrCore
import Vapor

/// `styr accounts import|show`: the ledger from the accounting system.
struct AccountsCommand: AsyncCommandGroup {
    var help: String { "Regnskap: import av hovedbokuttrekk og bevilgningsoppstilling." }
    var commands: [String: any AnyAsyncCommand] { ["import": AccountsImportCommand(), "show": AccountsShowCommand()] }
}

/// `styr accounts import FILE [--dry-run] [--json]`.
struct AccountsImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV: aar;maaned;kapittel;post;belop[;art;tekst], eller artskonto: aar;note;gruppe;linje;belop")
        var file: String
        @Flag(name: "dry-run", help: "Kontroller filen uten å lagre")
        var dryRun: Bool
        @Flag(name: "json", help: "Skriv sammendraget som JSON")
        var json: Bool
    }

    var help: String {
        "Importerer regnskapsrader per kapittel/post/måned (rader for samme år og art erstattes), eller artskontolinjene til årsregnskapets noter (årene i filen erstattes)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let text = try readTextFile(signature.file)
        let name = URL(fileURLWithPath: signature.file).lastPathComponent
        let r = try await AccountsStore.importFile(
            text, source: name, actor: "styr accounts import", dryRun: signature.dryRun, on: context.application.db)
        printErr("\(signature.dryRun ? "Kontrollert" : "Lagret") \(r.rows) rader fra \(name) (\(r.replaced.joined(separator: ", "))).")
        if signature.json { printOut(try prettyJSON(r)) }
    }
}

/// `--year Y [--through M] [--json]`, shared by the accounts commands.
struct YearMonthSignature: CommandSignature {
    @Option(name: "year", help: "Budsjettåret")
    var year: Int?
    @Option(name: "through", help: "Per utgangen av måned 1–12 (6 = halvårsrapporten)")
    var through: Int?
    @Flag(name: "json", help: "Skriv JSON")
    var json: Bool
    init() {}
}

/// `styr accounts show --year Y [--through M] [--json]`: the appropriation statement.
struct AccountsShowCommand: AsyncCommand {
    typealias Signature = YearMonthSignature

    var help: String { "Bevilgningsoppstilling: samlet tildeling, regnskap, prognose og mulig overføring per post." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let (year, through) = try yearAndMonth(signature.year, signature.through)
        let s = try await AccountsStore.evaluate(year: year, through: through, app: context.application, on: context.application.db)
            .statement
        if signature.json {
            printOut(try prettyJSON(s))
            return
        }
        printOut("Bevilgningsoppstilling \(year), bokført t.o.m. måned \(s.bookedThroughMonth)")
        printOut(["Post", "Samlet tildeling", "Regnskap", "Merutgift(-)/mindreutgift", "Prognose årsslutt"].joined(separator: "\t"))
        for p in s.expenses {
            printOut(
                [p.key, Money.kroner(p.total), Money.kroner(p.actual), Money.kroner(p.difference), Money.kroner(p.projected)].joined(
                    separator: "\t"))
        }
        for i in s.income { printOut([i.key, "", Money.kroner(i.actual), "", Money.kroner(i.projected)].joined(separator: "\t")) }
    }
}

/// `styr fullmakter --year Y [--through M] [--json]`: every authorization of the year's letter with its status.
struct FullmakterCommand: AsyncCommand {
    typealias Signature = YearMonthSignature

    var help: String { "Fullmaktene i tildelingsbrevet vurdert mot regnskapet: ok, warning eller breached med tallene bak." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let (year, through) = try yearAndMonth(signature.year, signature.through)
        let checks = try await AccountsStore.evaluate(year: year, through: through, app: context.application, on: context.application.db)
            .checks
        if signature.json {
            printOut(try prettyJSON(checks))
            return
        }
        for c in checks {
            printOut("[\(c.status.rawValue)] \(c.title)")
            for f in c.figures { printOut("    \(f.post) \(f.status.rawValue): \(f.message)") }
            if c.figures.isEmpty { printOut("    \(c.message)") }
        }
    }
}

/// Checks `--year` (required) and `--through` (1–12).
func yearAndMonth(_ year: Int?, _ through: Int?) throws -> (Int, Int?) {
    guard let year, (1990...2100).contains(year) else { throw UserError(.badRequest, "Mangler eller ugyldig --year.", field: "year") }
    if let through, !(1...12).contains(through) { throw UserError(.badRequest, "--through må være 1–12.", field: "through") }
    return (year, through)
}
