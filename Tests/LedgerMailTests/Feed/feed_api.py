"""Probes the documents feed (/api/v1) of a running `serve` with real tokens: access, files, acks, errors."""
import hashlib
import sys

import requests

sys.stderr = sys.stdout
base, eva, tom, revoked, mailed, password = sys.argv[1], *sys.argv[4:9]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAILED: " + message)
    return condition


def call(method, path, token=None, **kw):
    headers = kw.pop("headers", {})
    if token:
        headers["Authorization"] = "Bearer " + token
    return requests.request(method, base + path, headers=headers, timeout=30, allow_redirects=False, **kw)


def problem(response, status, what):
    check(response.status_code == status, f"{what}: {response.status_code} instead of {status}: {response.text[:200]}")
    check(response.headers.get("content-type", "").startswith("application/json"), f"{what}: not JSON")
    body = response.json()
    check("error" in body and "message" in body, f"{what}: not a Problem: {body}")


# Tokens
for token, what in [(None, "no token"), (revoked, "a revoked token"), ("lm_nonsense", "an unknown token")]:
    response = call("GET", "/api/v1/dossiers", token)
    problem(response, 401, what)
    check(response.headers.get("www-authenticate", "").startswith("Bearer"), f"{what}: no WWW-Authenticate")
check([d["name"] for d in call("GET", "/api/v1/dossiers", eva).json()["dossiers"]] == ["acme", "beta"], "eva sees acme and beta")
check([d["name"] for d in call("GET", "/api/v1/dossiers", tom).json()["dossiers"]] == ["beta"], "tom sees beta only")

# Scoping: a dossier the token may not see is 404, like one that does not exist
page = call("GET", "/api/v1/dossiers/acme/documents", eva).json()
acme_id = page["items"][0]["id"]
problem(call("GET", "/api/v1/dossiers/acme/documents", tom), 404, "tom's feed of acme")
problem(call("GET", "/api/v1/dossiers/nosuch/documents", tom), 404, "a dossier that does not exist")
problem(call("POST", f"/api/v1/dossiers/acme/documents/{acme_id}/ack", tom), 404, "tom's ack in acme")
problem(call("GET", page["items"][0]["files"][0]["url"], tom), 404, "tom's file of acme")

# The feed and its files
items = page["items"]
check(len(items) == 1 and items[0]["kind"] == "purchase-invoice" and "supersedes" in items[0] and items[0]["supersedes"] is None, f"acme's feed: {items}")
check([f["role"] for f in items[0]["files"]] == ["ubl", "pdf"], f"files: {items[0]['files']}")
check(call("GET", "/api/v1/dossiers/acme/documents", eva, params={"after": page["next"]}).json()["items"] == [], "nothing after next")
check(len(call("GET", "/api/v1/dossiers/acme/documents", eva, params={"limit": 1}).json()["items"]) == 1, "limit 1")
for file in items[0]["files"]:
    response = call("GET", file["url"], eva)
    check(response.status_code == 200, f"{file['name']}: {response.status_code}")
    check(hashlib.sha256(response.content).hexdigest() == file["sha256"], f"{file['name']}: bytes match sha256")
    check(len(response.content) == file["size"], f"{file['name']}: size")
    check(response.headers.get("etag") == '"' + file["sha256"] + '"', f"{file['name']}: ETag {response.headers.get('etag')}")
    part = call("GET", file["url"], eva, headers={"Range": "bytes=10-19"})
    check(part.status_code == 206 and part.content == response.content[10:20], f"{file['name']}: range 10-19")
    check(part.headers.get("content-range") == f"bytes 10-19/{file['size']}", f"{file['name']}: Content-Range")
    tail = call("GET", file["url"], eva, headers={"Range": "bytes=-5"})
    check(tail.status_code == 206 and tail.content == response.content[-5:], f"{file['name']}: suffix range")
    problem(call("GET", file["url"], eva, headers={"Range": "bytes=999999999-"}), 416, "a range past the end")
    check(call("GET", file["url"], eva, headers={"Range": "lines=1-2"}).status_code == 200, "a foreign range unit is ignored")
problem(call("GET", f"/api/v1/dossiers/acme/documents/{acme_id}/files/other.xml", eva), 404, "a file the document has not")

# Acks
first = call("POST", f"/api/v1/dossiers/acme/documents/{acme_id}/ack", eva)
check(first.status_code == 200 and first.json()["collected_by"] == "eva@acct.test", f"ack: {first.text}")
again = call("POST", f"/api/v1/dossiers/acme/documents/{acme_id}/ack", eva)
check(again.status_code == 200 and again.json() == first.json(), f"a second ack answers the same: {again.text}")
problem(call("POST", "/api/v1/dossiers/acme/documents/999999/ack", eva), 404, "a wrong ack id")
problem(call("POST", f"/api/v1/dossiers/acme/documents/{mailed}/ack", eva), 409, "the ack of a mailed document")

# Malformed requests: JSON problems, never a web page or a 500
problem(call("GET", "/api/v1/dossiers/acme/documents", eva, params={"after": "zz"}), 400, "a cursor never given")
problem(call("GET", "/api/v1/dossiers/acme/documents", eva, params={"limit": "0"}), 400, "limit 0")
problem(call("GET", "/api/v1/dossiers/acme/documents", eva, params={"limit": "many"}), 400, "limit not a number")
problem(call("POST", f"/api/v1/dossiers/acme/documents/abc/ack", eva), 400, "an id not a number")
problem(call("POST", "/api/v1/dossiers", eva), 405, "POST on the dossier list")
problem(call("GET", "/api/v1/nothing/here", eva), 404, "a path the API has not")
check(call("GET", "/login").status_code == 200, "the web pages still answer beside the API")

# The BillMail page: a kind ticked "pulled" becomes a pull route (no addresses)
sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/Web")
from webclient import Client  # noqa: E402
owner = Client(base)
owner.login("owner@acme.test", password)
form = {"csrf": owner.csrf("/dossiers/acme/billmail"), "from": "acme@gateway.test", "pull-purchase-invoice": "on",
        "sales-invoice": "verkoop@acct.test", "pull-coda": "on"}
saved = owner.post("/dossiers/acme/billmail", form)
check(saved.status_code in (302, 303), f"BillMail form with pull boxes: {saved.status_code} {saved.text[:300]}")
page = owner.get("/dossiers/acme/billmail").text
check('id="pull-coda" name="pull-coda" value="on" checked' in page, "the coda box is ticked after saving")
form["coda"] = "coda@acct.test"
refused = owner.post("/dossiers/acme/billmail", form)
check(refused.status_code == 400, f"a pulled kind with an address is refused: {refused.status_code}")

print(f"feed api: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
