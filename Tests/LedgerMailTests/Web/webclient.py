"""A browser-like HTTP client for LedgerMail's pages (requests), shared by the web test scripts."""
import re
import sys

import requests

sys.stderr = sys.stdout  # the Swift test reads one stream


class Client:
    def __init__(self, base):
        self.base = base
        self.http = requests.Session()

    def get(self, path, **kw):
        return self.http.get(self.base + path, allow_redirects=False, timeout=30, **kw)

    def post(self, path, data, **kw):
        return self.http.post(self.base + path, data=data, allow_redirects=False, timeout=60, **kw)

    def csrf(self, path="/login"):
        page = self.get(path)
        match = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        return match.group(1) if match else None

    def login(self, email, password):
        token = self.csrf("/login")
        return self.post("/login", {"csrf": token, "email": email, "password": password})


def check(condition, message):
    check.count += 1
    if not condition:
        print("FAILED: " + message)
        check.failures += 1
    return condition


check.failures = 0
check.count = 0
