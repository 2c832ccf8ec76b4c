"""Solves a `styr match` instance directory with OR-Tools: the LP relaxation (GLOP) for the
bound, and CP-SAT for the integer allocation. Prints one JSON object: ortools_s, objective,
bound, lp_bound, status (with "lp" as the second argument only lp_s and lp_bound). Used by `styr bench match` and by the tests as an independent solver."""
import csv, json, sys, time
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model


def read(d):
    cases = {r["case_id"]: r for r in csv.DictReader(open(f"{d}/cases.csv"))}
    munis = {r["kommunenummer"]: r for r in csv.DictReader(open(f"{d}/municipalities.csv"))}
    pairs = [(r["case_id"], r["kommunenummer"], float(r["score"])) for r in csv.DictReader(open(f"{d}/scores.csv"))]
    ok = []
    for c, m, s in pairs:
        needs = [x for x in cases[c]["needs"].split(";") if x]
        services = set(x for x in munis[m]["services"].split(";") if x)
        minors = int(cases[c]["minors"])
        # A household larger than the places can never go there (no allocation uses the pair).
        fits = int(cases[c]["size"]) - minors <= int(munis[m]["places"]) and minors <= int(munis[m]["minor_places"])
        if all(n in services for n in needs) and (minors == 0 or int(munis[m]["minor_places"]) > 0) and fits:
            ok.append((c, m, s))
    return cases, munis, ok


def model_rows(cases, munis, pairs):
    by_case, by_muni = {}, {}
    for i, (c, m, s) in enumerate(pairs):
        by_case.setdefault(c, []).append(i)
        by_muni.setdefault(m, []).append(i)
    return by_case, by_muni


def lp_bound(cases, munis, pairs):
    return lp_bound_within(cases, munis, pairs, None)[0]


def lp_bound_within(cases, munis, pairs, limit):
    """The LP relaxation's optimum and whether GLOP proved it (False when stopped by `limit` seconds:
    the value is then no bound)."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if limit is not None:
        solver.SetTimeLimit(int(limit * 1000))
    x = [solver.NumVar(0, 1, "") for _ in pairs]
    by_case, by_muni = model_rows(cases, munis, pairs)
    for idx in by_case.values():
        solver.Add(sum(x[i] for i in idx) <= 1)
    for m, idx in by_muni.items():
        size = lambda i: int(cases[pairs[i][0]]["size"]) - int(cases[pairs[i][0]]["minors"])
        minors = lambda i: int(cases[pairs[i][0]]["minors"])
        solver.Add(sum(size(i) * x[i] for i in idx) <= int(munis[m]["places"]))
        solver.Add(sum(minors(i) * x[i] for i in idx) <= int(munis[m]["minor_places"]))
    solver.Maximize(sum(pairs[i][2] * x[i] for i in range(len(pairs))))
    status = solver.Solve()
    return solver.Objective().Value(), status == pywraplp.Solver.OPTIMAL


def cpsat(cases, munis, pairs, limit, workers):
    model = cp_model.CpModel()
    x = [model.NewBoolVar("") for _ in pairs]
    by_case, by_muni = model_rows(cases, munis, pairs)
    for idx in by_case.values():
        model.AddAtMostOne(x[i] for i in idx)
    for m, idx in by_muni.items():
        model.Add(sum((int(cases[pairs[i][0]]["size"]) - int(cases[pairs[i][0]]["minors"])) * x[i] for i in idx) <= int(munis[m]["places"]))
        model.Add(sum(int(cases[pairs[i][0]]["minors"]) * x[i] for i in idx) <= int(munis[m]["minor_places"]))
    model.Maximize(sum(int(round(pairs[i][2])) * x[i] for i in range(len(pairs))))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.relative_gap_limit = 0.0005
    status = solver.Solve(model)
    return solver.ObjectiveValue(), solver.BestObjectiveBound(), solver.StatusName(status)


if __name__ == "__main__":
    d = sys.argv[1]
    lp_only = sys.argv[2] == "lp" if len(sys.argv) > 2 else False
    limit = float(sys.argv[2]) if len(sys.argv) > 2 and not lp_only else 60
    cases, munis, pairs = read(d)
    t0 = time.perf_counter()
    lp, proven = lp_bound_within(cases, munis, pairs, None if lp_only else limit)
    t1 = time.perf_counter()
    if lp_only:
        print(json.dumps({"lp_s": t1 - t0, "lp_bound": lp}))
        sys.exit(0)
    obj, bound, status = cpsat(cases, munis, pairs, limit, 2)
    t2 = time.perf_counter()
    # Stopped before its first solution (UNKNOWN), CP-SAT reports 0 for both: no allocation, no bound.
    cp_bound = bound if status in ("OPTIMAL", "FEASIBLE") else None
    bounds = [b for b in (cp_bound, lp if proven else None) if b is not None]
    # GLOP and CP-SAT each stop at `limit` seconds: "limited" says whether either was stopped (GLOP's
    # value is then no bound and left out).
    print(json.dumps({
        "ortools_s": t2 - t1, "lp_s": t1 - t0, "objective": obj, "bound": min(bounds) if bounds else None,
        "lp_bound": lp if proven else None, "status": status, "limit_s": limit,
        "limited": (not proven) or (status != "OPTIMAL" and t2 - t1 >= limit * 0.95),
    }))
