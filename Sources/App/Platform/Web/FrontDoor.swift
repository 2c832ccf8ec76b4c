import Vapor

/// The one asynchronous middleware every request passes, outermost: static files, then the
/// error pages for whatever was thrown inside, then the security headers and the CSRF cookie on
/// every answer (error pages included). One task per request instead of one per concern: each
/// `AsyncMiddleware` costs a task, a future hop and generic metadata lookups, which under load
/// was a tenth of the server's time on a request that does little else. Everything after it
/// (sessions, page cache, role checks) is `EventLoopFuture` middleware with synchronous fast paths.
struct FrontDoor: AsyncMiddleware {
    let files: StaticFiles

    init(publicDirectory: String) {
        files = StaticFiles(publicDirectory: publicDirectory)
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res: Response
        do {
            res = try await files.respond(to: req, chainingTo: next)
        } catch {
            res = try await ErrorPages.response(for: error, to: req)
            UserSessions.forgetOnError(req, res, req.application.sessions.configuration)
        }
        SecurityHeaders.finish(res, for: req)
        return res
    }
}
