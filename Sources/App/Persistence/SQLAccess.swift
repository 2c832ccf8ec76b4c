import Fluent
import SQLKit

extension Database {
    /// The database as SQLKit sees it (both drivers are SQL databases); the stores write with it.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw UserError(.internalServerError, "Databasen støtter ikke SQL.") }
        return sql
    }
}
