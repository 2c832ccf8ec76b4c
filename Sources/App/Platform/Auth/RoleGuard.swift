import Fluent
import StyrCore
import Vapor

/// Enforces the endpoint's roles, and CSRF on every web form post.
struct RoleGuard: AsyncMiddleware {
    let endpoint: Endpoint

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // One lookup: the authentication cache is a generic storage read, and this runs on every request.
        var user = req.auth.get(UserModel.self)
        if let found = user, found.disabled {
            req.auth.logout(UserModel.self)
            user = nil
        }
        let role = user?.roleValue
        if let role {
            guard endpoint.roles.contains(role) else {
                throw UserError(.forbidden, "Rollen din (\(role.label)) har ikke tilgang til denne siden.")
            }
        } else if !endpoint.allowsAnonymous {
            if endpoint.isAPI { throw UserError(.unauthorized, "Mangler gyldig API-nøkkel (Authorization: Bearer …).") }
            let target = req.url.path + (req.url.query.map { "?\($0)" } ?? "")
            return req.redirect(to: "/login?neste=\(target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")")
        }
        if endpoint.method == .POST && !endpoint.isAPI {
            // Route middleware runs before the body is collected: collect it to read the token.
            if req.body.data == nil { _ = try await req.body.collect(max: 20 * 1024 * 1024).get() }
            try CSRF.verify(req)
        }
        return try await next.respond(to: req)
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
        if loggedIn || (req.hasSession && req.session.data["csrf"] != nil) {
            if let t = req.session.data["csrf"] { return t }
            let t = random()
            req.session.data["csrf"] = t
            return t
        }
        if let issued = req.storage[IssuedKey.self] { return issued }
        if let t = req.cookies[cookie]?.string, valid(t) { return t }
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
        if req.hasSession, let t = req.session.data["csrf"] {
            expected = t
        } else if !req.auth.has(UserModel.self), let t = req.cookies[cookie]?.string, valid(t) {
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
/// (`AuthCache`), writes always look it up afresh.
struct TokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let cache = request.application.authCache
        let hash = APITokenModel.hash(bearer.token)
        var found = cache.serves(request) ? cache.user(token: hash) : nil
        if found == nil, let read = try await AuthQueries.user(tokenHash: hash, on: request.db) {
            cache.keep(token: hash, read)
            found = read
        }
        guard let user = found, !user.disabled else { return }
        request.auth.login(user.model)
    }
}
