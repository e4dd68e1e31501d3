#!/usr/bin/env python3
"""Print, for every message of a mailbox, the attachment names Dovecot reports in its IMAP
BODYSTRUCTURE (name / filename parameters, RFC 2231 ones decoded), as JSON. The server's own
MIME parser is the second independent reader of what LedgerMail composed.
usage: bodystructure.py HOST PORT CAFILE USER PASSWORD"""
import imaplib
import json
import re
import ssl
import sys
import urllib.parse

host, port, cafile, user, password = sys.argv[1:6]
imap = imaplib.IMAP4(host, int(port))
imap.starttls(ssl_context=ssl.create_default_context(cafile=cafile))
imap.login(user, password)
imap.select("INBOX", readonly=True)
_, data = imap.uid("SEARCH", None, "ALL")
result = []
uids = data[0].split()
for start in range(0, len(uids), 200):
    chunk = b",".join(uids[start:start + 200])
    _, fetched = imap.uid("FETCH", chunk, "(BODYSTRUCTURE)")
    for item in fetched:
        text = item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)
        names = []
        # "NAME" "value" and "FILENAME" "value"; RFC 2231 "FILENAME*" "utf-8''%.."
        for key, value in re.findall(r'"((?:FILE)?NAME\*?(?:\d+\*?)?)" "((?:[^"\\]|\\.)*)"', text, re.IGNORECASE):
            if key.endswith("*") and "''" in value:
                value = urllib.parse.unquote(value.split("''", 1)[1])
            names.append(value)
        parts = len(re.findall(r'"APPLICATION"', text, re.IGNORECASE))
        result.append({"names": names, "application_parts": parts})
imap.logout()
print(json.dumps(result))
