import Fluent
import StyrCore
import Vapor

/// Login with password (bcrypt), throttled per username and per client address
/// (`LoginThrottle`, 429 with Retry-After); logout.
struct AccessRoutes {
    static var maxFailures: Int { LoginThrottle.Limits().perUsername }

    func register(_ r: any RoutesBuilder) {
        r.on(.login, use: form)
        r.on(.loginSubmit, use: submit)
        r.on(.logout, use: logout)
    }

    struct LoginPage: Encodable {
        let page: PageContext
        let next: String
        let username: String
        let error: String?
    }

    func form(req: Request) async throws -> View {
        try await render(req, error: nil, username: "")
    }

    func render(_ req: Request, error: String?, username: String) async throws -> View {
        let next = (try? req.query.get(String.self, at: "neste")) ?? (try? req.content.get(String.self, at: "neste")) ?? "/"
        return try await req.view.render(
            "access/login",
            LoginPage(page: PageContext(req, title: "Logg inn"), next: Self.safeNext(next), username: username, error: error))
    }

    /// Only same-site paths of declared pages are followed after login (`RedirectTarget`).
    static func safeNext(_ next: String) -> String { RedirectTarget.safe(next) }

    struct LoginForm: Content {
        var username: String
        var password: String
        var neste: String?
    }

    /// The answer to every failed attempt, for a known and an unknown username alike.
    static let failureText = "Feil brukernavn eller passord."

    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let throttle = req.application.loginThrottle
        let address = req.remoteAddress?.ipAddress
        if case .throttled(let seconds) = throttle.begin(username: form.username, address: address) {
            let res = try await render(
                req, error: "For mange mislykkede forsøk. Prøv igjen om \(Self.wait(seconds)).", username: form.username
            ).encodeResponse(for: req)
            res.status = .tooManyRequests
            res.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return res
        }
        let fail: () async throws -> Response = {
            let res = try await render(req, error: Self.failureText, username: form.username).encodeResponse(for: req)
            res.status = .unauthorized
            return res
        }
        let user = try await UserModel.query(on: req.db).filter(\.$username == form.username).first()
        // The same work for an unknown username as for a known one.
        let verified = try await req.password.async.verify(form.password, created: user?.passwordHash ?? Self.dummyHash)
        guard let user, verified else { return try await fail() }
        throttle.succeeded(username: form.username, address: address)
        // Only someone who knows the password learns that the user is disabled.
        if user.disabled {
            let res = try await render(req, error: "Brukeren er deaktivert.", username: form.username).encodeResponse(for: req)
            res.status = .unauthorized
            return res
        }
        // A new session after login (no session fixation): the old one is deleted.
        if let old = req.session.id { try await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.session.id = nil
        req.session.data = SessionData()
        req.auth.login(user)
        req.session.authenticate(user)
        return req.redirect(to: Self.safeNext(form.neste ?? "/"))
    }

    /// A bcrypt hash of nothing anyone types (checked against when the username is unknown).
    static let dummyHash = (try? Bcrypt.hash("styr-ukjent-bruker-\(UUID().uuidString)", cost: 12)) ?? ""

    static func wait(_ seconds: Int) -> String {
        seconds < 90 ? "\(seconds) sekunder" : "\((seconds + 59) / 60) minutter"
    }

    func logout(req: Request) async throws -> Response {
        req.auth.logout(UserModel.self)
        req.session.unauthenticate(UserModel.self)
        req.session.destroy()
        return req.redirect(to: "/")
    }
}
