"""The settlement aggregations of `styr bench stats`, in DuckDB, on the same rows.

Reads persons.csv and requests.csv (written by styr), loads them (not timed), then times the
same aggregations Styr does: settled persons per period x municipality x cell with wait sums,
rolled up to counties and the country; the waiting stock at every half-year and year end; and
requests per year and unit. Prints one JSON object.
"""
import json
import sys
import time

import duckdb

folder = sys.argv[1]
con = duckdb.connect()
con.execute(f"CREATE TABLE p AS SELECT * FROM read_csv_auto('{folder}/persons.csv', header=true, dateformat='%Y-%m-%d')")
con.execute(f"CREATE TABLE r AS SELECT * FROM read_csv_auto('{folder}/requests.csv', header=true)")
years = [r[0] for r in con.execute("SELECT DISTINCT year(settled) FROM p WHERE settled IS NOT NULL ORDER BY 1").fetchall()]
ends = []
for y in years:
    ends.append((y, 1, f"{y}-06-30"))
    ends.append((y, 0, f"{y}-12-31"))
con.execute("CREATE TABLE ends(year INT, half INT, e DATE)")
con.executemany("INSERT INTO ends VALUES (?, ?, ?)", ends)

queries = [
    # Settled: per period (year and first half) x municipality x cell, with county and national roll-ups.
    """
    WITH s AS (
      SELECT year(settled) AS y, month(settled) <= 6 AS h1, kommune, substr(kommune, 1, 2) AS fylke, category, grp, bufetat,
             (year(settled) - birth_year) < 18 AS child, self_settled, limited,
             CASE WHEN settled <= permit + INTERVAL 3 MONTH THEN 0 WHEN settled <= permit + INTERVAL 6 MONTH THEN 1
                  WHEN settled <= permit + INTERVAL 12 MONTH THEN 2 ELSE 3 END AS band,
             date_diff('day', permit, settled) / 30.4375 AS wait
      FROM p WHERE settled IS NOT NULL)
    SELECT y, h, fylke, kommune, category, grp, bufetat, child, self_settled, limited, band, count(*) AS n, sum(wait) AS w
    FROM (SELECT *, 0 AS h FROM s UNION ALL SELECT *, 1 AS h FROM s WHERE h1)
    GROUP BY GROUPING SETS ((y, h, kommune, category, grp, bufetat, child, self_settled, limited, band),
                            (y, h, fylke, category, grp, bufetat, child, self_settled, limited, band),
                            (y, h, category, grp, bufetat, child, self_settled, limited, band))
    """,
    # Waiting stock at every half-year and year end (reception and resettlement).
    """
    SELECT e.year, e.half, p.category, p.grp, (year(e.e) - p.birth_year) < 18 AS child, p.limited,
           least(37, date_diff('month', coalesce(p.ready, p.permit), e.e)) AS months,
           (coalesce(p.ready, p.permit) + INTERVAL 12 MONTH < e.e)::INT + (coalesce(p.ready, p.permit) + INTERVAL 24 MONTH < e.e)::INT
             + (coalesce(p.ready, p.permit) + INTERVAL 36 MONTH < e.e)::INT AS over, count(*) AS n
    FROM p JOIN ends e ON coalesce(p.ready, p.permit) <= e.e AND (p.settled IS NULL OR p.settled > e.e)
    WHERE p.category IN ('mottak', 'overforing')
    GROUP BY ALL
    """,
    # Requests and decisions per year, municipality, county and country.
    """
    SELECT year, substr(kommune, 1, 2) AS fylke, kommune, sum(requested), sum(decided), count(*)
    FROM r GROUP BY GROUPING SETS ((year, kommune), (year, fylke), (year))
    """,
]
for q in queries:  # warm-up
    con.execute(q).fetchall()
runs = []
for _ in range(5):
    t = time.perf_counter()
    rows = sum(len(con.execute(q).fetchall()) for q in queries)
    runs.append(time.perf_counter() - t)
runs.sort()
print(json.dumps({"duckdb_s": runs[len(runs) // 2], "rows": rows, "threads": con.execute("SELECT current_setting('threads')").fetchone()[0]}))
