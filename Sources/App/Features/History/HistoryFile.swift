import Foundation
import StyrCore

/// A downloaded statistics file as text: CSV and JSON as they come (any of the encodings
/// `HistoryText` reads), `.xlsx` through its first sheet. The archive is unpacked with `unzip`
/// (installed by scripts/setup.sh, as for DOCX letters) under the same size guard: the declared
/// sizes first, then the stream cut one byte after the limit.
enum HistoryFile {
    static func isXLSX(_ data: Data, name: String) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || name.lowercased().hasSuffix(".xlsx")
    }

    static func text(_ data: Data, name: String) throws -> String {
        guard isXLSX(data, name: name) else { return HistoryText.decode(data) }
        do {
            return try xlsxText(data)
        } catch let e as ImportError {
            throw UserError(.unprocessableEntity, "\(name): \(e.message)", field: "file")
        } catch let e as XLSXSheet.ReadError {
            throw UserError(.unprocessableEntity, "\(name): \(e.description)", field: "file")
        }
    }

    static func xlsxText(_ data: Data) throws -> String {
        let limit = TextExtraction.maxUnzippedBytes
        let listing = try TextExtraction.run(["unzip", "-l"], input: data, suffix: ".xlsx", outputFile: false)
        guard TextExtraction.declaredSize(listing: listing) <= limit else { throw TextExtraction.tooLarge(limit) }
        let names = Set(
            listing.split(separator: "\n").compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) })
        guard names.contains("xl/workbook.xml") else {
            throw ImportError(line: nil, "Filen er ikke et Excel-regneark (.xlsx): xl/workbook.xml mangler.")
        }
        func part(_ path: String) throws -> Data? {
            guard names.contains(path) else { return nil }
            // Unpacked through `head -c`: the stream stops one byte after the limit whatever the directory said.
            let xml = try TextExtraction.run(
                ["sh", "-c", "unzip -p \"$1\" '\(path)' | head -c \(limit + 1)", "sh"], input: data, suffix: ".xlsx", outputFile: false)
            guard xml.utf8.count <= limit else { throw TextExtraction.tooLarge(limit) }
            return Data(xml.utf8)
        }
        let path = XLSXSheet.firstSheetPath(workbook: try part("xl/workbook.xml"), rels: try part("xl/_rels/workbook.xml.rels"))
        guard let sheet = try part(path) else { throw ImportError(line: nil, "Regnearket mangler sitt første ark (\(path)).") }
        let shared = try part("xl/sharedStrings.xml").map(XLSXSheet.sharedStrings) ?? []
        return try XLSXSheet.text(sheet: sheet, sharedStrings: shared)
    }
}
