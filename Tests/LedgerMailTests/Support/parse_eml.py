#!/usr/bin/env python3
"""Parse every .eml in a folder with Python's `email` package under its strict policy and print
JSON: subject, text body, attachments (name, sha256) and defects. An independent reader for the
composer's output. usage: parse_eml.py FOLDER"""
import email
import email.policy
import hashlib
import json
import os
import sys

folder = sys.argv[1]
result = {}
for name in sorted(os.listdir(folder)):
    if not name.endswith(".eml"):
        continue
    raw = open(os.path.join(folder, name), "rb").read()
    defects = []
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default.clone(raise_on_defect=True))
        _ = [part.get_content() for part in message.walk() if not part.is_multipart()]
    except Exception as error:
        defects.append(f"{type(error).__name__}: {error}")
        message = email.message_from_bytes(raw, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    result[name] = {
        "subject": str(message["Subject"]),
        "body": body.get_content() if body is not None else "",
        "attachments": [
            {"filename": part.get_filename(), "sha256": hashlib.sha256(part.get_payload(decode=True) or b"").hexdigest()}
            for part in message.iter_attachments()
        ],
        "defects": defects + [str(d) for part in message.walk() for d in part.defects],
    }
print(json.dumps(result))
