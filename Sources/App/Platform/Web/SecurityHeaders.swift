import Vapor

/// Headers every response carries, and the guard that no header value carries a line break.
///
/// - `Content-Security-Policy`: nothing but this site's own style sheet, images and forms; no
///   scripts at all (Styr has none), no framing (`frame-ancestors 'none'`). The report pages carry
///   their print styles inline (`<style>` with the report's title for the page header), so for
///   them alone inline styles are allowed.
/// - `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`, `X-Frame-Options: DENY`
///   (for browsers without CSP level 2).
/// - Every header value is checked for CR, LF and other control characters: a `Location` is
///   percent-encoded where it holds one, any other value has them replaced by spaces. A header
///   can then never be split into two, whatever a handler put in it.
enum SecurityHeaders {
    static let policy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    static let reportPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The last touches on every answer (`FrontDoor`): the CSRF cookie if one was issued, these
    /// headers, and no compression for a small body.
    static func finish(_ res: Response, for req: Request) {
        CSRF.setCookie(req, on: res)
        apply(to: res, path: req.routePath)
        res.sendSmallBodyUncompressed()
    }

    static func apply(to res: Response, path: String) {
        if res.headers.contains(where: { $0.value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) }) {
            res.headers = HTTPHeaders(
                res.headers.map { name, value in
                    (name, name.lowercased() == "location" ? encodeControls(value) : stripControls(value))
                })
        }
        let inlineStyles = path.containsBytes("/rapporter/")
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: inlineStyles ? reportPolicy : policy)
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
    }

    static func encodeControls(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            if b <= 0x20 || b >= 0x7F {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }

    static func stripControls(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
