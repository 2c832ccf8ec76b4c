/// Collects the figures of a file as its parser reads them: places each region in the year's
/// division, reads the cell, and records every problem with its line and column (all of them,
/// never only the first few).
struct HistoryBuilder {
    let regions: HistoryRegions
    var figures: [HistoryFigure] = []
    /// The line each figure came from (parallel to `figures`).
    var figureLines: [Int?] = []
    var issues: [ImportIssue] = []
    var warnings: [String] = []
    var seen: [String: String] = [:]
    var measures: [String: String] = [:]
    var units: [String: String] = [:]
    private var measureCache: [String: String] = [:]
    private var placements: [String: Result<String, HistoryPlacement>] = [:]

    /// `regionLabels`: every region label of the file, so that municipalities with a row of their
    /// own are known before any row is placed.
    init(geography: Geography, regionLabels: some Sequence<String>) {
        var own = Set<String>()
        for label in regionLabels {
            if let r = HistoryRegions.parse(label), r.level == .municipality { own.insert(r.code) }
        }
        regions = HistoryRegions(geography: geography, ownRows: own)
    }

    /// The id of a measure (see `HistoryMeasures.measure`), remembered with its label and unit.
    mutating func measure(parts: [String], unit: String, context: [String] = []) -> String {
        let key = parts.joined(separator: "\u{1}") + "\u{2}" + unit + "\u{2}" + context.joined(separator: "\u{1}")
        if let id = measureCache[key] { return id }
        let m = HistoryMeasures.measure(parts: parts, unit: unit, context: context)
        measureCache[key] = m.id
        if measures[m.id] == nil { measures[m.id] = m.label }
        if units[m.id] == nil || units[m.id] == "" { units[m.id] = m.unit }
        return m.id
    }

    mutating func issue(_ line: Int?, _ message: String) { issues.append(ImportIssue(line: line, message: message)) }

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
            let key = "\(region.code)|\(name)|\(year)"
            let placed: Result<String, HistoryPlacement>
            if let p = placements[key] {
                placed = p
            } else {
                placed = regions.municipality(region.code, name: name, year: year)
                placements[key] = placed
            }
            switch placed {
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
        figureLines.append(line)
    }

    /// The table; with problems, an error naming every one, or (`skipInvalid`) the table without
    /// every line that had a problem, the problems listed in `skipped`.
    func finish(format: HistoryFormat, title: String, skipInvalid: Bool = false) throws -> HistoryTable {
        var kept = figures
        if !issues.isEmpty {
            guard skipInvalid else { throw HistoryFileError(issues) }
            let bad = Set(issues.compactMap(\.line))
            kept = zip(figures, figureLines).filter { f, line in line.map { !bad.contains($0) } ?? true }.map(\.0)
        }
        guard !kept.isEmpty else {
            throw HistoryFileError(issues + [ImportIssue(line: nil, message: "Filen har ingen gyldige tall.")])
        }
        let used = Set(kept.map(\.measure))
        var table = HistoryTable(
            format: format, title: title, measures: measures.filter { used.contains($0.key) },
            units: units.filter { used.contains($0.key) },
            figures: kept, warnings: warnings)
        table.skipped = issues
        return table
    }
}
