"""An independent check of `styr match`: reads the files it writes and verifies, without Styr's
code, that every allocation is feasible (listed pairs only, needs met, places and minors' places
not exceeded, each case at most once), that the reported objective is the allocation's score,
that Styr's LP bound is the relaxation's optimum (equal to OR-Tools' GLOP on the same pairs), and
that its reported (knapsack) bound lies between CP-SAT's best allocation and the LP bound."""
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("STYR_BIN", str(ROOT / ".build" / "debug" / "styr"))
sys.path.insert(0, str(ROOT / "scripts"))
import match_ortools  # noqa: E402


def styr(*args, db=None):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    db = db or os.path.join(tempfile.mkdtemp(), "m.sqlite")
    return subprocess.run([BIN, *args, "--db", str(db)], cwd=ROOT, env=env, capture_output=True, text=True)


def check(d):
    cases = {r["case_id"]: r for r in csv.DictReader(open(d / "cases.csv"))}
    munis = {r["kommunenummer"]: r for r in csv.DictReader(open(d / "municipalities.csv"))}
    scores = {(r["case_id"], r["kommunenummer"]): float(r["score"]) for r in csv.DictReader(open(d / "scores.csv"))}
    alloc = list(csv.DictReader(open(d / "allocation.csv")))
    summary = json.load(open(d / "summary.json"))
    seen, used, used_minor, total = set(), {}, {}, 0.0
    for row in alloc:
        c, m = row["case_id"], row["kommunenummer"]
        assert c not in seen, f"{c} allocated twice"
        seen.add(c)
        assert (c, m) in scores, f"{c} → {m} is not a listed pair"
        needs = [x for x in cases[c]["needs"].split(";") if x]
        services = set(x for x in munis[m]["services"].split(";") if x)
        assert all(n in services for n in needs), f"{c} needs {needs}, {m} offers {services}"
        minors = int(cases[c]["minors"])
        used[m] = used.get(m, 0) + int(cases[c]["size"]) - minors
        used_minor[m] = used_minor.get(m, 0) + minors
        total += scores[(c, m)]
    for m, n in used.items():
        assert n <= int(munis[m]["places"]), f"{m}: {n} > {munis[m]['places']} places"
    for m, n in used_minor.items():
        assert n <= int(munis[m]["minor_places"]), f"{m}: {n} > {munis[m]['minor_places']} minors' places"
    assert abs(total - summary["objective"]) < 1e-6
    assert summary["objective"] <= summary["bound"] + 1e-6
    assert summary["allocated"] == len(alloc)
    return summary


@pytest.mark.parametrize("persons,munis,seed", [(600, 40, 1), (1500, 120, 7)])
def test_generated_allocation_is_feasible_and_bounded(tmp_path, persons, munis, seed):
    r = styr("match", "--generate", "--persons", str(persons), "--municipalities", str(munis), "--seed", str(seed), "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    summary = check(tmp_path)
    assert summary["persons"] == persons
    cases, ms, pairs = match_ortools.read(str(tmp_path))
    lp = match_ortools.lp_bound(cases, ms, pairs)
    # Styr's LP bound is the relaxation's optimum, solved exactly (network simplex): equal to GLOP's.
    assert abs(summary["lp_bound"] - lp) <= 1e-6 * lp
    # The reported bound is the knapsack bound where it is tighter, never above the LP's ...
    assert summary["bound"] <= summary["lp_bound"] + 1e-6 * lp
    # ... and never below what an independent solver finds (CP-SAT's optimum where it proves one).
    objective, _, status = match_ortools.cpsat(cases, ms, pairs, 20, 2)
    assert summary["bound"] >= objective - 1e-6, (summary["bound"], objective, status)
    # The allocation is within one percent of the LP bound (so of the optimum).
    assert summary["objective"] >= 0.99 * lp


def test_solving_a_given_instance_writes_the_allocation(tmp_path):
    gen = tmp_path / "gen"
    assert styr("match", "--generate", "--persons", "300", "--municipalities", "20", "--seed", "3", "--out", str(gen)).returncode == 0
    out = tmp_path / "out"
    r = styr("match", "--in", str(gen), "--out", str(out))
    assert r.returncode == 0, r.stderr
    for name in ["cases.csv", "municipalities.csv", "scores.csv"]:
        (out / name).write_text((gen / name).read_text())
    check(out)
    assert not (out / "cases.csv").read_text() == ""


def test_a_bad_instance_names_the_file_and_line(tmp_path):
    (tmp_path / "cases.csv").write_text("case_id,size,minors,needs\nA,2,0,\nB,to,0,\n")
    (tmp_path / "municipalities.csv").write_text("kommunenummer,places,minor_places,services\n0301,5,0,\n")
    (tmp_path / "scores.csv").write_text("case_id,kommunenummer,score\nA,0301,10\nC,0301,5\n")
    r = styr("match", "--in", str(tmp_path), "--out", str(tmp_path / "out"))
    assert r.returncode != 0
    assert "cases.csv linje 3" in r.stderr and "scores.csv linje 3" in r.stderr
    assert not (tmp_path / "out" / "allocation.csv").exists()


def test_instance_from_the_settlement_register(tmp_path):
    db = tmp_path / "reg.sqlite"
    r = styr("demo-data", "--from", "2023", "--to", "2024", "--seed", "3", db=db)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "out"
    r = styr("match", "--from-register", "--year", "2024", "--as-of", "2024-06-30", "--out", str(out), db=db)
    assert r.returncode == 0, r.stderr
    summary = check(out)
    assert summary["cases"] > 0 and summary["municipalities"] > 0
    # No decisions for a year the register does not cover: a clear error, nothing written.
    empty = tmp_path / "empty"
    r = styr("match", "--from-register", "--year", "1990", "--out", str(empty), db=db)
    assert r.returncode != 0 and "1990" in r.stderr and not empty.exists()


def test_the_register_allocation_reads_the_interviews(tmp_path):
    """`styr match --from-register` uses the mapping interviews: the interviewed household's
    proposal rests on them (basis kartlegging), its health needs keep it to municipalities with
    health services, the others say their profile is generated, and every proposal explains itself."""
    import sqlite3

    db = tmp_path / "reg.sqlite"
    r = styr("demo-data", "--from", "2024", "--to", "2024", "--seed", "3", db=db)
    assert r.returncode == 0, r.stderr
    # The demo data hold interviews of their own; this test starts from none.
    with sqlite3.connect(db) as con:
        con.execute("delete from register_extracts where kind = 'kartlegging'")
    before = tmp_path / "before"
    r = styr("match", "--from-register", "--year", "2024", "--as-of", "2024-06-30", "--out", str(before), db=db)
    assert r.returncode == 0, r.stderr
    check(before)
    rows = list(csv.DictReader(open(before / "allocation.csv")))
    assert rows and all(row["basis"] == "generert" and "Grunnlag: generert profil" in row["explanation"] for row in rows)
    proposals = json.load(open(before / "proposals.json"))
    assert len(proposals) == check(before)["cases"]
    # The largest waiting household is interviewed: one member has health needs.
    sizes = {r["case_id"]: int(r["size"]) for r in csv.DictReader(open(before / "cases.csv"))}
    case = max(sizes, key=lambda c: (sizes[c], c))
    members = [p for (p,) in sqlite3.connect(db).execute("select person_id from settlement_persons where case_id = ?", (case,))]
    assert len(members) >= sizes[case]
    lines = ["person_id;dato;utdanning;utdanningsfelt;arbeidserfaring;sprak;norsk_niva;helsebehov;tilknytning_kommune"]
    lines.append(f"{members[0]};2024-03-01;hoyere;ingeniør;C|J;arabisk;B1;ja;")
    if len(members) > 1:
        lines.append(f"{members[1]};2024-03-01;fagbrev;;Q;arabisk;A2;nei;")
    f = tmp_path / "kartlegging.csv"
    f.write_text("\n".join(lines) + "\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(lines[0] + "\n" + f"{members[0]};2024-03-01;master;;Z;;B9;kanskje;\n")
    r = styr("register", "load", "kartlegging", str(bad), db=db)
    assert r.returncode != 0 and "linje 2" in r.stderr and "utdanning" in r.stderr and "norsk_niva" in r.stderr
    r = styr("register", "load", "kartlegging", str(f), db=db)
    assert r.returncode == 0, r.stderr
    after = tmp_path / "after"
    r = styr("match", "--from-register", "--year", "2024", "--as-of", "2024-06-30", "--out", str(after), db=db)
    assert r.returncode == 0, r.stderr
    check(after)
    munis = {m["kommunenummer"]: m for m in csv.DictReader(open(after / "municipalities.csv"))}
    pairs = [p for p in csv.DictReader(open(after / "scores.csv")) if p["case_id"] == case]
    assert pairs and all("helse" in munis[p["kommunenummer"]]["services"].split(";") for p in pairs)
    assert any("helse" not in m["services"].split(";") for m in munis.values())
    mine = next(p for p in json.load(open(after / "proposals.json")) if p["case_id"] == case)
    assert mine["basis"] == "kartlegging"
    assert f"Grunnlag: kartleggingsintervju ({len(lines) - 1} av {sizes[case]} personer kartlagt" in mine["explanation"]
    if mine["kommunenummer"]:
        assert "helse" in munis[mine["kommunenummer"]]["services"].split(";")
        assert mine["explanation"].startswith(f"Foreslått {mine['kommunenummer']} ")
