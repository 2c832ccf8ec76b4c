import Foundation
import StyrCore

/// The data tables of the reports, each cell linked to the page its figure comes from.
enum ReportTables {

    static func results(_ t: ResultsService.Table) -> ReportTable {
        let columns = ["Id", "Resultatkrav"] + t.years.map { "Resultat \($0)" } + ["Krav \(t.year)", "Kommentar"]
        let rows = t.rows.map { r -> [ReportCell] in
            let link = ResultsService.indicatorLink(r.indicator, year: t.year)
            let values = t.years.map { ReportCell(r.text(year: $0), link: link) }
            let mark = r.met.map { $0 ? "ok" : "breached" }
            return [ReportCell(r.id, link: "/aar/\(t.year)/resultatkrav"), ReportCell(r.requirement)] + values
                + [ReportCell(r.targetText, mark: mark), ReportCell(r.comment)]
        }
        return ReportTable(
            caption: "Resultatkrav i tildelingsbrevet \(t.year)", columns: columns,
            numeric: columns.indices.map { $0 >= 2 && $0 < columns.count - 1 }, rows: rows,
            source: t.basis + "; registrene og importert statistikk")
    }

    static func assignments(_ y: AmendedYear, statuses: [String: StatusNote], asOf: CivilDate) -> ReportTable {
        let rows = y.letter.assignments.map { a -> [ReportCell] in
            let note = statuses[a.id]
            let status = note?.status ?? .ikkeStartet
            let deadlines = a.deadlines.map(\.text).joined(separator: "; ")
            return [
                ReportCell(a.id, link: "/aar/\(y.year)/oppdrag/\(AssignmentSlug.encode(a.id))"), ReportCell(a.title), ReportCell(deadlines),
                ReportCell(status.label, mark: status.rawValue),
                ReportCell(
                    note.map { n in "\(n.note) (\(NorwegianText.shortDate(n.date)))" + (n.evidence.map { " Dokumentasjon: \($0)" } ?? "") }
                        ?? "",
                    link: note?.evidenceLink),
            ]
        }
        return ReportTable(
            caption: "Oppdrag i tildelingsbrevet \(y.year) per \(NorwegianText.longDate(asOf.iso))",
            columns: ["Oppdrag", "Tittel", "Frist", "Status", "Siste statusnotat"], rows: rows,
            source: "Tildelingsbrevet med tillegg og direktoratets statusnotater")
    }

    static func deviations(_ list: [Deviation], texts: [String: String], year: Int) -> ReportTable {
        let rows = list.map { d -> [ReportCell] in
            let link = d.kind == .assignment ? "/aar/\(year)/oppdrag/\(AssignmentSlug.encode(d.ref))" : "/aar/\(year)/resultatkrav"
            return [
                ReportCell(d.ref, link: link), ReportCell(d.title), ReportCell(d.detail, mark: "breached"),
                ReportCell(texts[d.key] ?? "Tiltak ikke beskrevet ennå."),
            ]
        }
        return ReportTable(
            caption: "Avvik fra resultatkrav og oppdrag", columns: ["Ref.", "Krav / oppdrag", "Avvik", "Korrigerende tiltak"], rows: rows,
            source: "Åpnet automatisk fra registrenes tall og oppdragenes frister")
    }

    /// The key figures of a report year and the years before it, per register.
    struct KeyFigureYears {
        var years: [Int]
        var settlement: [Int: SettlementKeyFigures] = [:]
        var qualification: [Int: (nir: NIRKeyFigures, interpreters: InterpreterKeyFigures?)] = [:]
    }

    /// «Hovedtall»: one row per figure, one column per year that any register covers (the report
    /// year always); the accounts' figures for the report year only.
    static func keyFigures(_ k: KeyFigureYears, statement: AppropriationStatement?, year: Int) -> ReportTable {
        var labels: [String] = []
        var cells: [String: [Int: ReportCell]] = [:]
        func put(_ y: Int, _ label: String, _ cell: ReportCell) {
            if cells[label] == nil { labels.append(label) }
            cells[label, default: [:]][y] = cell
        }
        for y in k.years {
            for r in k.settlement[y].map(KeyFigureRows.settlement) ?? [] {
                put(y, r.label, ReportCell(Money.kroner(r.value), link: "/statistikk?aar=\(y)"))
            }
        }
        for y in k.years {
            guard var q = k.qualification[y] else { continue }
            if q.interpreters?.interpretersInRegister == 0 { q.interpreters = nil }
            for r in KeyFigureRows.qualification(q) { put(y, r.label, ReportCell(Money.kroner(r.value))) }
            if let t = q.interpreters {
                put(
                    y, "– herav i de høyeste kvalifikasjonskategoriene",
                    ReportCell(
                        "\(Money.kroner(t.interpretersTopCategories)) (\(IndicatorFormat.decimal(t.interpretersTopCategoriesShare, 0)) %)"))
                put(y, "Språk i tolkeregisteret", ReportCell(String(t.interpreterLanguages)))
            }
        }
        if let s = statement {
            let link = "/aar/\(year)/regnskap"
            put(year, "Samlet tildeling (kr)", ReportCell(Money.kroner(s.totalAllocation), link: link))
            put(year, "Utgiftsført (kr)", ReportCell(Money.kroner(s.totalActual), link: link))
            put(year, "Utnyttelsesgrad", ReportCell(s.utilisation.map { IndicatorFormat.decimal($0, 1) + " %" } ?? "–", link: link))
            // The agency's own post 01s; VAT booked on 1633/01 has no allocation and is left out, as printed.
            put(
                year, "Driftsutgifter post 01 (kr)",
                ReportCell(Money.kroner(s.expenses.filter { $0.post == 1 && $0.inLetter }.map(\.actual).reduce(0, +)), link: link))
        }
        let years = k.years.filter { y in y == year || cells.values.contains { $0[y] != nil } }
        let rows = labels.map { label in [ReportCell(label)] + years.map { cells[label]?[$0] ?? "–" } }
        return ReportTable(
            caption: "Hovedtall \(years.count > 1 ? "\(years[0])–\(year)" : String(year))",
            columns: ["Hovedtall"] + years.map(String.init), numeric: [false] + years.map { _ in true }, rows: rows,
            source: "Bosettingsregisteret, Nasjonalt introduksjonsregister, Nasjonalt tolkeregister og regnskapet")
    }

    /// Oppstilling av bevilgningsrapportering (part VI), or the half-year's budget status.
    static func appropriation(_ s: AppropriationStatement, halfYear: Bool) -> ReportTable {
        var rows: [[ReportCell]] = s.expenses.map { p in
            let link = "/aar/\(s.year)/regnskap/\(AccountsPages.slug(p.chapter, p.post))"
            let base = [
                ReportCell(String(p.chapter)), ReportCell(p.chapterName), ReportCell(String(format: "%02d", p.post)),
                ReportCell(p.postName),
                ReportCell(p.inLetter ? Money.kroner(p.total) : "", link: link), ReportCell(Money.kroner(p.actual), link: link),
            ]
            if halfYear {
                return base + [
                    ReportCell(Money.kroner(p.projected), link: link),
                    ReportCell(p.inLetter ? Money.kroner(p.projectedDifference) : "", mark: p.projectedDifference < 0 ? "breached" : nil),
                ]
            }
            return base + [ReportCell(p.inLetter ? Money.kroner(p.difference) : "", mark: p.difference < 0 ? "breached" : nil)]
        }
        let sum: [ReportCell] =
            [
                ReportCell("Sum utgiftsført"), "", "", "", ReportCell(Money.kroner(s.totalAllocation)),
                ReportCell(Money.kroner(s.totalActual)),
            ]
            + (halfYear ? [ReportCell(Money.kroner(s.totalProjected)), ""] : [""])
        rows.append(sum)
        for i in s.income {
            rows.append(
                [
                    ReportCell(String(i.chapter)), ReportCell("Inntekter"), ReportCell(String(format: "%02d", i.post)), "", "",
                    ReportCell(Money.kroner(i.actual)),
                ]
                    + (halfYear ? [ReportCell(Money.kroner(i.projected)), ""] : [""]))
        }
        let columns =
            ["Kapittel", "Kapittelnavn", "Post", "Posttekst", "Samlet tildeling", halfYear ? "Regnskap per 30.06" : "Regnskap \(s.year)"]
            + (halfYear ? ["Prognose årsslutt", "Prognose mer-/mindreutgift"] : ["Merutgift (−) og mindreutgift"])
        return ReportTable(
            caption: halfYear ? "Budsjettstatus og prognose per post" : "Oppstilling av bevilgningsrapportering for regnskapsår \(s.year)",
            columns: columns, numeric: columns.indices.map { $0 >= 4 }, rows: rows,
            source: "Regnskapsuttrekk importert i Styr; tildeling fra " + allocationSourceText(s).lowercased(),
            totalRows: [s.expenses.count])
    }

    /// Where the statement's allocation per post comes from, in a table's source line.
    static func allocationSourceText(_ s: AppropriationStatement) -> String {
        switch s.allocationSource {
        case .tildelingsbrev: "Tildelingsbrevet med tillegg"
        case .regnskap: "Regnskapets egen oppstilling (årets tildeling per post; tildelingsbrevet for \(s.year) er ikke lagret i Styr)"
        }
    }

    static func noteA(_ s: AppropriationStatement) -> ReportTable {
        let rows = s.expenses.filter(\.inLetter).map { p -> [ReportCell] in
            [
                ReportCell(
                    "\(p.chapter) \(String(format: "%02d", p.post))",
                    link: s.budgetLink(chapter: p.chapter, post: p.post)),
                ReportCell(p.carriedOver == 0 ? "" : Money.kroner(p.carriedOver)), ReportCell(Money.kroner(p.allocation)),
                ReportCell(Money.kroner(p.total)),
            ]
        }
        return ReportTable(
            caption: "Note A: Forklaring av samlet tildeling",
            columns: ["Kapittel og post", "Overført fra i fjor", "Årets tildelinger", "Samlet tildeling"],
            numeric: [false, true, true, true], rows: rows, source: allocationSourceText(s) + "; overføring fra regnskapet")
    }

    static func noteB(_ s: AppropriationStatement) -> ReportTable {
        let rows = s.carryOver.map { r -> [ReportCell] in
            [
                ReportCell(
                    "\(r.chapter) \(String(format: "%02d", r.post))",
                    link: "/aar/\(s.year)/regnskap/\(AccountsPages.slug(r.chapter, r.post))"),
                ReportCell(r.flag), ReportCell(Money.kroner(r.difference)),
                ReportCell(r.extraIncome == 0 ? "" : Money.kroner(r.extraIncome)),
                ReportCell(r.reallocation == 0 ? "" : Money.kroner(r.reallocation)),
                ReportCell(r.basis.map(Money.kroner) ?? "ikke aktuell"),
                ReportCell(r.maximum.map(Money.kroner) ?? ""), ReportCell(r.possible.map(Money.kroner) ?? ""),
            ]
        }
        let columns = [
            "Kapittel og post", "Stikkord", "Merutgift (−)/mindreutgift", "Merinntekter iht. merinntektsfullmakt",
            "Omdisponering fra post 01 til 45",
            "Sum grunnlag for overføring", "Maks. overførbart beløp", "Mulig overførbart beløp",
        ]
        return ReportTable(
            caption: "Note B: Forklaring til brukte fullmakter og beregning av mulig overført beløp til neste år", columns: columns,
            numeric: columns.indices.map { $0 >= 2 }, rows: rows, source: "Beregnet fra regnskapet etter rundskriv R-2")
    }

    static func fullmakter(_ checks: [AuthorizationCheck], year: Int) -> ReportTable {
        let rows = checks.flatMap { c -> [[ReportCell]] in
            let figures = c.figures.isEmpty ? [nil] : c.figures.map(Optional.some)
            return figures.map { f in
                [
                    ReportCell(c.title), ReportCell(f?.post ?? "", link: "/aar/\(year)/regnskap"),
                    ReportCell((f?.status ?? c.status).label, mark: (f?.status ?? c.status).rawValue), ReportCell(f?.message ?? c.message),
                ]
            }
        }
        return ReportTable(
            caption: "Bruk av fullmakter", columns: ["Fullmakt", "Post", "Status", "Vurdering"], rows: rows,
            source: "Fullmaktene i tildelingsbrevet vurdert mot regnskapet")
    }

    static func risks(_ risks: [Risk], year: Int) -> ReportTable {
        let link = "/aar/\(year)/risiko"
        let rows = risks.map { r -> [ReportCell] in
            [
                ReportCell(r.id, link: link), ReportCell(r.goalRef), ReportCell(r.title + (r.closed ? " (lukket)" : "")),
                ReportCell("\(r.likelihood) × \(r.consequence) = \(r.score)"),
                ReportCell(r.level.label, mark: r.level == .high ? "breached" : r.level == .medium ? "warning" : "ok"),
                ReportCell(r.measures),
            ]
        }
        return ReportTable(
            caption: "Risikoer for måloppnåelsen", columns: ["Id", "Mål", "Risiko", "S × K", "Nivå", "Tiltak"], rows: rows,
            source: "Risikoregisteret (sannsynlighet × konsekvens; høy ≥ 10)")
    }

    static func followUps(_ items: [ControlItem], year: Int) -> ReportTable {
        let rows = items.map { i -> [ReportCell] in
            [
                ReportCell(i.id, link: "/aar/\(year)/risiko"), ReportCell(i.kind.label), ReportCell(i.title), ReportCell(i.action),
                ReportCell(i.due.map(NorwegianText.shortDate) ?? ""),
                ReportCell(i.closed.map { "Lukket \(NorwegianText.shortDate($0))" } ?? "Åpen", mark: i.closed == nil ? "warning" : "ok"),
            ]
        }
        return ReportTable(
            caption: "Oppfølging av Riksrevisjonens merknader og internkontroll",
            columns: ["Id", "Type", "Merknad", "Oppfølging", "Frist", "Status"],
            rows: rows, source: "Oppfølgingspunkter registrert i Styr")
    }

    static func monthly(_ list: [MonthlyStatus], year: Int) -> ReportTable {
        let rows = list.map { s -> [ReportCell] in
            let mark = { (l: StatusLight) in l == .red ? "breached" : l == .yellow ? "warning" : "ok" }
            return [
                ReportCell(s.assignmentId, link: "/aar/\(year)/manedsstatus"), ReportCell(NorwegianText.monthNames[s.month]),
                ReportCell(s.progress.label, mark: mark(s.progress)), ReportCell(s.cost.label, mark: mark(s.cost)),
                ReportCell(s.quality.label, mark: mark(s.quality)), ReportCell(s.deviations),
            ]
        }
        return ReportTable(
            caption: "Månedlig status (fremdrift, kostnad, kvalitet)",
            columns: ["Oppdrag", "Måned", "Fremdrift", "Kostnad", "Kvalitet", "Avvik"],
            rows: rows, source: "Direktoratets månedsrapporter i Styr")
    }

    static func grants(_ schemes: [GrantsRoutes.SchemeSummary], year: Int) -> ReportTable {
        let rows = schemes.map { s -> [ReportCell] in
            let link = "/aar/\(year)/tilskudd/\(s.code)"
            return [
                ReportCell(s.name, link: link), ReportCell(s.post), ReportCell(s.basis), ReportCell(s.budget),
                ReportCell(s.granted, link: link),
                ReportCell(s.paid, link: link), ReportCell(String(s.applications)),
            ]
        }
        return ReportTable(
            caption: "Tilskuddsordninger \(year)", columns: ["Ordning", "Post", "Grunnlag", "Ramme", "Tildelt", "Utbetalt", "Søknader"],
            numeric: [false, false, false, true, true, true, true], rows: rows, source: "Tilskuddsforvaltningen i Styr")
    }

    static func statistics(_ t: StatTable) -> ReportTable {
        let p = StatRendering.pivot(t)
        let columns = p.rowHeaders + p.columns
        // A table made for the half-year only (13, 14) opens as such too.
        let half = t.period == .half || AppendixTables.entry(t.number)?.annual == false
        let link = "/statistikk/tabell/\(t.number)?aar=\(t.year)\(half ? "&halvaar=1" : "")"
        // Each figure links its table, unless the table is long (the caption's link is enough).
        let cellLink = p.rows.count * p.columns.count > ReportView.foldedCells ? nil : link
        let rows = p.rows.map { r in r.headers.map { ReportCell($0) } + r.cells.map { ReportCell($0, link: cellLink) } }
        let totals = Set(p.rows.indices.filter { p.rows[$0].isTotal })
        return ReportTable(
            // The report numbers its tables itself; the statistics table's own number goes last.
            caption: "\(t.title) (statistikktabell \(t.number))", columns: columns,
            numeric: columns.indices.map { $0 >= p.rowHeaders.count },
            rows: rows,
            source: "\(t.source); små tall skjult etter publiseringsreglene", totalRows: totals, link: link)
    }
}

/// The key figures of settlement, labelled as the statistics page and the annual report show them.
enum KeyFigureRows {
    /// The JSON key of each row of `settlement`, in the same order (for disclosure control).
    static let settlementKeys = [
        "settled_total", "resettlement_refugees", "unaccompanied_minors", "unaccompanied_minors_over15", "unaccompanied_minors_under15",
        "families_with_children",
        "persons_in_families_with_children", "children_in_families_with_children", "waiting_in_reception_year_end",
        "waiting_in_reception_over12m_year_end",
    ]

    static func settlement(_ k: SettlementKeyFigures) -> [(label: String, value: Int)] {
        [
            ("Bosatte flyktninger", k.settledTotal), ("Overføringsflyktninger", k.resettlementRefugees),
            ("Enslige mindreårige", k.unaccompaniedMinors), ("– herav 15 år og over", k.unaccompaniedMinorsOver15),
            ("– herav under 15 år", k.unaccompaniedMinorsUnder15),
            ("Barnefamilier", k.familiesWithChildren), ("Personer i barnefamilier", k.personsInFamiliesWithChildren),
            ("Barn i barnefamilier", k.childrenInFamiliesWithChildren),
            ("Bosettingsklare i mottak per 31.12", k.waitingInReceptionYearEnd),
            ("– herav ventet mer enn 12 måneder", k.waitingInReceptionOver12mYearEnd),
        ]
    }

    /// The introduction register's and the interpreter register's key figures (those that exist).
    static func qualification(_ k: (nir: NIRKeyFigures, interpreters: InterpreterKeyFigures?)) -> [(label: String, value: Int)] {
        let rows: [(String, Int?)] = [
            ("Personer med rett og plikt til opplæring i norsk og samfunnskunnskap i opplæring", k.nir.norwegianTrainingParticipants),
            ("Personer med rett og plikt til introduksjonsprogram i løpet av året", k.nir.introRightDuringYear),
            ("Deltakere i introduksjonsprogram per 31.12", k.nir.introParticipantsYearEnd),
            ("Avsluttet introduksjonsprogram i året", k.nir.introEndedDuringYear),
            ("Startet i introduksjonsprogram i året", k.nir.introStartedDuringYear),
            ("Tolker i Nasjonalt tolkeregister per 31.12", k.interpreters.map(\.interpretersInRegister)),
        ]
        return rows.compactMap { label, value in value.map { (label, $0) } }
    }
}
