import Fluent
import Foundation
import StyrCore
import Vapor

/// Writes the annual and half-year reports from the steering model, the registers, the accounts
/// and the texts people wrote. Data that is missing (no accounts yet, no register) leaves a
/// section with its guidance instead of failing the whole report.
enum ReportBuilder {
    struct Inputs {
        var year: AmendedYear
        /// Whether the year's letter is stored (else the assignments cannot be listed).
        var letterStored: Bool
        /// The letter's reporting demands answered in this report.
        var demands: [ReportingDemand]
        var results: ResultsService.Table?
        var statuses: [String: StatusNote]
        var keyFigures: ReportTables.KeyFigureYears
        var accounts: (statement: AppropriationStatement, checks: [AuthorizationCheck])?
        /// The accounts by kind (artskonto) with notes 1–8, when they are imported for the year.
        var artskonto: ArtskontoStatement?
        var statistics: [StatTable]
        var texts: [String: String]
        var grants: [GrantsRoutes.SchemeSummary]
        var risks: [Risk]
        var followUps: [ControlItem]
        var monthly: [MonthlyStatus]
    }

    static func build(_ kind: ReportKind, year: Int, app: Application, on db: any Database) async throws -> ReportDocument {
        let register = try await app.registerCache.settledYears(on: db)
        let stored = try await app.steeringCache.amendedYear(year, asOf: nil, on: db)
        // A year whose letter is not stored is still reported on from its registers and the
        // requirements its published annual report gives (2017); its assignments cannot be listed.
        guard stored != nil || register.contains(year) || PublishedRequirements.byYear[year] != nil else {
            throw UserError(.notFound, "Ingen publiserte styringsdokumenter for \(year).", field: "year")
        }
        let amended =
            stored
            ?? AmendedYear(
                year: year, asOf: nil, documents: [], letter: SteeringDocument(kind: .tildelingsbrev, year: year), history: [],
                aliases: [:])
        let countDate = kind == .aar ? "\(year)-12-31" : "\(year)-06-30"
        let asOf = CivilDate(iso: countDate)!
        var statuses: [String: StatusNote] = [:]
        for n in try await SteeringStore.statusNotes(year: year, on: db) where n.date <= countDate { statuses[n.assignmentId] = n }
        let statistics = try await appendix(kind, year: year, settlementYears: register, app: app, on: db)
        let inputs = Inputs(
            year: amended, letterStored: stored != nil,
            demands: ReportingDemands.of(amended.letter, year: year).filter { $0.report == kind },
            results: try await unlessNotFound { try await ResultsService.table(year: year, app: app, on: db) },
            statuses: statuses,
            keyFigures: kind == .aar ? try await keyFigures(year: year, settlementYears: register, app: app, on: db) : .init(years: [year]),
            accounts: try await unlessNotFound {
                try await AccountsStore.evaluate(year: year, through: kind == .aar ? nil : 6, app: app, on: db)
            },
            artskonto: kind == .aar ? try await ArtskontoStore.statement(year: year, on: db) : nil,
            statistics: statistics, texts: try await ReportsStore.texts(year: year, kind: kind, on: db),
            grants: try await grantSummaries(year: year, app: app, on: db), risks: try await ControlStore.risks(year: year, on: db),
            followUps: try await ControlStore.items(year: year, on: db),
            monthly: try await MonthlyStore.reports(year: year, on: db).filter { $0.month <= (kind == .aar ? 12 : 6) })
        let deviations = Deviations.detect(
            year: year, results: inputs.results?.rows ?? [], assignments: amended.letter.assignments,
            statuses: statuses.mapValues(\.status), asOf: asOf)
        let deadline = amended.letter.reporting.first { r in
            r.countDate == countDate && (kind == .aar ? r.type.lowercased().contains("årsrapport") : r.type.lowercased().contains("halvår"))
        }?.deadline
        let parts = kind == .aar ? annual(inputs, deviations: deviations, asOf: asOf) : half(inputs, deviations: deviations, asOf: asOf)
        return ReportDocument(
            kind: kind, year: year, title: "\(kind.label) \(year)",
            subtitle: amended.letter.recipient ?? "Integrerings- og mangfoldsdirektoratet",
            countDate: countDate, deadline: deadline, parts: parts)
    }

    /// The statistics appendix of the report: every table the appendix lists for its period
    /// (annual or half-year) whose register is loaded, published suppressed. Large tables are
    /// kept; the web view links them instead of printing them (ReportView).
    static func appendix(
        _ kind: ReportKind, year: Int, settlementYears: [Int], app: Application, on db: any Database
    ) async throws -> [StatTable] {
        let period: Period = kind == .aar ? .year : .half
        let entries = AppendixTables.catalogue.filter { kind == .aar ? $0.annual : $0.half }
        let (settlement, cube, version) = try await app.registerCache.cubeSnapshot(on: db)
        let (registers, stamp) = try await app.qualificationCache.snapshot(app, on: db)
        let geography = app.geography
        let withSettlement = settlementYears.contains(year)
        let key = AppendixCache.Key(kind: kind, year: year, settlement: version, qualification: stamp)
        return try await app.appendixCache.tables(key) {
            var out: [StatTable] = []
            if withSettlement {
                for e in entries where SettlementTables.numbers.contains(e.number) {
                    out.append(
                        try StatisticsService.table(
                            e.number, cube: cube, year: year, half: period == .half, unit: .national, publicVersion: true,
                            threshold: StatisticsService.publicThreshold, geography: geography))
                }
            }
            for e in entries where !SettlementTables.numbers.contains(e.number) {
                do {
                    let t = try AppendixTables.build(
                        e.number, registers: registers, settlement: settlement, year: year, period: period, geography: geography)
                    out.append(DisclosureControl(threshold: StatisticsService.publicThreshold).apply(t))
                } catch is AppendixTables.TableError {
                    continue  // the register behind it is not loaded, or the table is not made for the period
                }
            }
            return out
        }
    }

    /// The key figures of the year and the three before, from every register that covers them
    /// (the annual report's «Hovedtall», 2014–2017 in the 2017 report).
    static func keyFigures(
        year: Int, settlementYears: [Int], app: Application, on db: any Database
    ) async throws -> ReportTables.KeyFigureYears {
        var k = ReportTables.KeyFigureYears(years: Array((year - 3)...year))
        let indicators = try await app.registerCache.indicators(on: db)
        for y in k.years {
            if settlementYears.contains(y) { k.settlement[y] = indicators.keyFigures(year: y) }
            k.qualification[y] = try await KeyFiguresService.qualification(year: y, app: app, on: db)
        }
        return k
    }

    static func grantSummaries(year: Int, app: Application, on db: any Database) async throws -> [GrantsRoutes.SchemeSummary] {
        guard let schemes = try await unlessNotFound({ try await GrantsStore.schemes(year: year, app: app, on: db) }) else { return [] }
        let apps = try await GrantsStore.applications(year: year, on: db)
        return schemes.map { GrantsRoutes.summary($0, apps) }
    }

    static func riskTables(_ i: Inputs) -> [ReportTable] {
        (i.risks.isEmpty ? [] : [ReportTables.risks(i.risks, year: i.year.year)])
            + (i.followUps.isEmpty ? [] : [ReportTables.followUps(i.followUps, year: i.year.year)])
    }

    static func section(_ key: String, _ title: String, _ guidance: String, _ i: Inputs, tables: [ReportTable] = []) -> ReportSection {
        var s = ReportSection(key: key, title: title, guidance: guidance, text: i.texts[key], tables: tables)
        // The letter's reporting demands answered in this section, each with its own text.
        s.actions = i.demands.filter { $0.section == key }.map {
            ReportAction(key: $0.key, label: "\($0.ref): \($0.text)", text: i.texts[$0.key], kind: "svar")
        }
        return s
    }

    static func data(_ key: String, _ title: String, tables: [ReportTable], missing: String) -> ReportSection {
        ReportSection(key: key, title: title, guidance: tables.isEmpty ? missing : nil, editable: false, tables: tables)
    }

    /// Deviations opened from the data, each with its corrective action written by people.
    static func deviationSection(_ list: [Deviation], _ i: Inputs, none: String) -> ReportSection {
        var s = data(
            "avvik", "Avvik og korrigerende tiltak",
            tables: list.isEmpty ? [] : [ReportTables.deviations(list, texts: i.texts, year: i.year.year)], missing: none)
        s.actions = list.map { ReportAction(key: $0.key, label: "\($0.ref): \($0.detail)", text: i.texts[$0.key]) }
        return s
    }

    /// The assignments with their status at the count date; a year without a stored letter says so.
    static func assignmentSection(_ title: String, _ i: Inputs, asOf: CivilDate) -> ReportSection {
        data(
            "oppdrag", title, tables: i.letterStored ? [ReportTables.assignments(i.year, statuses: i.statuses, asOf: asOf)] : [],
            missing: "Tildelingsbrevet for \(i.year.year) er ikke lagret i Styr: importer det for å få med oppdragene og fristene.")
    }

    static func annual(_ i: Inputs, deviations: [Deviation], asOf: CivilDate) -> [ReportPart] {
        let y = i.year.year
        let accounts = i.accounts.map { a in
            [ReportTables.appropriation(a.statement, halfYear: false), ReportTables.noteA(a.statement), ReportTables.noteB(a.statement)]
        }
        return [
            ReportPart(
                number: "I", title: "Leders beretning",
                sections: [section("leder", "Leders beretning", "Overordnet vurdering av resultater og ressursbruk, signert av leder.", i)]),
            ReportPart(
                number: "II", title: "Introduksjon til virksomheten og hovedtall",
                sections: [
                    section(
                        "virksomheten", "Virksomheten og samfunnsoppdraget",
                        "Organisasjon, samfunnsoppdrag og de viktigste samarbeidspartnerne.", i),
                    data(
                        "hovedtall", "Utvalgte hovedtall",
                        tables: [ReportTables.keyFigures(i.keyFigures, statement: i.accounts?.statement, year: y)].filter {
                            !$0.rows.isEmpty
                        },
                        missing: "Registrene har ingen tall for \(y)."),
                ]),
            ReportPart(
                number: "III", title: "Årets aktiviteter og resultater",
                sections: [
                    section("resultater", "Samlet vurdering", "Vurdering av måloppnåelse per mål og styringsparameter.", i),
                    data(
                        "resultatkrav", "Resultatkrav", tables: i.results.map { [ReportTables.results($0)] } ?? [],
                        missing: "Fant ingen resultatkrav for \(y)."),
                    assignmentSection("Oppdrag", i, asOf: asOf),
                    deviationSection(
                        deviations, i, none: "Ingen avvik: alle målte resultatkrav er nådd og ingen frister er passert uten levering."),
                    data(
                        "tilskudd", "Forvaltning av tilskuddsordninger",
                        tables: i.grants.isEmpty ? [] : [ReportTables.grants(i.grants, year: y)],
                        missing: "Ingen tilskuddsordninger registrert for \(y)."),
                ]),
            ReportPart(
                number: "IV", title: "Styring og kontroll i virksomheten",
                sections: [
                    section(
                        "styring", "Risikostyring og internkontroll",
                        "Risikovurderinger, vesentlige avvik, oppfølging av Riksrevisjonens merknader.", i),
                    data("risikoregister", "Risikovurdering", tables: riskTables(i), missing: "Risikoregisteret for \(y) er tomt."),
                    data(
                        "fullmakter", "Bruk av fullmakter",
                        tables: i.accounts.flatMap { $0.checks.isEmpty ? nil : [ReportTables.fullmakter($0.checks, year: y)] } ?? [],
                        missing: i.accounts == nil
                            ? "Regnskapet for \(y) er ikke importert."
                            : i.letterStored
                                ? "Tildelingsbrevet for \(y) gir ingen fullmakter å vurdere."
                                : "Tildelingsbrevet for \(y) er ikke lagret i Styr: fullmaktene kan ikke vurderes mot regnskapet."),
                ]),
            ReportPart(
                number: "V", title: "Vurdering av framtidsutsikter",
                sections: [
                    section("framtid", "Framtidsutsikter", "Forhold som kan påvirke evnen til å løse samfunnsoppdraget framover.", i)
                ]),
            ReportPart(
                number: "VI", title: "Årsregnskap",
                sections: [
                    section(
                        "ledelseskommentar", "Ledelseskommentarer til årsregnskapet",
                        "Bekreftelse, vurdering av vesentlige forhold og revisjon.", i),
                    data(
                        "bevilgning", "Bevilgningsrapportering", tables: accounts ?? [], missing: "Regnskapet for \(y) er ikke importert."),
                    data(
                        "artskonto", "Artskontorapportering", tables: i.artskonto.map { [ReportTables.artskonto($0)] } ?? [],
                        missing: "Regnskapet etter art for \(y) er ikke importert (styr accounts import, filen med note og linje)."),
                    data(
                        "noter", "Noter 1–8 til artskontorapporteringen", tables: i.artskonto.map(ReportTables.artskontoNotes) ?? [],
                        missing: "Notene følger regnskapet etter art."),
                ]),
            statisticsAppendix(i, missing: "Registrene har ingen tall for \(y)."),
        ]
    }

    /// The appendix with the statistics tables of the report's period (Vedlegg).
    static func statisticsAppendix(_ i: Inputs, missing: String) -> ReportPart {
        ReportPart(
            number: "Vedlegg", title: "Statistikkvedlegg",
            sections: [
                data("statistikk", "Tabeller fra registrene", tables: i.statistics.map(ReportTables.statistics), missing: missing)
            ])
    }

    static func half(_ i: Inputs, deviations: [Deviation], asOf: CivilDate) -> [ReportPart] {
        let y = i.year.year
        return [
            ReportPart(
                number: "1", title: "Sammendrag",
                sections: [section("sammendrag", "Sammendrag", "Kort om status for mål, oppdrag og økonomi per 30. juni.", i)]),
            ReportPart(
                number: "2", title: "Avvik fra mål og resultatkrav",
                sections: [
                    deviationSection(deviations, i, none: "Ingen avvik per 30. juni."),
                    section("tiltak", "Korrigerende tiltak", "Tiltak for avvikene over, med ansvar og frist.", i),
                ]),
            ReportPart(
                number: "3", title: "Oppdrag",
                sections: [
                    assignmentSection("Status for oppdrag", i, asOf: asOf),
                    data(
                        "manedsstatus", "Månedlig status for utvalgte oppdrag",
                        tables: i.monthly.isEmpty ? [] : [ReportTables.monthly(i.monthly, year: y)],
                        missing: "Ingen månedsrapporter første halvår."),
                ]),
            ReportPart(
                number: "4", title: "Risiko",
                sections: [
                    section("risiko", "Risikovurdering", "Vesentlige risikoer for måloppnåelsen resten av året og tiltak.", i),
                    data("risikoregister", "Risikoregister", tables: riskTables(i), missing: "Risikoregisteret for \(y) er tomt."),
                ]),
            ReportPart(
                number: "5", title: "Budsjettstatus og prognose",
                sections: [
                    data(
                        "budsjett", "Forbruk per 30. juni og prognose per post",
                        tables: i.accounts.flatMap {
                            // Nothing booked by June (a year whose accounts hold year totals only): no status to show.
                            $0.statement.bookedThroughMonth == 0
                                ? nil
                                : [ReportTables.appropriation($0.statement, halfYear: true), ReportTables.fullmakter($0.checks, year: y)]
                        }
                            ?? [],
                        missing: i.accounts == nil
                            ? "Regnskapet for \(y) er ikke importert."
                            : "Regnskapet for \(y) har ingen føringer per 30. juni (bare årstall, eller ingenting bokført ennå)."),
                    section("budsjettkommentar", "Kommentar til prognosen", "Forklaring av vesentlige mer- og mindreutgifter.", i),
                ]),
            ReportPart(
                number: "6", title: "Tilsyn og klagesaker",
                sections: [section("tilsyn", "Tilsyn og klagesaker", "Statsforvalternes tilsyn og klagesaker første halvår.", i)]),
            statisticsAppendix(i, missing: "Registrene har ingen tall for første halvår \(y)."),
        ]
    }
}
