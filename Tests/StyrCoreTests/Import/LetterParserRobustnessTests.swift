import Foundation
import Testing

@testable import StyrCore

/// The parser reads the structure, not one file's layout: variants must parse the same.
@Suite struct LetterParserRobustnessTests {
    static func fingerprint(_ d: SteeringDocument) -> [String] {
        [
            "\(d.kind) \(d.year ?? 0) \(d.number ?? 0) \(d.date ?? "-")",
            d.goals.map { "\($0.number):" + $0.steeringParameters.map(\.number).joined(separator: ",") }.joined(separator: " "),
            d.assignments.map { "\($0.id)[" + $0.deadlines.map { $0.date ?? $0.kind.rawValue }.joined(separator: ",") + "]" }.joined(
                separator: " "),
            d.budget.map { "\($0.chapter):\($0.totalNOK)" }.joined(separator: " "),
            d.budgetChanges.map { "\($0.chapter)/\($0.post):\($0.deltaNOK)" }.joined(separator: " "),
            d.renumberings.map { "\($0.from)>\($0.to)" }.joined(separator: " "),
            d.carriedOverAssignments.map(\.id).joined(separator: " "),
        ]
    }

    @Test(arguments: ["tildelingsbrev-2021.txt", "tillegg-4-2020.txt"])
    func crlfAndTrailingSpaces(name: String) throws {
        let text = try Fixtures.text(name)
        let variant = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "  " }.joined(separator: "\r\n")
        let a = try LetterParser().parse(text).document
        let b = try LetterParser().parse(variant).document
        #expect(Self.fingerprint(a) == Self.fingerprint(b))
    }

    @Test(arguments: ["tildelingsbrev-2021.txt", "tillegg-4-2020.txt"])
    func pageNumbersAndFormFeedsAreIgnored(name: String) throws {
        let text = try Fixtures.text(name)
        var lines = text.components(separatedBy: "\n")
        var i = 40
        var page = 2
        while i < lines.count {
            lines.insert(contentsOf: ["\u{000C}", "   \(page)   ", ""], at: i)
            i += 60
            page += 1
        }
        let a = try LetterParser().parse(text).document
        let b = try LetterParser().parse(lines.joined(separator: "\n")).document
        #expect(Self.fingerprint(a) == Self.fingerprint(b))
    }

    @Test func supplementRewrappedNarrowerStillParses() throws {
        // Re-wrap every long prose line of the supplement at 60 columns, as a narrower PDF would.
        let text = try Fixtures.text("tillegg-4-2020.txt")
        var out: [String] = []
        for line in text.components(separatedBy: "\n") {
            guard line.count > 60, !line.trimmingCharacters(in: .whitespaces).hasPrefix("Oppdrag nr") else { out.append(line); continue }
            var current = ""
            for word in line.split(separator: " ") {
                if current.count + word.count > 60 { out.append(current); current = "" }
                current += (current.isEmpty ? "" : " ") + word
            }
            out.append(current)
        }
        let a = try LetterParser().parse(text).document
        let b = try LetterParser().parse(out.joined(separator: "\n")).document
        #expect(Self.fingerprint(a) == Self.fingerprint(b))
    }

    @Test func headingsInCapitalsOrNot() throws {
        let text = try Fixtures.text("tildelingsbrev-2021.txt")
            .replacingOccurrences(of: "MÅL ", with: "Mål ").replacingOccurrences(of: "STYRINGSPARAMETER", with: "Styringsparameter")
        let a = try LetterParser().parse(try Fixtures.text("tildelingsbrev-2021.txt")).document
        let b = try LetterParser().parse(text).document
        #expect(Self.fingerprint(a) == Self.fingerprint(b))
    }

    @Test func unknownTextIsAClearErrorWithLine() {
        #expect(throws: ImportError.self) { try LetterParser().parse("") }
        do {
            _ = try LetterParser().parse("\n\nHandleliste\nMelk\nBrød\n")
            Issue.record("expected an error")
        } catch let e as ImportError {
            #expect(e.line == 3)
            #expect(e.message.contains("dokumenttypen"))
        } catch { Issue.record("wrong error \(error)") }
    }

    @Test func letterWithoutContentIsAnError() {
        #expect(throws: ImportError.self) { try LetterParser().parse("Tildelingsbrev til IMDi for 2023\n\nIngenting her.\n") }
    }

    @Test func minimalUnseenSupplement() throws {
        let text = """
            Tillegg nr. 2 til tildelingsbrev 2023 for Integrerings- og mangfoldsdirektoratet
            14.03.2023

            Oppdrag nr. 2023 - 7 Kartlegging av tolkebruk
            Bakgrunn
            Departementet trenger oversikt.
            Beskrivelse av oppdraget
            IMDi skal kartlegge bruken av tolk i kommunene.
            Frist: 1. oktober 2023

            5. Tildeling av midler
            Kap. 671 Bosetting av flyktninger og tiltak for innvandrere
            Post 21 Spesielle driftsutgifter, kan overføres
            Bevilgningen økes med 1,5 mill. kroner til kartleggingen.
            """
        let d = try LetterParser().parse(text).document
        #expect(d.kind == .tillegg && d.number == 2 && d.year == 2023 && d.date == "2023-03-14")
        #expect(d.assignments.map(\.id) == ["2023-07"])
        #expect(d.assignments[0].deadlines.first?.date == "2023-10-01")
        #expect(
            d.budgetChanges == [
                BudgetChange(
                    chapter: 671, post: 21, deltaNOK: 1_500_000, reason: "Bevilgningen økes med 1,5 mill. kroner til kartleggingen.",
                    legalSource: nil)
            ])
    }
}

/// «Ansvarlig …:» inside an assignment names the responsible unit, in the layouts letters use.
@Suite struct ResponsibleUnitTests {
    @Test(arguments: [
        ("Ansvarlig avdeling i KD:\tIntegrerings- og mangfoldsavdelingen", "Integrerings- og mangfoldsavdelingen"),
        ("Ansvarlig: Seksjon for bosetting.", "Seksjon for bosetting"),
        ("- Ansvarlig enhet: Avdeling for kvalifisering", "Avdeling for kvalifisering"),
    ])
    func theUnitIsReadAndTheLineCounted(line: String, unit: String) throws {
        let text = try Fixtures.text("tildelingsbrev-2021.txt")
        var lines = text.components(separatedBy: "\n")
        let frist = try #require(lines.firstIndex { $0.hasPrefix("Frist:\t20. august 2021") })
        lines.insert(line, at: frist + 1)
        let plain = try LetterParser().parse(text)
        let parsed = try LetterParser().parse(lines.joined(separator: "\n"))
        let a = try #require(parsed.document.assignments.first { $0.id == "2021-01" })
        #expect(a.responsible == unit)
        #expect(a.deadlines == plain.document.assignments.first { $0.id == "2021-01" }?.deadlines)
        #expect(LetterParserRobustnessTests.fingerprint(parsed.document) == LetterParserRobustnessTests.fingerprint(plain.document))
        #expect(parsed.reading.notUnderstood.count == plain.reading.notUnderstood.count)
        #expect(parsed.document.assignments.filter { $0.responsible != nil }.count == 1)
    }
}
