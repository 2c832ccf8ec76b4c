"""Shared helpers for the resilience tests: the styr binary, a scratch SQLite file or PostgreSQL
database, table snapshots, and realistic input files."""
import hashlib
import os
import random
import sqlite3
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("STYR_BIN", str(ROOT / ".build" / "debug" / "styr"))


def postgres_admin_url():
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    out = subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True, check=True)
    return out.stdout.strip()


class Target:
    """One database Styr runs against: `styr` calls get --db or DATABASE_URL."""

    def __init__(self, kind, tmp_path):
        self.kind = kind
        self.tmp = tmp_path
        if kind == "sqlite":
            self.path = str(tmp_path / "styr.sqlite")
            self.url = None
        else:
            admin = postgres_admin_url()
            base, _, _ = admin.rpartition("/")
            name = "styr_resilience"
            subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True, capture_output=True)
            subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
            self.url = f"{base}/{name}"
            self.path = None

    def env(self):
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["STYR_ROOT"] = str(ROOT)
        env["STYR_INSECURE_COOKIES"] = "1"  # plain http on loopback
        env["STYR_PSEUDONYM_KEY"] = "resilience-test-key"
        if self.url:
            env["DATABASE_URL"] = self.url
        return env

    def args(self, *args):
        db = ["--db", self.path] if self.path else []
        return [BINARY, *args, *db]

    def run(self, *args, check=True):
        result = subprocess.run(self.args(*args), env=self.env(), cwd=ROOT, capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"styr {' '.join(args)} feilet: {result.stderr[-2000:]}")
        return result

    def popen(self, *args):
        return subprocess.Popen(self.args(*args), env=self.env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def query(self, sql):
        """Rows of a query as tuples of strings."""
        if self.path:
            con = sqlite3.connect(self.path)
            try:
                return [tuple("" if v is None else str(v) for v in row) for row in con.execute(sql).fetchall()]
            finally:
                con.close()
        out = subprocess.run(["psql", self.url, "-AtF", "\t", "-c", sql], capture_output=True, text=True, check=True)
        return [tuple(line.split("\t")) for line in out.stdout.splitlines()]

    def count(self, table):
        return int(self.query(f"SELECT count(*) FROM {table}")[0][0])

    def tables(self):
        if self.path:
            rows = self.query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        else:
            rows = self.query("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        return sorted(r[0] for r in rows)

    def snapshot(self):
        """Table name → (row count, hash of all rows in a stable order)."""
        snap = {}
        for table in self.tables():
            rows = sorted(self.query(f"SELECT * FROM {table}"))
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            snap[table] = (len(rows), digest)
        return snap


@pytest.fixture(params=["sqlite", "postgres"])
def target(request, tmp_path):
    return Target(request.param, tmp_path)


def fodselsnummer(rng, year=1990):
    """A valid Norwegian identity number (mod-11 check digits) born in `year`."""
    while True:
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        individual = rng.randint(0, 499)
        digits = [int(c) for c in f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}"]
        k1 = 11 - sum(w * d for w, d in zip([3, 7, 6, 1, 8, 9, 4, 5, 2], digits)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        digits.append(k1)
        k2 = 11 - sum(w * d for w, d in zip([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], digits)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return "".join(map(str, digits + [k2]))


def person_file(path, count, seed=7):
    """A valid settlement-register person file of `count` distinct persons settled in Oslo."""
    rng = random.Random(seed)
    seen = set()
    lines = ["fodselsnummer;sak_id;kategori;kjonn;fodselsaar;nasjonalitet;vedtaksdato;bosatt_kommune;bosatt_dato"]
    while len(seen) < count:
        fnr = fodselsnummer(rng)
        if fnr in seen:
            continue
        seen.add(fnr)
        lines.append(f"{fnr};S{len(seen)};mottak;{rng.choice('mk')};1990;SYR;2023-02-01;0301;2023-05-0{rng.randint(1, 9)}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
