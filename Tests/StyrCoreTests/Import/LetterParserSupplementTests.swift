import Foundation
import Testing

@testable import StyrCore

@Suite struct LetterParserSupplementTests {
    let parsed: ParsedDocument
    var doc: SteeringDocument { parsed.document }

    init() throws {
        parsed = try LetterParser().parse(try Fixtures.text("tillegg-4-2020.txt"))
    }

    @Test func header() {
        #expect(doc.kind == .tillegg)
        #expect(doc.number == 4)
        #expect(doc.year == 2020)
        #expect(doc.date == nil)
        #expect(doc.signatories.map(\.name) == ["Toril Melander Stene (e.f.)", "Erffan Parandian"])
        #expect(doc.copyTo == ["Riksrevisjonen"])
    }

    @Test func renumberingAndAssignments() throws {
        #expect(doc.renumberings == [Renumbering(from: "2020-012", to: "2020-016")])
        #expect(doc.assignments.map(\.id) == ["2020-017", "2020-018", "2020-019", "2020-020", "2020-021", "2020-022"])
        #expect(doc.assignments[0].title == "Innføringen av ny integeringslov og standardiserte elementer – utvikling av støttemateriale")
        #expect(doc.assignments[0].deadlines.isEmpty)
        #expect(doc.assignments[0].financing.first.map { ($0.chapter, $0.post, $0.amountNOK) } ?? (nil, nil, nil) == (291, 21, 1_000_000))
        let a21 = doc.assignments[4]
        #expect(a21.deadlines.map(\.date) == ["2020-06-24", "2020-08-01", "2020-10-31"])
        #expect(a21.financing.map(\.amountNOK) == [250_000_000, 161_000_000])
        #expect(doc.assignments[5].deadlines.first?.text == "Innen 31.12.2020")
    }

    @Test func budgetChangesAreDeltas() {
        let deltas = doc.budgetChanges.map { "\($0.chapter)/\($0.post):\($0.deltaNOK)" }
        #expect(
            deltas == [
                "290/1:2400000", "291/60:-70900000", "291/61:-22800000", "291/62:-2400000", "291/71:10000000",
                "291/60:250000000", "291/62:25000000", "291/71:10000000", "292/60:161000000", "291/45:9000000",
            ])
        #expect(doc.budgetChanges[0].legalSource == "RNB 2020")
        #expect(doc.budgetChanges[5].legalSource == "Prop. 127 S (2019 – 2020)")
        // The text puts post 45 under kap. 290; the table says 291/45, and the parser says so.
        #expect(parsed.warnings.contains { $0.message.contains("post 45") })
    }

    @Test func resultingAmountsAreStored() throws {
        let amounts = doc.budget.flatMap { c in c.posts.map { "\(c.chapter)/\($0.post):\($0.amountNOK ?? -1)" } }
        #expect(
            amounts == [
                "290/1:291156000", "291/45:69544000", "291/60:7724723000", "291/61:1691303000",
                "291/62:227971000", "291/71:145443000", "292/60:1334273000",
            ])
        #expect(doc.budget[1].posts.first { $0.post == 61 }?.flags == [.overslagsbevilgning])
        #expect(doc.budget[2].posts[0].flags.isEmpty)
    }
}
