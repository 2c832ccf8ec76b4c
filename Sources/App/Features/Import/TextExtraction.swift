import Foundation
import StyrCore

/// Gets plain text out of an uploaded letter: UTF-8 text, PDF (via `pdftotext -layout` from
/// poppler-utils) or DOCX (via `unzip`, reading word/document.xml).
enum TextExtraction {
    enum Format: String { case text, pdf, docx }

    static let maxBytes = 20 * 1024 * 1024

    static func detect(_ data: Data, filename: String) -> Format {
        if data.starts(with: Array("%PDF".utf8)) { return .pdf }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || filename.lowercased().hasSuffix(".docx") { return .docx }
        return .text
    }

    /// The text, plus a warning when the encoding had to be guessed.
    static func extract(_ data: Data, filename: String) throws -> (text: String, warnings: [String]) {
        guard !data.isEmpty else { throw ImportError(line: nil, "Filen er tom.") }
        guard data.count <= maxBytes else { throw ImportError(line: nil, "Filen er større enn 20 MB.") }
        switch detect(data, filename: filename) {
        case .pdf: return (try run(["pdftotext", "-layout", "-enc", "UTF-8"], input: data, suffix: ".pdf", outputFile: true), [])
        case .docx: return (try docxText(data), [])
        case .text:
            if let s = String(data: data, encoding: .utf8) { return (s, []) }
            if let s = decodeText(data) { return (s, ["Filen er ikke UTF-8; lest som UTF-16 eller Windows-1252."]) }
            throw ImportError(line: nil, "Filen er verken UTF-8-tekst, PDF eller DOCX.")
        }
    }

    /// Text files: UTF-8; UTF-16 with its byte-order mark (Excel's «Unicode-tekst»); else
    /// Windows-1252 (ISO-8859-1 with – ’ € …, what Excel and older systems on Norwegian Windows
    /// write). Nil for a file that is not text (NUL bytes) or that mixes encodings (UTF-8 «ø» beside
    /// single Windows bytes, which would be stored as «Ã¸»).
    static func decodeText(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        if data.contains(0) { return nil }
        if let s = String(data: data, encoding: .utf8) { return s }
        let bytes = [UInt8](data)
        let utf8Pairs = zip(bytes, bytes.dropFirst()).contains { a, b in (a == 0xC3 || a == 0xC2) && (0x80...0xBF).contains(b) }
        if utf8Pairs { return nil }
        return String(data: data, encoding: .windowsCP1252) ?? String(data: data, encoding: .isoLatin1)
    }

    /// Why `decodeText` gave nothing, for the user.
    static let notText =
        "Filen er ikke tekst i UTF-8, UTF-16 eller Windows-1252, eller den blander tegnkodinger: lagre den som CSV (UTF-8) og prøv igjen."

    /// The most an archive may unpack to (`STYR_MAX_UNZIPPED_MB`, default 50 MB): a zip bomb stops
    /// at this, read from the archive's directory before anything is unpacked and enforced again on
    /// the stream (the directory can lie).
    static var maxUnzippedBytes: Int {
        (ProcessInfo.processInfo.environment["STYR_MAX_UNZIPPED_MB"].flatMap(Int.init) ?? 50) * 1024 * 1024
    }

    static func tooLarge(_ limit: Int) -> ImportError {
        ImportError(line: nil, "Arkivet pakkes ut til mer enn \(limit / (1024 * 1024)) MB og leses ikke (zip-bombe eller skadet fil?).")
    }

    /// The uncompressed sizes the archive's directory declares (`unzip -l`), summed.
    static func declaredSize(listing: String) -> Int {
        var total = 0
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // Entry lines: "  <size>  <date> <time>   <name>"; the total line has "files"/"file" last.
            guard fields.count >= 4, let size = Int(fields[0]), fields[1].contains("-") || fields[1].contains("/") else { continue }
            total += size
        }
        return total
    }

    static func docxText(_ data: Data) throws -> String {
        let limit = maxUnzippedBytes
        let listing = try run(["unzip", "-l"], input: data, suffix: ".docx", outputFile: false)
        guard declaredSize(listing: listing) <= limit else { throw tooLarge(limit) }
        // Unpacked through `head -c`: the stream stops one byte after the limit whatever the directory said.
        let xml = try run(
            ["sh", "-c", "unzip -p \"$1\" word/document.xml | head -c \(limit + 1)", "sh"], input: data, suffix: ".docx", outputFile: false)
        guard xml.utf8.count <= limit else { throw tooLarge(limit) }
        guard xml.contains("<w:document") else { throw ImportError(line: nil, "DOCX-filen mangler word/document.xml (skadet fil?).") }
        var s = xml.replacingOccurrences(of: "</w:p>", with: "\n").replacingOccurrences(of: "<w:tab/>", with: "\t")
            .replacingOccurrences(of: "<w:br/>", with: "\n")
        s = s.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        return s.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
                of: "&apos;", with: "'")
    }

    /// Writes `input` to a temporary file, runs the tool on it and returns its output.
    static func run(_ command: [String], input: Data, suffix: String, outputFile: Bool, trailing: [String] = []) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("input" + suffix)
        let outURL = dir.appendingPathComponent("output.txt")
        try input.write(to: inURL)
        let result: ExternalTool.Output
        do { result = try ExternalTool.run(command + [inURL.path] + trailing + (outputFile ? [outURL.path] : [])) } catch {
            throw ImportError(line: nil, "Fant ikke verktøyet \(command[0]); kjør scripts/setup.sh (poppler-utils, unzip).")
        }
        guard result.status == 0 else {
            let msg = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ImportError(
                line: nil, "Kunne ikke lese filen (\(command[0])): \(msg.isEmpty ? "skadet eller ukjent format" : String(msg.prefix(200)))")
        }
        if outputFile { return try String(contentsOf: outURL, encoding: .utf8) }
        return String(decoding: result.stdout, as: UTF8.self)
    }
}
