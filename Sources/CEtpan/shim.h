#ifndef LEDGERMAIL_CETPAN_SHIM_H
#define LEDGERMAIL_CETPAN_SHIM_H

#include <stdlib.h>
#include <string.h>
#include <libetpan/libetpan.h>

// The few libetpan operations LedgerMail needs, each done whole in C so that Swift never
// walks libetpan's clists and unions (Swift cannot tell which union member is valid, and a
// wrong guess crashes). Every buffer handed to Swift is malloc'd here and freed with free().

/// The server's certificate chain on the session's TLS stream (DER, leaf first), or NULL when
/// there is none. libetpan's TLS never checks it: the caller does, before LOGIN. Free it with
/// mailstream_certificate_chain_free.
static inline carray *lm_imap_peer_chain(mailimap *imap) {
    if (imap == NULL || imap->imap_stream == NULL) return NULL;
    return mailstream_get_certificate_chain(imap->imap_stream);
}

static inline unsigned int lm_chain_count(carray *chain) { return carray_count(chain); }

/// Certificate `index` of a chain from lm_imap_peer_chain; the bytes belong to the chain.
static inline const unsigned char *lm_chain_certificate(carray *chain, unsigned int index, size_t *length) {
    MMAPString *der = carray_get(chain, index);
    *length = der->len;
    return (const unsigned char *)der->str;
}

/// UIDVALIDITY of the selected folder, 0 when the server sent none.
static inline uint32_t lm_imap_selected_uidvalidity(mailimap *imap) {
    if (imap == NULL || imap->imap_selection_info == NULL) return 0;
    return imap->imap_selection_info->sel_uidvalidity;
}

/// EXISTS of the selected folder as libetpan last heard it (it follows untagged EXISTS replies).
static inline uint32_t lm_imap_selected_exists(mailimap *imap) {
    if (imap == NULL || imap->imap_selection_info == NULL) return 0;
    return imap->imap_selection_info->sel_exists;
}

/// UID SEARCH UID first:* UNDELETED — the UIDs of the selected folder from `first` on, as a
/// malloc'd array in `*uids` (free() it). Note that IMAP answers `first:*` with the highest UID
/// even when it is below `first`: the caller filters. \Deleted ones are left out: without MOVE
/// and UIDPLUS a moved message stays behind, flagged, until the folder is expunged.
static inline int lm_imap_uid_search_from(mailimap *imap, uint32_t first, uint32_t **uids, size_t *count) {
    *uids = NULL; *count = 0;
    struct mailimap_set *set = mailimap_set_new_interval(first, 0);
    if (set == NULL) return MAILIMAP_ERROR_MEMORY;
    struct mailimap_search_key *uid_key = mailimap_search_key_new_uid(set);
    if (uid_key == NULL) { mailimap_set_free(set); return MAILIMAP_ERROR_MEMORY; }
    struct mailimap_search_key *undeleted = mailimap_search_key_new(MAILIMAP_SEARCH_KEY_UNDELETED,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0,
        NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL);
    struct mailimap_search_key *key = mailimap_search_key_new_multiple_empty();
    if (undeleted == NULL || key == NULL) {
        mailimap_search_key_free(uid_key);
        if (undeleted != NULL) mailimap_search_key_free(undeleted);
        if (key != NULL) mailimap_search_key_free(key);
        return MAILIMAP_ERROR_MEMORY;
    }
    if (mailimap_search_key_multiple_add(key, uid_key) != MAILIMAP_NO_ERROR) {
        mailimap_search_key_free(uid_key);
        mailimap_search_key_free(undeleted);
        mailimap_search_key_free(key);
        return MAILIMAP_ERROR_MEMORY;
    }
    if (mailimap_search_key_multiple_add(key, undeleted) != MAILIMAP_NO_ERROR) {
        mailimap_search_key_free(undeleted);
        mailimap_search_key_free(key);
        return MAILIMAP_ERROR_MEMORY;
    }
    clist *found = NULL;
    int r = mailimap_uid_search(imap, NULL, key, &found);
    mailimap_search_key_free(key);
    if (r != MAILIMAP_NO_ERROR) return r;
    size_t n = (size_t)clist_count(found);
    if (n > 0) {
        *uids = malloc(n * sizeof(uint32_t));
        if (*uids == NULL) { mailimap_search_result_free(found); return MAILIMAP_ERROR_MEMORY; }
        size_t i = 0;
        for (clistiter *it = clist_begin(found); it != NULL; it = clist_next(it)) {
            (*uids)[i++] = *(uint32_t *)clist_content(it);
        }
        *count = i;
    }
    mailimap_search_result_free(found);
    return MAILIMAP_NO_ERROR;
}

/// The first item of `att_type` (MAILIMAP_MSG_ATT_…) in a FETCH result, or NULL.
static inline struct mailimap_msg_att_static *lm_imap_fetched_item(clist *result, int att_type) {
    for (clistiter *m = clist_begin(result); m != NULL; m = clist_next(m)) {
        struct mailimap_msg_att *msg = clist_content(m);
        for (clistiter *i = clist_begin(msg->att_list); i != NULL; i = clist_next(i)) {
            struct mailimap_msg_att_item *item = clist_content(i);
            if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC) continue;
            if (item->att_data.att_static->att_type == att_type) return item->att_data.att_static;
        }
    }
    return NULL;
}

/// UID FETCH uid (RFC822.SIZE): how large the message is, before fetching it.
static inline int lm_imap_uid_fetch_size(mailimap *imap, uint32_t uid, uint32_t *size) {
    *size = 0;
    struct mailimap_set *set = mailimap_set_new_single(uid);
    struct mailimap_fetch_type *type = mailimap_fetch_type_new_fetch_att(mailimap_fetch_att_new_rfc822_size());
    clist *result = NULL;
    int r = mailimap_uid_fetch(imap, set, type, &result);
    mailimap_fetch_type_free(type);
    mailimap_set_free(set);
    if (r != MAILIMAP_NO_ERROR) return r;
    struct mailimap_msg_att_static *item = lm_imap_fetched_item(result, MAILIMAP_MSG_ATT_RFC822_SIZE);
    if (item != NULL) *size = item->att_data.att_rfc822_size;
    mailimap_fetch_list_free(result);
    return item != NULL ? MAILIMAP_NO_ERROR : MAILIMAP_ERROR_FETCH;
}

/// UID FETCH uid (BODY.PEEK[]): the whole message, unmodified, into a malloc'd buffer
/// (free() it). PEEK so that a failed processing run leaves the message unseen.
static inline int lm_imap_uid_fetch_message(mailimap *imap, uint32_t uid, char **bytes, size_t *length) {
    *bytes = NULL; *length = 0;
    struct mailimap_set *set = mailimap_set_new_single(uid);
    struct mailimap_fetch_type *type = mailimap_fetch_type_new_fetch_att_list_empty();
    struct mailimap_section *section = mailimap_section_new(NULL);
    struct mailimap_fetch_att *att = mailimap_fetch_att_new_body_peek_section(section);
    mailimap_fetch_type_new_fetch_att_list_add(type, att);
    clist *result = NULL;
    int r = mailimap_uid_fetch(imap, set, type, &result);
    mailimap_fetch_type_free(type);
    mailimap_set_free(set);
    if (r != MAILIMAP_NO_ERROR) return r;
    struct mailimap_msg_att_static *item = lm_imap_fetched_item(result, MAILIMAP_MSG_ATT_BODY_SECTION);
    r = MAILIMAP_ERROR_FETCH;
    if (item != NULL) {
        struct mailimap_msg_att_body_section *body = item->att_data.att_body_section;
        size_t n = body->sec_length;
        *bytes = malloc(n > 0 ? n : 1);
        if (*bytes == NULL) {
            r = MAILIMAP_ERROR_MEMORY;
        } else {
            if (n > 0) memcpy(*bytes, body->sec_body_part, n);
            *length = n;
            r = MAILIMAP_NO_ERROR;
        }
    }
    mailimap_fetch_list_free(result);
    return r;
}

/// Asks the server for its capabilities (CAPABILITY), so that MOVE, UIDPLUS and IDLE are known
/// even when the greeting or the LOGIN reply did not list them.
static inline int lm_imap_refresh_capabilities(mailimap *imap) {
    struct mailimap_capability_data *capabilities = NULL;
    int r = mailimap_capability(imap, &capabilities);
    if (r == MAILIMAP_NO_ERROR && capabilities != NULL) mailimap_capability_data_free(capabilities);
    return r;
}

/// Moves one message to `mailbox` (UID MOVE, RFC 6851), or copies it there, marks it \Deleted
/// and removes just that UID (UID EXPUNGE, RFC 4315). Without either extension the message is
/// copied and flagged \Deleted but not expunged: a plain EXPUNGE would also remove mail that
/// someone else marked deleted.
static inline int lm_imap_uid_move(mailimap *imap, uint32_t uid, const char *mailbox) {
    struct mailimap_set *set = mailimap_set_new_single(uid);
    if (set == NULL) return MAILIMAP_ERROR_MEMORY;
    int r;
    if (mailimap_has_extension(imap, "MOVE")) {
        r = mailimap_uid_move(imap, set, mailbox);
    } else {
        r = mailimap_uid_copy(imap, set, mailbox);
        if (r == MAILIMAP_NO_ERROR) {
            struct mailimap_flag_list *flags = mailimap_flag_list_new_empty();
            mailimap_flag_list_add(flags, mailimap_flag_new_deleted());
            struct mailimap_store_att_flags *store = mailimap_store_att_flags_new_add_flags_silent(flags);
            r = mailimap_uid_store(imap, set, store);
            mailimap_store_att_flags_free(store);
            if (r == MAILIMAP_NO_ERROR && mailimap_has_extension(imap, "UIDPLUS")) r = mailimap_uid_expunge(imap, set);
        }
    }
    mailimap_set_free(set);
    return r;
}

/// IMAP IDLE (RFC 2177) on the selected folder for at most `seconds`: 1 when the server
/// announced something (new mail), 0 when the time ran out, -1 on an error or no IDLE support.
static inline int lm_imap_idle_wait(mailimap *imap, int seconds) {
    if (!mailimap_has_idle(imap)) return -1;
    if (mailstream_setup_idle(imap->imap_stream) != 0) return -1;
    int result = -1;
    if (mailimap_idle(imap) == MAILIMAP_NO_ERROR) {
        int waited = mailstream_wait_idle(imap->imap_stream, seconds);
        result = waited == MAILSTREAM_IDLE_HASDATA ? 1 : (waited == MAILSTREAM_IDLE_TIMEOUT ? 0 : -1);
        if (mailimap_idle_done(imap) != MAILIMAP_NO_ERROR) result = -1;
    }
    mailstream_unsetup_idle(imap->imap_stream);
    return result;
}

#endif
