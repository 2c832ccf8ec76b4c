import Foundation
import StyrCore
import Vapor

/// The registers besides settlement: what each holds and when it was loaded, file upload (the
/// directorate), the stored extract as CSV (person registers: the directorate, and every read is
/// logged), and the same over the API.
struct QualificationRoutes {
    func register(web: any RoutesBuilder, api: any RoutesBuilder) {
        web.on(.registers, use: page)
        web.on(.registersImport, body: .collect(maxSize: "200mb"), use: upload)
        web.on(.registerExtract, use: extract)
        api.on(.apiRegisters, use: apiOverview)
        api.on(.apiRegisterExtractImport, body: .collect(maxSize: "200mb"), use: apiImport)
        api.on(.apiMappingInterview, use: apiInterview)
        InterviewRoutes().register(web: web)
    }

    struct Page: Encodable {
        let page: PageContext
        let registers: [QualificationStore.Loaded]
        let canImport: Bool
        let canExport: Bool
        let message: String?
        let errors: [String]
    }

    func render(_ req: Request, message: String? = nil, errors: [String] = []) async throws -> View {
        try await req.view.render(
            "qualification/registers",
            Page(
                page: PageContext(req, title: "Registre: NIR, kommuneundersøkelse, tolk, tilsyn og klager"),
                registers: try await QualificationStore.overview(on: req.db), canImport: Endpoint.registersImport.roles.contains(req.role),
                canExport: Endpoint.registerExtract.roles.contains(req.role), message: message, errors: errors))
    }

    func page(req: Request) async throws -> View { try await render(req) }

    struct UploadForm: Content {
        var file: File?
        var dryRun: String?
    }

    func upload(req: Request) async throws -> Response {
        let kind = try ExtractKind.parse(req.parameters.get("kind") ?? "")
        let form = try req.content.decode(UploadForm.self)
        return try await FormAction.run(
            req, redirect: Endpoint.registers.url(), render: { try await render(req, message: $0, errors: $1) }
        ) {
            guard let file = form.file, file.data.readableBytes > 0, let text = TextExtraction.decodeText(Data(buffer: file.data)) else {
                throw UserError(.unprocessableEntity, "Velg en CSV-fil med tekst.", field: "file")
            }
            let s = try await QualificationStore.importFile(
                kind, text: text, source: file.filename, actor: req.actor, dryRun: form.dryRun == "1", geography: req.application.geography,
                pseudonymizer: req.application.pseudonymizer, on: req.db)
            return "\(kind.label): \(s.rows) rader \(s.dryRun ? "kontrollert – ingenting lagret" : "lagret"); \(s.total) i registeret."
        }
    }

    func extract(req: Request) async throws -> Response {
        let kind = try ExtractKind.parse(req.parameters.get("kind") ?? "")
        let registers = try await req.application.qualificationCache.registers(req.application, on: req.db)
        if kind.personal {
            try await AuditEntryModel(
                actor: req.actor, action: "read", entity: kind.rawValue, entityId: "uttrekk", after: "\(registers.count(kind)) personer"
            )
            .create(on: req.db)
        }
        return StatisticsRoutes.download(registers.csv(kind), type: "text/csv; charset=utf-8", name: "\(kind.rawValue).csv")
    }

    func apiOverview(req: Request) async throws -> [QualificationStore.Loaded] { try await QualificationStore.overview(on: req.db) }

    func apiImport(req: Request) async throws -> Response {
        let kind = try ExtractKind.parse(req.parameters.get("kind") ?? "")
        let dryRun = (try? req.query.get(Bool.self, at: "dryRun")) ?? false
        let s = try await QualificationStore.importFile(
            kind, text: req.body.string ?? "", source: "API-opplasting", actor: req.actor, dryRun: dryRun,
            geography: req.application.geography, pseudonymizer: req.application.pseudonymizer, on: req.db)
        let res = try await s.encodeResponse(for: req)
        res.status = dryRun ? .ok : .created
        return res
    }

    /// One person's mapping interview, words beside the codes.
    struct InterviewView: Content {
        let person_id: String
        let dato: String
        let utdanning: String
        let utdanning_tekst: String
        let utdanningsfelt: String
        let arbeidserfaring: [String]
        let arbeidserfaring_tekst: [String]
        let sprak: [String]
        let norsk_niva: String
        let helsebehov: Bool
        let tilknytning_kommune: String?

        init(_ i: MappingInterview) {
            person_id = i.personId
            dato = CivilDate(dayNumber: i.date).iso
            utdanning = i.education.rawValue
            utdanning_tekst = i.education.label
            utdanningsfelt = i.field
            arbeidserfaring = i.experience
            arbeidserfaring_tekst = i.experience.map(NACESection.name)
            sprak = i.languages
            norsk_niva = i.norwegian.label
            helsebehov = i.healthNeeds
            tilknytning_kommune = i.tie
        }
    }

    /// The directorate sees every interview; a municipality only those of persons allocated to
    /// (asked to settle) or settled in it, like the person in the settlement register. Every read
    /// is logged.
    func apiInterview(req: Request) async throws -> InterviewView {
        let id = req.parameters.get("personID") ?? ""
        if req.role == .municipality {
            // Not found unless the person is allocated to or settled in the caller's municipality.
            _ = try await SettlementRoutes.find(req)
        }
        let registers = try await req.application.qualificationCache.registers(req.application, on: req.db)
        guard let interview = registers.interviews.first(where: { $0.personId == id }) else {
            throw UserError(.notFound, "Fant ikke kartleggingen.")
        }
        try await AuditEntryModel(actor: req.actor, action: "les kartlegging", entity: ExtractKind.interviews.rawValue, entityId: id)
            .create(on: req.db)
        return InterviewView(interview)
    }
}
