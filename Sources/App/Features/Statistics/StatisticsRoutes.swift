import Fluent
import Foundation
import StyrCore
import Vapor

/// Statistics pages and API: the settlement tables, key figures and indicators with charts.
/// Who sees unsuppressed figures: ministry and directorate (unless they ask for the published
/// version), a municipality for its own kommunenummer; everyone else sees the published version.
struct StatisticsRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.statistics, use: index)
        web.on(.statTable, use: tablePage)
        web.on(.indicators, use: indicatorsPage)
        api.on(.apiStatTable, use: apiTable)
        api.on(.apiIndicators, use: apiIndicators)
        api.on(.apiKeyFigures, use: apiKeyFigures)
    }

    /// The query every statistics request shares.
    struct Query {
        var year: Int
        var half: Bool
        var unit: StatUnit
        var unitText: String
        var publicVersion: Bool
        var forcedPublic: Bool
    }

    /// Whether the caller sees unsuppressed national figures (key figures, the results table): the
    /// ministry and the directorate, unless they ask for the published version.
    static func seesUnsuppressed(_ req: Request) -> Bool {
        let asked = ((try? req.query.get(String.self, at: "publisert")) ?? (try? req.query.get(String.self, at: "public"))) == "1"
        return (req.role == .ministry || req.role == .directorate) && !asked
    }

    /// The key figures a caller may see, by JSON key: every key, or the published version's.
    static func keyFiguresWithheld(_ k: SettlementKeyFigures, _ req: Request) -> Set<String> {
        guard !seesUnsuppressed(req) else { return [] }
        return IndicatorDisclosure.keyFigures(k, control: DisclosureControl(threshold: StatisticsService.publicThreshold))
    }

    /// `years`: the years with settled persons, ascending (from the register cache). Without `aar`
    /// the year is the one the year pages open at too (`DefaultYear`).
    static func query(_ req: Request, years: [Int]) async throws -> Query {
        let letters = try await SteeringStore.years(on: req.db)
        let fallback = DefaultYear.pick(letters: letters, statistics: years, today: req.today) ?? req.today.year
        let year = (try? req.query.get(Int.self, at: "aar")) ?? (try? req.query.get(Int.self, at: "year")) ?? fallback
        guard (2000...2100).contains(year) else { throw UserError(.badRequest, "Ugyldig år.", field: "aar") }
        let half =
            ((try? req.query.get(String.self, at: "halvaar")) ?? (try? req.query.get(String.self, at: "half"))).map {
                $0 == "1" || $0 == "true"
            } ?? false
        let unitText = (try? req.query.get(String.self, at: "enhet")) ?? (try? req.query.get(String.self, at: "unit")) ?? "national"
        let unit = try StatUnitParser.parse(unitText.isEmpty ? "national" : unitText)
        let asked = ((try? req.query.get(String.self, at: "publisert")) ?? (try? req.query.get(String.self, at: "public"))) == "1"
        let role = req.role
        var publicVersion = asked
        var forced = false
        switch role {
        case .ministry, .directorate: break
        case .municipality:
            let own = req.auth.get(UserModel.self)?.kommune
            if case .municipality(let k) = unit, k == own { break }
            publicVersion = true
            forced = true
        case .public:
            publicVersion = true
            forced = true
        }
        return Query(
            year: year, half: half, unit: unit, unitText: unitText.isEmpty ? "national" : unitText, publicVersion: publicVersion,
            forcedPublic: forced)
    }

    static func freshness(
        _ load: RegisterLoadModel?, refreshDays: Int, register: String = "Bosettingsregisteret", rows: String = "personer"
    ) -> Freshness {
        guard let load else { return Freshness(loaded: nil, source: nil, stale: true, text: "\(register): ikke lastet.") }
        let days = Int(Date().timeIntervalSince(load.loadedAt) / 86_400)
        let stale = days > refreshDays
        let text =
            "\(register) sist lastet \(Clock.stamp(load.loadedAt)) (\(load.source), \(Money.kroner(load.rows)) \(rows))"
            + (stale ? ". Utdatert: skal lastes minst hver \(refreshDays). dag." : ".")
        return Freshness(loaded: Clock.stamp(load.loadedAt), source: load.source, stale: stale, text: text)
    }

    struct Freshness: Content {
        let loaded: String?
        let source: String?
        let stale: Bool
        let text: String
    }

    // MARK: Pages

    struct Form: Encodable {
        let year: Int
        let half: Bool
        let unit: String
        let publicVersion: Bool
        let forcedPublic: Bool
        let years: [SelectOption]
        /// The unit select's options as HTML (the whole country, counties and every municipality).
        let unitOptions: String
        let query: String
    }

    static func form(_ q: Query, years: [Int], geography: Geography) -> Form {
        var units = [SelectOption(value: "national", label: "Hele landet", selected: q.unit == .national)]
        let division = geography.division(for: q.year)
        units += division.counties.map {
            SelectOption(value: "fylke:\($0.code)", label: "Fylke: \($0.name)", selected: q.unit == .county($0.code))
        }
        units += division.municipalities.map {
            SelectOption(value: "kommune:\($0.code)", label: "\($0.code) \($0.name)", selected: q.unit == .municipality($0.code))
        }
        var qs = "aar=\(q.year)&enhet=\(q.unitText)"
        if q.half { qs += "&halvaar=1" }
        if q.publicVersion && !q.forcedPublic { qs += "&publisert=1" }
        return Form(
            year: q.year, half: q.half, unit: q.unitText, publicVersion: q.publicVersion, forcedPublic: q.forcedPublic,
            years: years.reversed().map { SelectOption(value: String($0), label: String($0), selected: $0 == q.year) },
            unitOptions: HTML.options(units),
            query: qs)
    }

    struct TableLink: Encodable {
        let number: String
        let href: String
        let title: String
        let nationalOnly: Bool
        /// "H", "Å" or "H og Å": which reports carry the table.
        let reports: String
        let register: String
    }

    struct KeyFigure: Encodable {
        let label: String
        let value: String
    }

    struct IndexPage: Encodable {
        let page: PageContext
        let form: Form
        let tables: [TableLink]
        let keyFigures: [KeyFigure]
        let freshness: Freshness
        /// The year's results table, when the year has one.
        let resultsLink: String?
    }

    func index(req: Request) async throws -> View {
        let (_, load) = try await req.application.registerCache.settlement(on: req.db)
        let years = try await req.application.registerCache.settledYears(on: req.db)
        let q = try await Self.query(req, years: years)
        let k = try await req.application.registerCache.indicators(on: req.db).keyFigures(year: q.year)
        let withheld = Self.keyFiguresWithheld(k, req)
        let settlementRows = zip(KeyFigureRows.settlementKeys, KeyFigureRows.settlement(k)).map { key, row in
            KeyFigure(label: row.label, value: withheld.contains(key) ? ":" : Money.kroner(row.value))
        }
        let qualificationRows = KeyFigureRows.qualification(
            try await KeyFiguresService.qualification(year: q.year, app: req.application, on: req.db))
        let qualificationWithheld =
            Self.seesUnsuppressed(req)
            ? []
            : IndicatorDisclosure.counts(
                Dictionary(qualificationRows.map { ($0.label, Optional($0.value)) }, uniquingKeysWith: { a, _ in a }),
                control: DisclosureControl(threshold: StatisticsService.publicThreshold))
        let form = Self.form(q, years: years, geography: req.application.geography)
        return try await req.view.render(
            "statistics/statistics",
            IndexPage(
                page: PageContext(req, title: "Statistikk \(q.year)"),
                form: form,
                tables: AppendixTables.catalogue.map { e in
                    // A table opens at the period its report has: the half-year only for the half-year
                    // report's tables, the year for the annual report's.
                    TableLink(
                        number: e.number,
                        href: Endpoint.statTable.url(e.number) + "?"
                            + form.query.replacingOccurrences(of: "&halvaar=1", with: "")
                            + ((q.half && e.half) || !e.annual ? "&halvaar=1" : ""),
                        title: e.title,
                        nationalOnly: !SettlementTables.numbers.contains(e.number) || SettlementTables.nationalOnly.contains(e.number),
                        reports: [e.half ? "H" : nil, e.annual ? "Å" : nil].compactMap { $0 }.joined(separator: " og "),
                        register: e.register)
                },
                keyFigures: settlementRows
                    + qualificationRows.map {
                        KeyFigure(label: $0.label, value: qualificationWithheld.contains($0.label) ? ":" : Money.kroner($0.value))
                    },
                freshness: Self.freshness(load, refreshDays: 31),
                resultsLink: try await ResultsService.exists(year: q.year, app: req.application, on: req.db)
                    ? Endpoint.results.url(q.year) : nil))
    }

    struct TablePage: Encodable {
        let page: PageContext
        let form: Form
        let number: String
        let title: String
        let unitLabel: String
        let pivot: PivotPage
        let rows: RowPicker
        let notes: [String]
        let source: String
        let freshness: Freshness
    }

    /// The row picker and pager of a long table: one select per row dimension (by county for
    /// municipalities), the form's own fields kept hidden, and links to the other pages.
    struct RowPicker: Encodable {
        struct Select: Encodable {
            let name: String
            let label: String
            let options: [SelectOption]
        }
        struct Hidden: Encodable {
            let name: String
            let value: String
        }
        struct PageLink: Encodable {
            let number: Int
            let href: String
            let current: Bool
        }
        /// Whether the table is long enough to need the picker (more rows than a page).
        let long: Bool
        let action: String
        let hidden: [Hidden]
        let selects: [Select]
        let filtered: Bool
        let pages: [PageLink]
        let previous: String?
        let next: String?
        /// «Rad 101–200 av 735»
        let summary: String
    }

    /// The row filter and page asked for: `rad-<dimension id>=<code>`, `region=<county>`, `side=<n>`.
    static func rowFilter(_ req: Request) -> (PivotFilter, page: Int) {
        var codes: [String: String] = [:]
        var region: String?
        var page = 1
        for pair in (req.url.query ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard kv.count == 2 else { continue }
            if kv[0].hasPrefix("rad-") { codes[String(kv[0].dropFirst(4))] = kv[1] }
            if kv[0] == "region" { region = kv[1] }
            if kv[0] == "side" { page = Int(kv[1]) ?? 1 }
        }
        return (PivotFilter(codes: codes, region: region), page)
    }

    static func rowPicker(
        number: String, q: Query, pivot: StatRendering.Pivot, filter: PivotFilter, shown: PivotPage, geography: Geography
    ) -> RowPicker {
        let counties = geography.division(for: q.year).counties
        let selects = pivot.rowDimensions.compactMap { d -> RowPicker.Select? in
            if StatRendering.regionPicker(d) {
                return RowPicker.Select(
                    name: "region", label: "\(d.label) i fylke",
                    options: [SelectOption(value: "", label: "Alle fylker", selected: filter.region == nil)]
                        + counties.map { SelectOption(value: $0.code, label: $0.name, selected: filter.region == $0.code) })
            }
            guard d.codes.count > 1, d.codes.count <= 60 else { return nil }
            let picked = filter.codes[d.id]
            return RowPicker.Select(
                name: "rad-\(d.id)", label: d.label,
                options: [SelectOption(value: "", label: "Alle", selected: picked == nil)]
                    + zip(d.codes, d.labels).map { SelectOption(value: $0, label: $1, selected: picked == $0) })
        }
        var base: [(String, String?)] = [("aar", String(q.year)), ("enhet", q.unitText)]
        if q.half { base.append(("halvaar", "1")) }
        if q.publicVersion && !q.forcedPublic { base.append(("publisert", "1")) }
        let picks: [(String, String?)] =
            filter.codes.sorted { $0.key < $1.key }.map { ("rad-\($0.key)", $0.value) } + [("region", filter.region)]
        let link = { (n: Int) in Endpoint.statTable.url(number, query: base + picks + [("side", n == 1 ? nil : String(n))]) }
        let window = Array(Set([1, shown.pages] + Array(max(1, shown.page - 3)...min(shown.pages, shown.page + 3)))).sorted()
        return RowPicker(
            long: pivot.rows.count > StatRendering.pageSize,
            action: Endpoint.statTable.url(number),
            hidden: base.compactMap { k, v in v.map { RowPicker.Hidden(name: k, value: $0) } },
            selects: selects, filtered: !filter.isEmpty,
            pages: shown.pages > 1 ? window.map { RowPicker.PageLink(number: $0, href: link($0), current: $0 == shown.page) } : [],
            previous: shown.page > 1 ? link(shown.page - 1) : nil,
            next: shown.page < shown.pages ? link(shown.page + 1) : nil,
            summary: shown.rowCount == 0
                ? "Ingen rader passer valget."
                : "Rad \(Money.kroner(shown.first))–\(Money.kroner(shown.last)) av \(Money.kroner(shown.rowCount))"
                    + (shown.rowCount < shown.tableRows ? " (valgt av \(Money.kroner(shown.tableRows)))" : ""))
    }

    func table(_ req: Request) async throws -> (StatTable, Query, RegisterLoadModel?, [Int]) {
        let app = req.application
        let (register, load) = try await app.registerCache.settlement(on: req.db)
        let years = try await app.registerCache.settledYears(on: req.db)
        let q = try await Self.query(req, years: years)
        let no = req.parameters.get("no") ?? ""
        let db = req.db
        let sources = StatisticsService.Sources(
            settlement: register, cube: { try await app.registerCache.cube(on: db) },
            registers: { try await app.qualificationCache.registers(app, on: db) })
        let t = try await StatisticsService.table(
            no, sources: sources, year: q.year, half: q.half, unit: q.unit, publicVersion: q.publicVersion,
            threshold: StatisticsService.publicThreshold, geography: app.geography)
        return (t, q, load, years)
    }

    func tablePage(req: Request) async throws -> Response {
        let (t, q, load, years) = try await table(req)
        switch (try? req.query.get(String.self, at: "format")) ?? "html" {
        case "csv": return Self.download(StatRendering.csv(t), type: "text/csv; charset=utf-8", name: "tabell-\(t.number)-\(t.year).csv")
        case "jsonstat":
            return Self.download(
                String(decoding: try StatRendering.jsonStat(t, updated: StatisticsService.updated()), as: UTF8.self),
                type: "application/json", name: "tabell-\(t.number)-\(t.year).json")
        default:
            let form = Self.form(q, years: years, geography: req.application.geography)
            let pivot = StatRendering.pivot(t)
            let (filter, page) = Self.rowFilter(req)
            let shown = StatRendering.page(pivot, filter: filter, page: page)
            return try await req.view.render(
                "statistics/stat-table",
                TablePage(
                    page: PageContext(req, title: "Tabell \(t.number) \(t.year)"),
                    form: form,
                    number: t.number, title: t.title, unitLabel: t.unitLabel, pivot: shown,
                    rows: Self.rowPicker(
                        number: t.number, q: q, pivot: pivot, filter: filter, shown: shown, geography: req.application.geography),
                    notes: t.notes,
                    source: t.source,
                    freshness: try await Self.tableFreshness(t.number, settlement: load, on: req.db))
            ).encodeResponse(for: req)
        }
    }

    /// When the register a table is counted from was last loaded (the settlement register's load for
    /// its own tables; the extract's for NIR, the interpreter register and the others).
    static func tableFreshness(_ number: String, settlement: RegisterLoadModel?, on db: any Database) async throws -> Freshness {
        let register = AppendixTables.entry(number)?.register.lowercased() ?? "bosetting"
        // The settlement tables (16–24) and 25/26 are all catalogued under "bosetting".
        if register == "bosetting" { return freshness(settlement, refreshDays: 31) }
        let latest = try await RegisterLoadModel.query(on: db).filter(\.$register == register).sort(\.$loadedAt, .descending).first()
        let label = register == "tolkeregister" ? "Tolkeregisteret" : ExtractKind(rawValue: register)?.label ?? register
        return freshness(latest, refreshDays: 366, register: label, rows: "rader")
    }

    static func download(_ body: String, type: String, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    struct IndicatorView: Encodable {
        let id: String
        let name: String
        let definition: String
        let value: String
        let target: String?
        let met: String?
        let chart: String?
        let points: [PointView]
        let stale: Bool
    }

    /// One year of an indicator's series with its source (register or imported history).
    struct PointView: Encodable {
        let year: Int
        let value: String
        let source: String
        let imported: Bool
    }

    struct IndicatorsPage: Encodable {
        let page: PageContext
        let form: Form
        let indicators: [IndicatorView]
        let freshness: Freshness
    }

    /// Targets for a year: from stored letters' requirements linked to an indicator, else published reports.
    static func targets(year: Int, app: Application, on db: any Database) async throws -> [String: Double] {
        var out = PublishedRequirements.targets(year: year)
        if let y = try await app.steeringCache.amendedYear(year, asOf: nil, on: db) {
            for g in y.letter.goals {
                for r in g.resultRequirements + g.steeringParameters.flatMap(\.resultRequirements) {
                    if let t = r.target, let id = t.indicator, let v = t.value, t.unit == "percent" { out[id] = v }
                }
            }
        }
        return out
    }

    func indicatorsPage(req: Request) async throws -> View {
        let (_, load) = try await req.application.registerCache.settlement(on: req.db)
        let years = try await req.application.registerCache.settledYears(on: req.db)
        let q = try await Self.query(req, years: years)
        let period: Period = q.half ? .half : .year
        let published = try await req.application.registerCache.indicators(on: req.db).values(
            year: q.year, period: period, unit: q.unit, unsuppressed: !q.publicVersion)
        let values = published.values
        let targets = try await Self.targets(year: q.year, app: req.application, on: req.db)
        let service = try await SeriesService.load(req.application, on: req.db)
        let series = service.series(
            indicators: SettlementIndicators.catalogue.map(\.id), years: service.years(upTo: q.year, count: 10), unit: q.unit,
            unitYear: q.year, period: period, publicVersion: q.publicVersion)
        let fresh = Self.freshness(load, refreshDays: 31)
        let views = SettlementIndicators.catalogue.map { d -> IndicatorView in
            let v = values[d.id] ?? nil
            let target = targets[d.id]
            let points = series[d.id] ?? []
            let met: String? = target.flatMap { t in v.map { $0 >= t ? "Nådd" : "Ikke nådd" } }
            return IndicatorView(
                id: d.id, name: d.name, definition: d.definition,
                value: v.map { IndicatorFormat.value($0, unit: d.unit) } ?? (published.suppressed.contains(d.id) ? ":" : "–"),
                target: target.map { IndicatorFormat.value($0, unit: d.unit) }, met: met,
                chart: points.contains { $0.value != nil }
                    ? Charts.timeSeries(
                        points.map { Charts.Point(year: $0.year, value: $0.value, imported: $0.imported) }, target: target, unit: d.unit,
                        title: d.name) : nil,
                points: points.map { p in
                    PointView(
                        year: p.year,
                        value: p.value.map { (p.status == "lower_bound" ? "minst " : "") + IndicatorFormat.value($0, unit: d.unit) }
                            ?? (p.status == ":" ? "skjult (:)" : "–"),
                        source: p.source, imported: p.imported)
                },
                stale: fresh.stale)
        }
        return try await req.view.render(
            "statistics/indicators",
            IndicatorsPage(
                page: PageContext(req, title: "Indikatorer for bosetting \(q.year)"),
                form: Self.form(q, years: years, geography: req.application.geography),
                indicators: views, freshness: fresh))
    }

    // MARK: API

    func apiTable(req: Request) async throws -> Response {
        let (t, _, _, _) = try await table(req)
        if ((try? req.query.get(String.self, at: "format")) ?? "jsonstat") == "csv" {
            return Self.download(StatRendering.csv(t), type: "text/csv; charset=utf-8", name: "tabell-\(t.number)-\(t.year).csv")
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(
            status: .ok, headers: headers, body: .init(data: try StatRendering.jsonStat(t, updated: StatisticsService.updated())))
    }

    struct IndicatorsOut: Content {
        let year: Int
        let period: String
        let unit: String
        let values: [String: Double?]
        /// The indicators withheld by disclosure control (null in `values`): figures from 1 to
        /// `StatisticsService.publicThreshold` persons, and those that would reveal one.
        let suppressed: [String]
        let definitions: [IndicatorDefinition]
        let freshness: Freshness
        /// Indicator → the last ten years, register years and imported history, each with its source.
        let series: [String: [SeriesPoint]]
    }

    func apiIndicators(req: Request) async throws -> IndicatorsOut {
        let (_, load) = try await req.application.registerCache.settlement(on: req.db)
        let years = try await req.application.registerCache.settledYears(on: req.db)
        let q = try await Self.query(req, years: years)
        let period: Period = q.half ? .half : .year
        let published = try await req.application.registerCache.indicators(on: req.db).values(
            year: q.year, period: period, unit: q.unit, unsuppressed: !q.publicVersion)
        let service = try await SeriesService.load(req.application, on: req.db)
        let series = service.series(
            indicators: SettlementIndicators.catalogue.map(\.id), years: service.years(upTo: q.year, count: 10), unit: q.unit,
            unitYear: q.year, period: period, publicVersion: q.publicVersion)
        return IndicatorsOut(
            year: q.year, period: q.half ? "half" : "year", unit: q.unitText, values: published.values,
            suppressed: published.suppressed.sorted(), definitions: SettlementIndicators.catalogue,
            freshness: Self.freshness(load, refreshDays: 31), series: series)
    }

    func apiKeyFigures(req: Request) async throws -> Response {
        let q = try await Self.query(req, years: try await req.application.registerCache.settledYears(on: req.db))
        var headers = HTTPHeaders()
        headers.contentType = .json
        var data = try await KeyFiguresService.json(year: q.year, app: req.application, on: req.db)
        if !Self.seesUnsuppressed(req) {
            // The published version: withheld figures are null.
            let k = try await req.application.registerCache.indicators(on: req.db).keyFigures(year: q.year)
            var object = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            let nirKeys = [
                "norwegian_training_participants", "intro_right_during_year", "intro_participants_year_end", "intro_ended_during_year",
                "intro_started_during_year",
            ]
            let nirCounts = Dictionary(uniqueKeysWithValues: nirKeys.map { ($0, object[$0] as? Int) })
            let withheld = Self.keyFiguresWithheld(k, req).union(
                IndicatorDisclosure.counts(nirCounts, control: DisclosureControl(threshold: StatisticsService.publicThreshold)))
            for key in withheld { object[key] = NSNull() }
            data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        }
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

extension IndicatorDefinition: Content {}
extension SettlementKeyFigures: Content {}
