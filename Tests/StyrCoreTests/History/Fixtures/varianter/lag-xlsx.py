#!/usr/bin/env python3
"""Writes the table of lag-varianter.py as the directorate's Excel downloads (.xlsx, first sheet):
numbers as numbers, «:» and «.» as text, empty cells, a merged title and a merged theme over its
columns, one sheet with inline strings. Needs openpyxl (scripts/requirements-test.txt)."""
from openpyxl import Workbook

from importlib.machinery import SourceFileLoader

v = SourceFileLoader("v", "lag-varianter.py").load_module()  # writes the CSV variants too
ROWS, COUNTRY, MEASURES = v.ROWS, v.COUNTRY, v.MEASURES


def cell(value):
    return int(value) if value.isdigit() else value


# «Alle kommuner»: title merged over the table, the theme merged over its three columns.
wb = Workbook()
ws = wb.active
ws.title = "Bosetting"
ws.append(["Bosetting av flyktninger – alle kommuner"])
ws.merge_cells("A1:E1")
ws.append(["Region", "Navn", "Bosetting", None, None])
ws.merge_cells("C2:E2")
ws.append([None, None, *MEASURES])
ws.append([None, None, *["Enhet: Personer"] * 3])
ws.append([None, None, *["År: 2020"] * 3])
ws.append(["L0", "Hele landet", *[cell(x) for x in COUNTRY]])
for number, name, *values in ROWS:
    ws.append([f"K{number}", name, *[cell(x) for x in values]])
ws.append([])
ws.append(["Kilde: IMDi; tall for 2020"])
wb.create_sheet("Om tabellen").append(["Denne fanen leses ikke"])
wb.save("alle-kommuner-bosetting.xlsx")

# download_csv as Excel: one number saved without its leading zero (301), the year a number.
wb = Workbook()
ws = wb.active
ws.append(["Enhet", "År", "Kommunenummer", "Kommune", "Bosetting", "Antall"])
for number, name, *values in [("", "Hele landet", *COUNTRY)] + ROWS:
    for measure, value in zip(MEASURES, values):
        code = int(number) if number == "0301" else number
        ws.append(["Personer", 2020, code if code != "" else None, name, measure, cell(value)])
wb.save("download-bosetting.xlsx")

# openpyxl writes every text as an inline string (<c t="inlineStr"><is><t>…</t></is></c>);
# Excel writes shared strings (xl/sharedStrings.xml, <c t="s"><v>index</v></c>). The files above
# are rewritten here to shared strings (LibreOffice headless cannot load files on this machine);
# the openpyxl download is kept as the inline-string one.
import os
import re
import shutil
import zipfile
from xml.sax.saxutils import escape


def to_shared_strings(name):
    with zipfile.ZipFile(name) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    strings, index = [], {}

    def shared(m):
        text = m.group(3)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c r="{m.group(1)}"{m.group(2)} t="s"><v>{index[text]}</v></c>'

    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        r'<c r="([A-Z]+\d+)"([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>', shared, sheet).encode()
    sst = "".join(f"<si><t>{t}</t></si>" for t in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{sst}</sst>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


shutil.copy("download-bosetting.xlsx", "download-bosetting-inline.xlsx")
to_shared_strings("download-bosetting.xlsx")
to_shared_strings("alle-kommuner-bosetting.xlsx")
