import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension Client {
    /// A form post as a browser makes it: a stored change answers 303 See Other (Post/Redirect/Get)
    /// and the page it names is fetched and returned; any other success status is a failure.
    /// Refusals (4xx) are returned as they are.
    func submit(
        _ path: String, form: [String: String]? = nil, multipart: String? = nil, boundary: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Result {
        let r = try await send(.POST, path, form: form, multipart: multipart, boundary: boundary)
        if r.status == .seeOther, let location = r.headers.first(name: .location) {
            return try await get(location)
        }
        if r.status.code < 400 {
            Issue.record("POST \(path) answered \(r.status.code), not 303 See Other", sourceLocation: sourceLocation)
        }
        return r
    }

    /// A multipart form with the CSRF token, the fields and one file.
    func multipartBody(boundary: String, fields: [String: String] = [:], file: (name: String, filename: String, text: String))
        -> String
    {
        var lines = ["--\(boundary)", "Content-Disposition: form-data; name=\"csrf\"", "", csrf ?? ""]
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) {
            lines += ["--\(boundary)", "Content-Disposition: form-data; name=\"\(k)\"", "", v]
        }
        lines += [
            "--\(boundary)", "Content-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"",
            "Content-Type: text/csv", "", file.text, "--\(boundary)--", "",
        ]
        return lines.joined(separator: "\r\n")
    }
}

extension AppSuite {
    /// Post/Redirect/Get: every data-changing form answers 303 to the page of what it changed, the
    /// page shows the success message once, and reloading it submits nothing again.
    @Suite struct FormRedirects {
        /// Posts a form, checks the 303 and its target, and that the message is shown there once.
        static func expectRedirect(
            _ c: Client, _ path: String, form: [String: String]? = nil, multipart: String? = nil, boundary: String = "",
            to target: String, message: String, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let r = try await c.send(.POST, path, form: form, multipart: multipart, boundary: boundary)
            #expect(r.status == .seeOther, "POST \(path): \(r.status.code) \(r.body.prefix(300))", sourceLocation: sourceLocation)
            let location = r.headers.first(name: .location) ?? ""
            #expect(location == target, "POST \(path) → \(location)", sourceLocation: sourceLocation)
            let page = try await c.get(location)
            #expect(page.status == .ok && page.body.contains(message), "\(location) shows «\(message)»", sourceLocation: sourceLocation)
            let again = try await c.get(location)
            #expect(!again.body.contains(message), "\(location) shows the message only once", sourceLocation: sourceLocation)
        }

        /// Opens `page` (for its CSRF token), uploads `file` as a CSV to `path` and expects `expectRedirect`'s answer.
        static func expectUpload(
            _ c: Client, from page: String, to path: String, fields: [String: String] = [:], file: (filename: String, text: String),
            redirectsTo target: String, message: String, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            _ = try await c.get(page)
            let boundary = "styr-upload"
            try await expectRedirect(
                c, path, multipart: c.multipartBody(boundary: boundary, fields: fields, file: ("file", file.filename, file.text)),
                boundary: boundary, to: target, message: message, sourceLocation: sourceLocation)
        }

        @Test func directorateFormsRedirectWithAMessage() async throws {
            try await withApp(today: CivilDate(year: 2021, month: 9, day: 15)) { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")

                _ = try await c.get("/aar/2021/risiko")
                try await Self.expectRedirect(
                    c, "/aar/2021/risiko",
                    form: ["goalRef": "SP 3.1", "title": "Ny risiko", "likelihood": "2", "consequence": "2"],
                    to: "/aar/2021/risiko", message: "er lagret")
                try await Self.expectRedirect(
                    c, "/aar/2021/risiko/oppfolging", form: ["kind": "internkontroll", "title": "Nytt punkt", "action": "Rydde"],
                    to: "/aar/2021/risiko", message: "er registrert")
                try await Self.expectRedirect(
                    c, "/aar/2021/risiko/oppfolging/F2/lukk", form: [:], to: "/aar/2021/risiko", message: "Punktet er lukket")

                _ = try await c.get("/aar/2021/manedsstatus")
                try await Self.expectRedirect(
                    c, "/aar/2021/manedsstatus",
                    form: ["assignment": "2021-18", "month": "8", "progress": "gronn", "cost": "gronn", "quality": "gronn"],
                    to: "/aar/2021/manedsstatus", message: "er lagret")

                let scheme = "291-62-jobbsjansen"
                let apps = try await GrantsStore.applications(year: 2021, scheme: scheme, on: app.db)
                let open = try #require(apps.first { $0.amountGranted == nil })
                _ = try await c.get("/aar/2021/tilskudd/\(scheme)")
                try await Self.expectRedirect(
                    c, "/aar/2021/tilskudd/\(scheme)/soknad/\(open.id)/vedtak", form: ["amount": "1000"],
                    to: "/aar/2021/tilskudd/\(scheme)", message: "Vedtaket er lagret")
                try await Self.expectRedirect(
                    c, "/aar/2021/tilskudd/\(scheme)/orientering", form: [:], to: "/aar/2021/tilskudd/\(scheme)",
                    message: "Departementet er orientert")

                _ = try await c.get("/aar/2021/rapporter")
                try await Self.expectRedirect(
                    c, "/aar/2021/rapporter/halvarsrapport/send", form: [:], to: "/aar/2021/rapporter", message: "versjon 1")
                _ = try await c.get("/aar/2021/rapporter/arsrapport")
                try await Self.expectRedirect(
                    c, "/aar/2021/rapporter/arsrapport/tekst", form: ["section": "leder", "text": "Et godt år."],
                    to: "/aar/2021/rapporter/arsrapport#s-leder", message: "Teksten er lagret")

                try await Self.expectUpload(
                    c, from: "/registre", to: "/registre/kommuneundersokelse",
                    file: ("k.csv", "aar;kommune;tolkeretningslinjer\n2017;0301;ja"), redirectsTo: "/registre", message: "1 rader lagret")
                try await Self.expectUpload(
                    c, from: "/aar/2021/regnskap", to: "/regnskap/import", fields: ["year": "2021"],
                    file: ("p.csv", "aar;maaned;kapittel;post;belop;art\n2021;12;290;1;1000;prognose"),
                    redirectsTo: "/aar/2021/regnskap", message: "Lagret 1 rader")
                try await Self.expectUpload(
                    c, from: "/register/bosetting/anmodninger", to: "/register/bosetting/anmodninger/import",
                    file: ("a.csv", Requests.csv), redirectsTo: "/register/bosetting/anmodninger", message: "Lagret 2 anmodninger")
                _ = try await c.get("/register/bosetting/anmodninger/2021/4601")
                try await Self.expectRedirect(
                    c, "/register/bosetting/anmodninger/2021/4601", form: ["requested": "81", "requestedMinors": "5"],
                    to: "/register/bosetting/anmodninger?aar=2021", message: "er lagret")
                try await Self.expectUpload(
                    c, from: "/register/bosetting", to: "/register/bosetting/import",
                    file: ("b.csv", ([Register.header] + Register.good).joined(separator: "\n")),
                    redirectsTo: "/register/bosetting", message: "Importerte 2 av 2 rader")

                _ = try await c.get("/aar/2021/oppdrag/2021-06")
                try await Self.expectRedirect(
                    c, "/aar/2021/oppdrag/2021-06/status", form: ["status": "pågår", "note": "Startet", "date": "2021-03-01"],
                    to: "/aar/2021/oppdrag/2021-06#status", message: "Statusen er lagret")
            }
        }

        /// The supplement form refuses what would silently corrupt the year: an assignment number
        /// that exists, a post not in the budget, and deadlines that are no date.
        @Test func supplementFormRefusesExistingNumbersUnknownPostsAndNonDates() async throws {
            try await withApp(today: CivilDate(year: 2021, month: 9, day: 15)) { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                _ = try await c.get("/dokumenter/ny")
                let created = try await c.send(
                    .POST, "/dokumenter/ny", form: ["kind": "tillegg", "year": "2021", "number": "9", "date": "2021-09-01"])
                let doc = try #require(created.headers.first(name: .location))
                _ = try await c.get(doc)
                func refused(_ form: [String: String], _ field: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation)
                    async throws
                {
                    let r = try await c.send(.POST, doc + "/endringer", form: form)
                    #expect(r.status == .unprocessableEntity, "\(form): \(r.status)", sourceLocation: sourceLocation)
                    #expect(r.body.contains(text), "\(form) names «\(text)»", sourceLocation: sourceLocation)
                }
                try await refused(
                    ["type": "assignment", "assignmentId": "2021-05", "title": "Erstatter et oppdrag", "deadline": "1. desember 2021"],
                    "assignmentId", "finnes allerede")
                try await refused(
                    ["type": "budget", "chapter": "291", "post": "99", "delta": "2 mill"], "post", "finnes ikke i budsjettet")
                try await refused(
                    ["type": "assignment", "assignmentId": "2021-40", "title": "Nytt oppdrag", "deadline": "31. februar 2021"], "deadline",
                    "gyldig dato")
                try await refused(
                    ["type": "assignment", "assignmentId": "2021-40", "title": "Nytt oppdrag", "deadline": "snart"], "deadline",
                    "gyldig dato")
                try await refused(["type": "deadline", "assignmentId": "2021-05", "deadline": "snart"], "deadline", "gyldig dato")
                try await refused(
                    ["type": "deadline", "assignmentId": "2021-77", "deadline": "1. desember 2021"], "assignmentId", "finnes ikke")
                try await refused(["type": "renumbering", "from": "2021-77", "to": "2021-78"], "from", "finnes ikke")
                // Nothing of it reached the draft; a good change still does, twice not.
                let draft = try await DocumentModel.find(UUID(uuidString: String(doc.split(separator: "/").last!)), on: app.db)
                let stored = try #require(try draft?.document())
                #expect(stored.assignments.isEmpty && stored.budgetChanges.isEmpty && stored.deadlineChanges.isEmpty)
                let good = ["type": "assignment", "assignmentId": "2021-40", "title": "Nytt oppdrag", "deadline": "1. desember 2021"]
                #expect(try await c.send(.POST, doc + "/endringer", form: good).status == .seeOther)
                _ = try await c.get(doc)
                try await refused(good, "assignmentId", "finnes allerede")
                #expect(
                    try await c.send(
                        .POST, doc + "/endringer", form: ["type": "budget", "chapter": "291", "post": "60", "delta": "2 mill"]
                    ).status == .seeOther)
            }
        }

        @Test func ministryFormsRedirectWithAMessage() async throws {
            try await withApp(today: CivilDate(year: 2021, month: 9, day: 15)) { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                _ = try await c.get("/dokumenter/ny")
                let created = try await c.send(
                    .POST, "/dokumenter/ny", form: ["kind": "tillegg", "year": "2021", "number": "9", "date": "2021-09-01"])
                #expect(created.status == .seeOther)
                let doc = try #require(created.headers.first(name: .location))
                #expect(try await c.get(doc).body.contains("Utkastet er opprettet"))
                try await Self.expectRedirect(
                    c, doc + "/endringer", form: ["type": "deadline", "assignmentId": "2021-06", "deadline": "1. desember 2021"],
                    to: doc + "#endringer", message: "Endringen er lagt til")
                try await Self.expectRedirect(c, doc + "/publiser", form: [:], to: doc, message: "Dokumentet er publisert og låst")
            }
        }
    }
}
