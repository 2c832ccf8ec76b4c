"""axe-core in headless Chromium over the main pages of every role: no serious or critical finding."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import shot

PAGES = {
    None: ["/aar/2021", "/aar/2021/oppdrag", "/dokumenter", "/statistikk", "/statistikk/tabell/1A", "/statistikk/indikatorer", "/login"],
    "kommune": ["/", "/register/bosetting/anmodninger"],
    "direktorat": ["/aar/2021/mal", "/aar/2021/kalender", "/register/bosetting", "/registre", "/bosetting/tildeling"],
    "departement": ["/aar/2021/budsjett", "/aar/2021/rapporter", "/aar/2021/rapporter/arsrapport", "/revisjonslogg"],
}


def login(page, base, user):
    page.goto(base + "/login")
    page.fill("#username", user)
    page.fill("#password", "demo-" + user)
    page.click("button[type=submit]")


def findings(page):
    result = Axe().run(page)
    return [v for v in result.response["violations"]]


@pytest.mark.parametrize("user", list(PAGES))
def test_no_serious_accessibility_findings(server, page, user):
    if user:
        login(page, server, user)
    bad = []
    for path in PAGES[user]:
        page.goto(server + path)
        for v in findings(page):
            if v["impact"] in ("serious", "critical"):
                bad.append(f"{user or 'anonym'} {path}: {v['id']} ({v['impact']}) {v['help']}: "
                           + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:3]))
        shot(page, "axe-" + (user or "anonym") + re.sub(r"[^a-z0-9]+", "-", path))
    assert not bad, "\n".join(bad)
