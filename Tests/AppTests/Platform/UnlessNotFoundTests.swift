import Foundation
import Testing
import Vapor

@testable import App

/// `unlessNotFound` turns only "there is nothing" into nil; a database failure stays an error
/// (the annual report used `try?` and showed an empty table when the database failed).
@Suite struct UnlessNotFoundTests {
    struct DatabaseDown: Error {}

    @Test func notFoundIsAbsentEverythingElseIsAnError() async throws {
        let value = try await unlessNotFound { 42 }
        #expect(value == 42)
        let absent: Int? = try await unlessNotFound { throw UserError(.notFound, "Ingen tildeling for 2019.") }
        #expect(absent == nil)
        await #expect(throws: DatabaseDown.self) {
            _ = try await unlessNotFound { () async throws -> Int in throw DatabaseDown() }
        }
        await #expect(throws: UserError.self) {
            _ = try await unlessNotFound { () async throws -> Int in throw UserError(.badRequest, "Ugyldig år.") }
        }
    }
}
