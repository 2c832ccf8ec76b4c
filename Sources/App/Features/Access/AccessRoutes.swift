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
        r.on(.loginCode, use: codeForm)
        r.on(.loginCodeSubmit, use: codeSubmit)
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
        if user.totpSecret != nil {
            // A second factor: the session holds only who is waiting for a code, with no rights.
            try await Self.freshSession(req)
            req.userSession.data[Self.pendingUser] = user.id!.uuidString
            req.userSession.data[Self.pendingSince] = String(Int(req.clock.now().timeIntervalSince1970))
            req.userSession.data[Self.pendingNext] = Self.safeNext(form.neste ?? "/")
            return req.redirect(to: Endpoint.loginCode.url(), redirectType: .normal)
        }
        try await Self.freshSession(req)
        req.auth.login(user)
        req.userSession.authenticate(user)
        return req.redirect(to: Self.safeNext(form.neste ?? "/"))
    }

    /// A new session after each step of the login (no session fixation): the old one is deleted.
    static func freshSession(_ req: Request) async throws {
        if let old = req.userSession.id { try await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.userSession.id = nil
        req.userSession.data = SessionData()
    }

    /// Session keys of a login waiting for its second factor (at most `codeSeconds` old).
    static let pendingUser = "totp_user"
    static let pendingSince = "totp_since"
    static let pendingNext = "totp_next"
    static let codeSeconds: Double = 300

    struct CodePage: Encodable {
        let page: PageContext
        let error: String?
    }

    func renderCode(_ req: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let res = try await req.view.render("access/login-code", CodePage(page: PageContext(req, title: "Engangskode"), error: error))
            .encodeResponse(for: req)
        res.status = status
        return res
    }

    /// The user whose password was right and who is asked for a code, or nil.
    static func pending(_ req: Request) async throws -> UserModel? {
        guard let session = req.startedUserSession, let id = session.data[pendingUser].flatMap(UUID.init(uuidString:)),
            let since = session.data[pendingSince].flatMap(Double.init),
            req.clock.now().timeIntervalSince1970 - since <= codeSeconds
        else { return nil }
        return try await UserModel.find(id, on: req.db)
    }

    static let noPendingText = "Logg inn med brukernavn og passord først."

    func codeForm(req: Request) async throws -> Response {
        guard try await Self.pending(req) != nil else { return try await renderCode(req, error: Self.noPendingText, status: .badRequest) }
        return try await renderCode(req, error: nil, status: .ok)
    }

    /// The second step: a TOTP code of the step now or one either side, never one used before,
    /// throttled per user and client like passwords.
    func codeSubmit(req: Request) async throws -> Response {
        guard let user = try await Self.pending(req), !user.disabled, let secret = user.totpSecret.flatMap(Base32.decode) else {
            return try await renderCode(req, error: Self.noPendingText, status: .badRequest)
        }
        let code = (try? req.content.get(String.self, at: "kode")) ?? ""
        let throttle = req.application.loginThrottle
        let key = "totp:" + user.username
        let address = req.remoteAddress?.ipAddress
        if case .throttled(let seconds) = throttle.begin(username: key, address: address) {
            let res = try await renderCode(
                req, error: "For mange feil koder. Prøv igjen om \(Self.wait(seconds)).", status: .tooManyRequests)
            res.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return res
        }
        guard let step = TOTP.matchingStep(code, secret: secret, at: req.clock.now()),
            try await Self.useStep(step, of: user.id!, on: req.db)
        else { return try await renderCode(req, error: "Feil eller brukt kode.", status: .unauthorized) }
        throttle.succeeded(username: key, address: address)
        let next = req.userSession.data[Self.pendingNext] ?? "/"
        try await Self.freshSession(req)
        req.auth.login(user)
        req.userSession.authenticate(user)
        return req.redirect(to: Self.safeNext(next))
    }

    /// Records `step` as the user's last used one, if it is later than the last; false for a
    /// replayed code. One transaction, the user row read in it.
    static func useStep(_ step: Int64, of id: UUID, on db: any Database) async throws -> Bool {
        try await db.transaction { db in
            guard let user = try await UserModel.find(id, on: db), step > (user.totpLastStep ?? .min) else { return false }
            user.totpLastStep = step
            try await user.save(on: db)
            return true
        }
    }

    /// A bcrypt hash of nothing anyone types (checked against when the username is unknown).
    static let dummyHash = (try? Bcrypt.hash("styr-ukjent-bruker-\(UUID().uuidString)", cost: 12)) ?? ""

    static func wait(_ seconds: Int) -> String {
        seconds < 90 ? "\(seconds) sekunder" : "\((seconds + 59) / 60) minutter"
    }

    func logout(req: Request) async throws -> Response {
        req.auth.logout(UserModel.self)
        req.userSession.unauthenticate()
        req.userSession.destroy()
        return req.redirect(to: "/")
    }
}
