"""A caseworker's walk through the steering model in a real browser (no JavaScript needed)."""
import re

from conftest import shot


def login(page, base, user, password):
    page.goto(base + "/login")
    page.fill("#username", user)
    page.fill("#password", password)
    page.click("form.card button[type=submit]")


def test_year_goal_assignment_budget_and_status(server, page):
    login(page, server, "direktorat", "demo-direktorat")
    assert "direktorat (Direktorat)" in page.content()

    page.goto(server + "/aar/2021")
    assert page.locator("h1").inner_text() == "Styringsåret 2021"
    assert "Lisbeth Frønsdatter Røren" in page.content()
    shot(page, "01-aar-2021")

    page.click("nav.year >> text=Mål")
    page.wait_for_selector("text=Bosettingen er rask og treffsikker")
    shot(page, "02-mal")

    page.click("a[href='/aar/2021/oppdrag/2021-04']")
    assert "Kompetansekartlegging" in page.locator("h1").inner_text()
    assert page.locator("text=Del 4").count() > 0
    shot(page, "03-oppdrag-2021-04")

    page.select_option("#status-select", "levert")
    page.fill("#note", "Del 2 levert: digitalt system i drift.")
    page.fill("#evidence", "Driftsrapport oversendt KD 18.06.2021")
    page.fill("#date", "2021-07-01")
    page.click("form.statusform button[type=submit]")
    history = page.locator("#status ol.history").inner_text()
    assert "Del 2 levert: digitalt system i drift." in history
    assert "01.07.2021" in history
    assert page.locator("#status .status.s-levert").count() >= 1
    shot(page, "04-status-lagret")

    page.click("nav.year >> text=Budsjett")
    assert "6 035 130 000" in page.content()
    assert "Antirasistisk senter (ARS)" in page.content()
    shot(page, "05-budsjett")

    page.click("nav.year >> text=Oppdrag")
    row = page.locator("tr", has=page.locator("a[href='/aar/2021/oppdrag/2021-04']")).first
    assert "Levert" in row.inner_text()
    page.select_option("#mal", "3.2")
    page.click("form.filters button[type=submit]")
    assert re.search(r"Viser 2 av 18", page.content())
    shot(page, "06-oppdrag-filter")


def test_public_reader_sees_letters_but_cannot_edit(server, page):
    page.goto(server + "/aar/2021/oppdrag/2021-01")
    assert "Rammeverk for styrket samordnings- og pådriveransvar" in page.content()
    assert page.locator("form.statusform").count() == 0
    page.goto(server + "/dokumenter/ny")
    assert "/login" in page.url
    page.goto(server + "/aar/2020/budsjett")
    assert "7 724 723 000" in page.content()
    shot(page, "07-budsjett-2020-tillegg")


def test_ministry_sees_supplement_with_source(server, page):
    login(page, server, "departement", "demo-departement")
    page.goto(server + "/dokumenter")
    page.click("text=Tillegg nr. 4 til tildelingsbrev 2020")
    assert "2020-012 → 2020-016" in page.content()
    assert page.locator("pre.source").count() == 1
    shot(page, "08-tillegg-dokument")
