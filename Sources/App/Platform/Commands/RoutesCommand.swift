import StyrCore
import Vapor

/// `styr routes [--json]`: the role × route matrix from the same declaration the server enforces.
struct RoutesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "Skriv matrisen som JSON")
        var json: Bool
    }

    var help: String { "Viser rolle × rute-matrisen (metode, sti, roller)." }

    struct Row: Encodable {
        let method: String
        let path: String
        let roles: [String]
        let api: Bool
    }

    static func rows() -> [Row] {
        Endpoint.allCases.map { e in
            Row(
                method: e.method.rawValue, path: "/" + e.path, roles: Role.allCases.filter { e.roles.contains($0) }.map(\.rawValue),
                api: e.isAPI)
        }
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.json {
            printOut(try prettyJSON(Self.rows()))
            return
        }
        for r in Self.rows() {
            printOut(
                "\(r.method.padding(toLength: 5, withPad: " ", startingAt: 0)) \(r.path.padding(toLength: 44, withPad: " ", startingAt: 0)) \(r.roles.joined(separator: ","))"
            )
        }
    }
}
