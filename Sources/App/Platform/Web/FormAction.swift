import Vapor

/// A form post answered the Post/Redirect/Get way: when the change is stored, 303 to the page of
/// what it changed, with the success message kept in the session for that page (`Flash`); when a
/// rule stopped it, the form's page again with the refusal's reasons (422, or 404/409 as the error
/// says), so nothing typed is lost.
enum FormAction {
    static func run(
        _ req: Request, redirect to: String, render: (_ message: String?, _ errors: [String]) async throws -> View,
        _ body: () async throws -> String
    ) async throws -> Response {
        do {
            let message = try await body()
            return req.redirect(to: to, flash: message)
        } catch let e as UserError {
            let res = try await render(nil, [e.reason] + e.details).encodeResponse(for: req)
            res.status = [.conflict, .notFound].contains(e.status) ? e.status : .unprocessableEntity
            return res
        }
    }
}

/// The success message of a form post, shown once on the page it redirects to (see `PageContext`).
enum Flash {
    static let key = "flash"

    /// Takes the message waiting for this request's page, if any (only for callers with a session,
    /// so that anonymous page views never create one).
    static func take(_ req: Request) -> String? {
        guard let session = req.startedUserSession, let message = session.data[key] else { return nil }
        session.data[key] = nil
        return message
    }

    /// Whether a message waits: such a page is rendered for its caller alone, not shared.
    static func waiting(_ req: Request) -> Bool {
        req.startedUserSession?.data[key] != nil
    }
}

extension Request {
    /// 303 See Other to `path`, with `flash` shown there once.
    func redirect(to path: String, flash: String?) -> Response {
        if let flash, !flash.isEmpty { userSession.data[Flash.key] = flash }
        return redirect(to: path, redirectType: .normal)
    }
}
