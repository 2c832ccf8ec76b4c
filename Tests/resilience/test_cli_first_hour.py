"""The command line as a newcomer meets it: a dry run and a help text write nothing, stdout under
--json holds only JSON, and a command without --db says which database it uses."""
import json
import os
import sqlite3
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


def test_letter_drafted_from_last_years_and_published(tmp_path):
    """`styr letter`: next year's tildelingsbrev started from this year's, edited as a file, refused
    while it reads as another year, published dated and frozen, printed as a PDF."""
    db = str(tmp_path / "s.sqlite")
    assert styr(tmp_path, "import", str(LETTER), "--db", db).returncode == 0
    r = styr(tmp_path, "letter", "start", "--year", "2022", "--db", db, "--json")
    assert r.returncode == 0, r.stderr[-2000:]
    draft = json.loads(r.stdout)
    assert draft["status"] == "utkast" and draft["year"] == 2022 and draft["blocking"] == []
    assert "2021-04" in draft["carried"] and draft["assignments"] == []
    again = styr(tmp_path, "letter", "start", "--year", "2022", "--db", db)
    assert again.returncode != 0 and "allerede et utkast" in again.stderr

    html = tmp_path / "draft.html"
    assert styr(tmp_path, "letter", "print", "--id", draft["id"], "--db", db, "--out", str(html)).returncode == 0
    assert "Utkast – ikke publisert" in html.read_text()

    text = tmp_path / "text.txt"
    # The text as stored, edited the way a ministry would: a new assignment under goal 3.
    with sqlite3.connect(db) as conn:
        stored = conn.execute("select source_text from documents where year = 2022").fetchone()[0]
    assert "STYRINGSPARAMETER 3.2" in stored
    wrong = stored.replace("for 2022", "for 2023", 1)
    text.write_text(wrong)
    assert styr(tmp_path, "letter", "save", "--id", draft["id"], "--file", str(text), "--db", db).returncode == 0
    refused = styr(tmp_path, "letter", "publish", "--id", draft["id"], "--db", db)
    assert refused.returncode != 0 and "ikke 2022" in refused.stderr
    edited = stored.replace("STYRINGSPARAMETER 3.2", "Oppdrag nr. 2022-01\tVentetid for enslige mindreårige\n"
                            "Beskrivelse av oppdraget IMDi skal foreslå tiltak.\nFrist:\t1. mars 2022\n\nSTYRINGSPARAMETER 3.2", 1)
    text.write_text(edited)
    assert styr(tmp_path, "letter", "save", "--id", draft["id"], "--file", str(text), "--db", db).returncode == 0
    r = styr(tmp_path, "letter", "publish", "--id", draft["id"], "--db", db, "--json", "--as", "departement")
    assert r.returncode == 0, r.stderr[-2000:]
    published = json.loads(r.stdout)
    assert published["status"] == "publisert" and published["assignments"] == ["2022-01"] and published["contentHash"]
    pdf = tmp_path / "letter.pdf"
    assert styr(tmp_path, "letter", "print", "--id", draft["id"], "--db", db, "--format", "pdf", "--out", str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    frozen = styr(tmp_path, "letter", "save", "--id", draft["id"], "--file", str(text), "--db", db)
    assert frozen.returncode != 0 and "låst" in frozen.stderr


def test_bench_import_runs_on_a_database_that_holds_the_letter(tmp_path):
    """`styr bench import` times reading and storing beside a stored copy of the same letter (the
    demo's database holds it), and leaves the database as it found it."""
    db = str(tmp_path / "s.sqlite")
    assert styr(tmp_path, "import", str(LETTER), "--db", db).returncode == 0
    r = styr(tmp_path, "bench", "import", "--iterations", "5", "--db", db)
    assert r.returncode == 0, r.stderr[-2000:]
    result = json.loads(r.stdout.strip().splitlines()[-1])
    assert result["store_ms"] > 0 and result["parse_ms"] > 0 and result["goal_ms"] == 50
    assert {t["letter"] for t in result["letters"]} == {"tildelingsbrev-2021", "tillegg-4-2020", "instruks"}
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from documents").fetchone()[0] == 1
