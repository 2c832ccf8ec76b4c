import Fluent
import StyrCore
import Vapor

/// Login with password (bcrypt), throttled per user; logout.
struct AccessRoutes {
    static let maxFailures = 5
    static let lockSeconds: TimeInterval = 300

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

    func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let fail: (String) async throws -> Response = { message in
            let res = try await render(req, error: message, username: form.username).encodeResponse(for: req)
            res.status = .unauthorized
            return res
        }
        guard let user = try await UserModel.query(on: req.db).filter(\.$username == form.username).first() else {
            _ = try? await req.password.async.hash(form.password)  // same work as a real check
            return try await fail("Feil brukernavn eller passord.")
        }
        if user.disabled { return try await fail("Brukeren er deaktivert.") }
        if let until = user.lockedUntil, until > Date() {
            return try await fail("For mange mislykkede forsøk. Prøv igjen om noen minutter.")
        }
        guard try await req.password.async.verify(form.password, created: user.passwordHash) else {
            user.failedLogins += 1
            if user.failedLogins >= Self.maxFailures {
                user.lockedUntil = Date().addingTimeInterval(Self.lockSeconds)
                user.failedLogins = 0
            }
            try await user.save(on: req.db)
            return try await fail("Feil brukernavn eller passord.")
        }
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: req.db)
        // A new session id after login (no session fixation); the old record is deleted.
        if let old = req.session.id { try await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.session.id = nil
        req.session.data = SessionData()
        req.auth.login(user)
        req.session.authenticate(user)
        return req.redirect(to: Self.safeNext(form.neste ?? "/"))
    }

    func logout(req: Request) async throws -> Response {
        req.auth.logout(UserModel.self)
        req.session.unauthenticate(UserModel.self)
        req.session.destroy()
        return req.redirect(to: "/")
    }
}
