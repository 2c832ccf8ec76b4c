import Fluent
import Foundation
import StyrCore
import Vapor

/// A user-facing error: the message is shown as is (bokmål), with the field it concerns.
struct UserError: AbortError, Sendable {
    var status: HTTPResponseStatus
    var reason: String
    var field: String?
    /// One line per problem (e.g. per bad row of a file), shown under the message.
    var details: [String]
    init(_ status: HTTPResponseStatus = .badRequest, _ reason: String, field: String? = nil, details: [String] = []) {
        self.status = status
        self.reason = reason
        self.field = field
        self.details = details
    }

    /// A 422 naming the first field in error, with every field's message as details.
    init(fields e: FieldErrors) {
        let sorted = e.fields.sorted { $0.key < $1.key }
        self.init(
            .unprocessableEntity, sorted.first?.value ?? "Ugyldige data.", field: sorted.first?.key, details: sorted.map { "\($0): \($1)" })
    }
}

/// The body's value, or nil when it reports that what it reads does not exist (a `UserError` with
/// status 404, e.g. no letter for the year). Every other error, a database failure above all, is
/// passed on instead of being taken for "nothing there".
func unlessNotFound<T>(_ body: () async throws -> T) async throws -> T? {
    do {
        return try await body()
    } catch let e as UserError where e.status == .notFound {
        return nil
    }
}
