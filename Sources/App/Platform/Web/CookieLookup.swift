import Vapor

extension HTTPHeaders {
    /// The value of the cookie `name`, found by a scan of the `Cookie` headers (no parsing of the
    /// others; the first of two with the same name wins). Vapor's `req.cookies` parses every
    /// cookie on each call.
    func cookie(named name: String) -> String? {
        let semicolon = UInt8(ascii: ";")
        let space = UInt8(ascii: " ")
        let equals = UInt8(ascii: "=")
        for header in self[.cookie] {
            for pair in header.utf8.split(separator: semicolon) {
                let trimmed = pair.drop(while: { $0 == space })
                guard let eq = trimmed.firstIndex(of: equals), trimmed[..<eq].elementsEqual(name.utf8) else { continue }
                var value = trimmed[trimmed.index(after: eq)...]
                while value.last == space { value = value.dropLast() }
                return String(Substring(value))
            }
        }
        return nil
    }
}
