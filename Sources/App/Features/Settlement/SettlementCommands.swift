import Foundation
import StyrCore
import Vapor

/// `styr register import FILE [--skip-invalid] [--dry-run]`: the settlement register's person file.
struct RegisterCommand: AsyncCommandGroup {
    var help: String { "Registrene: import av personfiler." }
    var commands: [String: any AnyAsyncCommand] {
        [
            "import": RegisterImportCommand(), "requests": RequestsImportCommand(), "interpreters": InterpreterImportCommand(),
            "load": ExtractImportCommand(), "export": ExtractExportCommand(), "retention": InterviewRetentionCommand(),
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
