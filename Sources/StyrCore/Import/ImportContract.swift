import Foundation

/// The JSON of `styr import FILE --dry-run --json`: every key of the document as before, with
/// `kind` in the contract's terms (`tildelingsbrev`, `tillegg`, `instruks`, `oppdragsdokument`),
/// `issuer` as `{name, short}`, and `recipients` and `reading` added. Encode it as is.
public struct ImportContract: Encodable, Sendable {
    public var parsed: ParsedDocument

    public init(_ parsed: ParsedDocument) { self.parsed = parsed }

    enum Keys: String, CodingKey { case kind, issuer, recipients, reading }

    public func encode(to encoder: any Encoder) throws {
        try parsed.document.encode(to: encoder)
        // The same keyed container: these keys replace the document's `kind` and `issuer`.
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(parsed.kind, forKey: .kind)
        try c.encode(parsed.issuer, forKey: .issuer)
        try c.encode(parsed.recipients, forKey: .recipients)
        try c.encode(parsed.reading, forKey: .reading)
    }

    /// Reads a document back from this contract's JSON or from an older export (where `issuer`
    /// was a string and there was no `oppdragsdokument`).
    public static func document(from data: Data) throws -> SteeringDocument {
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return try JSONDecoder().decode(SteeringDocument.self, from: data)
        }
        if let issuer = object["issuer"] as? [String: Any], let name = issuer["name"] as? String {
            object["issuer"] = (issuer["short"] as? String).map { "\(name) (\($0))" } ?? name
        }
        if let kind = object["kind"] as? String, let k = LetterKind(rawValue: kind) {
            object["kind"] = k.documentKind.rawValue
        }
        object["recipients"] = nil
        object["reading"] = nil
        return try JSONDecoder().decode(SteeringDocument.self, from: JSONSerialization.data(withJSONObject: object))
    }
}
