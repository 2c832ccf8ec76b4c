"""`styr bench http` end to end with a short run: it serves the demo data, logs in, drives the mix
and the nginx reference with wrk, and prints the contract's JSON line."""
import json

from resilience_support import Target


def test_bench_http_prints_contract_line(tmp_path):
    target = Target("sqlite", tmp_path)
    result = target.run("bench", "http", "--duration", "3", "--connections", "4")
    last = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ["rps", "p50_ms", "p99_ms", "errors", "reference_rps", "ratio"]:
        assert key in last
    assert last["errors"] == 0
    assert last["rps"] > 0 and last["reference_rps"] > 0
    assert 0 < last["p50_ms"] <= last["p99_ms"]
    assert abs(last["ratio"] - last["rps"] / last["reference_rps"]) < 0.01
