import StyrCore
import Vapor

extension Request {
    var role: Role { auth.get(UserModel.self)?.roleValue ?? .public }
    var actor: String { auth.get(UserModel.self)?.username ?? "anonym" }

    /// The page number asked for (`side` or `page`), kept within 1…1 000 000 so that offsets can
    /// never overflow.
    var pageNumber: Int {
        let asked = (try? query.get(Int.self, at: "side")) ?? (try? query.get(Int.self, at: "page")) ?? 1
        return min(max(1, asked), 1_000_000)
    }

    func yearParameter() throws -> Int {
        guard let y = parameters.get("year", as: Int.self), (1990...2100).contains(y) else {
            throw UserError(.notFound, "Ugyldig år i adressen.")
        }
        return y
    }

    /// Optional `?dato=ÅÅÅÅ-MM-DD` (or `asOf` in the API) for the as-amended view.
    func asOfParameter() throws -> String? {
        guard let raw = (try? query.get(String.self, at: "dato")) ?? (try? query.get(String.self, at: "asOf")), !raw.isEmpty else {
            return nil
        }
        guard CivilDate(iso: raw) != nil else { throw UserError(.badRequest, "Datoen må være på formen ÅÅÅÅ-MM-DD.", field: "dato") }
        return raw
    }

    func amendedYear() async throws -> AmendedYear {
        let year = try yearParameter()
        guard let view = try await application.steeringCache.amendedYear(year, asOf: try asOfParameter(), on: db) else {
            throw UserError(.notFound, "Ingen publiserte styringsdokumenter for \(year).")
        }
        return view
    }
}

extension Request {
    private struct RoutePathKey: StorageKey { typealias Value = String }

    /// The request's path, read once: Vapor's `url.path` rewrites it through Foundation on every
    /// call, and the middleware of every request asks for it more than once. A plain target (the
    /// usual case) is cut at its `?` without Foundation (`plainPath`); any other goes to `url.path`.
    var routePath: String {
        if let known = storage[RoutePathKey.self] { return known }
        let path = Self.plainPath(url.string) ?? url.path
        storage[RoutePathKey.self] = path
        return path
    }

    /// The path of a request target in origin form whose every character is valid as it stands
    /// (RFC 3986: unreserved, sub-delimiters, `:`, `@`, `/`; in the query and fragment also `?`
    /// and escapes `%XX`), and whose path holds no escape: for such a target `url.path` is the
    /// text before `?` or `#`. Nil for every other target (an escape in the path, a character that
    /// must be escaped, `//` at the start), which `url.path` then reads.
    static func plainPath(_ target: String) -> String? {
        var target = target
        return target.withUTF8 { bytes -> String? in
            guard bytes.first == UInt8(ascii: "/"), bytes.count < 2 || bytes[1] != UInt8(ascii: "/") else { return nil }
            var end: Int?
            var fragment = false
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "?") || c == UInt8(ascii: "#") {
                    if end == nil { end = i }
                    if c == UInt8(ascii: "#") {
                        if fragment { return nil }
                        fragment = true
                    }
                } else if c == UInt8(ascii: "%") {
                    guard end != nil, i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) else { return nil }
                    i += 2
                } else if !isPathCharacter(c) {
                    return nil
                }
                i += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<(end ?? bytes.count)]), as: UTF8.self)
        }
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// RFC 3986 `pchar` without escapes, and `/`.
    private static func isPathCharacter(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            true
        case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"): true
        default: false
        }
    }
}
