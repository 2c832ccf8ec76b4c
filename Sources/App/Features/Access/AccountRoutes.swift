import Fluent
import SQLKit
import StyrCore
import Vapor

/// Your own account (`/konto`): change the password (the current one required, `PasswordRule`,
/// every other session of the user ended, audited) and, for the ministry and the directorate, a
/// second factor (TOTP): enrol with a secret shown as base32 and `otpauth://`, active once a code
/// from it is confirmed.
struct AccountRoutes {
    func register(_ r: any RoutesBuilder) {
        r.on(.account, use: page)
        r.on(.accountPassword, use: changePassword)
        r.on(.accountTOTP, use: startTOTP)
        r.on(.accountTOTPConfirm, use: confirmTOTP)
    }

    struct Page: Encodable {
        let page: PageContext
        let error: String?
        let minLength: Int
        let canUseTOTP: Bool
        let totpActive: Bool
        /// While enrolling: the secret (base32) and the address for an authenticator app.
        let pendingSecret: String?
        let pendingURI: String?
    }

    /// The logged-in user as stored (the request's user is read without its second factor).
    static func currentUser(_ req: Request) async throws -> UserModel {
        guard let id = req.auth.get(UserModel.self)?.id, let user = try await UserModel.find(id, on: req.db) else {
            throw UserError(.unauthorized, "Du må være logget inn.")
        }
        return user
    }

    func page(req: Request) async throws -> Response {
        try await render(req, error: nil, status: .ok)
    }

    func render(_ req: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let user = try await Self.currentUser(req)
        let pending = user.totpPending.flatMap(Base32.decode)
        let res = try await req.view.render(
            "access/account",
            Page(
                page: PageContext(req, title: "Konto"), error: error, minLength: PasswordRule.minLength,
                canUseTOTP: Endpoint.accountTOTP.roles.contains(user.roleValue), totpActive: user.totpSecret != nil,
                pendingSecret: user.totpPending, pendingURI: pending.map { TOTP.uri(secret: $0, username: user.username) })
        ).encodeResponse(for: req)
        res.status = status
        return res
    }

    struct PasswordForm: Content {
        var naavaerende: String?
        var nytt: String?
        var gjenta: String?
    }

    func changePassword(req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        let user = try await Self.currentUser(req)
        let throttle = req.application.loginThrottle
        let address = req.remoteAddress?.ipAddress
        // The current password is guessed no faster here than at the login.
        if case .throttled(let seconds) = throttle.begin(username: user.username, address: address) {
            let res = try await render(
                req, error: "For mange mislykkede forsøk. Prøv igjen om \(AccessRoutes.wait(seconds)).", status: .tooManyRequests)
            res.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return res
        }
        guard try await req.password.async.verify(form.naavaerende ?? "", created: user.passwordHash) else {
            return try await render(req, error: "Det nåværende passordet er feil.", status: .unprocessableEntity)
        }
        throttle.succeeded(username: user.username, address: address)
        let new = form.nytt ?? ""
        if let problem = PasswordRule.problem(new, username: user.username) {
            return try await render(req, error: problem, status: .unprocessableEntity)
        }
        guard new == form.gjenta else {
            return try await render(req, error: "Det nye passordet og gjentakelsen er ikke like.", status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(new)
        let keep = req.userSession.id.map(QuietSessions.storedKey)
        let ended = try await req.db.transaction { db in
            user.passwordHash = hash
            try await user.save(on: db)
            let ended = try await Users.endSessions(of: user.id!, except: keep, on: db)
            try await AuditEntryModel(
                actor: user.username, action: "endre passord", entity: "user", entityId: user.username,
                after: "\(ended) andre økter avsluttet"
            ).create(on: db)
            return ended
        }
        // This process forgets the sessions it kept; other processes within a second (`AuthCache`).
        req.application.authCache.removeAll()
        return req.redirect(
            to: Endpoint.account.url(), flash: "Passordet er endret." + (ended > 0 ? " Du er logget ut på \(ended) andre økter." : ""))
    }

    func startTOTP(req: Request) async throws -> Response {
        let user = try await Self.currentUser(req)
        user.totpPending = Base32.encode(TOTP.newSecret())
        try await req.db.transaction { db in
            try await user.save(on: db)
            try await AuditEntryModel(actor: user.username, action: "start totrinn", entity: "user", entityId: user.username).create(on: db)
        }
        return req.redirect(
            to: Endpoint.account.url(fragment: "totrinn"),
            flash: "Legg hemmeligheten inn i autentiseringsappen og bekreft med en kode fra den.")
    }

    struct CodeForm: Content {
        var kode: String?
    }

    func confirmTOTP(req: Request) async throws -> Response {
        let code = try req.content.decode(CodeForm.self).kode ?? ""
        let user = try await Self.currentUser(req)
        guard let pending = user.totpPending.flatMap(Base32.decode) else {
            return try await render(req, error: "Start innmeldingen av totrinnsinnlogging først.", status: .badRequest)
        }
        let throttle = req.application.loginThrottle
        let key = "totp:" + user.username
        let address = req.remoteAddress?.ipAddress
        if case .throttled(let seconds) = throttle.begin(username: key, address: address) {
            let res = try await render(
                req, error: "For mange feil koder. Prøv igjen om \(AccessRoutes.wait(seconds)).", status: .tooManyRequests)
            res.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return res
        }
        guard let step = TOTP.matchingStep(code, secret: pending, at: req.clock.now()) else {
            return try await render(
                req, error: "Koden stemmer ikke. Sjekk klokken på telefonen og prøv igjen.", status: .unprocessableEntity)
        }
        throttle.succeeded(username: key, address: address)
        user.totpSecret = user.totpPending
        user.totpPending = nil
        user.totpLastStep = step
        try await req.db.transaction { db in
            try await user.save(on: db)
            try await AuditEntryModel(actor: user.username, action: "totrinn på", entity: "user", entityId: user.username).create(on: db)
        }
        return req.redirect(to: Endpoint.account.url(), flash: "Totrinnsinnlogging er slått på. Neste innlogging ber om en kode.")
    }
}

extension Users {
    /// Ends every session of the user but `except` (a stored key, `QuietSessions.storedKey`);
    /// returns how many.
    static func endSessions(of userID: UUID, except: SessionID?, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let key = AuthQueries.sessionUserKey
        let owner: SQLQueryString =
            sql.dialect.name == "postgresql" ? "lower(data->>'\(unsafeRaw: key)')" : "lower(json_extract(data, '$.\(unsafeRaw: key)'))"
        struct Row: Decodable { let key: String }
        let rows = try await sql.raw("SELECT key FROM _fluent_sessions WHERE \(owner) = \(bind: userID.uuidString.lowercased())")
            .all(decoding: Row.self).filter { $0.key != except?.string }
        for row in rows { try await sql.raw("DELETE FROM _fluent_sessions WHERE key = \(bind: row.key)").run() }
        return rows.count
    }

    /// Takes away a user's second factor (`styr user reset-totp`): the next login asks for the
    /// password only, and the user can enrol again.
    static func resetSecondFactor(username: String, actor: String, on db: any Database) async throws {
        guard let user = try await UserModel.query(on: db).filter(\.$username == username).first() else {
            throw UserError(.notFound, "Fant ikke brukeren \(username).", field: "username")
        }
        user.totpSecret = nil
        user.totpPending = nil
        try await db.transaction { db in
            try await user.save(on: db)
            try await AuditEntryModel(actor: actor, action: "nullstill totrinn", entity: "user", entityId: username).create(on: db)
        }
    }
}
