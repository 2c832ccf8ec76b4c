import Fluent
import Foundation
import StyrCore
import Vapor

/// A person or machine client that logs in to Styr.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    /// Kommunenummer for municipality users.
    @OptionalField(key: "kommune") var kommune: String?
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// The active TOTP secret (base32); nil without a second factor.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// A TOTP secret shown for enrolment, active once confirmed with a code.
    @OptionalField(key: "totp_pending") var totpPending: String?
    /// The last TOTP step accepted: a code of this step or an earlier one is refused (replay).
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(username: String, passwordHash: String, role: Role, kommune: String?) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.kommune = kommune
        self.disabled = false
        self.failedLogins = 0
    }

    var roleValue: Role { Role(rawValue: role) ?? .public }
}

extension UserModel: ModelSessionAuthenticatable {}

/// A bearer token for the JSON API; only its SHA-256 is stored.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String) {
        self.$user.id = userID
        self.tokenHash = tokenHash
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }
}

extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal (digests, pseudonyms, tokens).
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
