import Foundation
import StyrCore
import Testing

@testable import App

/// `styr import FILE --dry-run --json`: Markdown accepted, the contract's keys in the JSON.
@Suite struct ImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StyrCoreTests/Import/Fixtures")

    static func fixture(_ name: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(name)) }

    @Test func markdownIsAccepted() throws {
        let (parsed, source, _) = try ImportCommand.read(try Self.fixture("tildelingsbrev-2021.md"), filename: "tildelingsbrev-2021.md")
        #expect(parsed.kind == .tildelingsbrev)
        #expect(parsed.document.assignments.count == 18)
        #expect(source?.contains("\n# Tildelingsbrev til Integrerings") == true)
        #expect(ImportCommand.report(parsed).last?.hasPrefix("Alt ble forstått") == true)
    }

    @Test func jsonHasTheContractKeys() throws {
        let (parsed, _, _) = try ImportCommand.read(try Self.fixture("hod-supplerende-nr-3-2026.txt"), filename: "hod.txt")
        let json = try prettyJSON(ImportContract(parsed))
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(o["kind"] as? String == "tillegg")
        #expect(o["number"] as? Int == 3)
        #expect((o["issuer"] as? [String: Any])?["short"] as? String == "HOD")
        #expect(o["recipients"] as? [String] == ["Statens helsetilsyn"])
        #expect((o["budgetChanges"] as? [Any])?.count == 2)
        #expect((o["reading"] as? [String: Any])?["coverage"] as? Double == 1)
        // The JSON reads back through the same command.
        let (back, source, _) = try ImportCommand.read(Data(json.utf8), filename: "hod.json")
        #expect(back.document == parsed.document)
        #expect(source == nil)
    }

    @Test func notUnderstoodLinesAreReported() throws {
        let (parsed, _, _) = try ImportCommand.read(try Self.fixture("umulig-dato-2021.txt"), filename: "brev.txt")
        let lines = ImportCommand.report(parsed)
        #expect(lines.contains { $0.hasPrefix("Ikke forstått") })
        #expect(lines.contains { $0.contains("linje 24") && $0.contains("31.06.2021") })
        #expect(lines.last?.hasPrefix("Alt ble forstått") == false)
    }
}

@Suite struct ImportPreviewReadingTests {
    @Test func previewListsLinesNotUnderstood() throws {
        let text = String(decoding: try ImportCommandTests.fixture("umulig-dato-2021.txt"), as: UTF8.self)
        let lines = ImportRoutes.readingLines(try LetterParser().parse(text).reading)
        #expect(lines.first?.hasPrefix("linje 16: ikke forstått") == true)
        #expect(lines.last?.contains("ble ikke forstått") == true)
        let seed = try LetterParser().parse(try DemoCommand.letter("tildelingsbrev-2021"))
        #expect(ImportRoutes.readingLines(seed.reading).isEmpty)
    }
}
