import Vapor

/// A form post that shows its page again: with a message when the change is stored, or with the
/// refusal's reasons (422, or 404/409 as the error says) when a rule stopped it.
enum FormAction {
    static func run(
        _ req: Request, render: (_ message: String?, _ errors: [String]) async throws -> View, _ body: () async throws -> String
    ) async throws -> Response {
        do {
            return try await render(try await body(), []).encodeResponse(for: req)
        } catch let e as UserError {
            let res = try await render(nil, [e.reason] + e.details).encodeResponse(for: req)
            res.status = [.conflict, .notFound].contains(e.status) ? e.status : .unprocessableEntity
            return res
        }
    }
}
