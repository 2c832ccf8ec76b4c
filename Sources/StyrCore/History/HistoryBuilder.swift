/// Collects the figures of a file as its parser reads them: places each region in the year's
/// division, reads the cell, and records every problem with its line and column.
struct HistoryBuilder {
    let regions: HistoryRegions
    var figures: [HistoryFigure] = []
    var issues: [ImportIssue] = []
    var warnings: [String] = []
    var seen: [String: String] = [:]

    /// `regionLabels`: every region label of the file, so that municipalities with a row of their
    /// own are known before any row is placed.
    init(geography: Geography, regionLabels: some Sequence<String>) {
        var own = Set<String>()
        for label in regionLabels {
            if let r = HistoryRegions.parse(label), r.level == .municipality { own.insert(r.code) }
        }
        regions = HistoryRegions(geography: geography, ownRows: own)
    }

    mutating func add(
        line: Int?, column: String, region: (level: HistoryLevel, code: String), name: String, year: Int, measure: String, cell raw: String
    ) {
        guard let read = HistoryCell.read(raw) else {
            issues.append(
                ImportIssue(line: line, message: "kolonne «\(column)»: «\(raw)» er ikke et tall, «:» (skjult) eller «.» (mangler)"))
            return
        }
        guard let (value, status) = read else { return }
        var code = region.code
        switch region.level {
        case .municipality:
            switch regions.municipality(region.code, name: name, year: year) {
            case .success(let c): code = c
            case .failure(let why):
                if status == .missing { return }
                issues.append(ImportIssue(line: line, message: "kolonne «\(column)»: \(name) (\(region.code)) i \(year): \(why.message)"))
                return
            }
        case .county:
            guard regions.county(region.code, year: year) else {
                if status != .missing {
                    warnings.append(
                        "\(line.map { "linje \($0), " } ?? "")kolonne «\(column)»: fylke \(region.code) fantes ikke i \(year); tallet er ikke tatt med"
                    )
                }
                return
            }
        case .country, .unknown: break
        }
        let figure = HistoryFigure(measure: measure, year: year, level: region.level, code: code, name: name, value: value, status: status)
        let here = line.map { "linje \($0)" } ?? "«\(column)»"
        if let earlier = seen[figure.key] {
            issues.append(ImportIssue(line: line, message: "kolonne «\(column)»: \(code) i \(year) står allerede på \(earlier)"))
            return
        }
        seen[figure.key] = here
        figures.append(figure)
    }

    func finish(format: HistoryFormat, title: String, measures: [String: String], units: [String: String]) throws -> HistoryTable {
        guard issues.isEmpty else { throw HistoryFileError(issues) }
        guard !figures.isEmpty else { throw HistoryFileError(line: nil, "Filen har ingen tall.") }
        return HistoryTable(format: format, title: title, measures: measures, units: units, figures: figures, warnings: warnings)
    }
}
