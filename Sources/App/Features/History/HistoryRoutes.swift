import Fluent
import Foundation
import StyrCore
import Vapor

/// Published statistics imported as history: the list of imported tables and versions, upload of
/// a new download (the directorate), and lookups per measure, year and level.
struct HistoryRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.history, use: page)
        web.on(.historyImport, body: .collect(maxSize: "20mb"), use: upload)
        api.on(.apiHistory, use: apiQuery)
        api.on(.apiHistoryImport, body: .collect(maxSize: "20mb"), use: apiImport)
    }

    struct Page: Encodable {
        let page: PageContext
        let imports: [ImportView]
        let canImport: Bool
        let formats: [SelectOption]
        let result: HistoryStore.Imported?
        /// The lines the upload just left out (nil: none).
        let resultSkipped: [String]?
        let errors: [String]
    }

    struct ImportView: Encodable {
        let title: String
        let format: String
        let importedAt: String
        let importedBy: String
        let active: Bool
        let figures: Int
        /// The lines --skip-invalid left out of this version, with their problems (nil: none).
        let skipped: [String]?
    }

    func render(_ req: Request, result: HistoryStore.Imported?, errors: [String]) async throws -> View {
        let imports = try await HistoryStore.imports(on: req.db).map {
            ImportView(
                title: $0.title.isEmpty ? $0.source : $0.title, format: $0.format, importedAt: Clock.stamp($0.imported_at),
                importedBy: $0.imported_by, active: $0.active, figures: $0.figures,
                skipped: $0.skipped.flatMap { $0.isEmpty ? nil : $0.split(separator: "\n").map(String.init) })
        }
        let formats =
            [SelectOption(value: "", label: "Gjenkjenn selv", selected: true)]
            + HistoryFormat.allCases.map { SelectOption(value: $0.rawValue, label: $0.rawValue, selected: false) }
        return try await req.view.render(
            "history/history",
            Page(
                page: PageContext(req, title: "Publisert statistikk (historikk)"), imports: imports,
                canImport: Endpoint.historyImport.roles.contains(req.role), formats: formats, result: result,
                resultSkipped: result.flatMap { $0.skipped.isEmpty ? nil : $0.skipped }, errors: errors))
    }

    func page(req: Request) async throws -> View { try await render(req, result: nil, errors: []) }

    struct UploadForm: Content {
        var file: File?
        var format: String?
        var dryRun: String?
        /// "1": import the valid lines and list the skipped ones.
        var skipInvalid: String?
    }

    func upload(req: Request) async throws -> Response {
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await failed(req, ["Velg en statistikkfil (CSV, JSON-stat eller Excel .xlsx)."])
        }
        do {
            let text = try HistoryFile.text(Data(buffer: file.data), name: file.filename)
            let result = try await HistoryStore.importFile(
                text, name: file.filename, format: form.format, dryRun: form.dryRun == "1", skipInvalid: form.skipInvalid == "1",
                actor: req.actor,
                geography: req.application.geography, on: req.db)
            return try await render(req, result: result, errors: []).encodeResponse(for: req)
        } catch let e as UserError {
            return try await failed(req, [e.reason] + e.details)
        }
    }

    func failed(_ req: Request, _ errors: [String]) async throws -> Response {
        let res = try await render(req, result: nil, errors: errors).encodeResponse(for: req)
        res.status = .unprocessableEntity
        return res
    }

    func apiQuery(req: Request) async throws -> [HistoryRow] {
        guard let measure = try? req.query.get(String.self, at: "measure"), !measure.isEmpty else {
            throw UserError(.badRequest, "Mangler measure.", field: "measure")
        }
        guard let year = try? req.query.get(Int.self, at: "year") else { throw UserError(.badRequest, "Mangler year.", field: "year") }
        let unit = (try? req.query.get(String.self, at: "unit")) ?? "kommune"
        guard let level = HistoryLevel(rawValue: unit), level != .unknown else {
            throw UserError(.badRequest, "unit må være land, fylke eller kommune.", field: "unit")
        }
        let figures = try await HistoryStore.active(year: year, on: req.db)
        return HistoryQuery.rows(figures, measure: measure, year: year, level: level, geography: req.application.geography)
    }

    /// `POST /api/v1/history?name=FILE&format=…&dry_run=1&skip_invalid=1` with the file as the body
    /// (ISO-8859-1, Windows-1252 or UTF-8 text, or an Excel .xlsx workbook).
    func apiImport(req: Request) async throws -> Response {
        let name = (try? req.query.get(String.self, at: "name")) ?? "api-import"
        let result = try await HistoryStore.importFile(
            try req.body.data.map { try HistoryFile.text(Data(buffer: $0), name: name) } ?? "", name: name,
            format: try? req.query.get(String.self, at: "format"),
            dryRun: (try? req.query.get(String.self, at: "dry_run")) == "1",
            skipInvalid: (try? req.query.get(String.self, at: "skip_invalid")) == "1", actor: req.actor,
            geography: req.application.geography, on: req.db)
        let res = try await result.encodeResponse(for: req)
        res.status = result.saved == nil ? .ok : .created
        return res
    }
}

extension HistoryRow: Content {}
