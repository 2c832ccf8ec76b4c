import Foundation
import StyrCore
import Vapor

/// `styr import FILE [--dry-run] [--json] [--draft]`: reads a letter or supplement (text,
/// Markdown, PDF, DOCX, or a JSON export) and stores it, published unless --draft.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Fil å importere (.txt, .md, .pdf, .docx eller .json)")
        var file: String
        @Flag(name: "dry-run", help: "Les og vis, men lagre ingenting")
        var dryRun: Bool
        @Flag(name: "json", help: "Skriv det tolkede dokumentet og leserapporten som JSON på stdout")
        var json: Bool
        @Flag(name: "draft", help: "Lagre som utkast i stedet for publisert")
        var draft: Bool
    }

    var help: String { "Importerer tildelingsbrev, tillegg, oppdragsdokument eller instruks." }

    /// Reads a file's bytes: a JSON export (this command's own JSON or an older one) or a letter
    /// as text, Markdown, PDF or DOCX. Returns the parse, the letter's text and notes on the file.
    static func read(_ data: Data, filename: String) throws -> (parsed: ParsedDocument, sourceText: String?, notes: [String]) {
        if (filename as NSString).pathExtension.lowercased() == "json" {
            do {
                return (ParsedDocument(document: try ImportContract.document(from: data), warnings: []), nil, [])
            } catch let e as DecodingError {
                throw ImportError(line: nil, "Ugyldig JSON: \(ErrorPages.describe(e)).")
            } catch let e as ImportError {
                throw e
            } catch {
                throw ImportError(line: nil, "Ugyldig JSON: \(error.localizedDescription)")
            }
        }
        let (text, notes) = try TextExtraction.extract(data, filename: filename)
        return (try LetterParser().parse(text), text, notes)
    }

    /// The lines written to stderr about what was read, ending with the reading report.
    static func report(_ parsed: ParsedDocument) -> [String] {
        var out = ["Fant: \(parsed.summary)"]
        if !parsed.warnings.isEmpty {
            out.append("Merk (\(parsed.warnings.count)):")
            out += parsed.warnings.map { "  - \($0)" }
        }
        if !parsed.reading.notUnderstood.isEmpty {
            out.append("Ikke forstått (\(parsed.reading.notUnderstood.count)):")
            out += parsed.reading.notUnderstood.map { "  - linje \($0.line): \($0.reason): \($0.text.prefix(120))" }
        }
        out.append(parsed.reading.summary)
        return out
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let url = URL(fileURLWithPath: signature.file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ImportError(line: nil, "Fant ikke filen \(signature.file).")
        }
        printErr("Leser \(url.lastPathComponent) …")
        let (parsed, sourceText, notes) = try Self.read(data, filename: url.lastPathComponent)
        notes.forEach { printErr("Merk: \($0)") }
        Self.report(parsed).forEach { printErr($0) }
        if signature.json { printOut(try prettyJSON(ImportContract(parsed))) }
        if signature.dryRun {
            printErr("--dry-run: ingenting lagret.")
            return
        }
        let model = try await SteeringStore.storeImported(
            parsed.document, sourceText: sourceText, publish: !signature.draft, actor: "styr import", on: context.application.db)
        printErr("Lagret \(model.title) (\(model.isPublished ? "publisert" : "utkast"), id \(model.id!.uuidString)).")
    }
}
