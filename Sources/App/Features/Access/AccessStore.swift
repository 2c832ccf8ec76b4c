import Fluent
import StyrCore
import Vapor

/// User administration shared by the CLI and tests.
enum Users {
    static func add(
        username: String, password: String, role: Role, kommune: String?, on db: any Database,
        hash: @Sendable (String) async throws -> String
    ) async throws -> UserModel {
        guard username.range(of: #"^[A-Za-z0-9._@-]{2,64}$"#, options: .regularExpression) != nil else {
            throw UserError(.badRequest, "Brukernavnet må være 2–64 tegn: bokstaver, tall, punktum, bindestrek, @.", field: "username")
        }
        if let problem = PasswordRule.problem(password, username: username) { throw UserError(.badRequest, problem, field: "password") }
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
