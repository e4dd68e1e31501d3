import LedgerMail
print(LedgerMailVersion.current)
