"""Every route x every kind of visitor gets the right answer; CSRF, throttling, escaping, logs.

Usage: web_security.py BASE_URL CONFIG BINARY PASSWORD LOGFILE
"""
import subprocess
import sys

from webclient import Client, check

base, config, binary, password, logfile = sys.argv[1:6]

READS = ["/dossiers/acme", "/dossiers/acme/settings", "/dossiers/acme/billmail", "/dossiers/acme/documents",
         "/dossiers/acme/documents/1", "/dossiers/acme/documents/1/pdf", "/dossiers/acme/documents/1/ubl",
         "/dossiers/acme/export?period=2026-Q4", "/dossiers/acme/integrations"]
MANAGE_GETS = ["/dossiers/acme/send"]
POSTS = {
    "/dossiers/acme/settings": {"company": "Changed", "vat": "BE0123456749", "language": "en", "time_zone": "Europe/Brussels",
                                "dispatch": "never", "accountant": "boekhouder@acct.test"},
    "/dossiers/acme/billmail": {"from": "acme@gateway.test", "purchase-invoice": "inkoop@acct.test"},
    "/dossiers/acme/documents/1/resend": {"route": "purchase-invoice"},
    "/dossiers/acme/documents/1/review": {"kind": "purchase-invoice"},
    "/dossiers/acme/send": {"period": "2026-Q4", "comment": "probe"},
    "/dossiers/acme/integrations/clearfacts": {"purchase-invoice": "aankoop0123456749@kantoor.clearfacts.be"},
    "/dossiers/acme/billmail/test": {"kind": "purchase-invoice"},
}


def status_json():
    out = subprocess.run([binary, "dossier", "show", "acme", "--config", config], capture_output=True, text=True)
    return out.stdout


before = status_json()

# Anonymous: every page sends to the login form; nothing is revealed or changed.
anonymous = Client(base)
for path in READS + MANAGE_GETS:
    r = anonymous.get(path)
    check(r.status_code == 303 and r.headers.get("location", "").endswith("/login"), f"anonymous GET {path}: {r.status_code}")
for path, data in POSTS.items():
    r = anonymous.post(path, data)
    check(r.status_code == 303, f"anonymous POST {path}: {r.status_code}")
check(anonymous.get("/dossiers/nosuch").status_code == 303, "anonymous unknown dossier")

# Someone else's owner and an accountant not linked: acme does not exist for them (404), ever.
for email in ["owner@beta.test", "tom@acct.test"]:
    c = Client(base)
    check(c.login(email, password).status_code == 303, f"{email} logs in")
    listing = c.get("/dossiers").text
    check("/dossiers/beta" in listing and "/dossiers/acme" not in listing, f"{email} sees beta only")
    for path in READS + MANAGE_GETS:
        r = c.get(path)
        check(r.status_code == 404, f"{email} GET {path}: {r.status_code}")
    token = c.csrf("/dossiers/beta/settings")
    for path, data in POSTS.items():
        r = c.post(path, dict(data, csrf=token))
        check(r.status_code == 404, f"{email} POST {path}: {r.status_code}")
    check(c.get("/dossiers/nosuch").status_code == 404, f"{email}: an unknown dossier is 404 too")

# The linked accountant reads everything and changes nothing (403).
eva = Client(base)
check(eva.login("eva@acct.test", password).status_code == 303, "eva logs in")
listing = eva.get("/dossiers").text
check("/dossiers/acme" in listing and "/dossiers/beta" in listing, "eva sees both her dossiers")
for path in READS:
    r = eva.get(path)
    check(r.status_code == 200, f"eva GET {path}: {r.status_code}")
for path in MANAGE_GETS:
    check(eva.get(path).status_code == 403, f"eva GET {path}")
token = eva.csrf("/dossiers/acme/settings")
for path, data in POSTS.items():
    r = eva.post(path, dict(data, csrf=token))
    check(r.status_code == 403, f"eva POST {path}: {r.status_code}")
check(status_json() == before, "nothing the others tried changed the dossier")

# The owner: CSRF missing or wrong is 403 and changes nothing; with it, the change is made.
owner = Client(base)
check(owner.login("owner@acme.test", password).status_code == 303, "owner logs in")
for path in READS + MANAGE_GETS:
    r = owner.get(path)
    check(r.status_code == 200, f"owner GET {path}: {r.status_code}")
settings = POSTS["/dossiers/acme/settings"]
check(owner.post("/dossiers/acme/settings", settings).status_code == 403, "no CSRF token: 403")
check(owner.post("/dossiers/acme/settings", dict(settings, csrf="0" * 64)).status_code == 403, "wrong CSRF token: 403")
check(owner.post("/dossiers/acme/settings", dict(settings, csrf=eva.csrf("/dossiers/acme"))).status_code == 403,
      "another session's CSRF token: 403")
check(status_json() == before, "refused forms changed nothing")
token = owner.csrf("/dossiers/acme/settings")
r = owner.post("/dossiers/acme/settings", dict(settings, csrf=token))
check(r.status_code == 303, f"owner saves settings: {r.status_code}")
check("Changed" in status_json(), "the change is made")
bad = owner.post("/dossiers/acme/settings", dict(settings, csrf=token, vat="BE0123456748"))
check(bad.status_code == 400 and "check digits" in bad.text, f"a bad VAT number is a 400 with the reason: {bad.status_code}")
bad = owner.post("/dossiers/acme/billmail", {"csrf": token, "from": "acme@gateway.test", "sales-invoice": "not-an-address"})
check(bad.status_code == 400 and "not a valid" in bad.text, f"a bad import address is a 400: {bad.status_code}")
# BillMail, the test mail (to the accountant's contact), an integration's address rule.
r = owner.post("/dossiers/acme/billmail", {"csrf": token, "from": "Acme BV <acme@gateway.test>", "purchase-invoice": "inkoop@acct.test"})
check(r.status_code == 303, f"owner saves BillMail: {r.status_code}")
r = owner.post("/dossiers/acme/billmail/test", {"csrf": token, "kind": "purchase-invoice"})
check(r.status_code == 200 and "boekhouder@acct.test" in r.text, f"test mail to the accountant's contact: {r.status_code}")
r = owner.post("/dossiers/acme/integrations/clearfacts", {"csrf": token, "purchase-invoice": "inkoop@acct.test"})
check(r.status_code == 400 and "clearfacts.be" in r.text, f"a Clearfacts address against its rule: {r.status_code}")
r = owner.post("/dossiers/acme/integrations/clearfacts",
               {"csrf": token, "purchase-invoice": "aankoop0123456749@kantoor.clearfacts.be"})
check(r.status_code == 303, f"a Clearfacts address that fits: {r.status_code}")
check(owner.post("/dossiers/acme/integrations/nosuch", {"csrf": token}).status_code == 404, "unknown preset: 404")
for path in ["/dossiers/acme/documents/999", "/dossiers/acme/documents/abc", "/dossiers/acme/documents/999/pdf"]:
    check(owner.get(path).status_code == 404, f"owner GET {path}")
for query in ["?state=lost", "?period=2026-Q9", "?kind=x"]:
    check(owner.get("/dossiers/acme/documents" + query).status_code == 400, f"documents{query} is a 400")
check(owner.post("/dossiers/acme/documents/1/review", {"csrf": token, "kind": "nonsense"}).status_code == 400, "bad review kind")
check(owner.post("/dossiers/acme/send", {"csrf": token, "period": "someday"}).status_code == 400, "bad period is a 400")

# Security headers and cookies.
r = owner.get("/dossiers")
csp = r.headers.get("content-security-policy", "")
check("script-src 'self'" in csp and "frame-ancestors 'none'" in csp, f"CSP: {csp}")
check(r.headers.get("x-frame-options") == "DENY", "X-Frame-Options DENY")
visitor = Client(base)
cookie = visitor.get("/login").headers.get("set-cookie", "")
check("ledgermail_login=" in cookie and "SameSite=Strict" in cookie and "HttpOnly" in cookie and "Path=/login" in cookie,
      f"login form cookie: {cookie}")
cookies = visitor.login("owner@acme.test", password).raw.headers.getlist("set-cookie")
session = next((c for c in cookies if c.startswith("ledgermail_session=")), "")
check("SameSite=Lax" in session and "HttpOnly" in session, f"session cookie: {cookies}")

# HTML from documents and settings is escaped everywhere it shows.
for path in ["/dossiers", "/dossiers/acme/documents", "/dossiers/acme/documents/2"]:
    page = owner.get(path).text
    check("<script>alert" not in page and "<b>BV" not in page and "<i>0816" not in page, f"raw HTML in {path}")
log_page = owner.get("/dossiers/acme/documents").text
check("&lt;script&gt;alert" in log_page and "&lt;i&gt;0816" in log_page, "the party name and the number are shown, escaped")

# Logout ends the session: its cookie opens nothing any more.
old = dict(owner.http.cookies)
owner.post("/logout", {"csrf": owner.csrf("/dossiers")})
replay = Client(base)
replay.http.cookies.update(old)
check(replay.get("/dossiers/acme").status_code == 303, "a logged-out session's cookie opens nothing")

# A password reset (the account removed and added again): the old sessions open nothing.
eva_again = Client(base)
check(eva_again.login("eva@acct.test", password).status_code == 303, "eva logs in before the reset")
subprocess.run([binary, "user", "remove", "eva@acct.test", "--config", config], capture_output=True)
subprocess.run([binary, "user", "add", "eva@acct.test", "--role", "accountant", "--dossier", "acme", "--password-stdin",
                "--config", config], input=password, capture_output=True, text=True)
check(eva_again.get("/dossiers/acme").status_code == 303, "a session from before the reset opens nothing")
check(Client(base).login("eva@acct.test", password).status_code == 303, "the new account logs in")

# Throttling: after 5 failures, even the right password waits.
t = Client(base)
for _ in range(5):
    check(t.login("owner@beta.test", "wrong password!").status_code == 401, "a wrong password is a 401")
r = t.login("owner@beta.test", password)
check(r.status_code == 429, f"throttled after 5 failures: {r.status_code}")
check(Client(base).login("eva@acct.test", password).status_code == 303, "other accounts are not throttled")

# Nothing secret in the log.
log = open(logfile).read()
check(password not in log, "the password is not in the log")
for value in list(old.values()) + [token]:
    check(value not in log, "no session key or CSRF token in the log")

print(f"web security: {check.count} checks, {check.failures} failure(s)")
sys.exit(1 if check.failures else 0)
