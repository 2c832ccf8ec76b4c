import Foundation
import Testing

@testable import StyrCore

/// The annual report 2017 as printed (a copy of the seed in Fixtures/): its results table is the
/// yardstick for the figures the demo registers give.
@Suite struct PrintedResultsTests {
    static let report = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/arsrapport-2017.txt")

    /// The printed row of a steering parameter: Resultat 2014, 2015, 2016, Krav 2017, Resultat 2017.
    static func printedRow(_ id: String) throws -> [String] {
        let text = try String(contentsOf: report, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("<b>\(id):</b>") })
        return line.components(separatedBy: "\t").dropFirst().prefix(5).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// "1 671 tolker, hvorav 60 % i …" → (1671, 60)
    static func interpreters(_ cell: String) -> (count: Int, share: Int)? {
        let numbers = cell.components(separatedBy: ",")
        guard numbers.count >= 2,
            let count = Int(numbers[0].filter(\.isNumber)),
            let share = Int(numbers[1].prefix { $0 != "%" }.filter(\.isNumber))
        else { return nil }
        return (count, share)
    }

    @Test func sp10ResultsAndRequirementSitInTheirPrintedColumns() throws {
        let row = try Self.printedRow("SP 10")
        let entries = InterpreterDemo.entries()
        let years = [2014, 2015, 2016, 2017]
        let columns = [0, 1, 2, 4]  // column 3 is «Krav 2017»
        for (year, column) in zip(years, columns) {
            let printed = try #require(Self.interpreters(row[column]), "\(year): «\(row[column])»")
            let k = InterpreterFigures.compute(entries, year: year)
            #expect(k.interpretersInRegister == printed.count, "\(year)")
            #expect(Int(k.interpretersTopCategoriesShare.rounded()) == printed.share, "\(year)")
        }
        let requirement = try #require(Self.interpreters(row[3]))
        let spec = try #require(PublishedRequirements.byYear[2017]?.first { $0.id == "SP 10" })
        #expect(spec.target == Double(requirement.count))
    }
}
