import Fluent
import StyrCore
import Vapor

/// Enforces the endpoint's roles, and CSRF on every web form post. An `EventLoopFuture` middleware,
/// not an async one: it runs on every request, and an async middleware costs a task and two thread
/// hops each time.
struct RoleGuard: Middleware {
    let endpoint: Endpoint

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        do {
            if let early = try check(req) { return req.eventLoop.makeSucceededFuture(early) }
        } catch {
            return req.eventLoop.makeFailedFuture(error)
        }
        guard endpoint.method == .POST && !endpoint.isAPI else { return next.respond(to: req) }
        // Route middleware runs before the body is collected: collect it to read the token.
        let body = req.body.data == nil ? req.body.collect(max: 20 * 1024 * 1024).map { _ in } : req.eventLoop.makeSucceededVoidFuture()
        return body.flatMapThrowing { try CSRF.verify(req) }.flatMap { next.respond(to: req) }
    }

    /// Throws if the caller's role may not use the endpoint; answers a redirect to the login page
    /// for an anonymous caller of a page that needs one.
    private func check(_ req: Request) throws -> Response? {
        // One lookup: the authentication cache is a generic storage read, and this runs on every request.
        var user = req.auth.get(UserModel.self)
        if let found = user, found.disabled {
            req.auth.logout(UserModel.self)
            user = nil
        }
        if let role = user?.roleValue {
            guard endpoint.roles.contains(role) else {
                throw UserError(.forbidden, "Rollen din (\(role.label)) har ikke tilgang til denne siden.")
            }
        } else if !endpoint.allowsAnonymous {
            if endpoint.isAPI { throw UserError(.unauthorized, "Mangler gyldig API-nøkkel (Authorization: Bearer …).") }
            let target = req.url.path + (req.url.query.map { "?\($0)" } ?? "")
            return req.redirect(to: "/login?neste=\(target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
        }
        return nil
    }
}

/// CSRF token: put in every form, checked on every web POST. A logged-in user's is kept in the
/// session; an anonymous caller's (the login form) in a cookie of its own (double submit), so that
/// an anonymous page view never creates a session row.
enum CSRF {
    static let cookie = "styr_csrf"

    /// A token issued to an anonymous caller by this request, set as a cookie on its response.
    struct IssuedKey: StorageKey { typealias Value = String }

    static func token(_ req: Request) -> String {
        token(req, loggedIn: req.auth.has(UserModel.self))
    }

    /// The token when the caller already knows whether the request is logged in (the page cache
    /// has looked the user up): saves the authentication lookup on every cached page.
    static func token(_ req: Request, loggedIn: Bool) -> String {
        let started = req.startedUserSession
        if loggedIn || started?.data["csrf"] != nil {
            let session = started ?? req.userSession
            if let t = session.data["csrf"] { return t }
            let t = random()
            session.data["csrf"] = t
            return t
        }
        if let issued = req.storage[IssuedKey.self] { return issued }
        if let t = req.headers.cookie(named: cookie), valid(t) { return t }
        let t = random()
        req.storage[IssuedKey.self] = t
        return t
    }

    static func random() -> String {
        [UInt8].random(count: 24).base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    static func valid(_ t: String) -> Bool { t.count == 32 && t.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } }

    static func verify(_ req: Request) throws {
        let sent = (try? req.content.get(String.self, at: "csrf")) ?? req.headers.first(name: "X-CSRF-Token")
        let expected: String?
        if let t = req.startedUserSession?.data["csrf"] {
            expected = t
        } else if !req.auth.has(UserModel.self), let t = req.headers.cookie(named: cookie), valid(t) {
            expected = t
        } else {
            expected = nil
        }
        guard let expected, let sent, sent == expected else {
            throw UserError(.forbidden, "Skjemaet er utløpt eller ugyldig (CSRF). Last siden på nytt og prøv igjen.")
        }
    }

    /// Sets the cookie of a token issued during this request.
    static func setCookie(_ req: Request, on res: Response) {
        guard let t = req.storage[IssuedKey.self] else { return }
        let secure = req.application.storage[SettingsKey.self]?.secureCookies ?? true
        res.cookies[cookie] = HTTPCookies.Value(
            string: t, expires: nil, maxAge: 8 * 3600, domain: nil, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}

/// Reads `Authorization: Bearer …` for the JSON API; reads reuse a token's user for a second
/// (`AuthCache`), writes always look it up afresh. A token found in the cache costs no task.
struct TokenAuthenticator: BearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) -> EventLoopFuture<Void> {
        let cache = request.application.authCache
        let hash = APITokenModel.hash(bearer.token)
        if cache.serves(request), let found = cache.user(token: hash) {
            Self.login(found, request)
            return request.eventLoop.makeSucceededVoidFuture()
        }
        return request.eventLoop.makeFutureWithTask {
            try await AuthQueries.user(tokenHash: hash, on: request.db)
        }.map { read in
            guard let read else { return }
            cache.keep(token: hash, read)
            Self.login(read, request)
        }
    }

    private static func login(_ user: AuthQueries.UserRecord, _ request: Request) {
        guard !user.disabled else { return }
        request.auth.login(user.model)
    }
}
