import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    """Builds a fresh demo database and serves it on a free loopback port."""
    binary = os.environ.get("STYR_BIN", str(ROOT / ".build" / "debug" / "styr"))
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "demo.sqlite")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["STYR_ROOT"] = str(ROOT)
    env["STYR_INSECURE_COOKIES"] = "1"  # plain http on loopback
    subprocess.run([binary, "demo", "--db", db], check=True, env=env, cwd=ROOT, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port), "--hostname", "127.0.0.1"],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    # The server fills its caches before it listens (Warmup).
    for _ in range(1200):
        try:
            if requests.get(base + "/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("styr serve startet ikke")
    # Warm the register caches before the pages are timed by the browser.
    requests.get(base + "/api/v1/stats/hovedtall", timeout=300).raise_for_status()
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    pg = ctx.new_page()
    yield pg
    ctx.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
