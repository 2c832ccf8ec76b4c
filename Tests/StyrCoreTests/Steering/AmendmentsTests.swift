import Testing

@testable import StyrCore

@Suite struct AmendmentsTests {
    static let letterRef = DocumentRef(id: "L", name: "Tildelingsbrev 2021", kind: .tildelingsbrev, date: "2021-01-06", number: nil)
    static func letter() -> SteeringDocument {
        SteeringDocument(
            kind: .tildelingsbrev, year: 2021, date: "2021-01-06",
            assignments: [
                Assignment(id: "2021-01", title: "A", deadlines: [Deadline(date: "2021-08-20", text: "20. august 2021", kind: .date)]),
                Assignment(id: "2021-02", title: "B"),
            ],
            budget: [
                BudgetChapter(
                    chapter: 291, name: "Bosetting", posts: [BudgetPost(post: 60, name: "Integreringstilskudd", amountNOK: 1_000_000)])
            ])
    }

    static func supplement(_ n: Int, date: String, changes: (inout SteeringDocument) -> Void) -> (DocumentRef, SteeringDocument) {
        var d = SteeringDocument(kind: .tillegg, year: 2021, date: date, number: n)
        changes(&d)
        return (DocumentRef(id: "T\(n)", name: "Tillegg nr. \(n)", kind: .tillegg, date: date, number: n), d)
    }

    @Test func supplementsApplyInDateOrderAndAsOf() throws {
        let t1 = Self.supplement(1, date: "2021-03-15") { d in
            d.budgetChanges = [BudgetChange(chapter: 291, post: 60, deltaNOK: 250_000)]
            d.assignments = [Assignment(id: "2021-19", title: "Nytt")]
        }
        let t2 = Self.supplement(2, date: "2021-05-15") { d in
            d.renumberings = [Renumbering(from: "2021-02", to: "2021-20")]
            d.deadlineChanges = [
                DeadlineChange(assignmentId: "2021-01", deadline: Deadline(date: "2021-10-01", text: "1. oktober 2021", kind: .date))
            ]
            d.budgetChanges = [BudgetChange(chapter: 291, post: 60, deltaNOK: -50_000)]
        }
        let docs = [t2, (Self.letterRef, Self.letter()), t1]  // any input order
        let all = Amendments.compose(year: 2021, documents: docs)
        #expect(all.letter.budget[0].posts[0].amountNOK == 1_200_000)
        #expect(all.letter.assignments.map(\.id) == ["2021-01", "2021-20", "2021-19"])
        #expect(all.letter.assignments[0].deadlines.map(\.date) == ["2021-10-01"])
        #expect(all.aliases["2021-02"] == "2021-20")
        let h = all.history(forPost: 291, 60)
        #expect(h.map(\.to) == ["1 000 000", "1 250 000", "1 200 000"])
        #expect(h.map(\.document.id) == ["L", "T1", "T2"])
        #expect(all.history(forAssignment: "2021-20").contains { $0.itemKind == .renumbering && $0.from == "2021-02" })
        #expect(all.history(forAssignment: "2021-01").contains { $0.itemKind == .deadline && $0.from == "20. august 2021" })

        let april = Amendments.compose(year: 2021, documents: docs, asOf: "2021-04-01")
        #expect(april.letter.budget[0].posts[0].amountNOK == 1_250_000)
        #expect(april.letter.assignments.map(\.id) == ["2021-01", "2021-02", "2021-19"])
        let january = Amendments.compose(year: 2021, documents: docs, asOf: "2021-01-10")
        #expect(january.letter.assignments.count == 2)
    }

    @Test func supplementWithoutItsLetterKeepsDeltasAndResultingAmounts() throws {
        let text = try Fixtures.text("tillegg-4-2020.txt")
        let t4 = try LetterParser().parse(text).document
        let ref = DocumentRef(id: "T4", name: "Tillegg nr. 4", kind: .tillegg, date: nil, number: 4)
        let y = Amendments.compose(year: 2020, documents: [(ref, t4)])
        let p60 = try #require(y.letter.budget.first { $0.chapter == 291 }?.posts.first { $0.post == 60 })
        #expect(p60.amountNOK == 7_724_723_000)
        let hist = y.history(forPost: 291, 60)
        #expect(hist.filter { $0.field.hasPrefix("endring") }.count == 2)
        #expect(hist.allSatisfy { $0.field.hasPrefix("endring") ? $0.from == nil : true })
        #expect(y.letter.budgetChanges.count == 10)
        #expect(y.aliases["2020-012"] == "2020-016")
    }
}

@Suite struct RulesTests {
    @Test func statusRules() throws {
        let today = try #require(CivilDate(iso: "2021-09-01"))
        let past = [Deadline(date: "2021-08-20", text: "20. august 2021", kind: .date)]
        let future = [Deadline(date: "2021-12-31", text: "31. desember 2021", kind: .date)]
        #expect(StatusRules.effectiveStatus(notes: [], deadlines: future, today: today) == .ikkeStartet)
        #expect(StatusRules.effectiveStatus(notes: [], deadlines: past, today: today) == .forsinket)
        let delivered = StatusNote(assignmentId: "x", status: .levert, note: "", date: "2021-08-19", author: "d")
        #expect(StatusRules.effectiveStatus(notes: [delivered], deadlines: past, today: today) == .levert)
        let ongoing = StatusNote(assignmentId: "x", status: .pagar, note: "", date: "2021-06-01", author: "d")
        #expect(StatusRules.effectiveStatus(notes: [ongoing], deadlines: future, today: today) == .pagar)
        #expect(StatusRules.validate(status: "tull", note: "", date: "2021-01-01").keys.sorted() == ["status"])
        #expect(
            StatusRules.validate(status: "levert", note: "", date: "01.01.2021", evidence: "Brev til KD 01.01.2021").keys.sorted() == [
                "date"
            ])
        // Delivered is closed by evidence, not by the flag alone.
        #expect(StatusRules.validate(status: "levert", note: "", date: "2021-01-01").keys.sorted() == ["evidence"])
        #expect(StatusRules.validate(status: "pågår", note: "", date: "2021-01-01").isEmpty)
    }

    @Test func draftChangesNameTheirFields() {
        if case .failure(let e) = DraftChanges.validate(
            DraftChange(type: "budget", fields: ["chapter": "x", "post": "60", "delta": ""]), year: 2021)
        {
            #expect(e.fields.keys.sorted() == ["chapter", "delta"])
        } else {
            Issue.record("expected failure")
        }
        let ok = DraftChanges.validate(
            DraftChange(type: "budget", fields: ["chapter": "291", "post": "60", "delta": "-2,4 mill"]), year: 2021)
        #expect(ok == .success(.budget(BudgetChange(chapter: 291, post: 60, deltaNOK: -2_400_000))))
        let renum = DraftChanges.validate(DraftChange(type: "renumbering", fields: ["from": "2020 – 012", "to": "2020-16"]), year: 2020)
        #expect(renum == .success(.renumbering(Renumbering(from: "2020-012", to: "2020-16"))))
    }
}
