"""Crash safety: SIGKILL in the middle of a large import or a report submission leaves the data complete or untouched,
and the database opens and works afterwards."""
import hashlib
import signal
import time

from resilience_support import person_file, target  # noqa: F401 (the fixture)

PERSONS = 25000


def kill_after(target, seconds, *args):
    """Starts `styr args…` and kills it with SIGKILL after `seconds`; True if it was still running."""
    proc = target.popen(*args)
    time.sleep(seconds)
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return alive


def data(snapshot):
    """Sessions are not data a crash must keep intact."""
    return {k: v for k, v in snapshot.items() if k != "_fluent_sessions"}


def test_sigkill_during_register_import(target, tmp_path):
    target.run("user", "add", "--username", "aa", "--password", "passord-test-123", "--role", "public")
    big = str(person_file(tmp_path / "big.csv", PERSONS))
    start = tmp_path / "start.bak"
    target.run("backup", "--out", str(start))
    untouched = data(target.snapshot())

    # How long a whole import takes on this machine, then back to the start.
    began = time.monotonic()
    target.run("register", "import", big)
    full = time.monotonic() - began
    target.run("restore", "--in", str(start))
    untouched_after_restore = data(target.snapshot())
    untouched_after_restore.pop("audit_log")

    killed_midway = 0
    for fraction in [0.3, 0.6, 0.85, 0.95]:
        if kill_after(target, full * fraction, "register", "import", big):
            killed_midway += 1
        persons = target.count("settlement_persons")
        loads = target.count("register_loads")
        assert (persons, loads) in [(0, 0), (PERSONS, 1)], f"halvveis lagret etter SIGKILL ved {fraction:.0%}: {persons} personer"
        if persons:
            break
        now = data(target.snapshot())
        now.pop("audit_log")
        assert now == untouched_after_restore
    assert killed_midway >= 1, "importen ble aldri avbrutt underveis"
    assert untouched["settlement_persons"][0] == 0
    # After the crashes the same import runs to the end.
    target.run("register", "import", big)
    assert target.count("settlement_persons") == PERSONS
    assert target.count("register_loads") >= 1


def versions(target):
    """Every submitted version: (version, hash stored, hash of the stored content, html length)."""
    rows = target.query("SELECT version, content_hash, content, length(html) FROM report_versions ORDER BY version")
    return [(int(v), h, hashlib.sha256(c.encode()).hexdigest(), int(n)) for v, h, c, n in rows]


def test_sigkill_during_report_submission(target):
    target.run("demo")
    began = time.monotonic()
    target.run("report", "submit", "annual", "--year", "2021")
    full = time.monotonic() - began
    assert len(versions(target)) == 1

    killed_midway = 0
    for fraction in [0.4, 0.8, 0.95, 0.99]:
        before = versions(target)
        audit_before = target.count("audit_log")
        if kill_after(target, full * fraction, "report", "submit", "annual", "--year", "2021"):
            killed_midway += 1
        after = versions(target)
        # Untouched, or exactly one more complete version whose content still matches its hash.
        assert after[: len(before)] == before
        assert len(after) - len(before) in (0, 1), f"{len(after) - len(before)} nye versjoner etter SIGKILL ved {fraction:.0%}"
        for number, stored, computed, html in after:
            assert stored == computed and html > 1000, f"versjon {number} er halvveis skrevet"
        assert [v[0] for v in after] == list(range(1, len(after) + 1))
        assert target.count("audit_log") - audit_before == len(after) - len(before)
    assert killed_midway >= 1, "innsendingen ble aldri avbrutt underveis"
    # After the kills a normal submission works, or (unchanged content already in) is refused
    # with the reason and nothing written.
    existing = versions(target)
    result = target.run("report", "submit", "annual", "--year", "2021", check=not existing)
    if result.returncode != 0:
        assert "samme innholdet" in result.stderr and versions(target) == existing
    assert versions(target) and versions(target)[-1][1] == versions(target)[-1][2]
