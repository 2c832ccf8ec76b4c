import Fluent
import SQLKit

/// The audit log is append-only in the database itself: triggers refuse every UPDATE and DELETE
/// of its rows (and TRUNCATE on PostgreSQL), whoever asks. Reverting this migration (or any
/// other) keeps them: the log must survive every migration, so `revert` does nothing here and
/// `M0002CreateDocuments.revert` leaves the table in place.
struct M0021AuditAppendOnly: AsyncMigration {
    static let message = "audit_log is append-only"

    func prepare(on db: any Database) async throws {
        let sql = try db.sql()
        for statement in Self.statements(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on db: any Database) async throws {}

    /// The statements that install the triggers; each may run again on a database that has them.
    static func statements(dialect: String) -> [String] {
        if dialect == "postgresql" {
            return [
                """
                CREATE OR REPLACE FUNCTION styr_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(message)'; END $$
                """,
                "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
                """
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION styr_audit_append_only()
                """,
                "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
                """
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION styr_audit_append_only()
                """,
            ]
        }
        return ["UPDATE", "DELETE"].map { op in
            """
            CREATE TRIGGER IF NOT EXISTS audit_log_no_\(op.lowercased()) BEFORE \(op) ON audit_log
            BEGIN SELECT RAISE(ABORT, '\(message)'); END
            """
        }
    }
}
