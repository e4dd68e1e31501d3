#!/usr/bin/env python3
"""Fetch every message of one mailbox over IMAP (STARTTLS, certificate verified) and print a
JSON summary parsed with Python's own `email` package under its strict policy: an independent
reader for what LedgerMail composed.

usage: fetch_mailbox.py HOST PORT CAFILE USER PASSWORD [FOLDER]
"""
import email
import email.policy
import hashlib
import imaplib
import json
import ssl
import sys

host, port, cafile, user, password = sys.argv[1:6]
folder = sys.argv[6] if len(sys.argv) > 6 else "INBOX"
context = ssl.create_default_context(cafile=cafile)
imap = imaplib.IMAP4(host, int(port))
imap.starttls(ssl_context=context)
imap.login(user, password)
imap.select(folder, readonly=True)
_, data = imap.uid("SEARCH", None, "ALL")
messages = []
for uid in data[0].split():
    _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    raw = fetched[0][1]
    strict = email.policy.default.clone(raise_on_defect=True)
    defects = []
    try:
        message = email.message_from_bytes(raw, policy=strict)
    except Exception as error:  # a defect: report it, then read leniently to say more
        defects.append(f"{type(error).__name__}: {error}")
        message = email.message_from_bytes(raw, policy=email.policy.default)
    attachments = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append({
            "filename": part.get_filename(),
            "content_type": part.get_content_type(),
            "sha256": hashlib.sha256(payload).hexdigest(),
            "size": len(payload),
        })
    long_lines = [len(line) for line in raw.split(b"\r\n") if len(line) > 998]
    bare_lf = raw.replace(b"\r\n", b"").count(b"\n")
    messages.append({
        "uid": int(uid),
        "subject": str(message["Subject"]),
        "message_id": str(message["Message-ID"]),
        "from": str(message["From"]),
        "to": str(message["To"]),
        "return_path": str(message["Return-Path"]),
        "attachments": attachments,
        "defects": defects + [str(d) for d in message.defects],
        "long_lines": len(long_lines),
        "bare_lf": bare_lf,
    })
imap.logout()
print(json.dumps(messages))
