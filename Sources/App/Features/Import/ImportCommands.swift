import Foundation
import StyrCore
import Vapor

/// `styr import FILE [--dry-run] [--json] [--draft]`: reads a letter or supplement (text, PDF,
/// DOCX, or a JSON export) and stores it, published unless --draft.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Fil å importere (.txt, .pdf, .docx eller .json)")
        var file: String
        @Flag(name: "dry-run", help: "Les og vis, men lagre ingenting")
        var dryRun: Bool
        @Flag(name: "json", help: "Skriv det tolkede dokumentet som JSON på stdout")
        var json: Bool
        @Flag(name: "draft", help: "Lagre som utkast i stedet for publisert")
        var draft: Bool
    }

    var help: String { "Importerer tildelingsbrev, tillegg eller instruks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let url = URL(fileURLWithPath: signature.file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ImportError(line: nil, "Fant ikke filen \(signature.file).")
        }
        printErr("Leser \(url.lastPathComponent) …")
        let parsed: ParsedDocument
        var sourceText: String?
        if url.pathExtension.lowercased() == "json" {
            do {
                parsed = ParsedDocument(document: try JSONDecoder().decode(SteeringDocument.self, from: data), warnings: [])
            } catch let e as DecodingError {
                throw ImportError(line: nil, "Ugyldig JSON: \(StyrErrorMiddleware.describe(e)).")
            }
        } else {
            let (text, notes) = try TextExtraction.extract(data, filename: url.lastPathComponent)
            notes.forEach { printErr("Merk: \($0)") }
            parsed = try LetterParser().parse(text)
            sourceText = text
        }
        printErr("Fant: \(parsed.summary)")
        if parsed.warnings.isEmpty {
            printErr("Alt ble forstått.")
        } else {
            printErr("Ikke forstått / merk (\(parsed.warnings.count)):")
            parsed.warnings.forEach { printErr("  - \($0)") }
        }
        if signature.json { printOut(try prettyJSON(parsed.document)) }
        if signature.dryRun {
            printErr("--dry-run: ingenting lagret.")
            return
        }
        let model = try await SteeringStore.storeImported(
            parsed.document, sourceText: sourceText, publish: !signature.draft, actor: "styr import", on: context.application.db)
        printErr("Lagret \(model.title) (\(model.isPublished ? "publisert" : "utkast"), id \(model.id!.uuidString)).")
    }
}
