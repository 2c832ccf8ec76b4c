import Foundation
import StyrCore
import Vapor

/// `styr letter start|show|save|share|publish|print`: the ministry's tildelingsbrev drafted in Styr,
/// from the command line (the same store and checks as the pages).
struct LetterCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "start | show | save | share | publish | print")
        var action: String
        @Option(name: "year", help: "Budsjettår (start)")
        var year: Int?
        @Option(name: "id", help: "Utkastets id (show, save, share, publish, print)")
        var id: String?
        @Option(name: "file", help: "Brevteksten som skal lagres (save)")
        var file: String?
        @Option(name: "format", help: "html eller pdf (print)")
        var format: String?
        @Option(name: "out", help: "Fil å skrive til (print; ellers standard ut)")
        var out: String?
        @Option(name: "as", help: "Brukernavn som står i revisjonsloggen (standard: styr)")
        var actor: String?
        @Flag(name: "off", help: "share: trekk utkastet tilbake fra direktoratet")
        var off: Bool
        @Flag(name: "json", help: "Skriv resultatet som JSON")
        var json: Bool
    }

    var help: String { "Tildelingsbrev skrevet i Styr: start fra fjorårets brev, lagre tekst, del, publiser, skriv ut." }

    /// What `start`, `show`, `save`, `share` and `publish` print with `--json`.
    struct Summary: Encodable {
        let id: String
        let title: String
        let year: Int?
        let status: String
        let shared: Bool
        let carried: [String]
        let assignments: [String]
        let blocking: [String]
        let notes: [String]
        let contentHash: String?
    }

    func run(using context: CommandContext, signature s: Signature) async throws {
        let app = context.application
        let actor = s.actor ?? "styr"
        switch s.action {
        case "start":
            guard let year = s.year else { throw UserError(.badRequest, "Mangler --year.", field: "year") }
            let model = try await LetterDraftStore.start(year: year, actor: actor, today: app.clock.today(), on: app.db)
            try await report(try await find(model.id!.uuidString, app), s.json, app)
        case "show":
            try await report(try await find(s.id, app), s.json, app)
        case "save":
            let model = try await find(s.id, app)
            guard let file = s.file else { throw UserError(.badRequest, "Mangler --file.", field: "file") }
            let text = try readTextFile(file)
            try await LetterDraftStore.saveText(
                model.id!, text: text, baseVersion: LetterDraftStore.version(model.sourceText), actor: actor, on: app.db)
            try await report(try await find(s.id, app), s.json, app)
        case "share":
            let model = try await find(s.id, app)
            try await LetterDraftStore.share(model.id!, !s.off, actor: actor, now: Date(), on: app.db)
            try await report(try await find(s.id, app), s.json, app)
        case "publish":
            let model = try await find(s.id, app)
            try await LetterDraftStore.checkPublishable(model, on: app.db)
            _ = try await SteeringStore.publish(model.id!, actor: actor, today: app.clock.today(), on: app.db)
            try await report(try await find(s.id, app), s.json, app)
        case "print":
            let model = try await find(s.id, app)
            let html = try await LetterDraftRoutes.LetterPrint(model).html(app.view)
            let data: Data
            switch s.format ?? "html" {
            case "html": data = Data(html.utf8)
            case "pdf": data = try ReportRenderer.pdf(html: html)
            default: throw UserError(.badRequest, "--format må være html eller pdf.", field: "format")
            }
            if let out = s.out {
                try data.write(to: URL(fileURLWithPath: out))
                printErr("Skrev \(model.title) til \(out) (\(data.count) byte).")
            } else {
                FileHandle.standardOutput.write(data)
            }
        default:
            throw UserError(
                .badRequest, "Ukjent handling «\(s.action)»: bruk start, show, save, share, publish eller print.", field: "action")
        }
    }

    func find(_ id: String?, _ app: Application) async throws -> DocumentModel {
        guard let id else { throw UserError(.badRequest, "Mangler --id.", field: "id") }
        guard let uuid = UUID(uuidString: id), let model = try await DocumentModel.find(uuid, on: app.db) else {
            throw UserError(.notFound, "Fant ikke dokumentet \(id).", field: "id")
        }
        guard model.kind == DocumentKind.tildelingsbrev.rawValue, model.sourceText != nil else {
            throw UserError(.badRequest, "\(model.title) er ikke et tildelingsbrev med brevtekst.", field: "id")
        }
        return model
    }

    func report(_ model: DocumentModel, _ json: Bool, _ app: Application) async throws {
        let d = try model.document()
        // A published letter keeps its reading's notes; nothing blocks any more.
        var review = try await LetterDraftStore.review(model, on: app.db).review
        if model.isPublished { review.blocking = [] }
        let summary = Summary(
            id: model.id!.uuidString, title: model.title, year: model.year, status: model.isPublished ? "publisert" : "utkast",
            shared: model.reviewSharedAt != nil, carried: d.carriedOverAssignments.map(\.id), assignments: d.assignments.map(\.id),
            blocking: review.blocking, notes: review.notes, contentHash: model.contentHash)
        if json { return printOut(try prettyJSON(summary)) }
        printOut("\(summary.title) (\(summary.status)\(summary.shared ? ", delt med direktoratet" : "")) id \(summary.id)")
        printOut("\(summary.assignments.count) nye oppdrag, \(summary.carried.count) videreførte")
        for b in summary.blocking { printOut("Hindrer publisering: \(b)") }
        for n in summary.notes { printOut("Merknad: \(n)") }
        if let h = summary.contentHash { printOut("Innholdshash: \(h)") }
    }
}
