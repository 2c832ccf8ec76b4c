import Vapor

/// Turns errors into a bokmål page for people and `{"error": …}` for the API (called by
/// `FrontDoor` for whatever a handler or middleware threw). Internal errors are logged; the user
/// sees no stack trace.
enum ErrorPages {
    /// The answer for an error a handler threw: JSON under `/api/`, the error page elsewhere.
    static func response(for error: any Error, to req: Request) async throws -> Response {
        let status: HTTPResponseStatus
        let message: String
        var field: String?
        var details: [String] = []
        switch error {
        case let e as UserError:
            status = e.status
            message = e.reason
            field = e.field
            details = e.details
        case let e as any AbortError:
            status = e.status
            message = e.status == .notFound ? "Siden finnes ikke." : (e.status.code < 500 ? e.reason : "Noe gikk galt på serveren.")
        case let e as DecodingError:
            status = .badRequest
            message = "Ugyldige data: \(Self.describe(e))"
        default:
            status = .internalServerError
            message = "Noe gikk galt på serveren. Feilen er logget."
        }
        if status.code >= 500 { req.logger.report(error: error) }
        if req.routePath.hasPrefix("/api/") {
            let res = Response(status: status)
            try res.content.encode(APIError(error: message, field: field, details: details.isEmpty ? nil : details), as: .json)
            return res
        }
        let view = ErrorPage(
            page: PageContext(req, title: "Feil \(status.code)"), status: Int(status.code), message: message, details: details)
        let res = try await req.view.render("platform/error", view).encodeResponse(for: req)
        res.status = status
        return res
    }

    static func describe(_ e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let key, _): "mangler feltet «\(key.stringValue)»"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            "feil i feltet «\(ctx.codingPath.map(\.stringValue).joined(separator: "."))»"
        @unknown default: "ugyldig innhold"
        }
    }
}

struct ErrorPage: Encodable {
    let page: PageContext
    let status: Int
    let message: String
    let details: [String]
}

/// The JSON API's error body: `{"error": …, "field": …, "details": [...]}`.
struct APIError: Content {
    let error: String
    let field: String?
    let details: [String]?
}
