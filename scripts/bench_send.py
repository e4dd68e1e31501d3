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

def timed(command):
    """Wall time and peak RSS (GNU time's %M, in KB) of one command."""
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-f", "maxrss=%M", *command], env=env, cwd=work, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    peak = re.findall(r"maxrss=(\d+)", result.stderr)
    return elapsed, int(peak[-1]) if peak else None, result.stdout

rows = []
elapsed, peak, out = timed([ledgermail, "send", "acme", "--now", "--config", config])
assert f"sent {n}," in out, out
rows.append(("ledgermail send (STARTTLS+AUTH, compose + store)", elapsed, peak))
message_size = ubl_size * 4 // 3 + len(pdf) * 4 // 3 + 1500

elapsed, peak, _ = timed(["smtp-source", "-d", "-m", str(n), "-l", str(message_size), "-f", "bounces@gateway.test",
                          "-t", inbox, "127.0.0.1:2525"])
rows.append(("smtp-source (plain, no TLS/AUTH, one session)", elapsed, peak))

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
elapsed, peak, _ = timed([sys.executable, "-c", sender])
rows.append(("Python email + smtplib (STARTTLS+AUTH)", elapsed, peak))

print(f"\nsend benchmark: {n} documents, UBL {ubl_size // 1024} KB + PDF {len(pdf) // 1024} KB (~{message_size // 1024} KB on the wire)")
for name, elapsed, peak in rows:
    memory = f"{peak / 1024:.0f} MB peak" if peak else "peak n/a"
    print(f"  {name:52s} {n / elapsed:8.1f} documents/s  {elapsed:6.2f} s  {memory}")
