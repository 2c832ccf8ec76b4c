#!/usr/bin/env python3
"""Writes the same published table (settlement 2020, five municipalities and the country) in the
layouts and encodings people download it in. Run from this directory; the files are committed."""

ROWS = [  # (number, name, anmodning, vedtak, bosatt)
    ("3001", "Halden", "20", "20", "14"),
    ("0301", "Oslo - Oslove", "900", "880", "470"),
    ("3024", "Bærum", "60", "60", ":"),
    ("5401", "Tromsø", "110", "105", "."),
    ("1103", "Stavanger", "75", "75", "71"),
]
COUNTRY = ("1165", "1140", "560")
MEASURES = ["Anmodning om bosetting", "Vedtak om bosetting", "Faktisk bosetting"]


def write(name, lines, encoding="utf-8", newline="\n", bom=False):
    text = newline.join(lines) + newline
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(name, "wb") as f:
        f.write(data)


def long_rows(order, quote=False, trailing=""):
    q = (lambda s: f'"{s}"') if quote else (lambda s: s)
    cols = {"Enhet": "Personer", "År": "2020"}
    out = [";".join(q(c) for c in order) + trailing]
    rows = [("", "Hele landet", *COUNTRY)] + ROWS
    for number, name, *values in rows:
        for measure, value in zip(MEASURES, values):
            cell = {**cols, "Kommunenummer": number, "Kommune": name, "Bosetting": measure, "Antall": value}
            out.append(";".join(q(cell[c]) for c in order) + trailing)
    return out


standard = ["Enhet", "År", "Kommunenummer", "Kommune", "Bosetting", "Antall"]
write("download-utf8-bom-crlf-semikolon-til-slutt.csv", long_rows(standard, trailing=";"), bom=True, newline="\r\n")
write("download-iso-8859-1-sitert.csv", long_rows(standard, quote=True), encoding="iso-8859-1")
write("download-kolonnerekkefolge.csv", long_rows(["År", "Kommunenummer", "Kommune", "Bosetting", "Enhet", "Antall"]),
      encoding="cp1252", newline="\r\n")


def cross(header_rows, quote=False, title=None, trailing=";"):
    q = (lambda s: f'"{s}"') if quote else (lambda s: s)
    lines = [q(title)] if title else []
    if header_rows == 1:
        heads = [[f"{m} 2020" for m in MEASURES]]
    elif header_rows == 2:
        heads = [[f"Bosetting: {m}" for m in MEASURES], ["2020"] * 3]
    elif header_rows == 3:
        heads = [[f"Bosetting: {m}" for m in MEASURES], ["Enhet: Personer"] * 3, ["År: 2020"] * 3]
    else:
        heads = [["Bosetting"] * 3, MEASURES, ["Enhet: Personer"] * 3, ["År: 2020"] * 3]
    for i, h in enumerate(heads):
        first = ["Region", "Navn"] if i == 0 else ["", ""]
        lines.append(";".join(q(c) for c in first + h) + trailing)
    lines.append(";".join(q(c) for c in ["L0", "Hele landet", *COUNTRY]) + trailing)
    for number, name, *values in ROWS:
        lines.append(";".join(q(c) for c in [f"K{number}", name, *values]) + trailing)
    return lines


write("alle-kommuner-en-overskrift-iso-8859-1.csv", cross(1), encoding="iso-8859-1", newline="\r\n")
write("alle-kommuner-to-overskrifter-windows-1252.csv", cross(2, title="Bosetting av flyktninger – alle kommuner"),
      encoding="cp1252", newline="\r\n")
write("alle-kommuner-tre-overskrifter-utf8-bom-sitert.csv", cross(3, quote=True, trailing=""), bom=True)
write("alle-kommuner-fire-overskrifter-uten-semikolon.csv", cross(4, trailing=""), encoding="iso-8859-1")

# The indicator site's flat file (R write.csv): commas, quoted text, NA for an empty number.
ind = ['"aar","fylke_nr","fylke_navn","kommune_nr","kommune_navn","enhet","tabellvariabel","tabell_navn","bosetting"']
short = {"Anmodning om bosetting": "anmodning", "Vedtak om bosetting": "vedtak", "Faktisk bosetting": "bosatt"}
for measure, value in zip(MEASURES, COUNTRY):
    ind.append(f'2020,"00","Hele landet",NA,NA,"personer","{value}","bosatt_anmodede","{short[measure]}"')
for number, name, *values in ROWS:
    county = number[:2]
    for measure, value in zip(MEASURES, values):
        v = "NA" if value == "." else f"\"{value}\""
        ind.append(f'2020,"{county}","","{number}","{name}","personer",{v},"bosatt_anmodede","{short[measure]}"')
write("indikator-bosatt_anmodede-2020.csv", ind)
