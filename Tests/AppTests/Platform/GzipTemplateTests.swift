import CZlib
import Foundation
import NIOCore
import Testing
import Vapor

@testable import App

/// Inflates a gzip body with zlib; nil if zlib finds it malformed (a bad block, CRC or length).
func gunzip(_ data: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit2_(&stream, 31, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var input = data
    let status: Int32 = input.withUnsafeMutableBufferPointer { source in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        while true {
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { target in
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                output.append(contentsOf: target[0..<(target.count - Int(stream.avail_out))])
                return status
            }
            if status != Z_OK { return status }
        }
    }
    // The whole input read, ending in its trailer.
    return status == Z_STREAM_END && stream.avail_in == 0 ? output : nil
}

@Suite struct GzipTemplateTests {
    func pieces(_ parts: [Any]) -> [GzipTemplate.Piece] {
        parts.map { part in
            if let hole = part as? GzipTemplate.Hole { return .hole(hole) }
            return .text(ByteBuffer(string: part as! String).readableBytesView)
        }
    }

    @Test func everyCallerGetsAValidGzipOfTheirOwnPage() throws {
        let page = String(repeating: "<tr><td>Bosetting</td><td>1 234</td></tr>\n", count: 400)
        let layouts: [[Any]] = [
            ["<p>", GzipTemplate.Hole.user, "</p>", page, "<input value=\"", GzipTemplate.Hole.csrf, "\">", page],
            [GzipTemplate.Hole.csrf, page, GzipTemplate.Hole.user],  // holes first and last
            [page, GzipTemplate.Hole.csrf, GzipTemplate.Hole.csrf, "æøå ÆØÅ"],  // holes side by side
            [page],
        ]
        for layout in layouts {
            let template = try #require(GzipTemplate(pieces(layout)))
            #expect(template.size < page.utf8.count / 4, "compressed")
            for (csrf, user) in [("tok-1", "kari"), ("", ""), (String(repeating: "x", count: 70_000), "a&lt;b")] {
                let expected = layout.map { part -> String in
                    switch part as? GzipTemplate.Hole {
                    case .csrf: csrf
                    case .user: user
                    case nil: part as! String
                    }
                }.joined()
                let body = template.body(csrf: { csrf }, user: { user })
                let inflated = try #require(gunzip(Array(body.readableBytesView)), "a valid gzip stream")
                #expect(String(decoding: inflated, as: UTF8.self) == expected)
            }
        }
    }

    @Test func aBrokenCRCIsCaughtByTheTestsInflater() throws {
        let template = try #require(GzipTemplate(pieces(["abc", GzipTemplate.Hole.csrf, "def"])))
        var bytes = Array(template.body(csrf: { "t" }, user: { "" }).readableBytesView)
        bytes[bytes.count - 6] ^= 1
        #expect(gunzip(bytes) == nil)
    }

    @Test func aSmallBodyIsSentAsItIs() {
        let small = Response(status: .seeOther, headers: ["Location": "/aar/2021"])
        small.sendSmallBodyUncompressed()
        #expect(small.headers.responseCompression == .disable)
        let page = Response(status: .ok, body: .init(string: String(repeating: "<p>Bosetting</p>", count: 100)))
        page.sendSmallBodyUncompressed()
        #expect(page.headers.responseCompression == .unset)
    }

    @Test func acceptEncodingIsReadWithItsQValues() {
        #expect(GzipTemplate.accepted(["gzip, deflate, br, zstd"]))
        #expect(GzipTemplate.accepted(["br;q=1.0, GZIP;q=0.5"]))
        #expect(!GzipTemplate.accepted(["gzip;q=0, deflate"]))
        #expect(!GzipTemplate.accepted(["identity"]))
        #expect(!GzipTemplate.accepted([]))
        #expect(!GzipTemplate.accepted(["deflate", " gzip ; q=0.000 "]))
        #expect(GzipTemplate.accepted(["deflate", "x-gzip"]))
        #expect(GzipTemplate.accepted(["deflate, \tgzip;q=0.001"]))
        #expect(!GzipTemplate.accepted(["gzipped, agzip"]))
    }
}

extension AppSuite.PageCaching {
    @Test func aBrowserGetsTheCachedPageCompressedWithItsOwnToken() async throws {
        try await withApp { app in
            let (a, b) = try await Self.twoCaseworkers("saksbehandler3", app)
            let path = "/aar/2021/rapporter/halvarsrapport"
            for client in [a, b] {
                let plain = try await client.get(path)
                #expect(plain.status == .ok && plain.headers.first(name: .contentEncoding) == nil)
                #expect(plain.headers.first(name: .vary) == "Accept-Encoding")
                var headers: HTTPHeaders = ["Accept-Encoding": "gzip, deflate, br"]
                headers.add(name: .cookie, value: try #require(client.cookie))
                let res = try await app.testing().sendRequest(.GET, path, headers: headers)
                #expect(res.status == .ok && res.headers.first(name: .contentEncoding) == "gzip")
                #expect(res.headers.first(name: "X-Styr-Cache") == "hit")
                let page = String(decoding: try #require(gunzip(Array(res.body.readableBytesView))), as: UTF8.self)
                #expect(res.body.readableBytes * 3 < page.utf8.count, "compressed")
                #expect(page.contains("name=\"csrf\" value=\"\(try #require(client.csrf))\""))
                #expect(!page.contains(PageCache.csrfMarker) && !page.contains(PageCache.userMarker))
                #expect(page == plain.body, "the same page as without compression")
            }
        }
    }
}
