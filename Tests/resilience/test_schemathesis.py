"""Schemathesis drives the JSON API from openapi.json as each role: no server errors, and every
status code, content type and response body is the one the description promises."""
import subprocess
import sys
from pathlib import Path

import pytest

from resilience_support import ROOT, Target
from resilience_server import Server

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(Target("sqlite", tmp_path_factory.mktemp("schemathesis")))
    yield srv
    srv.stop()


@pytest.mark.parametrize("role", ["directorate", "ministry", "municipality", "public"])
def test_api_keeps_its_description(server, role):
    cli = Path(sys.executable).parent / "schemathesis"
    result = subprocess.run(
        [str(cli), "run", str(ROOT / "openapi.json"), "--url", server.base, "-H", f"Authorization: Bearer {server.tokens[role]}",
         "--checks", CHECKS, "--max-examples", "15", "--phases", "coverage,fuzzing", "--seed", "1", "--no-color"],
        capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-6000:]
    assert "generated" in result.stdout and " passed" in result.stdout
    assert server.alive()
