"""A Styr server on a fresh demo database, with logged-in clients per role."""
import re
import socket
import subprocess
import time

import requests

from resilience_support import BINARY, ROOT

USERS = {
    "ministry": ("departement", "demo-departement"),
    "directorate": ("direktorat", "demo-direktorat"),
    "municipality": ("kommune", "demo-kommune"),
    "public": ("publikum", "demo-publikum"),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, target):
        self.target = target
        target.run("demo")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            target.args("serve", "--port", str(self.port), "--hostname", "127.0.0.1"),
            env=target.env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The server fills its caches before it listens (Warmup).
        for _ in range(1200):
            try:
                if requests.get(self.base + "/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError("styr serve startet ikke")
        # Warm the register caches (the debug build parses the demo NIR extract in several seconds),
        # as a load balancer would before sending traffic.
        requests.get(self.base + "/api/v1/stats/hovedtall", timeout=300).raise_for_status()
        self.tokens = {role: target.run("user", "token", "--username", u).stdout.strip() for role, (u, _) in USERS.items()}

    def alive(self):
        return self.proc.poll() is None and requests.get(self.base + "/health", timeout=5).ok

    def api(self, role):
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return s

    def anonymous(self):
        """A browser-like session that has opened the login page (and so has a CSRF token)."""
        s = requests.Session()
        s.csrf = re.search(r'name="csrf" value="([^"]+)"', s.get(self.base + "/login").text).group(1)
        return s

    def web(self, role):
        """A browser-like session logged in as `role`, with the form's CSRF token."""
        s = self.anonymous()
        csrf = s.csrf
        user, password = USERS[role]
        r = s.post(self.base + "/login", data={"csrf": csrf, "username": user, "password": password, "neste": "/"})
        assert r.ok, r.status_code
        s.csrf = re.search(r'name="csrf" value="([^"]+)"', s.get(self.base + "/").text).group(1)
        return s

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
