import SQLKit

/// One row of a table that a store reads and writes with SQLKit. The type's properties are the
/// table's columns (camelCase in Swift, snake_case in the database), so each column list is
/// written once, in the row type, and the same SQL runs on SQLite and PostgreSQL.
///
/// Storage styles (docs/architecture.md): Fluent models for records edited one at a time (users,
/// documents, status notes, allocation runs); `StoredRow` for rows written and read in sets
/// (monthly status, risks, grants, ledgers, registers); hand-written SQLKit only for bulk loads
/// and aggregate queries where the statement itself is the point.
protocol StoredRow: Codable, Sendable {
    /// The table's name.
    static var table: String { get }
}

extension SQLDatabase {
    /// `SELECT * FROM <table>`: add conditions and order, then read it with `rows(_:)`.
    func select<R: StoredRow>(_: R.Type) -> SQLSelectBuilder {
        select().column("*").from(R.table)
    }

    /// Inserts the rows in one statement (nothing when there are none).
    func insert<R: StoredRow>(_ rows: [R]) async throws {
        guard !rows.isEmpty else { return }
        try await insert(into: R.table).models(rows, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil).run()
    }
}

extension SQLSelectBuilder {
    /// The selected rows decoded as `R` (columns the type does not name are ignored).
    func rows<R: StoredRow>(_: R.Type) async throws -> [R] {
        try await all(decoding: R.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
