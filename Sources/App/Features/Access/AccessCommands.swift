import Fluent
import StyrCore
import Vapor

/// `styr user add|disable|token|reset-totp --username U …`
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "add, disable, token eller reset-totp")
        var action: String
        @Option(name: "username", help: "Brukernavn")
        var username: String?
        @Option(name: "password", help: "Passord (minst 12 tegn, ikke et vanlig passord)")
        var password: String?
        @Option(name: "role", help: "ministry, directorate, municipality eller public")
        var role: String?
        @Option(name: "kommune", help: "Kommunenummer for kommunebrukere")
        var kommune: String?
    }

    var help: String { "Administrerer brukere og API-nøkler." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let username = signature.username else { throw UserError(.badRequest, "Mangler --username.", field: "username") }
        switch signature.action {
        case "add":
            guard let password = signature.password else { throw UserError(.badRequest, "Mangler --password.", field: "password") }
            guard let role = signature.role.flatMap(Role.init(rawValue:)) else {
                throw UserError(.badRequest, "--role må være ministry, directorate, municipality eller public.", field: "role")
            }
            let hasher = app.password
            _ = try await Users.add(username: username, password: password, role: role, kommune: signature.kommune, on: app.db) {
                try hasher.hash($0)
            }
            printErr("La til \(username) (\(role.rawValue)).")
        case "disable":
            guard let user = try await UserModel.query(on: app.db).filter(\.$username == username).first() else {
                throw UserError(.notFound, "Fant ikke brukeren \(username).", field: "username")
            }
            try await app.db.transaction { db in
                user.disabled = true
                try await user.save(on: db)
                try await APITokenModel.query(on: db).filter(\.$user.$id == user.id!).delete()
                try await AuditEntryModel(actor: "styr", action: "deaktiver bruker", entity: "user", entityId: username).create(on: db)
            }
            printErr("Deaktiverte \(username) og slettet API-nøklene.")
        case "token":
            printOut(try await Users.newToken(username: username, on: app.db))
        case "reset-totp":
            try await Users.resetSecondFactor(username: username, actor: "styr", on: app.db)
            printErr("Totrinnsinnloggingen til \(username) er nullstilt; neste innlogging ber bare om passord.")
        default:
            throw UserError(
                .badRequest, "Ukjent handling «\(signature.action)»; bruk add, disable, token eller reset-totp.", field: "action")
        }
    }
}
