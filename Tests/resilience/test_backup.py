"""styr backup / styr restore round-trip on SQLite and PostgreSQL, and refusal of bad files."""
from resilience_support import person_file, target  # noqa: F401 (the fixture)


def test_backup_restore_round_trip(target, tmp_path):
    target.run("user", "add", "--username", "saksbehandler", "--password", "passord-test-123", "--role", "directorate")
    target.run("register", "import", person_file(tmp_path / "persons.csv", 300))
    before = target.snapshot()
    assert before["settlement_persons"][0] == 300

    backup = tmp_path / "styr.backup"
    target.run("backup", "--out", str(backup))
    assert backup.stat().st_size > 0

    # Changes after the backup: a new user, a disabled one and a second import.
    target.run("user", "add", "--username", "etterpaa", "--password", "passord-test-123", "--role", "public")
    target.run("user", "disable", "--username", "saksbehandler")
    target.run("register", "import", person_file(tmp_path / "more.csv", 50, seed=99))
    assert target.snapshot() != before

    target.run("restore", "--in", str(backup))
    after = target.snapshot()
    audit = after.pop("audit_log")
    before_audit = before.pop("audit_log")
    assert after == before
    # The restore itself is the one new audit entry.
    assert audit[0] == before_audit[0] + 1
    assert target.query("SELECT action FROM audit_log WHERE action = 'gjenopprett'") == [("gjenopprett",)]


def test_restore_refuses_bad_files_and_changes_nothing(target, tmp_path):
    target.run("user", "add", "--username", "aa", "--password", "passord-test-123", "--role", "public")
    before = target.snapshot()
    garbage = tmp_path / "garbage.bak"
    garbage.write_bytes(b"\x00\x01not a backup" * 100)
    truncated = tmp_path / "truncated.bak"
    target.run("backup", "--out", str(tmp_path / "good.bak"))
    truncated.write_bytes((tmp_path / "good.bak").read_bytes()[:3000])
    for bad in [garbage, truncated, tmp_path / "missing.bak"]:
        result = target.run("restore", "--in", str(bad), check=False)
        assert result.returncode != 0
        assert "Feil:" in result.stderr
        assert target.snapshot() == before


def test_backup_of_the_other_kind_is_refused(tmp_path):
    from resilience_support import Target

    lite = Target("sqlite", tmp_path)
    lite.run("user", "add", "--username", "aa", "--password", "passord-test-123", "--role", "public")
    lite.run("backup", "--out", str(tmp_path / "lite.bak"))
    pg = Target("postgres", tmp_path)
    pg.run("user", "add", "--username", "bb", "--password", "passord-test-123", "--role", "public")
    result = pg.run("restore", "--in", str(tmp_path / "lite.bak"), check=False)
    assert result.returncode != 0 and "SQLite-kopi" in result.stderr
    assert pg.query("SELECT username FROM users") == [("bb",)]
