import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

extension AppSuite {
    /// Text answers (HTML, JSON, CSV) of a kilobyte or more are gzipped when the client accepts it,
    /// by the running server; a client that does not ask gets them as they are.
    @Suite struct ResponseCompression {
        @Test func htmlJSONAndCSVAreGzipped() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let server = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
                for (path, type) in [
                    ("/dokumenter", "text/html"), ("/api/v1/stats/tables/21?year=2023", "application/json"),
                    ("/statistikk/tabell/19?format=csv", "text/csv"),
                ] {
                    try await server.test(.GET, path, headers: ["Accept-Encoding": "gzip"]) { res in
                        #expect(res.status == .ok, "\(path)")
                        #expect(res.headers.first(name: .contentType)?.hasPrefix(type) == true, "\(path)")
                        #expect(res.headers.first(name: .contentEncoding) == "gzip", "\(path): \(res.headers)")
                        // The gzip magic number.
                        #expect(res.body.getBytes(at: res.body.readerIndex, length: 2) == [0x1f, 0x8b], "\(path)")
                    }
                    try await server.test(.GET, path) { res in
                        #expect(res.headers.first(name: .contentEncoding) == nil, "\(path) without Accept-Encoding")
                    }
                }
                // Under a kilobyte, an answer is sent as it is: gzip would cost more than it saves.
                try await server.test(.GET, "/api/v1/years", headers: ["Accept-Encoding": "gzip"]) { res in
                    #expect(res.status == .ok && res.body.readableBytes < 1024)
                    #expect(res.headers.first(name: .contentEncoding) == nil)
                    #expect(res.headers.first(name: "X-Vapor-Response-Compression") == nil, "the marker header is not sent")
                }
            }
        }
    }
}
