#ifndef LEDGERMAIL_CGNUTLS_SHIM_H
#define LEDGERMAIL_CGNUTLS_SHIM_H

#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>

// The server-certificate check LedgerMail applies to every TLS peer, SMTP (libcurl) and IMAP
// (libetpan) alike. libetpan checks nothing and libcurl's GnuTLS backend leaves out the key
// purpose, so the whole check lives here once. Chains come in as DER buffers.

/// Outcomes of lm_tls_verify_chain.
enum {
    LM_TLS_OK = 0,
    LM_TLS_CA_UNREADABLE = 1,    // the configured CA file gave no certificate
    LM_TLS_UNTRUSTED = 2,        // the chain does not verify against the trust list
    LM_TLS_WRONG_PURPOSE = 3,    // trusted, but its extended key usage does not allow a TLS server
    LM_TLS_NAME_MISMATCH = 4,    // the leaf certificate is not for this host name or IP
    LM_TLS_INTERNAL = 5,         // GnuTLS could not check at all (unparsable certificate, no trust store)
};

/// Verifies `count` DER certificates (leaf first) against `ca_file` (PEM) when given or the system
/// trust store otherwise; the leaf must allow TLS server authentication when it names purposes at
/// all (RFC 5280 §4.2.1.12) and be for `hostname` (a DNS name or an IP literal). `status` gets
/// GnuTLS's verification bits when the chain is refused.
static inline int lm_tls_verify_chain(const unsigned char *const *ders, const unsigned int *lengths,
                                      unsigned int count, const char *ca_file, const char *hostname,
                                      unsigned int *status) {
    *status = 0;
    if (count == 0) return LM_TLS_INTERNAL;
    int result = LM_TLS_INTERNAL;
    gnutls_x509_trust_list_t trust = NULL;
    gnutls_x509_crt_t *certs = calloc(count, sizeof(gnutls_x509_crt_t));
    unsigned int imported = 0;
    if (certs == NULL || gnutls_x509_trust_list_init(&trust, 0) < 0) goto done;

    if (ca_file != NULL && ca_file[0] != '\0') {
        if (gnutls_x509_trust_list_add_trust_file(trust, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0) <= 0) {
            result = LM_TLS_CA_UNREADABLE;
            goto done;
        }
    } else if (gnutls_x509_trust_list_add_system_trust(trust, 0, 0) < 0) {
        goto done;
    }

    for (; imported < count; imported++) {
        gnutls_datum_t datum = { (unsigned char *)ders[imported], lengths[imported] };
        if (gnutls_x509_crt_init(&certs[imported]) < 0) goto done;
        if (gnutls_x509_crt_import(certs[imported], &datum, GNUTLS_X509_FMT_DER) < 0) {
            gnutls_x509_crt_deinit(certs[imported]);
            goto done;
        }
    }
    gnutls_typed_vdata_st purpose = { GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER, 0 };
    if (gnutls_x509_trust_list_verify_crt2(trust, certs, count, &purpose, 1, 0, status, NULL) < 0) goto done;
    // Untrusted first: a chain that fails for any other reason is told as such (set tls.ca_file).
    if (*status & ~(GNUTLS_CERT_INVALID | GNUTLS_CERT_PURPOSE_MISMATCH)) { result = LM_TLS_UNTRUSTED; goto done; }
    if (*status & GNUTLS_CERT_PURPOSE_MISMATCH) { result = LM_TLS_WRONG_PURPOSE; goto done; }
    if (*status != 0) { result = LM_TLS_UNTRUSTED; goto done; }
    // gnutls_x509_crt_check_hostname also matches IP-address SANs when given an IP literal.
    result = gnutls_x509_crt_check_hostname(certs[0], hostname) ? LM_TLS_OK : LM_TLS_NAME_MISMATCH;

done:
    for (unsigned int i = 0; i < imported; i++) gnutls_x509_crt_deinit(certs[i]);
    free(certs);
    if (trust != NULL) gnutls_x509_trust_list_deinit(trust, 1);
    return result;
}

/// The DER SubjectPublicKeyInfo of a DER certificate (what libcurl's CURLOPT_PINNEDPUBLICKEY
/// hashes), malloc'd into `*spki` (free() it); returns its length, or -1.
static inline long lm_tls_public_key_info(const unsigned char *der, unsigned int length, unsigned char **spki) {
    *spki = NULL;
    long result = -1;
    gnutls_x509_crt_t cert = NULL;
    gnutls_pubkey_t key = NULL;
    gnutls_datum_t datum = { (unsigned char *)der, length };
    gnutls_datum_t out = { NULL, 0 };
    if (gnutls_x509_crt_init(&cert) < 0) return -1;
    if (gnutls_x509_crt_import(cert, &datum, GNUTLS_X509_FMT_DER) < 0) goto done;
    if (gnutls_pubkey_init(&key) < 0) goto done;
    if (gnutls_pubkey_import_x509(key, cert, 0) < 0) goto done;
    if (gnutls_pubkey_export2(key, GNUTLS_X509_FMT_DER, &out) < 0) goto done;
    *spki = malloc(out.size);
    if (*spki != NULL) { memcpy(*spki, out.data, out.size); result = (long)out.size; }
    gnutls_free(out.data);
done:
    if (key != NULL) gnutls_pubkey_deinit(key);
    gnutls_x509_crt_deinit(cert);
    return result;
}

#endif
