import Fluent
import StyrCore
import Vapor

/// Login with password (bcrypt), throttled per user; logout.
struct AuthController {
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
            "login", LoginPage(page: PageContext(req, title: "Logg inn"), next: Self.safeNext(next), username: username, error: error))
    }

    /// Only local paths are followed after login.
    static func safeNext(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") ? next : "/"
    }

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

/// User administration shared by the CLI and tests.
enum Users {
    static func add(
        username: String, password: String, role: Role, kommune: String?, on db: any Database,
        hash: @Sendable (String) async throws -> String
    ) async throws -> UserModel {
        guard username.range(of: #"^[A-Za-z0-9._@-]{2,64}$"#, options: .regularExpression) != nil else {
            throw UserError(.badRequest, "Brukernavnet må være 2–64 tegn: bokstaver, tall, punktum, bindestrek, @.", field: "username")
        }
        guard password.count >= 8 else { throw UserError(.badRequest, "Passordet må ha minst 8 tegn.", field: "password") }
        if role == .municipality {
            guard let k = kommune, k.range(of: #"^\d{4}$"#, options: .regularExpression) != nil else {
                throw UserError(.badRequest, "Kommunebrukere trenger --kommune med fire sifre.", field: "kommune")
            }
        }
        let passwordHash = try await hash(password)
        return try await db.transaction { db in
            if try await UserModel.query(on: db).filter(\.$username == username).first() != nil {
                throw UserError(.conflict, "Brukeren \(username) finnes allerede.", field: "username")
            }
            let user = UserModel(username: username, passwordHash: passwordHash, role: role, kommune: role == .municipality ? kommune : nil)
            try await user.create(on: db)
            try await AuditEntryModel(actor: "styr", action: "ny bruker", entity: "user", entityId: username, after: role.rawValue).create(
                on: db)
            return user
        }
    }

    /// Creates a new API token and returns it in clear text (only its hash is stored).
    static func newToken(username: String, on db: any Database) async throws -> String {
        guard let user = try await UserModel.query(on: db).filter(\.$username == username).first() else {
            throw UserError(.notFound, "Fant ikke brukeren \(username).", field: "username")
        }
        let token = "styr_" + [UInt8].random(count: 32).hex
        try await APITokenModel(userID: user.id!, tokenHash: APITokenModel.hash(token)).create(on: db)
        return token
    }
}
