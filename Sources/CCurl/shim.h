#ifndef LEDGERMAIL_CCURL_SHIM_H
#define LEDGERMAIL_CCURL_SHIM_H

#include <curl/curl.h>
#include <string.h>

// Swift cannot call C variadic functions nor see function-like macros, so every
// curl_easy_setopt / curl_easy_getinfo use goes through one typed wrapper below.

/// Wraps curl_global_init(CURL_GLOBAL_ALL): the macro does not import.
static inline CURLcode lm_curl_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

/// Wraps curl_easy_setopt(handle, option, long).
static inline CURLcode lm_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Wraps curl_easy_setopt(handle, option, const char *). libcurl copies the string.
static inline CURLcode lm_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Wraps curl_easy_setopt(handle, option, struct curl_slist *), e.g. CURLOPT_MAIL_RCPT.
/// libcurl does not copy the list: it must outlive the transfer.
static inline CURLcode lm_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

/// Wraps curl_easy_setopt(handle, option, void *), for the *DATA user pointers.
static inline CURLcode lm_curl_setopt_pointer(CURL *handle, CURLoption option, void *pointer) {
    return curl_easy_setopt(handle, option, pointer);
}

/// Wraps curl_easy_setopt(handle, option, curl_off_t), e.g. CURLOPT_INFILESIZE_LARGE.
static inline CURLcode lm_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*lm_curl_read_callback)(char *buffer, size_t size, size_t count, void *userdata);

/// Wraps curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback).
static inline CURLcode lm_curl_setopt_read_function(CURL *handle, lm_curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

typedef int (*lm_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);

/// Wraps curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback). The debug callback is the
/// only way to see each SMTP reply (one per RCPT TO), so it is how per-recipient results are read.
static inline CURLcode lm_curl_setopt_debug_function(CURL *handle, lm_curl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

/// Wraps curl_easy_getinfo(handle, info, long *).
static inline CURLcode lm_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Certificate `index` of the server chain libcurl recorded (CURLOPT_CERTINFO), leaf first, as
/// the PEM text of its "Cert:" entry; NULL past the end. The text belongs to the handle.
static inline const char *lm_curl_certificate_pem(CURL *handle, int index) {
    struct curl_certinfo *info = NULL;
    if (curl_easy_getinfo(handle, CURLINFO_CERTINFO, &info) != CURLE_OK || info == NULL) return NULL;
    if (index < 0 || index >= info->num_of_certs) return NULL;
    for (struct curl_slist *field = info->certinfo[index]; field != NULL; field = field->next) {
        if (strncmp(field->data, "Cert:", 5) == 0) return field->data + 5;
    }
    return NULL;
}

#endif
