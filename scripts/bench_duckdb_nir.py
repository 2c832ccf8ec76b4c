"""The introduction-register tables of `styr bench stats`, in DuckDB, on the same rows.

Reads nir.csv (the NIR extract styr writes), loads it (not timed), then times, for every year,
the aggregations behind the largest NIR tables with their totals (GROUPING SETS): participants
during the year by measure x county x gender (12), participants at 31.12 (10) and the target
group at 31.12 (7) by county x gender, those who ended by end reason x county x gender (11A),
training participants by right code x gender (5b), asylum seekers in training by host
municipality x gender (1A). Prints one JSON object.
"""
import json
import sys
import time

import duckdb

folder, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = duckdb.connect()
con.execute(
    f"""CREATE TABLE n AS SELECT person_id, kjonn, kommune, substr(kommune, 1, 2) AS fylke, rettighetskode,
        TRY_CAST(krets_fra AS DATE) AS krets_fra, TRY_CAST(krets_til AS DATE) AS krets_til,
        TRY_CAST(opplaering_start AS DATE) AS o_start, TRY_CAST(opplaering_slutt AS DATE) AS o_slutt,
        intro_rett, TRY_CAST(intro_krets_fra AS DATE) AS i_fra, TRY_CAST(intro_start AS DATE) AS i_start,
        TRY_CAST(intro_slutt AS DATE) AS i_slutt, sluttarsak, tiltak
        FROM read_csv('{folder}/nir.csv', header=true, delim=';', all_varchar=true)"""
)
queries = [
    """SELECT fylke, kjonn, m, count(*) FROM (SELECT fylke, kjonn, unnest(string_split(tiltak, '|')) AS m FROM n
       WHERE i_start <= DATE '{y}-12-31' AND coalesce(i_slutt, DATE '9999-01-01') >= DATE '{y}-01-01')
       GROUP BY GROUPING SETS ((fylke, kjonn, m), (fylke, m), (kjonn, m), (m))""",
    """SELECT fylke, kjonn, count(*) FROM n WHERE i_start <= DATE '{y}-12-31' AND coalesce(i_slutt, DATE '9999-01-01') > DATE '{y}-12-31'
       GROUP BY GROUPING SETS ((fylke, kjonn), (fylke), (kjonn), ())""",
    """SELECT fylke, kjonn, count(*) FROM n WHERE intro_rett = 'rett_og_plikt' AND coalesce(i_fra, i_start) <= DATE '{y}-12-31'
       AND coalesce(i_slutt, krets_til, DATE '9999-01-01') > DATE '{y}-12-31' GROUP BY GROUPING SETS ((fylke, kjonn), (fylke), (kjonn), ())""",
    """SELECT sluttarsak, fylke, kjonn, count(*) FROM n WHERE year(i_slutt) = {y}
       GROUP BY GROUPING SETS ((sluttarsak, fylke, kjonn), (sluttarsak, fylke), (sluttarsak, kjonn), (sluttarsak), (fylke, kjonn), (fylke), (kjonn), ())""",
    """SELECT rettighetskode, kjonn, count(*) FROM n WHERE rettighetskode <> 'asylsoker' AND o_start <= DATE '{y}-12-31'
       AND coalesce(o_slutt, DATE '9999-01-01') >= DATE '{y}-01-01' GROUP BY GROUPING SETS ((rettighetskode, kjonn), (rettighetskode), (kjonn), ())""",
    """SELECT kommune, kjonn, count(*) FILTER (WHERE o_start <= DATE '{y}-12-31' AND coalesce(o_slutt, DATE '9999-01-01') >= DATE '{y}-01-01'), count(*)
       FROM n WHERE rettighetskode = 'asylsoker' AND krets_fra <= DATE '{y}-12-31' AND coalesce(krets_til, DATE '9999-01-01') >= DATE '{y}-01-01'
       GROUP BY GROUPING SETS ((kommune, kjonn), (kommune), (kjonn), ())""",
]
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for y in range(first, last + 1):
        for q in queries:
            con.execute(q.format(y=y)).fetchall()
    best = min(best, time.perf_counter() - start)
print(json.dumps({"duckdb_s": best}))
