import Fluent
import FluentSQL
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// «Send inn»: one version however many press it at once, and a hash that covers the HTML and
    /// the PDF as well as the content.
    @Suite struct ReportSubmissionIntegrity {
        @Test func eightConcurrentSubmissionsGiveOneVersion() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let dir = Client(app)
                try await dir.login("direktorat", "demo-direktorat")
                _ = try await dir.get("/aar/2021/rapporter")
                let cookie = dir.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                let body = "csrf=" + (try #require(dir.csrf).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                let statuses = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            var headers = HTTPHeaders()
                            headers.add(name: .cookie, value: cookie)
                            headers.contentType = .urlEncodedForm
                            let res = try await app.testing().sendRequest(
                                .POST, "/aar/2021/rapporter/arsrapport/send", headers: headers, body: ByteBuffer(string: body))
                            return (res.status, res.body.string)
                        }
                    }
                    var all: [(HTTPStatus, String)] = []
                    for try await s in group { all.append(s) }
                    return all
                }
                let codes = statuses.map { Int($0.0.code) }
                #expect(codes.filter { $0 == 303 }.count == 1, "\(codes)")
                var refused: [String] = []
                for (status, body) in statuses where status.code == 409 { refused.append(body) }
                #expect(refused.count == 7, "\(codes)")
                #expect(refused.allSatisfy { $0.contains("allerede sendt inn som versjon 1") }, "\(refused.map { $0.prefix(300) })")
                #expect(try await ReportsStore.versions(year: 2021, kind: .aar, on: app.db).count == 1)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "send inn").count() == 1)
            }
        }

        @Test func theHashIsPrintedInTheHTMLAndPDFAndCoversThem() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let v = try await ReportSubmission.submit(.aar, year: 2021, actor: "direktorat", app: app, on: app.db)
                let (stored, html) = try await ReportsStore.html(versionID: v.id, on: app.db)
                let content = try await ReportsStore.content(versionID: v.id, on: app.db)
                // The printed hash is the hash of the canonical content, and the HTML's own hash is kept.
                #expect(ReportsStore.hash(Data(content.utf8)) == v.content_hash)
                #expect(html.contains("SHA-256 \(v.content_hash)"))
                #expect(stored.html_hash == ReportsStore.hash(Data(html.utf8)))

                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                let page = try await ministry.get("/rapporter/versjon/\(v.id.uuidString)")
                #expect(page.body.contains("Innholdet er uendret"))
                let pdf = try await app.testing().sendRequest(
                    .GET, "/rapporter/versjon/\(v.id.uuidString)/innhold?format=pdf",
                    headers: ["Cookie": ministry.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")])
                #expect(pdf.status == .ok)
                let text = try Self.pdfText(Data(buffer: pdf.body))
                #expect(text.filter { !$0.isWhitespace }.contains(v.content_hash), "\(text.prefix(300))")

                // Changing the stored HTML (and with it every PDF) is seen, and it is not shown.
                let sql = try #require(app.db as? any SQLDatabase)
                try await sql.raw("UPDATE report_versions SET html = REPLACE(html, 'Innsendt versjon', 'Endret versjon')").run()
                let tampered = try await ministry.get("/rapporter/versjon/\(v.id.uuidString)")
                #expect(tampered.body.contains("Innholdet stemmer ikke med hashen"))
                #expect(try await ministry.get("/rapporter/versjon/\(v.id.uuidString)/innhold").status == .conflict)
                #expect(try await ministry.get("/rapporter/versjon/\(v.id.uuidString)/innhold?format=pdf").status == .conflict)
            }
        }

        static func pdfText(_ pdf: Data) throws -> String {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("r.pdf")
            try pdf.write(to: file)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["pdftotext", file.path, "-"]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
