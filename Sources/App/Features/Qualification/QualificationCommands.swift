import Foundation
import StyrCore
import Vapor

/// `styr register load KIND FILE [--dry-run]`: a register extract (nir, kommuneundersokelse,
/// jobbsjansen, tilsyn, klagesaker, fagverksted, tolkehendelser, radgiversaker, kartlegging).
struct ExtractImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "kind",
            help: "nir, kommuneundersokelse, jobbsjansen, tilsyn, klagesaker, fagverksted, tolkehendelser, radgiversaker, kartlegging")
        var kind: String
        @Argument(name: "file", help: "CSV-fil (kolonnene står i README)")
        var file: String
        @Flag(name: "dry-run", help: "Kontroller filen uten å lagre")
        var dryRun: Bool
    }

    var help: String { "Importerer et registeruttrekk (et års rader erstatter det året; personregistre erstattes helt)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let kind = try ExtractKind.parse(signature.kind)
        let app = context.application
        let name = URL(fileURLWithPath: signature.file).lastPathComponent
        let s = try await QualificationStore.importFile(
            kind, text: try readTextFile(signature.file), source: name, actor: "styr register load", dryRun: signature.dryRun,
            geography: app.geography, pseudonymizer: app.pseudonymizer, on: app.db)
        printErr("\(kind.label): \(s.rows) rader \(s.dryRun ? "kontrollert (ingenting lagret)" : "lagret"); \(s.total) i registeret.")
    }
}

/// `styr register export KIND`: the stored extract as CSV on standard output.
struct ExtractExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "Registeret (se styr register load)")
        var kind: String
    }

    var help: String { "Skriver et lagret registeruttrekk som CSV." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let kind = try ExtractKind.parse(signature.kind)
        let app = context.application
        // Only this register is read (not NIR as well when exporting, say, the survey).
        let registers = try await QualificationStore.load([kind], into: QualificationRegisters(), geography: app.geography, on: app.db)
        FileHandle.standardOutput.write(Data(registers.csv(kind).utf8))
    }
}

extension ExtractKind {
    static func parse(_ raw: String) throws -> ExtractKind {
        guard let k = ExtractKind(rawValue: raw.lowercased()) else {
            throw UserError(
                .badRequest, "Ukjent register «\(raw)»: bruk \(ExtractKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                field: "kind")
        }
        return k
    }
}
