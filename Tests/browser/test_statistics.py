"""Published statistics read by a JSON-stat reader, and the statistics pages in a browser."""
import requests
from pyjstat import pyjstat

from conftest import shot


def test_jsonstat_is_readable_by_pyjstat(server):
    for no in ["16", "19", "21", "22", "24"]:
        r = requests.get(f"{server}/api/v1/stats/tables/{no}?year=2017", timeout=30)
        assert r.status_code == 200, no
        ds = pyjstat.Dataset.read(r.text)
        df = ds.write("dataframe")
        size = 1
        for n in r.json()["size"]:
            size *= n
        assert len(df) == size, no
    t16 = pyjstat.Dataset.read(requests.get(f"{server}/api/v1/stats/tables/16?year=2017", timeout=30).text).write("dataframe")
    total = t16[(t16["Venter i"] == "Mottak") & (t16["Persongruppe"] == "I alt")]["value"].iloc[0]
    assert total == 1045


def test_statistics_pages(server, page):
    page.goto(server + "/statistikk?aar=2017")
    assert "11 078" in page.content()
    shot(page, "09-statistikk")
    page.click("text=Tabell 21")
    assert "Innen 6 måneder" in page.content()
    shot(page, "10-tabell-21")
    page.goto(server + "/statistikk/indikatorer?aar=2017")
    assert page.locator("svg.chart").count() > 10
    shot(page, "11-indikatorer")
