import Foundation
import StyrCore
import Testing

@testable import App

/// The real letters converted by LibreOffice to PDF and DOCX must read as the text does.
@Suite(.serialized) struct ImportFormatTests {
    static func convert(_ name: String, to format: String) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-fmt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("\(name).txt")
        try DemoCommand.letter(name).write(to: src, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "soffice", "--headless", "-env:UserInstallation=file://\(dir.path)/lo", "--convert-to", format, "--outdir", dir.path, src.path,
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return try Data(contentsOf: dir.appendingPathComponent("\(name).\(format)"))
    }

    static func summary(_ d: SteeringDocument) -> [String] {
        [
            "\(d.kind) \(d.year ?? 0) \(d.number ?? 0)",
            d.assignments.map { "\($0.id):" + $0.deadlines.compactMap(\.date).joined(separator: ",") }.joined(separator: " "),
            d.budget.map { "\($0.chapter):\($0.totalNOK)" }.joined(separator: " "),
            d.budgetChanges.map { "\($0.chapter)/\($0.post):\($0.deltaNOK)" }.joined(separator: " "),
            d.renumberings.map { "\($0.from)>\($0.to)" }.joined(separator: " "),
        ]
    }

    @Test(arguments: ["tillegg-4-2020", "tildelingsbrev-2021"])
    func pdfRoundTrip(name: String) throws {
        let original = try LetterParser().parse(try DemoCommand.letter(name)).document
        let pdf = try Self.convert(name, to: "pdf")
        #expect(TextExtraction.detect(pdf, filename: "x.pdf") == .pdf)
        let (text, _) = try TextExtraction.extract(pdf, filename: "\(name).pdf")
        let fromPDF = try LetterParser().parse(text).document
        let a = Self.summary(original)
        let b = Self.summary(fromPDF)
        #expect(a[0] == b[0])
        #expect(a[1] == b[1])
        #expect(a[3] == b[3])
        #expect(a[4] == b[4])
        #expect(fromPDF.goals.count == original.goals.count)
    }

    @Test func docxRoundTrip() throws {
        let original = try LetterParser().parse(try DemoCommand.letter("tillegg-4-2020")).document
        let docx = try Self.convert("tillegg-4-2020", to: "docx")
        let (text, _) = try TextExtraction.extract(docx, filename: "tillegg.docx")
        #expect(Self.summary(try LetterParser().parse(text).document) == Self.summary(original))
    }

    @Test func brokenFilesGiveClearErrors() {
        #expect(throws: ImportError.self) { try TextExtraction.extract(Data(), filename: "tom.txt") }
        #expect(throws: ImportError.self) { try TextExtraction.extract(Data("%PDF-1.4 ødelagt".utf8), filename: "x.pdf") }
        #expect(throws: ImportError.self) { try TextExtraction.extract(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), filename: "x.docx") }
        let latin1 = "Tillegg nr. 1 til tildelingsbrev 2021 - æøå".data(using: .isoLatin1)!
        let r = try? TextExtraction.extract(latin1, filename: "x.txt")
        #expect(r?.text.contains("æøå") == true && r?.warnings.isEmpty == false)
    }

    /// Files from spreadsheets and accounting systems: the encodings Excel writes are read, text in
    /// two encodings or with NUL bytes is refused instead of stored garbled.
    @Test func textEncodingsAreReadOrRefused() {
        let line = "aar;linje\n2021;Husleie – kontor’s Lønn\n"
        #expect(TextExtraction.decodeText(Data(line.utf8)) == line)
        let cp1252 = Data([0x48, 0x96, 0x92, 0xF8])  // H – ’ ø in Windows-1252
        #expect(TextExtraction.decodeText(cp1252) == "H–’ø")
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(line.data(using: .utf16LittleEndian)!)
        #expect(TextExtraction.decodeText(utf16)?.hasSuffix("Lønn\n") == true)
        var mixed = Data("Lønn;".utf8)
        mixed.append(0xE6)  // a lone Latin-1 «æ» after UTF-8 «ø»
        #expect(TextExtraction.decodeText(mixed) == nil)
        #expect(TextExtraction.decodeText(Data([0x4C, 0x00, 0x6E])) == nil)
    }
}
