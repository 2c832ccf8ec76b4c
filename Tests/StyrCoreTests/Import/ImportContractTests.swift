import Foundation
import Testing

@testable import StyrCore

/// The JSON of `styr import --dry-run --json`: old keys kept, contract keys added.
@Suite struct ImportContractTests {
    static func json(_ parsed: ParsedDocument) throws -> [String: Any] {
        let data = try JSONEncoder().encode(ImportContract(parsed))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func supplementFromAnotherMinistry() throws {
        let p = try LetterParser().parse(try FixtureLetters.text("hod-supplerende-nr-3-2026.txt"))
        let o = try Self.json(p)
        #expect(o["kind"] as? String == "tillegg")
        #expect(o["year"] as? Int == 2026)
        #expect(o["number"] as? Int == 3)
        #expect(o["date"] as? String == "2026-03-12")
        let issuer = try #require(o["issuer"] as? [String: Any])
        #expect(issuer["name"] as? String == "Helse- og omsorgsdepartementet")
        #expect(issuer["short"] as? String == "HOD")
        #expect(o["recipients"] as? [String] == ["Statens helsetilsyn"])
        let ids = (o["assignments"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["TB2026-63", "TB2026-67", "2026-01"])
        let changes = try #require(o["budgetChanges"] as? [[String: Any]])
        #expect(changes.map { "\($0["chapter"]!)/\($0["post"]!):\($0["deltaNOK"]!)" } == ["721/1:4500000", "721/21:-2000000"])
        let reading = try #require(o["reading"] as? [String: Any])
        #expect(reading["coverage"] as? Double == 1)
        #expect((reading["notUnderstood"] as? [Any])?.isEmpty == true)
        // Keys of the document stay.
        for key in ["title", "goals", "budget", "renumberings", "signatories", "meetings"] { #expect(o[key] != nil) }
    }

    @Test func oppdragsdokumentKeepsItsKindInTheContract() throws {
        let text = """
            Helse- og omsorgsdepartementet

            Oppdragsdokument 2026 – Helse Vest RHF

            1. Oppdrag

            Oppdrag nr. 2026-01 Ventetider
            Beskrivelse av oppdraget Helse Vest RHF skal redusere ventetidene.
            Frist: 31.12.2026
            """
        let p = try LetterParser().parse(text)
        #expect(p.document.kind == .tildelingsbrev)
        let o = try Self.json(p)
        #expect(o["kind"] as? String == "oppdragsdokument")
        #expect(o["recipients"] as? [String] == ["Helse Vest RHF"])
        // And the contract reads back as a document (the JSON import).
        let back = try ImportContract.document(from: try JSONEncoder().encode(ImportContract(p)))
        #expect(back == p.document)
    }

    @Test func olderExportsStillRead() throws {
        let p = try LetterParser().parse(try Fixtures.text("tillegg-4-2020.txt"))
        let old = try JSONEncoder().encode(p.document)
        #expect(try ImportContract.document(from: old) == p.document)
    }
}
