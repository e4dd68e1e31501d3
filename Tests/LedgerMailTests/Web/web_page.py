"""Prints one page as an account sees it: its status on the first line, then its HTML.

Usage: web_page.py BASE_URL CONFIG BINARY EMAIL PASSWORD PATH
"""
import sys

from webclient import Client

base, _config, _binary, email, password, path = sys.argv[1:7]
client = Client(base)
if client.login(email, password).status_code != 303:
    print(f"FAILED: {email} could not log in")
    sys.exit(1)
page = client.get(path)
print(page.status_code)
print(page.text)
