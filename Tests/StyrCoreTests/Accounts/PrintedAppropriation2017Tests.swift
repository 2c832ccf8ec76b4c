import Foundation
import Testing

@testable import StyrCore

/// Part VI of the annual report 2017 from the accounts the demo ships (`bevilgning-2017.csv`: the
/// year's allocation, carry-over and booked totals per post, no letter for 2017 in Styr), held
/// against the bevilgningsoppstilling, Note A and Note B as printed in the report.
@Suite struct PrintedAppropriation2017Tests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let report = root.appendingPathComponent("Reports/Fixtures/arsrapport-2017.txt")
    static let ledger = root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/App/Resources/Accounts/bevilgning-2017.csv")

    /// The printed lines of a section: from the line starting with `heading` to the next heading.
    static func printed(_ heading: String) throws -> [[String]] {
        let lines = try String(contentsOf: report, encoding: .utf8).components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix(heading) })
        let rest = lines[(start + 1)...]
        let end = rest.dropFirst().firstIndex { $0.hasPrefix("#") || $0.hasPrefix("**") } ?? lines.endIndex
        return lines[(start + 1)..<end].map { $0.components(separatedBy: "\t") }
    }

    /// "18 409 901 500" → 18409901500; "" → nil.
    static func amount(_ cell: String) -> Int? {
        let digits = cell.replacingOccurrences(of: "<b>", with: "").replacingOccurrences(of: "</b>", with: "")
            .filter { $0.isNumber || $0 == "-" }
        return digits.isEmpty ? nil : Int(digits)
    }

    /// Whether a printed row stands under «Inntektskapittel».
    static func income(of row: [String], in rows: [[String]]) -> Bool {
        guard let header = rows.firstIndex(where: { $0.first == "Inntektskapittel" }), let at = rows.firstIndex(of: row) else {
            return false
        }
        return at > header
    }

    static func statement() throws -> AppropriationStatement {
        let (rows, errors) = try LedgerCSV.parse(String(contentsOf: ledger, encoding: .utf8))
        #expect(errors.isEmpty)
        let chosen = try #require(AllocationFromAccounts.letter(stored: nil, entries: rows, year: 2017))
        #expect(chosen.source == .regnskap)
        return Appropriation.statement(year: 2017, letter: chosen.letter, entries: rows, source: chosen.source)
    }

    @Test func statementMatchesThePrintedBevilgningsoppstilling() throws {
        let s = try Self.statement()
        let rows = try Self.printed("## Oppstilling av bevilgningsrapportering")
        var expenseRows = 0
        var incomeRows = 0
        var income = false
        for cells in rows {
            if cells.first == "Inntektskapittel" { income = true }
            guard let chapter = Int(cells[0]), cells[0].count == 4, cells.count >= 6, let post = Int(cells[2]) else { continue }
            if income {
                let account = try #require(s.income.first { $0.chapter == chapter && $0.post == post }, "income \(chapter)/\(post)")
                #expect(account.actual == Self.amount(cells[5]), "income \(chapter)/\(post)")
                incomeRows += 1
                continue
            }
            let p = try #require(s.post(chapter, post), "expense \(chapter)/\(post)")
            let (total, actual, difference) = (Self.amount(cells[5]), Self.amount(cells[6]), Self.amount(cells[7]))
            #expect(p.actual == actual, "\(chapter)/\(post) regnskap")
            if let total {
                #expect(p.inLetter && p.total == total && p.difference == difference, "\(chapter)/\(post) tildeling")
                #expect(p.postName == cells[3] && p.chapterName == cells[1])
            } else {
                #expect(!p.inLetter, "\(chapter)/\(post) is booked without an allocation (charge authorization, VAT)")
            }
            expenseRows += 1
        }
        #expect(expenseRows == 15 && incomeRows == 3)
        #expect(s.expenses.count == expenseRows && s.income.count == incomeRows)
        let sums = rows.filter { $0.first?.contains("Sum utgiftsført") == true || $0.first?.contains("Sum inntektsført") == true }
        #expect(sums.count == 2)
        #expect(s.totalAllocation == Self.amount(sums[0][5]))
        #expect(s.totalIncome == Self.amount(sums[1][5]))
        // The print's «Sum utgiftsført» (18 330 028 506) is one krone under the sum of its own printed
        // lines (the accounting system adds øre and rounds once). Styr's sum is the sum of the lines it
        // shows, so it is the printed lines' sum, and the net one krone over the printed net.
        let printedLines = rows.filter { $0[0].count == 4 && Int($0[0]) != nil && !Self.income(of: $0, in: rows) }
            .compactMap { Self.amount($0[6]) }.reduce(0, +)
        #expect(printedLines == 18_330_028_507 && Self.amount(sums[0][6]) == 18_330_028_506)
        #expect(s.totalActual == printedLines)
        #expect(s.netReported == printedLines - 30_348_474)
    }

    @Test func noteAMatchesThePrint() throws {
        let s = try Self.statement()
        var seen = 0
        for cells in try Self.printed("## Note A") {
            let ref = cells[0].split(separator: " ").compactMap { Int($0) }
            guard ref.count == 2, cells.count == 4 else { continue }
            let p = try #require(s.post(ref[0], ref[1]))
            #expect(p.carriedOver == (Self.amount(cells[1]) ?? 0), "\(cells[0]) overført")
            #expect(p.allocation == Self.amount(cells[2]) && p.total == Self.amount(cells[3]), "\(cells[0])")
            seen += 1
        }
        #expect(seen == 13 && s.expenses.filter(\.inLetter).count == 13)
    }

    @Test func noteBMatchesThePrint() throws {
        let s = try Self.statement()
        let computed = Dictionary(uniqueKeysWithValues: s.carryOver.map { (PostRef($0.chapter, $0.post), $0) })
        var seen = 0
        for cells in try Self.printed("**Note B") {
            let ref = cells[0].split(separator: " ").compactMap { Int($0) }
            guard ref.count == 2, cells.count >= 11 else { continue }
            guard let row = computed[PostRef(ref[0], ref[1])] else {
                // 540/25: the charge authorization received, printed with zeros; it has no allocation.
                #expect(Self.amount(cells[2]) == 0 && cells[0] == "540 25")
                continue
            }
            #expect(row.flag == cells[1].trimmingCharacters(in: .whitespaces), "\(cells[0]) stikkord")
            #expect(row.difference == Self.amount(cells[2]), "\(cells[0]) merutgift/mindreutgift")
            #expect(row.extraIncome == (Self.amount(cells[5]) ?? 0), "\(cells[0]) merinntekter")
            if cells[8] == "ikke aktuell" {
                #expect(row.basis == nil && row.possible == nil)
            } else {
                #expect(row.basis == Self.amount(cells[8]), "\(cells[0]) grunnlag")
                #expect(row.maximum == Self.amount(cells[9]), "\(cells[0]) maks (blank for «kan overføres» without last year's letter)")
                #expect(row.possible == Self.amount(cells[10]), "\(cells[0]) mulig overførbart")
            }
            seen += 1
        }
        #expect(seen == 7 && s.carryOver.count == 7)
    }

    @Test func aStoredLetterWinsOverTheAccountsAllocation() throws {
        let (rows, _) = try LedgerCSV.parse(String(contentsOf: Self.ledger, encoding: .utf8))
        let stored = AccountsTests.letter2017
        let chosen = try #require(AllocationFromAccounts.letter(stored: stored, entries: rows, year: 2017))
        #expect(chosen.source == .tildelingsbrev && chosen.letter == stored)
        #expect(AllocationFromAccounts.letter(stored: nil, entries: rows, year: 2018) == nil, "no rows for 2018")
        let empty = SteeringDocument(kind: .tildelingsbrev, year: 2017)
        #expect(AllocationFromAccounts.letter(stored: empty, entries: rows, year: 2017)?.source == .regnskap)
    }

    @Test func namesAndStikkordFromTheRowText() {
        let rows = [
            LedgerEntry(
                year: 2020, month: 1, chapter: 496, post: 61, amountOre: 100_00, kind: .tildeling,
                text: "Bosetting | Særskilt tilskudd, overslagsbevilgning"),
            LedgerEntry(year: 2020, month: 2, chapter: 496, post: 61, amountOre: 50_00, kind: .tildeling),
            LedgerEntry(year: 2020, month: 1, chapter: 497, post: 21, amountOre: 7_00, kind: .tildeling, text: " | Drift, kan overføres"),
            LedgerEntry(year: 2020, month: 1, chapter: 497, post: 1, amountOre: 9_00, kind: .regnskap, text: "Noe | Annet"),
        ]
        let budget = AllocationFromAccounts.budget(rows, year: 2020)
        #expect(budget.map(\.chapter) == [496, 497])
        #expect(budget[0].name == "Bosetting" && budget[0].posts[0].amountNOK == 150 && budget[0].posts[0].flags == [.overslagsbevilgning])
        #expect(budget[1].name == "Kap. 497" && budget[1].posts.map(\.post) == [21] && budget[1].posts[0].flags == [.kanOverfores])
    }

    @Test func allocationRowsOnAnIncomeChapterAreRefused() throws {
        let (rows, errors) = try LedgerCSV.parse("aar;maaned;kapittel;post;belop;art\n2017;1;3495;01;100;tildeling\n")
        #expect(rows.isEmpty && errors.map(\.line) == [2] && errors[0].message.contains("tildeling gjelder utgiftskapitler"))
    }
}
