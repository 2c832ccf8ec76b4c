/// A bad instance file: every problem with its file and line.
public struct MatchFileError: Error, Sendable, CustomStringConvertible {
    public var issues: [String]
    public init(_ issues: [String]) { self.issues = issues }
    public var description: String { issues.prefix(20).joined(separator: "\n") }
}

/// The instance files of `styr match`: `cases.csv` (`case_id,size,minors,needs[,week]`),
/// `municipalities.csv` (`kommunenummer,places,minor_places,services`), `scores.csv`
/// (`case_id,kommunenummer,score`; pairs not listed are not allowed) and `allocation.csv`
/// (`case_id,kommunenummer`). `needs` and `services` are `;`-separated codes (quoted).
public enum MatchCSV {
    /// Reads and checks the three input files; throws every bad line at once.
    /// The largest score a pair may have (in absolute value).
    public static let largestScore = 1e9

    public static func read(cases: String, municipalities: String, scores: String) throws -> MatchInstance {
        var issues: [String] = []
        let caseRows = table(cases, file: "cases.csv", required: ["case_id", "size", "minors", "needs"], issues: &issues)
        let muniRows = table(
            municipalities, file: "municipalities.csv", required: ["kommunenummer", "places", "minor_places", "services"], issues: &issues)
        let scoreRows = table(scores, file: "scores.csv", required: ["case_id", "kommunenummer", "score"], issues: &issues)
        var parsedCases: [MatchCase] = []
        var caseIndex: [String: Int] = [:]
        for row in caseRows {
            let id = row["case_id"], size = Int(row["size"]), minors = Int(row["minors"])
            let week = row.has("week") ? Int(row["week"]) : 1
            guard !id.isEmpty, caseIndex[id] == nil else {
                issues.append("cases.csv linje \(row.line): case_id «\(id)» er tom eller finnes fra før")
                continue
            }
            guard let size, size >= 1, let minors, minors >= 0, minors <= size, let week, (1...53).contains(week) else {
                issues.append("cases.csv linje \(row.line): size, minors eller week er ugyldig (size ≥ 1, 0 ≤ minors ≤ size, week 1–53)")
                continue
            }
            caseIndex[id] = parsedCases.count
            parsedCases.append(MatchCase(id: id, size: size, minors: minors, needs: codes(row["needs"]), week: week))
        }
        var parsedMunis: [MatchMunicipality] = []
        var muniIndex: [String: Int] = [:]
        for row in muniRows {
            let code = row["kommunenummer"], places = Int(row["places"]), minor = Int(row["minor_places"])
            guard !code.isEmpty, muniIndex[code] == nil else {
                issues.append("municipalities.csv linje \(row.line): kommunenummer «\(code)» er tomt eller finnes fra før")
                continue
            }
            guard let places, places >= 0, let minor, minor >= 0 else {
                issues.append("municipalities.csv linje \(row.line): places og minor_places må være hele tall ≥ 0")
                continue
            }
            muniIndex[code] = parsedMunis.count
            parsedMunis.append(MatchMunicipality(code: code, places: places, minorPlaces: minor, services: codes(row["services"])))
        }
        var pairs: [(caseIndex: Int, municipality: Int, score: Double)] = []
        var seen = Set<Int>()
        for row in scoreRows {
            guard let c = caseIndex[row["case_id"]] else {
                issues.append("scores.csv linje \(row.line): ukjent case_id «\(row["case_id"])»")
                continue
            }
            guard let m = muniIndex[row["kommunenummer"]] else {
                issues.append("scores.csv linje \(row.line): ukjent kommunenummer «\(row["kommunenummer"])»")
                continue
            }
            guard let s = Double(row["score"]), s.isFinite else {
                issues.append("scores.csv linje \(row.line): score «\(row["score"])» er ikke et tall")
                continue
            }
            // Sums of a year's scores must stay exact in floating point (and the solver's prices finite).
            guard abs(s) <= MatchCSV.largestScore else {
                issues.append("scores.csv linje \(row.line): score «\(row["score"])» er utenfor ±1 000 000 000")
                continue
            }
            guard seen.insert(c * parsedMunis.count + m).inserted else {
                issues.append("scores.csv linje \(row.line): paret \(row["case_id"])–\(row["kommunenummer"]) står to ganger")
                continue
            }
            // A listed pair the case's needs or minors exclude is not allowed either.
            if MatchInstance.allowed(parsedCases[c], parsedMunis[m]) { pairs.append((c, m, s)) }
        }
        guard issues.isEmpty else { throw MatchFileError(issues) }
        return MatchInstance(cases: parsedCases, municipalities: parsedMunis, pairs: pairs)
    }

    /// Reads an allocation (`case_id,kommunenummer`) against an instance.
    public static func readAllocation(_ text: String, instance: MatchInstance) throws -> MatchAllocation {
        var issues: [String] = []
        let rows = table(text, file: "allocation.csv", required: ["case_id", "kommunenummer"], issues: &issues)
        let caseIndex = Dictionary(uniqueKeysWithValues: instance.cases.enumerated().map { ($1.id, $0) })
        let muniIndex = Dictionary(uniqueKeysWithValues: instance.municipalities.enumerated().map { ($1.code, $0) })
        var at = [Int?](repeating: nil, count: instance.cases.count)
        for row in rows {
            guard let c = caseIndex[row["case_id"]], let m = muniIndex[row["kommunenummer"]] else {
                issues.append("allocation.csv linje \(row.line): ukjent sak eller kommune")
                continue
            }
            guard at[c] == nil else {
                issues.append("allocation.csv linje \(row.line): \(row["case_id"]) er fordelt to ganger")
                continue
            }
            at[c] = m
        }
        guard issues.isEmpty else { throw MatchFileError(issues) }
        return MatchAllocation(municipalityOf: at)
    }

    public static func casesCSV(_ inst: MatchInstance) -> String {
        var out = "case_id,size,minors,needs,week\n"
        for c in inst.cases { out += "\(c.id),\(c.size),\(c.minors),\"\(c.needs.joined(separator: ";"))\",\(c.week)\n" }
        return out
    }

    public static func municipalitiesCSV(_ inst: MatchInstance) -> String {
        var out = "kommunenummer,places,minor_places,services\n"
        for m in inst.municipalities { out += "\(m.code),\(m.places),\(m.minorPlaces),\"\(m.services.joined(separator: ";"))\"\n" }
        return out
    }

    public static func scoresCSV(_ inst: MatchInstance) -> String {
        var out = "case_id,kommunenummer,score\n"
        out.reserveCapacity(inst.pairCount * 16)
        for (c, mc) in inst.cases.enumerated() {
            for k in inst.pairs(of: c) {
                out += "\(mc.id),\(inst.municipalities[Int(inst.pairMunicipality[k])].code),\(number(inst.pairScore[k]))\n"
            }
        }
        return out
    }

    public static func allocationCSV(_ inst: MatchInstance, _ a: MatchAllocation) -> String {
        var out = "case_id,kommunenummer\n"
        for (c, m) in a.municipalityOf.enumerated() {
            if let m { out += "\(inst.cases[c].id),\(inst.municipalities[m].code)\n" }
        }
        return out
    }

    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    static func codes(_ s: String) -> [String] {
        s.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    struct Row {
        let line: Int
        let fields: [String]
        let index: [String: Int]
        subscript(_ name: String) -> String { index[name].map { $0 < fields.count ? fields[$0] : "" } ?? "" }
        func has(_ name: String) -> Bool { index[name] != nil }
    }

    /// Splits a comma-separated file with a header; checks columns and field counts.
    static func table(_ text: String, file: String, required: [String], issues: inout [String]) -> [Row] {
        let lines = SettlementCSV.lines(text)
        guard let header = lines.first else {
            issues.append("\(file): filen er tom")
            return []
        }
        let names = SettlementCSV.fields(header, separator: ",").map {
            $0.lowercased().replacingOccurrences(of: "\u{FEFF}", with: "").trimmingCharacters(in: .whitespaces)
        }
        let missing = required.filter { !names.contains($0) }
        guard missing.isEmpty else {
            issues.append("\(file) linje 1: mangler kolonne(ne) \(missing.joined(separator: ", "))")
            return []
        }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = []
        rows.reserveCapacity(lines.count)
        for (i, raw) in lines.enumerated().dropFirst() where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let f = SettlementCSV.fields(raw, separator: ",")
            guard f.count == names.count else {
                issues.append("\(file) linje \(i + 1): har \(f.count) felt, forventet \(names.count)")
                continue
            }
            rows.append(Row(line: i + 1, fields: f, index: index))
        }
        return rows
    }
}
