import Foundation
import StyrCore
import Vapor

/// The directorate's form for one mapping interview: a new one, or a person's interview to edit
/// (`?person=`). The same rules as a file row, each problem under its field; saved with an audit
/// entry and answered 303 with a message.
struct InterviewRoutes {
    func register(web: any RoutesBuilder) {
        web.on(.interviewForm, use: form)
        web.on(.interviewSave, use: save)
    }

    struct Choice: Encodable {
        let value: String
        let text: String
    }

    struct Page: Encodable {
        let page: PageContext
        let form: [String: String]
        let errors: [String: String]
        let hasErrors: Bool
        let editing: Bool
        let educations: [Choice]
        let levels: [Choice]
        let sections: [Choice]
        let retentionDays: Int
    }

    func render(_ req: Request, form: [String: String], errors: [String: String], editing: Bool) async throws -> View {
        try await req.view.render(
            "qualification/interview",
            Page(
                page: PageContext(req, title: editing ? "Endre kartleggingsintervju" : "Nytt kartleggingsintervju"), form: form,
                errors: errors, hasErrors: !errors.isEmpty, editing: editing,
                educations: EducationLevel.allCases.map { Choice(value: $0.rawValue, text: $0.label) },
                levels: NorwegianLevel.allCases.map { Choice(value: $0.label, text: $0.label) },
                sections: NACESection.names.keys.sorted().map { Choice(value: $0, text: "\($0) \(NACESection.name($0))") },
                retentionDays: MappingInterviewRetention.days))
    }

    func form(req: Request) async throws -> View {
        let person = ((try? req.query.get(String.self, at: "person")) ?? "").trimmingCharacters(in: .whitespaces)
        guard !person.isEmpty else { return try await render(req, form: ["dato": req.today.iso], errors: [:], editing: false) }
        let registers = try await req.application.qualificationCache.registers(req.application, on: req.db)
        guard let i = registers.interviews.first(where: { $0.personId == person }) else {
            return try await render(req, form: ["person_id": person, "dato": req.today.iso], errors: [:], editing: false)
        }
        try await AuditEntryModel(actor: req.actor, action: "les kartlegging", entity: ExtractKind.interviews.rawValue, entityId: person)
            .create(on: req.db)
        return try await render(
            req, form: Dictionary(uniqueKeysWithValues: zip(MappingInterview.columns, i.fields)), errors: [:], editing: true)
    }

    func save(req: Request) async throws -> Response {
        var fields: [String: String] = [:]
        for column in MappingInterview.columns { fields[column] = (try? req.content.get(String.self, at: column)) ?? "" }
        // Work experience may come as ticked boxes (arbeidserfaring[]) or as letters.
        if let ticked = try? req.content.get([String].self, at: "arbeidserfaring") {
            fields["arbeidserfaring"] = ticked.joined(separator: "|")
        }
        if let id = fields["person_id"], MappingInterview.isIdentity(id), IdentityNumber.validate(id) == nil {
            fields["person_id"] = req.application.pseudonymizer.pseudonym(fields["person_id"]!)
        }
        func refuse(_ errors: [String: String]) async throws -> Response {
            var shown = fields
            shown["person_id"] = IdentityNumbers.masked(in: shown["person_id"] ?? "")
            let res = try await render(req, form: shown, errors: errors, editing: false).encodeResponse(for: req)
            res.status = .unprocessableEntity
            return res
        }
        switch MappingInterviewForm.read(fields, geography: req.application.geography) {
        case .failure(let e): return try await refuse(e.byField)
        case .success(let interview):
            do {
                let created = try await QualificationStore.saveInterview(
                    interview, actor: req.actor, geography: req.application.geography, on: req.db)
                return req.redirect(
                    to: "/registre/kartleggingsintervju?person=\(interview.personId)",
                    flash: created ? "Kartleggingen er registrert." : "Kartleggingen er endret.")
            } catch let e as MappingInterviewForm.FieldErrors {
                return try await refuse(e.byField)
            }
        }
    }
}
