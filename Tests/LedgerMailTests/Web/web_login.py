"""The login form without a stored session: its token rides in a cookie for /login only.

Usage: web_login.py BASE_URL CONFIG BINARY PASSWORD
Prints one line per step; the Swift test counts the store's session rows between them.
"""
import sys

import requests

from webclient import Client, check

base, _config, _binary, password = sys.argv[1:5]
step = sys.argv[5] if len(sys.argv) > 5 else "anonymous"

if step == "anonymous":
    # Three anonymous visits of the form, each with a fresh client.
    for _ in range(3):
        page = Client(base).get("/login")
        check(page.status_code == 200 and 'name="csrf"' in page.text, f"GET /login: {page.status_code}")
        check("ledgermail_session" not in page.headers.get("set-cookie", ""), f"a session cookie: {page.headers.get('set-cookie')}")
elif step == "login":
    owner = Client(base)
    check(owner.login("owner@acme.test", password).status_code == 303, "the owner logs in with the form's token")
    check(owner.get("/dossiers").status_code == 200, "and sees the dossiers")
    # The token of another visit's form, without that visit's cookie: refused, nothing stored.
    token = Client(base).csrf("/login")
    forged = requests.post(base + "/login", data={"csrf": token, "email": "owner@acme.test", "password": password},
                           allow_redirects=False, timeout=30)
    check(forged.status_code == 403, f"a login form without its cookie: {forged.status_code}")
    bare = Client(base)
    check(bare.post("/login", {"email": "owner@acme.test", "password": password}).status_code == 403, "a login without a token")
print(f"web login {step}: {check.count} checks, {check.failures} failure(s)")
sys.exit(1 if check.failures else 0)
