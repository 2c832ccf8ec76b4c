import Fluent
import Foundation
import StyrCore
import Vapor

/// `styr demo --db PATH`: a demo database from the real instruction, 2021 letter and 2020 supplement
/// (read through the importer), demo users and a few status notes.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Bygger demodatabasen (instruksen, tildelingsbrev 2021 og tillegg nr. 4 2020) og avslutter." }

    static let users: [(String, String, Role, String?)] = [
        ("departement", "demo-departement", .ministry, nil),
        ("direktorat", "demo-direktorat", .directorate, nil),
        ("kommune", "demo-kommune", .municipality, "0301"),
        ("publikum", "demo-publikum", .public, nil),
    ]

    /// The shipped letters, copies of ../shared/seeds.
    static func letter(_ name: String) throws -> String { try bundled(name, "txt", in: "Letters") }

    /// A file shipped with the program.
    static func bundled(_ name: String, _ ext: String, in folder: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: folder) else {
            throw UserError(.internalServerError, "Fant ikke \(folder)/\(name).\(ext) i programpakken.")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await Self.build(context.application)
        printErr("Demodatabasen er klar (\(context.application.databaseDescription)).")
        printErr("Brukere (brukernavn / passord):")
        for (u, p, r, k) in Self.users { printErr("  \(u) / \(p)  (\(r.label)\(k.map { " \($0)" } ?? ""))") }
    }

    /// The demo content; `settlementYears` nil leaves the registers empty (tests that do not need
    /// them); `qualificationScale` sizes NIR and the other registers (nil: leave them empty).
    static func build(_ app: Application, settlementYears: ClosedRange<Int>? = 2014...2024, qualificationScale: Double? = 1) async throws {
        for name in ["instruks", "tildelingsbrev-2021", "tillegg-4-2020"] {
            let text = try letter(name)
            let parsed = try LetterParser().parse(text)
            _ = try await SteeringStore.storeImported(parsed.document, sourceText: text, publish: true, actor: "styr demo", on: app.db)
            printErr("Importerte \(parsed.summary)")
        }
        // The 2017 accounts by kind (artskonto) as the annual report 2017 prints them, 2016 beside
        // them: part VI's statement and notes 1–8 for `styr report annual --year 2017`.
        let artskonto = try await ArtskontoStore.importFile(
            try bundled("artskonto-2017", "csv", in: "Accounts"), source: "artskonto-2017.csv", actor: "styr demo", on: app.db)
        printErr("Importerte regnskap etter art: \(artskonto.rows) linjer (\(artskonto.replaced.joined(separator: ", ")))")
        // The 2017 appropriation accounts as the same report prints them (the year's allocation,
        // carry-over and totals per post; Styr has no letter for 2017): part VI's bevilgningsoppstilling
        // and Notes A and B.
        let ledger2017 = try await AccountsStore.importLedger(
            try bundled("bevilgning-2017", "csv", in: "Accounts"), source: "bevilgning-2017.csv", actor: "styr demo", on: app.db)
        printErr("Importerte bevilgningsregnskap: \(ledger2017.rows) rader (\(ledger2017.replaced.joined(separator: ", ")))")
        // Demo accounts for 2021 (the year of the shipped letter), through the importer.
        if let y2021 = try await SteeringStore.amendedYear(2021, on: app.db) {
            let ledger = LedgerDemo.csv(LedgerDemo.entries(letter: y2021.letter, year: 2021))
            let r = try await AccountsStore.importLedger(ledger, source: "demo-regnskap-2021.csv", actor: "styr demo", on: app.db)
            printErr("Importerte regnskap: \(r.rows) rader (\(r.replaced.joined(separator: ", ")))")
            let grants = try await GrantsStore.fillDemo(year: 2021, app: app, on: app.db)
            printErr("Tilskudd: \(grants) demosøknader")
            try await ControlStore.fillDemo(year: 2021, on: app.db)
            for (month, progress, cost, deviation) in [
                (1, StatusLight.green, StatusLight.green, ""), (2, .green, .green, ""),
                (3, .yellow, .green, "Digitale tilskudd: test forskjøvet to uker."),
                (4, .yellow, .yellow, "Leverandørkapasitet; merforbruk 0,4 mill. kroner på post 45."),
                (5, .green, .yellow, "Merforbruk dekkes innen rammen."),
                (6, .green, .green, ""),
            ] {
                try await MonthlyStore.store(
                    MonthlyStatus(
                        assignmentId: "2021-18", year: 2021, month: month, purpose: "IMDig: digitale tilskudd, ledelsesinformasjon, NIR.",
                        progress: progress, cost: cost, quality: .green, deviations: deviation, risk: "Avhengighet til leverandør.",
                        author: "direktorat"), actor: "styr demo", on: app.db)
            }
            // Next year's letter as the ministry drafts it in Styr, shared with the directorate for comments.
            let draft = try await LetterDraftStore.start(year: 2022, actor: "departement", today: app.clock.today(), on: app.db)
            try await LetterDraftStore.share(draft.id!, true, actor: "departement", now: Date(), on: app.db)
            printErr("Brevutkast: \(draft.title), delt med direktoratet")
        }
        let interpreters = try await InterpretersStore.importFile(
            InterpreterCSV.csv(InterpreterDemo.entries()), source: "demo-tolkeregister.csv", actor: "styr demo", dryRun: false, on: app.db)
        printErr("Tolkeregisteret: \(interpreters) rader")
        if let years = settlementYears {
            try await DemoDataCommand.fill(
                app, from: years.lowerBound, to: years.upperBound, seed: 1, qualificationScale: qualificationScale)
            // Generated "published" history for the three years before the register.
            let earlier = Array((years.lowerBound - 3)..<years.lowerBound)
            let name = "demo-bosatt_anmodede-\(earlier.first!)-\(earlier.last!).csv"
            let text = HistoryDemo.imdiCrossTable(years: earlier, geography: app.geography, seed: 1)
            let result = try await HistoryStore.importFile(
                text, name: name, format: "imdi", dryRun: false, actor: "styr demo", geography: app.geography, on: app.db)
            printErr("Importerte historikk: \(result.summary)")
        }
        let hasher = app.password
        for (u, p, r, k) in users {
            _ = try await Users.add(username: u, password: p, role: r, kommune: k, on: app.db) { try hasher.hash($0) }
        }
        // Demo status notes from the directorate (illustrative, not real reporting).
        let notes: [(String, AssignmentStatus, String, String)] = [
            ("2021-01", .pagar, "Arbeidet med rammeverket er startet; brukergrupper kartlegges.", "2021-03-01"),
            ("2021-01", .levert, "Rammeverket oversendt KD.", "2021-08-19"),
            ("2021-03", .levert, "Plan oversendt KD.", "2021-01-29"),
            ("2021-04", .pagar, "Del 1 løpende; digitalt system i testing.", "2021-06-15"),
            ("2021-06", .pagar, "Utredning pågår.", "2021-06-01"),
            ("2021-11", .forsinket, "Halvveisrapport forsinket grunnet ressurssituasjon.", "2021-05-20"),
            ("2021-18", .pagar, "Månedlig rapportering løper.", "2021-05-31"),
        ]
        for (id, status, text, date) in notes {
            let evidence =
                status == .levert ? "\(text.replacingOccurrences(of: ".", with: "")) \(NorwegianText.shortDate(date)) (brev til KD)" : nil
            try await SteeringStore.addStatusNote(
                year: 2021,
                note: StatusNote(assignmentId: id, status: status, note: text, date: date, author: "direktorat", evidence: evidence),
                on: app.db)
        }
    }
}
