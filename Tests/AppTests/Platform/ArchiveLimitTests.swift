import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// A DOCX (zip) stops with a clear error as soon as it would unpack beyond the limit.
    @Suite struct ArchiveLimits {
        /// A DOCX whose word/document.xml unpacks to `megabytes` MB (made by Python's zipfile).
        static func docx(megabytes: Int, declaredSmall: Bool = false) throws -> Data {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-zip-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let out = dir.appendingPathComponent("bomb.docx").path
            let script = """
                import sys, zipfile
                mb = int(sys.argv[2])
                head = b'<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Tildelingsbrev 2021</w:t></w:r></w:p>'
                with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                    with z.open('word/document.xml', 'w', force_zip64=True) as f:
                        f.write(head)
                        chunk = b' ' * (1 << 20)
                        for _ in range(mb):
                            f.write(chunk)
                        f.write(b'</w:body></w:document>')
                """
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", script, out, String(megabytes)]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            return try Data(contentsOf: URL(fileURLWithPath: out))
        }

        @Test func aZipBombStopsWithAClearErrorWithinSeconds() throws {
            let bomb = try Self.docx(megabytes: 400)
            #expect(bomb.count < 2 * 1024 * 1024)
            let start = Date()
            do {
                _ = try TextExtraction.extract(bomb, filename: "brev.docx")
                Issue.record("the bomb was unpacked")
            } catch let e as ImportError {
                #expect(e.description.contains("mer enn 50 MB"), "\(e.description)")
            }
            #expect(Date().timeIntervalSince(start) < 10)
            // A small document is read.
            let small = try TextExtraction.extract(try Self.docx(megabytes: 1), filename: "brev.docx")
            #expect(small.text.contains("Tildelingsbrev 2021"))
        }

        @Test func theDirectoryListingIsSummed() {
            let listing = """
                Archive:  input.docx
                  Length      Date    Time    Name
                ---------  ---------- -----   ----
                419430522  2026-12-06 04:20   word/document.xml
                     1200  2026-12-06 04:20   [Content_Types].xml
                ---------                     -------
                419431722                     2 files
                """
            #expect(TextExtraction.declaredSize(listing: listing) == 419_431_722)
        }

        @Test func theUploadFormAnswersWithTheError() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                let c = Client(app)
                try await c.login("departement", "demo-departement")
                _ = try await c.get("/import")
                let bomb = try Self.docx(megabytes: 200)
                let boundary = "styrgrense"
                var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(c.csrf ?? "")\r\n"
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bombe.docx\"\r\n"
                body += "Content-Type: application/octet-stream\r\n\r\n"
                var data = Data(body.utf8)
                data.append(bomb)
                data.append(Data("\r\n--\(boundary)--\r\n".utf8))
                var headers = HTTPHeaders()
                headers.add(name: .cookie, value: c.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
                let res = try await app.testing().sendRequest(.POST, "/import/forhandsvis", headers: headers, body: ByteBuffer(data: data))
                #expect(res.status.code >= 400 && res.status.code < 500, "\(res.status)")
                #expect(res.body.string.contains("mer enn 50 MB"))
            }
        }
    }
}
