"""The owner's and the accountant's day in a real browser (Selenium, Debian's Chromium).

Usage: web_browser.py BASE_URL CONFIG BINARY PASSWORD SAMPLES_DIR SCREENSHOT_DIR
"""
import hashlib
import io
import os
import subprocess
import sys
import time
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from webclient import check

base, config, binary, password, samples, shots = sys.argv[1:7]
os.makedirs(shots, exist_ok=True)
downloads = os.path.join(shots, "downloads")
os.makedirs(downloads, exist_ok=True)


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"]:
        options.add_argument(argument)
    prefs = {"download.default_directory": downloads, "download.prompt_for_download": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def ledgermail(*arguments):
    out = subprocess.run([binary, *arguments, "--config", config], capture_output=True, text=True)
    check(out.returncode == 0, f"ledgermail {' '.join(arguments)}: {out.stdout}{out.stderr}")
    return out.stdout


def shot(driver, name):
    driver.save_screenshot(os.path.join(shots, name + ".png"))


def wait_for(driver, condition, seconds=15):
    try:
        WebDriverWait(driver, seconds).until(condition)
        return True
    except Exception:
        return False


def log_in(driver, email):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.ID, "login").click()
    WebDriverWait(driver, 15).until(lambda d: d.current_url.endswith("/dossiers"))


def set_billmail(driver, dossier, addresses, name):
    driver.get(f"{base}/dossiers/{dossier}/billmail")
    for kind, address in addresses.items():
        field = driver.find_element(By.NAME, kind)
        field.clear()
        field.send_keys(address)
    shot(driver, name)
    driver.find_element(By.ID, "save").click()
    saved = wait_for(driver, lambda d: "saved=1" in d.current_url)
    errors = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error")]
    check(saved, f"BillMail saved for {dossier}: {driver.current_url} {errors}")


def send_quarter(driver, dossier, comment, name):
    driver.get(f"{base}/dossiers/{dossier}/send")
    driver.find_element(By.NAME, "period").clear()
    driver.find_element(By.NAME, "period").send_keys("2026-Q4")
    driver.find_element(By.NAME, "comment").send_keys(comment)
    driver.find_element(By.ID, "plan").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "plan-to-send"))
    shot(driver, name + "-plan")
    to_send = int(driver.find_element(By.ID, "plan-to-send").text)
    check(to_send >= 1, f"the plan shows what goes now ({to_send})")
    driver.find_element(By.ID, "confirm").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "notified"))
    shot(driver, name + "-sent")
    check("boekhouder@acct.test" in driver.find_element(By.ID, "notified").text, "the notification went to the accountant")
    return to_send


# --- The owner, with JavaScript on -------------------------------------------------------
owner = browser()
log_in(owner, "owner@acme.test")
check(owner.current_url.endswith("/dossiers"), f"the owner lands on his dossiers: {owner.current_url}")
shot(owner, "01-dossiers")
set_billmail(owner, "acme", {"purchase-invoice": "inkoop@acct.test", "sales-invoice": "verkoop@acct.test",
                             "sales-credit-note": "nobody@acct.test"}, "02-billmail")
ledgermail("import", "acme", *[os.path.join(samples, f) for f in
                                ["purchase-invoice-LEV-2026-0815.xml", "sales-invoice-V2026-0042.xml",
                                 "sales-credit-note-C2026-0007.xml"]])
owner.get(base + "/dossiers/acme/documents")
rows = owner.find_elements(By.CSS_SELECTOR, "tr[data-document-id]")
check(len(rows) == 3 and all(r.get_attribute("data-state") == "pending" for r in rows),
      f"three documents, pending: {[r.get_attribute('data-state') for r in rows]}")
shot(owner, "03-documents")
owner.set_window_size(390, 844)   # a phone
shot(owner, "03-documents-phone")
owner.get(base + "/dossiers/acme/billmail")
shot(owner, "03-billmail-phone")
owner.set_window_size(1200, 900)
owner.get(base + "/dossiers/acme/settings")
shot(owner, "04-settings")
send_quarter(owner, "acme", "Alles binnen voor Q4", "05-send")

# The credit note went to a mailbox that does not exist: its bounce shows on its page.
credit = None
for _ in range(60):
    ledgermail("run", "--once")
    owner.get(base + "/dossiers/acme/documents?state=bounced")
    found = owner.find_elements(By.CSS_SELECTOR, "tr[data-document-id]")
    if found:
        credit = found[0].get_attribute("data-document-id")
        break
    time.sleep(1)
check(credit is not None, "the bounce came back and the document shows bounced")
if credit:
    owner.get(f"{base}/dossiers/acme/documents/{credit}")
    check("nobody@acct.test" in owner.find_element(By.CSS_SELECTOR, ".bounce").text, "the bounce names the failed mailbox")
    shot(owner, "06-bounced-document")
owner.quit()

# --- The accountant: his dossiers only, the quarter as one ZIP, byte-equal ------------------
accountant = browser()
log_in(accountant, "eva@acct.test")
links = [a.get_attribute("href") for a in accountant.find_elements(By.CSS_SELECTOR, "ul.dossiers a")]
check(sorted(l.rsplit("/", 1)[1] for l in links) == ["acme", "beta"], f"eva sees acme and beta only: {links}")
shot(accountant, "07-accountant-dossiers")
accountant.get(base + "/dossiers/acme/documents/1")
shot(accountant, "08-accountant-document")
check(not accountant.find_elements(By.ID, "resend"), "the accountant has no resend button")
accountant.get(base + "/dossiers/acme/export?period=2026-Q4")
archive = os.path.join(downloads, "acme-2026-Q4.zip")
for _ in range(100):
    if os.path.exists(archive):
        break
    time.sleep(0.1)
check(os.path.exists(archive), "the quarter's ZIP was downloaded")
if os.path.exists(archive):
    time.sleep(0.5)
    with zipfile.ZipFile(archive) as z:
        names = sorted(z.namelist())
        check("purchase-invoice/LEV_2026_0815.xml" in names and "sales-invoice/V2026-0042.pdf" in names, f"folders per kind: {names}")
        for entry, original in [("purchase-invoice/LEV_2026_0815.xml", "purchase-invoice-LEV-2026-0815.xml"),
                                ("sales-invoice/V2026-0042.xml", "sales-invoice-V2026-0042.xml"),
                                ("sales-invoice/V2026-0042.pdf", "sales-invoice-V2026-0042.pdf"),
                                ("sales-credit-note/C2026-0007.xml", "sales-credit-note-C2026-0007.xml")]:
            if entry in names:
                same = z.read(entry) == open(os.path.join(samples, original), "rb").read()
                check(same, f"{entry} is byte-equal to {original}")
accountant.quit()

# --- Without JavaScript: log in, save the BillMail form, send the quarter --------------------
plain = browser(javascript=False)
log_in(plain, "owner@beta.test")
check(plain.current_url.endswith("/dossiers"), "logs in without JavaScript")
set_billmail(plain, "beta", {"purchase-invoice": "inkoop@acct.test"}, "09-nojs-billmail")
ledgermail("import", "beta", os.path.join(samples, "purchase-invoice-LEV-2026-0815.xml"))
send_quarter(plain, "beta", "Q4 zonder JavaScript", "10-nojs-send")
plain.quit()

print(f"web browser: {check.count} checks, {check.failures} failure(s)")
sys.exit(1 if check.failures else 0)
