import CZlib
import Foundation
import NIOCore
import Vapor

/// A cached page kept gzip-compressed once, with holes where each caller's own text goes (their CSRF
/// token, their name). Serving it to a browser is a few copies of compressed bytes, not a
/// compression of the whole page per request: the static runs are deflated once, each ending with a
/// full flush so no back-reference crosses a hole; a caller's text goes in as a stored block; the
/// CRC-32 of the whole is combined from the runs' own (RFC 1951 §3.2.4, RFC 1952).
struct GzipTemplate: Sendable {
    enum Part: Sendable {
        /// Deflated static text, with the CRC-32 and length of the text it holds, and zlib's
        /// operator for appending a CRC over that length (`crc32_combine_gen`).
        case deflated(ByteBuffer, crc: UInt32, length: Int, combine: UInt)
        /// The caller's text, filled in per response.
        case hole(Hole)
    }

    enum Hole: Sendable { case csrf, user }

    /// A piece of the page to compress: text, or a hole.
    enum Piece {
        case text(ByteBufferView)
        case hole(Hole)
    }

    let parts: [Part]
    /// Compressed bytes, holes not counted.
    let size: Int

    /// Compresses the page; nil if zlib refuses (it is then served uncompressed).
    init?(_ pieces: [Piece], level: Int32 = 6) {
        var stream = z_stream()
        guard
            deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var parts: [Part] = []
        for piece in pieces {
            switch piece {
            case .hole(let hole): parts.append(.hole(hole))
            case .text(let text):
                // A full flush: what follows a hole must not point back across it.
                guard let part = Self.deflate(Array(text), &stream, flush: Z_FULL_FLUSH) else { return nil }
                parts.append(part)
            }
        }
        guard let last = Self.deflate([], &stream, flush: Z_FINISH) else { return nil }
        parts.append(last)
        self.parts = parts
        self.size = parts.reduce(0) { sum, part in
            if case .deflated(let buffer, _, _, _) = part { return sum + buffer.readableBytes }
            return sum
        }
    }

    private static func deflate(_ input: [UInt8], _ stream: inout z_stream, flush: Int32) -> Part? {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(1024, Int(deflateBound(&stream, UInt(input.count))) + 16))
        let ok: Bool = input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let produced: Int32 = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let status = CZlib.deflate(&stream, flush)
                    output.append(contentsOf: target[0..<(target.count - Int(stream.avail_out))])
                    return status
                }
                if produced == Z_STREAM_ERROR { return false }
                // Done when zlib has taken all input and had room to spare for the flush.
                if stream.avail_in == 0, stream.avail_out > 0 || produced == Z_STREAM_END { return true }
            }
        }
        stream.next_in = nil
        guard ok else { return nil }
        let crc = input.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        return .deflated(ByteBuffer(bytes: output), crc: crc, length: input.count, combine: crc32_combine_gen(input.count))
    }

    /// The gzip body for one caller.
    func body(csrf: () -> String, user: () -> String) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(size + 128)
        // Magic, deflate, no flags, no time, no extra flags, OS unknown.
        out.writeBytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255])
        var crc: UInt = 0
        var length = 0
        // Each hole's text, its CRC and combining operator: computed once, however many times it occurs.
        var fills: [Hole: (text: [UInt8], crc: UInt, combine: UInt)] = [:]
        for part in parts {
            switch part {
            case .deflated(let bytes, let partCRC, let partLength, let combine):
                out.writeImmutableBuffer(bytes)
                crc = crc32_combine_op(crc, UInt(partCRC), combine)
                length += partLength
            case .hole(let hole):
                let fill =
                    fills[hole]
                    ?? {
                        let text = Array((hole == .csrf ? csrf() : user()).utf8)
                        let textCRC = text.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
                        let made = (text, textCRC, crc32_combine_gen(text.count))
                        fills[hole] = made
                        return made
                    }()
                Self.writeStored(fill.text, to: &out)
                crc = crc32_combine_op(crc, fill.crc, fill.combine)
                length += fill.text.count
            }
        }
        out.writeInteger(UInt32(truncatingIfNeeded: crc), endianness: .little)
        out.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .little)
        return out
    }

    /// Stored (uncompressed) non-final blocks; the stream is byte-aligned after a full flush.
    private static func writeStored(_ text: [UInt8], to out: inout ByteBuffer) {
        var start = 0
        while start < text.count {
            let end = min(text.count, start + 65_535)
            let count = UInt16(end - start)
            out.writeInteger(UInt8(0))
            out.writeInteger(count, endianness: .little)
            out.writeInteger(~count, endianness: .little)
            out.writeBytes(text[start..<end])
            start = end
        }
    }

    /// Whether a request's `Accept-Encoding` takes gzip (a q-value of 0 refuses it). Read on every
    /// cached response: the header's bytes are split and compared as they are, with no `String`
    /// made of any part.
    static func accepted(_ acceptEncoding: [String]) -> Bool {
        for value in acceptEncoding {
            for coding in value.utf8.split(separator: UInt8(ascii: ",")) {
                let fields = coding.split(separator: UInt8(ascii: ";"))
                guard let name = fields.first.map(trimmed), name.count <= 6,
                    ["gzip", "x-gzip"].contains(where: { $0.utf8.elementsEqual(name.lazy.map(lowercased)) })
                else { continue }
                guard let q = fields.dropFirst().lazy.map(trimmed).first(where: { $0.starts(with: "q=".utf8) }) else { return true }
                // Refused only by a q of zero: "0", "0.", "0.0" … "0.000".
                return !q.dropFirst(2).allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }
            }
        }
        return false
    }

    private static func trimmed(_ bytes: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
        let isSpace = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.endIndex...]
        }
        return bytes[start...end]
    }

    private static func lowercased(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
}

extension Response {
    /// A body under a kilobyte (a redirect, a short JSON answer) is sent as it is, whatever the
    /// client accepts: gzip would save a few hundred bytes at the price of a zlib stream set up and
    /// torn down for the response.
    func sendSmallBodyUncompressed() {
        if (0..<1024).contains(body.count) { headers.responseCompression = .disable }
    }
}
