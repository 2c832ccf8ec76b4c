/// The generic long format: `year,region,measure,value,status[,unit]` (comma or semicolon). `region` is
/// "0" for the country, a county (2 digits) or municipality (4 digits) number, optionally
/// prefixed F/K; `status` is empty, ":" (suppressed) or "." (missing).
public enum HistoryLongCSV {
    public static let columns = ["year", "region", "measure", "value", "status"]

    public static func matches(_ text: String) -> Bool {
        let first = text.prefix { !$0.isNewline }.replacingOccurrences(of: "\u{FEFF}", with: "").lowercased()
        return first.replacingOccurrences(of: ";", with: ",").replacingOccurrences(of: "\"", with: "").hasPrefix(
            "year,region,measure,value")
    }

    public static func parse(_ text: String, geography: Geography, title: String = "", skipInvalid: Bool = false) throws -> HistoryTable {
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let head = lines.first else { throw HistoryFileError(line: 1, "Filen er tom.") }
        let separator: Character = head.contains(";") ? ";" : ","
        let names = SettlementCSV.fields(head, separator: separator).map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        guard Array(names.prefix(4)) == Array(columns.prefix(4)) else {
            throw HistoryFileError(line: 1, "Overskriften må være «\(columns.joined(separator: ","))».")
        }
        // An optional `unit` column (personer, prosent, …) makes the unit part of the measure.
        let unitColumn = names.firstIndex(of: "unit") ?? names.firstIndex(of: "enhet")
        let rows = lines.enumerated().dropFirst().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { (line: $0.offset + 1, fields: SettlementCSV.fields($0.element, separator: separator)) }
        var b = HistoryBuilder(geography: geography, regionLabels: rows.map { $0.fields[safe: 1] ?? "" })
        for (line, f) in rows {
            guard f.count >= 4 else {
                b.issues.append(ImportIssue(line: line, message: "har \(f.count) felt, forventet \(names.count)"))
                continue
            }
            guard let year = Int(f[0].trimmingCharacters(in: .whitespaces)), (1990...2100).contains(year) else {
                b.issues.append(ImportIssue(line: line, message: "kolonne «year»: «\(f[0])» er ikke et årstall"))
                continue
            }
            guard let region = HistoryRegions.parse(f[1]) else {
                b.issues.append(
                    ImportIssue(line: line, message: "kolonne «region»: «\(f[1])» er ikke 0, et fylkesnummer eller et kommunenummer"))
                continue
            }
            let label = f[2].trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else {
                b.issues.append(ImportIssue(line: line, message: "kolonne «measure» er tom"))
                continue
            }
            let unit = unitColumn.flatMap { f[safe: $0] } ?? ""
            let measure = b.measure(parts: [label], unit: unit)
            let status = f.count > 4 ? f[4].trimmingCharacters(in: .whitespaces) : ""
            let cell = f[3].trimmingCharacters(in: .whitespaces).isEmpty && !status.isEmpty ? status : f[3]
            let name =
                region.level == .country ? "Hele landet" : geography.division(for: year).municipality(region.code)?.name ?? region.code
            b.add(line: line, column: "value", region: region, name: name, year: year, measure: measure, cell: cell)
        }
        return try b.finish(format: .long, title: title, skipInvalid: skipInvalid)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
