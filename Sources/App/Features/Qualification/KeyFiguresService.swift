import Fluent
import Foundation
import StyrCore
import Vapor

/// The annual report's key figures ("Hovedtall") from every register, as one JSON object for
/// `styr stats hovedtall` and `GET /api/v1/stats/hovedtall`.
enum KeyFiguresService {
    static func qualification(year: Int, app: Application, on db: any Database) async throws -> (
        nir: NIRKeyFigures, interpreters: InterpreterKeyFigures?
    ) {
        let registers = try await app.qualificationCache.registers(app, on: db)
        return (
            registers.nirKeyFigures(year: year),
            registers.interpreters.isEmpty ? nil : InterpreterFigures.compute(registers.interpreters, year: year)
        )
    }

    static func json(year: Int, app: Application, on db: any Database) async throws -> Data {
        let settlement = try await app.registerCache.indicators(on: db).keyFigures(year: year)
        let q = try await qualification(year: year, app: app, on: db)
        var merged: [String: Any] = [:]
        // The interpreter keys are always there (zero when the register is empty).
        let interpreters = q.interpreters ?? InterpreterFigures.compute([], year: year)
        let parts = [try JSONEncoder().encode(settlement), try JSONEncoder().encode(q.nir), try JSONEncoder().encode(interpreters)]
        for part in parts {
            merged.merge((try JSONSerialization.jsonObject(with: part) as? [String: Any]) ?? [:]) { a, _ in a }
        }
        return try JSONSerialization.data(withJSONObject: merged, options: [.prettyPrinted, .sortedKeys])
    }
}
