"""A TLS listener that only greets like an IMAP or SMTP server, for certificate checks that the
stack's one certificate cannot show (another CA, another key purpose). It refuses every command
but SMTP's EHLO.

usage: tls_greeter.py imap|smtp|smtp-starttls CERT KEY LOG [LATER_CERT LATER_KEY]
Prints its port, serves connections (implicit TLS, or SMTP's STARTTLS), writes every byte
clients sent to LOG.
With LATER_CERT, connections after the first present that certificate instead."""
import socket
import ssl
import sys

protocol, cert, key, log = sys.argv[1:5]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
later_context = context
if len(sys.argv) > 6:
    later_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    later_context.load_cert_chain(sys.argv[5], sys.argv[6])
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
listener.settimeout(30)
print(listener.getsockname()[1], flush=True)


def starttls(connection, out):
    """SMTP in the clear up to STARTTLS (smtp-starttls): EHLO offers it, anything else is refused."""
    connection.settimeout(10)
    connection.sendall(b"220 greeter ESMTP\r\n")
    while True:
        data = connection.recv(4096)
        if not data:
            return False
        out.write(data.decode("latin-1"))
        out.flush()
        for line in data.split(b"\r\n"):
            word = line.split(b" ", 1)[0].upper()
            if word == b"EHLO":
                connection.sendall(b"250-greeter\r\n250 STARTTLS\r\n")
            elif word == b"STARTTLS":
                connection.sendall(b"220 go ahead\r\n")
                return True
            elif word:
                connection.sendall(b"530 STARTTLS first\r\n")


def serve(connection, out, context):
    if protocol == "smtp-starttls" and not starttls(connection, out):
        return
    tls = context.wrap_socket(connection, server_side=True)
    tls.settimeout(10)
    if protocol == "imap":
        tls.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] greeter ready\r\n")
    elif protocol == "smtp":
        tls.sendall(b"220 greeter ESMTP\r\n")
    while True:
        data = tls.recv(4096)
        if not data:
            return
        out.write(data.decode("latin-1"))
        out.flush()
        for line in data.split(b"\r\n"):
            word = line.split(b" ", 1)[0]
            if not word:
                continue
            if protocol == "imap":
                tls.sendall(word + b" NO nothing here\r\n")
            elif word.upper() == b"EHLO":
                tls.sendall(b"250-greeter\r\n250 AUTH PLAIN LOGIN\r\n")
            elif word.upper() == b"QUIT":
                tls.sendall(b"221 bye\r\n")
            else:
                tls.sendall(b"554 nothing here\r\n")


# One connection after another (a client may check the certificate first, then come back),
# until none has come for two seconds.
with open(log, "w", encoding="latin-1") as out:
    served = 0
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            break
        listener.settimeout(2)
        try:
            serve(connection, out, context if served == 0 else later_context)
        except (OSError, ssl.SSLError) as error:  # a client hanging up after its check is expected
            out.write(f"# {type(error).__name__}\n")
        finally:
            connection.close()
            served += 1
