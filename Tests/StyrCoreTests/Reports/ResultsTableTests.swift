import Foundation
import Testing

@testable import StyrCore

/// Indicator series across imported history and register years, and the results table built on them.
@Suite struct ResultsTableTests {
    static let geography = StatisticsTests.geography

    /// Published shares 2014–2016 (annual report 2017) and a settled count with a suppressed cell.
    static func history() throws -> [SourcedFigure] {
        let text = """
            year,region,measure,value,status
            2014,0,share_settled_within_6m,49,
            2015,0,share_settled_within_6m,51,
            2016,0,share_settled_within_6m,81,
            2016,0101,bosatt,28,
            2016,0104,bosatt,,:
            """
        let table = try HistoryImport.parse(text, format: nil, geography: geography, title: "arsrapport.csv")
        return table.figures.map { SourcedFigure($0, source: "arsrapport.csv") }
    }

    @Test func seriesTakesRegisterYearsFromTheRegisterAndOtherYearsFromHistory() throws {
        let figures = try Self.history()
        let points = IndicatorSeries.merge(
            years: [2014, 2015, 2016, 2017], registerYears: [2016, 2017], register: { $0 == 2017 ? 76 : 80 },
            imported: {
                IndicatorSeries.imported(
                    figures, indicator: "share_settled_within_6m", year: $0, unit: .national, geography: Self.geography)
            })
        #expect(points.map(\.year) == [2014, 2015, 2016, 2017])
        #expect(points.map(\.value) == [49, 51, 80, 76])
        #expect(points.map(\.imported) == [true, true, false, false])
        #expect(points[0].source == "arsrapport.csv" && points[3].source == IndicatorSeries.registerSource)
    }

    @Test func importedCountsSumOverAMappedAreaAsLowerBounds() throws {
        let figures = try Self.history()
        let national = IndicatorSeries.imported(figures, indicator: "settled_total", year: 2016, unit: .national, geography: Self.geography)
        #expect(national?.value == 28 && national?.status == "lower_bound")
        let halden = IndicatorSeries.imported(
            figures, indicator: "settled_total", year: 2016, unit: .municipality("0101"), geography: Self.geography)
        #expect(halden?.value == 28 && halden?.status == "")
        let area = IndicatorSeries.imported(
            figures, indicator: "settled_total", year: 2016, unit: .municipalities(["0101", "0104"]), geography: Self.geography)
        #expect(area?.value == 28 && area?.status == "lower_bound")
        #expect(
            IndicatorSeries.imported(figures, indicator: "settled_total", year: 2015, unit: .national, geography: Self.geography) == nil)
    }

    @Test func resultsTableJudgesTheYearAndWritesTheComment() throws {
        let figures = try Self.history()
        let spec = try #require(PublishedRequirements.byYear[2017]?.first)
        let rows = ResultsTable.build(
            year: 2017, requirements: [spec],
            series: { id in
                IndicatorSeries.merge(
                    years: ResultsTable.years(for: 2017), registerYears: [2017], register: { _ in 76 },
                    imported: { IndicatorSeries.imported(figures, indicator: id, year: $0, unit: .national, geography: Self.geography) })
            },
            figures: ["settled_total": 11_078, "avg_wait_months_from_reception": 4.9])
        let row = try #require(rows.first)
        #expect(row.id == "SP 1" && row.target == 90 && row.targetText == "90 %")
        #expect(row.results == ["2014": 49, "2015": 51, "2016": 81, "2017": 76])
        #expect(row.sources["2014"] == "arsrapport.csv" && row.sources["2017"] == IndicatorSeries.registerSource)
        #expect(row.met == false)
        #expect(row.comment == "Det ble bosatt 11 078 flyktninger i 2017. Gjennomsnittlig ventetid for bosatte fra mottak var 4,9 måneder.")
        let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
        #expect(json.contains("\"target_text\"") && json.contains("\"comment\""))
    }

    /// An indicator measured a new way from 2017 prints «*» for the years before, whatever the
    /// register holds for them; the year itself is judged as usual.
    @Test func yearsBeforeANewMeasurementAreNotComparable() {
        let spec = RequirementSpec(
            id: "SP 4", goal: "", text: "Startet innen tre måneder", target: 90, targetText: "90 %", unit: "percent",
            indicator: "norwegian_training_started_within_3m")
        let points = (2014...2017).map { SeriesPoint(year: $0, value: 60, status: "", source: "NIR", imported: false) }
        let row = ResultsTable.build(year: 2017, requirements: [spec], series: { _ in points }, figures: [:])[0]
        #expect((2014...2017).map { row.text(year: $0) } == ["*", "*", "*", "60 %"])
        #expect(row.notComparable == ["2014", "2015", "2016"] && row.met == false)
        #expect(row.sources["2015"]?.contains("Ikke sammenlignbart") == true)
    }

    /// † marks only figures taken from imported published statistics, not those computed from a
    /// register other than settlement (NIR, the survey, the interpreter register).
    @Test func onlyImportedFiguresAreMarkedImported() {
        let spec = RequirementSpec(
            id: "SP 10", goal: "", text: "Tolker", target: 1_800, targetText: "1 800", unit: "count", indicator: "interpreters_in_register")
        let points = [
            SeriesPoint(year: 2014, value: 1_300, status: "", source: "tolkeregister.csv (publisert)", imported: true),
            SeriesPoint(year: 2017, value: 1_822, status: "", source: "Nasjonalt tolkeregister", imported: false),
        ]
        let row = ResultsTable.build(year: 2017, requirements: [spec], series: { _ in points }, figures: [:])[0]
        #expect(row.imported == ["2014"])
    }

    @Test func aRowWithoutFiguresSaysSo() {
        let spec = RequirementSpec(
            id: "SP 10", goal: "", text: "Tolker", target: 1_800, targetText: "1 800", unit: "count", indicator: "interpreters_in_register")
        let row = ResultsTable.build(year: 2017, requirements: [spec], series: { _ in [] }, figures: [:])[0]
        #expect(row.results.values.allSatisfy { $0 == nil } && row.met == nil)
        #expect(row.comment.contains("Ingen tall for 2017"))
    }

    @Test func aTimeGoalBecomesOneRowPerGroupMeasuredAsAShare() {
        let goal = Goal(
            number: "3", title: "Bosettingen er rask og treffsikker",
            steeringParameters: [
                SteeringParameter(
                    number: "3.1", title: "Bosettingen skjer raskt",
                    resultRequirements: [
                        ResultRequirement(
                            text: "Bosetting av overføringsflyktninger og mottaksbeboere skal skje innen gjeldende tidsmål",
                            target: MeasurableTarget(
                                comparison: .within, value: 6, unit: "months",
                                breakdown: ["overføringsflyktninger: 6 måneder", "mottaksbeboere: 3 måneder"]))
                    ])
            ])
        let specs = RequirementSpec.from(goals: [goal])
        #expect(specs.map(\.id) == ["SP 3.1 overføringsflyktninger", "SP 3.1 mottaksbeboere"])
        #expect(specs.map(\.indicator) == ["share_resettlement_within_6m", "share_reception_within_3m"])
        #expect(specs.allSatisfy { $0.unit == "percent" && $0.target == nil })
        #expect(specs.map(\.targetText) == ["innen 6 måneder", "innen 3 måneder"])
    }
}
