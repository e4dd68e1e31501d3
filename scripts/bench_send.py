#!/usr/bin/env python3
"""The measuring half of scripts/bench-send: makes N documents, then times three senders of
the same N messages and prints one line each: documents/s and the sender's peak memory."""
import email.message
import os
import re
import smtplib
import ssl
import subprocess
import sys
import time

n, work, ca, ledgermail, sample = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
inbox = "batch@acct.test"

# --- N documents: the sample invoice padded with invoice lines to ~20 KB, a ~100 KB PDF beside it.
template = open(sample, encoding="utf-8").read()
line = re.search(r"  <cac:InvoiceLine>.*?</cac:InvoiceLine>\n", template, re.S).group(0)
padded = template.replace(line, line * max(1, (20 * 1024 - len(template)) // len(line) + 1))
pdf = b"%PDF-1.4\n" + os.urandom(100 * 1024)
docs = os.path.join(work, "docs")
os.makedirs(docs)
for i in range(n):
    stem = os.path.join(docs, f"bench-{i:05d}")
    open(stem + ".xml", "w", encoding="utf-8").write(padded.replace("LEV/2026/0815", f"LEV/2026/B{i:05d}"))
    open(stem + ".pdf", "wb").write(pdf)
ubl_size = len(padded.encode())

# --- LedgerMail: init, dossier, route, import (not timed), then `send --now` (timed).
config = os.path.join(work, "ledgermail.yaml")
open(config, "w").write(f"""data_dir: data
smtp:
  url: smtp://127.0.0.1:2587
  username: acme@gateway.test
tls:
  ca_file: {ca}
bounce:
  address: bounces@gateway.test
""")
env = dict(os.environ, LEDGERMAIL_SMTP_PASSWORD="secret")
def lm(*args):
    subprocess.run([ledgermail, *args, "--config", config], check=True, env=env, stdout=subprocess.DEVNULL, cwd=work)
lm("init")
subprocess.run([ledgermail, "dossier", "add", "acme", "--company", "Acme BV", "--vat", "BE0123456749",
                "--from", "Acme BV <acme@gateway.test>", "--accountant", "boekhouder@acct.test", "--config", config],
               check=True, env=env, stdout=subprocess.DEVNULL, cwd=work)
lm("route", "set", "acme", "purchase-invoice", inbox)
subprocess.run([ledgermail, "import", "acme", *sorted(os.path.join(docs, f) for f in os.listdir(docs) if f.endswith(".xml")),
                "--config", config], check=True, env=env, stdout=subprocess.DEVNULL, cwd=work)

# Postfix's queue, to wait until a sender's mails are delivered to Dovecot (the stack's base is
# two levels above its CA file).
postfix_config = os.path.join(os.path.dirname(os.path.dirname(ca)), "etc", "postfix")

def wait_delivered():
    """Until Postfix's queue is empty: every mail accepted so far delivered into its mailbox."""
    for _ in range(1200):
        queue = subprocess.run(["postqueue", "-c", postfix_config, "-p"], capture_output=True, text=True).stdout
        if "Mail queue is empty" in queue:
            return
        time.sleep(0.05)

def timed(command):
    """Wall time until the command ends (its mails accepted), wall time until they are delivered
    too, and peak RSS (GNU time's %M, in KB). Delivery (Dovecot LMTP, ~5 ms of CPU a mail here)
    runs on the same two cores: a sender quicker than delivery leaves it for after its own end."""
    wait_delivered()
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-f", "maxrss=%M", *command], env=env, cwd=work, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    wait_delivered()
    delivered = time.monotonic() - start
    peak = re.findall(r"maxrss=(\d+)", result.stderr)
    return elapsed, delivered, int(peak[-1]) if peak else None, result.stdout

rows = []
elapsed, delivered, peak, out = timed([ledgermail, "send", "acme", "--now", "--config", config])
assert f"sent {n}," in out, out
rows.append(("ledgermail send (STARTTLS+AUTH, compose + store)", elapsed, delivered, peak))
message_size = ubl_size * 4 // 3 + len(pdf) * 4 // 3 + 1500

elapsed, delivered, peak, _ = timed(["smtp-source", "-d", "-m", str(n), "-l", str(message_size), "-f", "bounces@gateway.test",
                                     "-t", inbox, "127.0.0.1:2525"])
rows.append(("smtp-source (plain, no TLS/AUTH, one session)", elapsed, delivered, peak))

# The same number of mails of the same size, already composed, over STARTTLS + AUTH by the curl
# command line (libcurl + OpenSSL) in one session: the TLS + AUTH path with no compose and no state.
prebuilt = os.path.join(work, "prebuilt.eml")
open(prebuilt, "wb").write(b"Subject: prebuilt\r\n\r\n" + (b"A" * 74 + b"\r\n") * (message_size // 76))
curl = ["curl", "-s"]
for i in range(n):
    curl += (["--next"] if i else []) + ["--ssl-reqd", "--cacert", ca, "-u", "acme@gateway.test:secret",
                                          "--mail-from", "bounces@gateway.test", "--mail-rcpt", inbox, "-T", prebuilt,
                                          "smtp://127.0.0.1:2587"]
elapsed, delivered, peak, _ = timed(curl)
rows.append(("curl, prebuilt mail (STARTTLS+AUTH, one session)", elapsed, delivered, peak))

sender = f"""
import email.message, smtplib, ssl, sys
ubl = open({os.path.join(docs, 'bench-00000.xml')!r}, 'rb').read()
pdf = open({os.path.join(docs, 'bench-00000.pdf')!r}, 'rb').read()
smtp = smtplib.SMTP('127.0.0.1', 2587)
smtp.starttls(context=ssl.create_default_context(cafile={ca!r}))
smtp.login('acme@gateway.test', 'secret')
for i in range({n}):
    m = email.message.EmailMessage()
    m['From'] = 'Acme BV <acme@gateway.test>'; m['To'] = {inbox!r}; m['Subject'] = f'Factuur {{i}}'
    m.set_content('In bijlage de factuur.')
    m.add_attachment(ubl, maintype='application', subtype='xml', filename=f'B{{i:05d}}.xml')
    m.add_attachment(pdf, maintype='application', subtype='pdf', filename=f'B{{i:05d}}.pdf')
    smtp.send_message(m, from_addr='bounces@gateway.test')
smtp.quit()
"""
elapsed, delivered, peak, _ = timed([sys.executable, "-c", sender])
rows.append(("Python email + smtplib (STARTTLS+AUTH)", elapsed, delivered, peak))

print(f"\nsend benchmark: {n} documents, UBL {ubl_size // 1024} KB + PDF {len(pdf) // 1024} KB (~{message_size // 1024} KB on the wire)")
print(f"  {'':52s} {'accepted (sender done)':>24s}  {'delivered into the mailbox':>26s}")
for name, elapsed, delivered, peak in rows:
    memory = f"{peak / 1024:.0f} MB peak" if peak else "peak n/a"
    print(f"  {name:52s} {n / elapsed:8.1f} documents/s {elapsed:5.2f} s  {n / delivered:8.1f} documents/s {delivered:5.2f} s  {memory}")
