import Foundation
import Testing

@testable import StyrCore

@Suite struct ReadingReportTests {
    @Test(arguments: ["tildelingsbrev-2021.txt", "tillegg-4-2020.txt", "instruks.txt"])
    func seedsReadCompletely(name: String) throws {
        let parsed = try LetterParser().parse(try Fixtures.text(name))
        let r = parsed.reading
        for l in r.notUnderstood { print("\(name):\(l.line): \(l.reason) | \(l.text.prefix(100))") }
        #expect(r.notUnderstood.isEmpty)
        #expect(r.everythingUnderstood)
        #expect(r.coverage == 1)
        #expect(r.lines > 100)
    }
}

@Suite struct ImpossibleDateTests {
    let parsed: ParsedDocument
    init() throws { parsed = try LetterParser().parse(try FixtureLetters.text("umulig-dato-2021.txt")) }

    @Test func impossibleDatesAreWarningsAndListed() {
        let r = parsed.reading
        let warned = r.warnings.filter { $0.message.hasPrefix("Umulig dato") }
        #expect(warned.map(\.line) == [24, 28])
        #expect(warned.map(\.message) == ["Umulig dato «31.06.2021».", "Umulig dato «31. februar 2021»."])
        #expect(parsed.warnings.contains { $0.line == 24 && $0.message.contains("31.06.2021") })
        #expect(r.notUnderstood.map(\.line).contains(24))
        #expect(r.notUnderstood.map(\.line).contains(28))
        #expect(!r.everythingUnderstood)
        #expect(r.coverage < 1)
    }

    @Test func impossibleDatesAreNeverInvented() {
        let a = parsed.document.assignments
        #expect(a.map(\.id) == ["2021-01", "2021-02"])
        #expect(a.flatMap(\.deadlines).compactMap(\.date).isEmpty)
    }

    @Test func deadlineInProseThatIsNotPlacedIsListed() throws {
        // "innen 15. oktober 2021" stands in the introduction's prose, not in any assignment.
        let l = try #require(parsed.reading.notUnderstood.first { $0.line == 16 })
        #expect(l.reason.contains("frist 2021-10-15"))
        #expect(l.text.hasPrefix("IMDi skal også levere"))
    }

    @Test func coverageIsTheShareOfLinesAccountedFor() {
        let r = parsed.reading
        let expected = Double(r.lines - r.notUnderstood.count) / Double(r.lines)
        #expect(abs(r.coverage - expected) < 0.0001)
        #expect(r.lines == 26)
    }

    @Test func reportEncodesAsTheContract() throws {
        let data = try JSONEncoder().encode(parsed.reading)
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(obj["coverage"] is Double)
        let listed = try #require(obj["notUnderstood"] as? [[String: Any]])
        #expect(listed.first?["line"] as? Int == 16)
        #expect(listed.first?["text"] as? String == "IMDi skal også levere en oversikt over ventetid i mottak innen 15. oktober 2021.")
        let warnings = try #require(obj["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["line"] as? Int == 28 })
    }
}
