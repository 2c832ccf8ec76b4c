"""Accounts and reports as users meet them: the directorate checks the accounts, writes and
submits the annual report, the ministry receives and comments, the public finds it published.
The PDF is printed by the command line and turned into page images with pdftoppm."""
import os
import re
import subprocess
import tempfile

import requests

from conftest import ROOT, SHOTS, shot


def login(page, server, user, password):
    page.goto(server + "/login")
    page.fill("#username", user)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_accounts_page_traces_a_post_to_its_ledger_rows(server, page):
    login(page, server, "direktorat", "demo-direktorat")
    page.goto(server + "/aar/2021/regnskap")
    assert page.locator("h2", has_text="Bevilgningsrapportering").count() == 1
    assert page.locator(".check").count() >= 5
    shot(page, "regnskap-2021")
    page.click("a[href='/aar/2021/regnskap/291-60']")
    assert "Kap. 291 post 60" in page.title()
    assert page.locator("svg.chart").count() == 1
    assert page.locator("text=Regnskapsrader").count() == 1
    page.goto(server + "/aar/2021/regnskap")
    page.select_option("#per", "6")
    page.click("form.filters button[type=submit]")
    assert "Bokført t.o.m. juni" in page.content()


def test_write_submit_receive_publish(server, page, browser):
    login(page, server, "direktorat", "demo-direktorat")
    page.goto(server + "/aar/2021/rapporter/arsrapport")
    page.fill("#t-leder", "2021 var et år med høy bosetting.\n\nVi nådde de fleste kravene.")
    page.click("#s-leder button[type=submit]")
    assert page.locator("#s-leder p", has_text="høy bosetting").count() == 1
    shot(page, "arsrapport-utkast")
    page.goto(server + "/aar/2021/rapporter")
    page.click("text=Send inn Årsrapport som ny versjon")
    assert page.locator(".notice", has_text="versjon 1").count() == 1
    version = page.locator("a", has_text="Versjon 1").first.get_attribute("href")

    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ministry = ctx.new_page()
    login(ministry, server, "departement", "demo-departement")
    ministry.goto(server + version)
    assert ministry.locator("text=Innholdet er uendret siden innsending").count() == 1
    ministry.click("text=Bekreft mottatt")
    ministry.fill("#c-leder", "Takk. Vi tar dette opp i etatsstyringsmøtet.")
    ministry.click("#k-leder button[type=submit]")
    assert ministry.locator(".comment", has_text="etatsstyringsmøtet").count() == 1
    shot(ministry, "arsrapport-mottatt")
    ctx.close()

    anonymous = requests.get(server + "/publisert")
    assert anonymous.ok and "Publisert (versjon 1" in anonymous.text
    frozen = requests.get(server + version + "/innhold")
    assert frozen.ok and "høy bosetting" in frozen.text and "<form" not in frozen.text


def test_command_line_pdf_looks_like_a_report():
    binary = os.environ.get("STYR_BIN", str(ROOT / ".build" / "debug" / "styr"))
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "demo.sqlite")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["STYR_ROOT"] = str(ROOT)
    subprocess.run([binary, "demo", "--db", db], check=True, env=env, cwd=ROOT, capture_output=True)
    for kind in ["annual", "half"]:
        out = os.path.join(tmp, f"{kind}.pdf")
        r = subprocess.run([binary, "report", kind, "--year", "2021", "--db", db, "--format", "pdf", "--out", out],
                           env=env, cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True).stdout
        if kind == "annual":
            assert pages >= 10
            for needle in ["Årsrapport 2021", "Leders beretning", "Resultatkrav i tildelingsbrevet 2021",
                           "Note B", "Tabell 19", "Side 2 av"]:
                assert needle in text, needle
        else:
            assert pages >= 4
            assert "Budsjettstatus og prognose per post" in text and "Regnskap per" in text
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", out, str(SHOTS / f"pdf-{kind}")], check=True)
        # pdftoppm pads the page number to the width of the page count (-1, -01, -001).
        assert any(re.fullmatch(rf"pdf-{kind}-0*1\.png", p.name) for p in SHOTS.iterdir())
    bad = subprocess.run([binary, "report", "annual", "--year", "2021", "--db", db, "--format", "docx", "--out", "x"],
                         env=env, cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode != 0 and "--format" in bad.stderr
