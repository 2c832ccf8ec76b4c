import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// `styr register interpreters FILE [--dry-run]`.
struct InterpreterImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV: tolk_id;kjonn;sprak;kategori;registrert[;statsautorisert;avregistrert]")
        var file: String
        @Flag(name: "dry-run", help: "Kontroller filen uten å lagre")
        var dryRun: Bool
    }

    var help: String { "Importerer uttrekket fra Nasjonalt tolkeregister (erstatter forrige uttrekk)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let name = URL(fileURLWithPath: signature.file).lastPathComponent
        let n = try await InterpretersStore.importFile(
            try readTextFile(signature.file), source: name, actor: "styr register interpreters", dryRun: signature.dryRun,
            on: context.application.db)
        printErr("\(signature.dryRun ? "Kontrollert" : "Lagret") \(n) rader fra \(name).")
    }
}
