/// The statistics appendix (statistikkvedlegget): every table 1A–32 with its number as the source
/// gives it (the second table 5 is `5b`; there is no 27), whether the half-year (H) and annual
/// (Å) reports carry it, and the register it is computed from.
public enum AppendixTables {
    public struct Entry: Sendable, Equatable {
        public let number: String
        public let title: String
        public let half: Bool
        public let annual: Bool
        public let register: String

        /// The periods the appendix reports the table for (year first).
        public var periods: [Period] { (annual ? [.year] : []) + (half ? [.half] : []) }
    }

    /// The tables from the registers besides settlement (1A–15, 25–32).
    public static var beyondSettlement: [Entry] { catalogue.filter { !SettlementTables.numbers.contains($0.number) } }

    static func e(_ n: String, _ title: String, h: Bool, a: Bool, _ register: String) -> Entry {
        Entry(number: n, title: title, half: h, annual: a, register: register)
    }

    public static let catalogue: [Entry] =
        [
            e("1A", "Deltakere i norskopplæring for asylsøkere i mottak", h: false, a: true, "NIR"),
            e("1B", "Deltakere i opplæring i samfunnskunnskap for asylsøkere i mottak", h: false, a: true, "NIR"),
            e("2A", "Asylsøkere i mottak (i år og i fjor) etter når de startet norskopplæring", h: false, a: true, "NIR"),
            e("2B", "Asylsøkere i mottak (i år og i fjor) etter når de startet opplæring i samfunnskunnskap", h: false, a: true, "NIR"),
            e("3A", "Asylsøkere i mottak (i år og i fjor) som har fullført 175 timer norskopplæring", h: false, a: true, "NIR"),
            e("3B", "Asylsøkere i mottak (i år og i fjor) som har fullført opplæring i samfunnskunnskap", h: false, a: true, "NIR"),
            e(
                "4", "Bosatte som er kompetansekartlagt etter integreringsloven § 6, og personer kartlagt etter § 10", h: true, a: true,
                "NIR"),
            e("5", "Personer som har fått karriereveiledning etter integreringsloven", h: true, a: true, "NIR"),
            e("5b", "Deltakere i opplæring i norsk og samfunnskunnskap etter rettighetskode", h: false, a: true, "NIR"),
            e("6A", "Personer med rett og plikt til opplæring som var i opplæring innen tre måneder", h: true, a: true, "NIR"),
            e("6B", "Personer med kun plikt til opplæring som var i opplæring innen tre måneder", h: true, a: true, "NIR"),
            e("7", "Personer i målgruppen for introduksjonsprogram per 31.12", h: false, a: true, "NIR"),
            e("8", "Deltakere i introduksjonsprogram i løpet av året, og deltakere som startet i året", h: false, a: true, "NIR"),
            e("9", "Personer i målgruppen (01.10–30.09) som startet i program innen tre måneder", h: false, a: true, "NIR"),
            e("10", "Deltakere i introduksjonsprogram per 31.12", h: false, a: true, "NIR"),
            e("11A", "Deltakere som avsluttet introduksjonsprogram i året, etter sluttårsak", h: false, a: true, "NIR"),
            e("11B", "Deltakere som avsluttet introduksjonsprogram i året, etter sluttårsak (andeler)", h: false, a: true, "NIR"),
            e("12", "Deltakere i introduksjonsprogram i året etter tiltak", h: false, a: true, "NIR"),
            e("13", "Fylkesmannens klagesaker etter introduksjonsloven og integreringsloven", h: true, a: false, "klagesaker"),
            e("14", "Fylkesmannens tilsyn med integreringsloven", h: true, a: false, "tilsyn"),
            e("15", "Fagverksteder for kompetanseheving av programrådgivere", h: false, a: true, "fagverksted"),
        ]
        + SettlementTables.numbers.map { e($0, SettlementTables.titles[$0]!, h: true, a: true, "bosetting") }
        + [
            e("25", "Overføringsflyktninger som fikk kulturorienteringsprogram før bosetting", h: true, a: true, "bosetting"),
            e(
                "26", "Overføringsflyktninger som fikk annen relevant informasjon der programmet ikke var mulig", h: true, a: true,
                "bosetting"),
            e("28A", "Tolker i Nasjonalt tolkeregister", h: true, a: true, "tolkeregister"),
            e("28B", "Tolker i Nasjonalt tolkeregister i de 30 største språkene", h: true, a: true, "tolkeregister"),
            e("29", "Bevillinger som statsautorisert tolk", h: true, a: true, "tolkehendelser"),
            e("30", "Søk i Nasjonalt tolkeregister", h: false, a: true, "tolkehendelser"),
            e("31", "Gjennomførte tospråktester og TAO", h: true, a: true, "tolkehendelser"),
            e("32", "Saker rapportert av minoritetsrådgivere og integreringsrådgivere", h: false, a: true, "radgiversaker"),
        ]

    public static func entry(_ number: String) -> Entry? {
        let n = number.uppercased() == "5B" ? "5b" : number.uppercased()
        return catalogue.first { $0.number == n }
    }

    public enum TableError: Error, CustomStringConvertible, Equatable {
        case unknown(String)
        case notInPeriod(String, half: Bool)
        case nationalOnly(String)
        case notLoaded(String, String)
        public var description: String {
            switch self {
            case .unknown(let n):
                "Tabell \(n) finnes ikke i statistikkvedlegget (1A–3B, 4, 5, 5b, 6A, 6B, 7–10, 11A, 11B, 12–26, 28A, 28B, 29–32; 27 mangler i kilden)."
            case .notInPeriod(let n, let half):
                half ? "Tabell \(n) rapporteres bare i årsrapporten (ikke halvår)." : "Tabell \(n) rapporteres bare i halvårsrapporten."
            case .nationalOnly(let n): "Tabell \(n) finnes bare for hele landet."
            case .notLoaded(let n, let r): "Tabell \(n) bygger på registeret «\(r)», som ikke er lastet."
            }
        }
    }

    /// Builds a table other than the settlement tables 16–24 (those come from the cube).
    public static func build(
        _ number: String, registers: QualificationRegisters, settlement: SettlementRegister, year: Int, period: Period,
        geography: Geography
    ) throws -> StatTable {
        guard let entry = entry(number) else { throw TableError.unknown(number) }
        let half = period == .half
        if half && !entry.half { throw TableError.notInPeriod(entry.number, half: true) }
        if !half && !entry.annual { throw TableError.notInPeriod(entry.number, half: false) }
        let ctx = TableContext(registers: registers, settlement: settlement, year: year, period: period, geography: geography)
        guard let table = try ctx.table(entry) else { throw TableError.unknown(number) }
        return table
    }
}

/// What building one appendix table needs.
struct TableContext {
    let registers: QualificationRegisters
    let settlement: SettlementRegister
    let year: Int
    let period: Period
    let geography: Geography

    /// Five years up to the table's year.
    var series: [Int] { Array((year - 4)...year) }

    func require(_ entry: AppendixTables.Entry, _ empty: Bool) throws {
        if empty { throw AppendixTables.TableError.notLoaded(entry.number, entry.register) }
    }

    func table(_ entry: AppendixTables.Entry) throws -> StatTable? {
        let n = entry.number
        let label = "Hele landet"
        switch n {
        case "1A", "1B", "2A", "2B", "3A", "3B", "4", "5", "5b", "6A", "6B", "7", "8", "9", "10", "11A", "11B", "12":
            try require(entry, registers.nir.isEmpty)
            return NIRTables(context: self).table(n, title: entry.title)?.build(
                years: NIRTables.timeSeries.contains(n) ? series : [year], period: period, unitLabel: label)
        case "13", "14", "15", "32":
            let empty = [
                "13": registers.complaints.isEmpty, "14": registers.supervisions.isEmpty, "15": registers.workshops.isEmpty,
                "32": registers.adviserCases.isEmpty,
            ][n]!
            try require(entry, empty)
            return OtherTables(context: self).yearly(n, title: entry.title, unitLabel: label)
        case "25", "26":
            try require(entry, settlement.persons.isEmpty)
            return OtherTables(context: self).orientation(n, title: entry.title).build(years: [year], period: period, unitLabel: label)
        case "28A", "28B":
            try require(entry, registers.interpreters.isEmpty)
            return OtherTables(context: self).interpreters(n, title: entry.title, unitLabel: label)
        case "29", "30", "31":
            try require(entry, registers.interpreterEvents.isEmpty)
            return OtherTables(context: self).interpreterEvents(n, title: entry.title, unitLabel: label)
        default: return nil
        }
    }
}

/// Dimensions the appendix tables share.
enum Dimensions {
    static let gender = StatDimension(
        id: "Kjonn", label: "Kjønn", categories: [("k", "Kvinner"), ("m", "Menn"), ("0", "I alt")], totalCode: "0")

    /// The position of a gender in `gender`.
    static func position(_ g: Gender) -> UInt8 { g == .female ? 0 : 1 }

    static func yesNo(_ id: String, _ label: String, yes: String, no: String) -> StatDimension {
        StatDimension(id: id, label: label, categories: [("ja", yes), ("nei", no), ("0", "I alt")], totalCode: "0")
    }

    /// The position of an answer in a `yesNo` dimension.
    static func position(yes: Bool) -> UInt8 { yes ? 0 : 1 }

    /// The counties of `year`'s division and the whole country.
    static func counties(_ geography: Geography, year: Int) -> StatDimension {
        let counties = geography.division(for: year).counties.map { ($0.code, $0.name) }
        return StatDimension(id: "Region", label: "Fylke", categories: counties + [("0", "Hele landet")], role: .geo, totalCode: "0")
    }

    /// Municipality code (any year's) → county code in `year`'s division, for the codes given.
    static func countyMap(_ codes: Set<String>, geography: Geography, year: Int) -> [String: String] {
        var out: [String: String] = [:]
        for code in codes { out[code] = geography.municipality(code, in: year)?.countyCode }
        return out
    }
}
