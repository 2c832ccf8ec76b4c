"""The command line as a newcomer meets it: a dry run and a help text write nothing, stdout under
--json holds only JSON, and a command without --db says which database it uses."""
import json
import os
import subprocess

from resilience_support import BINARY, ROOT

LETTER = ROOT / "Sources" / "App" / "Resources" / "Letters" / "tildelingsbrev-2021.txt"


def styr(cwd, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "STYR_DB", "STYR_PSEUDONYM_KEY")}
    return subprocess.run([BINARY, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_dry_run_writes_nothing_and_stdout_is_json(tmp_path):
    r = styr(tmp_path, "import", str(LETTER), "--dry-run", "--json")
    assert r.returncode == 0, r.stderr[-2000:]
    parsed = json.loads(r.stdout)  # nothing but the document: no log lines on stdout
    assert parsed["year"] == 2021
    assert sorted(os.listdir(tmp_path)) == [], "a dry run wrote files"


def test_help_writes_nothing(tmp_path):
    for args in (["--help"], ["import", "--help"]):
        styr(tmp_path, *args)
    assert sorted(os.listdir(tmp_path)) == []


def test_errors_go_to_stderr_under_json(tmp_path):
    r = styr(tmp_path, "report", "annual", "--year", "1999", "--format", "html", "--out", str(tmp_path / "x.html"))
    assert r.returncode != 0
    assert "WARNING" not in r.stdout and r.stdout.strip() == ""
    assert "1999" in r.stderr


def test_without_db_the_database_is_named(tmp_path):
    r = styr(tmp_path, "frister", "--days", "1")
    assert r.returncode == 0, r.stderr[-2000:]
    assert "styr.sqlite" in r.stderr and "ingen --db" in r.stderr
