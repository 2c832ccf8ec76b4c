/// Where a redirect may lead when its target comes from the caller (the login form's `neste`):
/// only a same-site path of a declared page. Anything else — another site (`//evil`, `/\evil`,
/// `https://…`), a control character or white space anywhere (`/<TAB>/evil`, CR/LF that would
/// split the header), a path no `Endpoint` declares — gives `/`.
enum RedirectTarget {
    static let fallback = "/"

    static func safe(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), raw.utf8.count <= 2048 else { return fallback }
        // Printable ASCII only (percent-encode anything else); no backslash, which browsers read as "/".
        guard raw.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return fallback }
        let path = raw.prefix { $0 != "?" && $0 != "#" }
        return declaredPage(String(path)) ? raw : fallback
    }

    /// Whether a path matches a page (GET route) of the `Endpoint` table.
    static func declaredPage(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let parts = segments.count == 1 && segments.first == "" ? [] : Array(segments)
        guard !parts.contains(where: \.isEmpty) else { return false }
        return Endpoint.allCases.contains { e in
            guard e.method == .GET, !e.isAPI else { return false }
            let pattern = e.path.isEmpty ? [] : e.path.split(separator: "/")
            return pattern.count == parts.count
                && zip(pattern, parts).allSatisfy { p, s in p.hasPrefix(":") ? s != "." && s != ".." : p == s }
        }
    }
}
