/// Reads the yearly requests and decisions per municipality (CSV): `aar, kommunenummer, anmodet`
/// required; `anmodet_em, vedtak, vedtak_em, fylkets_anbefaling` optional (empty `vedtak` = not
/// decided yet). Every bad row is reported with its line and reason.
public enum RequestsCSV {
    public static let columns = ["aar", "kommunenummer", "anmodet", "anmodet_em", "vedtak", "vedtak_em", "fylkets_anbefaling"]
    public static let required: Set<String> = ["aar", "kommunenummer", "anmodet"]

    public static func parse(_ text: String, geography: Geography) throws -> (rows: [MunicipalRequest], errors: [ImportIssue]) {
        let sheet = try CSVSheet(text, columns: columns, required: required)
        var rows: [MunicipalRequest] = []
        var errors: [ImportIssue] = []
        var seen = Set<String>()
        for row in sheet.rows {
            if let bad = row.malformed {
                errors.append(bad)
                continue
            }
            func v(_ c: String) -> String { row[c] }
            var problems: [String] = []
            func count(_ c: String, optional: Bool) -> Int?? {
                let s = v(c)
                if s.isEmpty { return optional ? .some(nil) : nil }
                guard let n = Int(s), n >= 0 else { return nil }
                return .some(n)
            }
            let year = Int(v("aar"))
            if year == nil || !(2000...2100).contains(year!) { problems.append("aar «\(v("aar"))» er ugyldig") }
            let kommune = v("kommunenummer")
            if let year, geography.division(for: year).municipality(kommune) == nil {
                problems.append("kommunenummer \(kommune) fantes ikke i \(year)")
            }
            if seen.contains("\(v("aar"))/\(kommune)") { problems.append("\(kommune) står flere ganger for \(v("aar"))") }
            seen.insert("\(v("aar"))/\(kommune)")
            var values: [String: Int?] = [:]
            for c in ["anmodet", "anmodet_em", "vedtak", "vedtak_em", "fylkets_anbefaling"] {
                guard let n = count(c, optional: c != "anmodet") else {
                    problems.append("\(c) «\(v(c))» må være et heltall ≥ 0")
                    continue
                }
                values[c] = n
            }
            if let a = values["anmodet"] ?? nil, let m = values["anmodet_em"] ?? nil, m > a {
                problems.append("anmodet_em kan ikke være større enn anmodet")
            }
            guard problems.isEmpty, let year, let requested = values["anmodet"] ?? nil else {
                errors.append(ImportIssue(line: row.line, message: problems.joined(separator: "; ")))
                continue
            }
            rows.append(
                MunicipalRequest(
                    year: year, kommune: kommune, requested: requested, requestedMinors: (values["anmodet_em"] ?? nil) ?? 0,
                    decided: values["vedtak"] ?? nil, decidedMinors: values["vedtak_em"] ?? nil,
                    countyRecommendation: values["fylkets_anbefaling"] ?? nil))
        }
        return (rows, errors)
    }
}
