import Foundation

/// Published statistics imported as history: figures the directorate or Statistics Norway have
/// already published, kept apart from register-computed ones (source, publish date, definition).
public enum HistoryLevel: String, Codable, Sendable, CaseIterable {
    /// Hele landet (code "0").
    case country = "land"
    case county = "fylke"
    case municipality = "kommune"
    /// "Uoppgitt kommune" (9999): counted in the national total, never a municipality.
    case unknown = "uoppgitt"
}

/// How a published cell reads: a figure, suppressed (":", a small count), or not applicable/missing.
public enum HistoryStatus: String, Codable, Sendable {
    case exact = ""
    case suppressed = ":"
    case missing = "."
}

/// One published figure: a measure for a region in a year, under the year's own official number.
public struct HistoryFigure: Codable, Sendable, Equatable, Hashable {
    public var measure: String
    public var year: Int
    public var level: HistoryLevel
    /// The region's official number in `year` ("0" for the whole country).
    public var code: String
    public var name: String
    public var value: Double?
    public var status: HistoryStatus

    public init(measure: String, year: Int, level: HistoryLevel, code: String, name: String, value: Double?, status: HistoryStatus) {
        self.measure = measure
        self.year = year
        self.level = level
        self.code = code
        self.name = name
        self.value = value
        self.status = status
    }

    /// What identifies the figure across versions of the same table.
    public var key: String { "\(measure)|\(year)|\(level.rawValue)|\(code)" }
}

/// The formats `styr history import` reads.
public enum HistoryFormat: String, Codable, Sendable, CaseIterable {
    /// The directorate's "Alle kommuner" cross-table download (three header rows, K/F region codes).
    case imdi
    case ssbJSONStat = "ssb-jsonstat"
    case ssbCSV = "ssb-csv"
    /// `year,region,measure,value,status`.
    case long
    /// The directorate's long «download_csv»: `Enhet;År;Kommunenummer;Kommune;<tema>;Antall`.
    case imdiDownload = "imdi-download"
    /// The flat files behind the directorate's indicator site: `aar,fylke_nr,…,kommune_nr,…,enhet,
    /// tabellvariabel,tabell_navn` (`tabellvariabel` holds the figure).
    case imdiIndicator = "imdi-indikator"
}

/// A parsed file: what it measures and its figures, with warnings for rows placed by a rule.
public struct HistoryTable: Codable, Sendable, Equatable {
    public var format: HistoryFormat
    public var title: String
    /// Measure id → the label the file gives it (its definition as published).
    public var measures: [String: String]
    /// Measure id → unit ("personer", "prosent", …).
    public var units: [String: String]
    public var figures: [HistoryFigure]
    public var warnings: [String]
    /// Problems of the lines left out under skip-invalid (every one, with line and column).
    public var skipped: [ImportIssue] = []
    /// Given national and county totals that disagree with their municipalities, per year.
    public var totals: [HistoryTotalMismatch] = []
    /// The national figures also printed in the annual report, compared per measure and year.
    public var published: [HistoryPublishedCheck] = []

    public init(
        format: HistoryFormat, title: String, measures: [String: String], units: [String: String] = [:], figures: [HistoryFigure],
        warnings: [String] = []
    ) {
        self.format = format
        self.title = title
        self.measures = measures
        self.units = units
        self.figures = figures
        self.warnings = warnings
    }

    /// Identifies "the same table" across downloads, whatever the format or date: its measures and
    /// the levels below the country it covers (a long download carries the country's row, a
    /// cross-table may not).
    public var identity: String {
        let levels = Set(figures.map(\.level)).subtracting([.country, .unknown])
        let shown = (levels.isEmpty ? [.country] : levels).map(\.rawValue).sorted().joined(separator: "+")
        return "\(shown):\(measures.keys.sorted().joined(separator: ","))"
    }

    /// The identity imports were stored under before it left out the format and the country.
    public var legacyIdentity: String {
        let levels = Set(figures.map(\.level)).map(\.rawValue).sorted().joined(separator: "+")
        return "\(format.rawValue):\(levels):\(measures.keys.sorted().joined(separator: ","))"
    }

    public var years: [Int] { Array(Set(figures.map(\.year))).sorted() }

    /// Measure id → the years it has figures for.
    public var measureYears: [String: [Int]] {
        var out: [String: Set<Int>] = [:]
        for f in figures { out[f.measure, default: []].insert(f.year) }
        return out.mapValues { $0.sorted() }
    }
}

/// A total the file gives (country or county) that the sum of its municipalities contradicts.
public struct HistoryTotalMismatch: Codable, Sendable, Equatable {
    public var measure: String
    public var year: Int
    public var level: HistoryLevel
    public var code: String
    public var name: String
    public var given: Double
    /// The sum of the municipalities' figures (a lower bound when `lowerBound`: some were hidden).
    public var sum: Double
    public var lowerBound: Bool
}

/// Measure ids from published labels: the contract's short names for the settlement measures,
/// otherwise a slug of the label.
public enum HistoryMeasures {
    static let known: [(String, String)] = [
        ("faktisk bosetting (sammenslått for tidligere fylker)", "bosatt_sammenslatt"),
        ("opprinnelig anmodning", "opprinnelig_anmodning"),
        ("anmodning om bosetting", "anmodning"),
        ("vedtak om bosetting", "vedtak"),
        ("faktisk bosetting", "bosatt"),
        ("anmodning", "anmodning"), ("vedtak", "vedtak"), ("bosatt", "bosatt"), ("bosatte", "bosatt"),
    ]

    /// The id of a known measure label («Faktisk bosetting» → `bosatt`), nil for any other.
    static func knownID(_ label: String) -> String? {
        let l = label.lowercased().trimmingCharacters(in: .whitespaces)
        let measure = l.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? l
        return known.first(where: { $0.0 == measure })?.1
    }

    public static func id(_ label: String) -> String {
        let l = label.lowercased().trimmingCharacters(in: .whitespaces)
        let measure = l.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? l
        if let hit = known.first(where: { $0.0 == measure }) { return hit.1 }
        let folded = measure.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "å", with: "a")
        var slug = ""
        for ch in folded {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { slug.append(ch) } else if !slug.hasSuffix("_") { slug.append("_") }
        }
        return slug.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
    }
}
