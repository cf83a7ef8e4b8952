/* oas_client_credentials.c - a client's secrets per security scheme
 * (oas_client_set_credential), held apart from the token so that they are
 * wiped with it and offered to oas_call only. */
#include <string.h>

#include "oas_alloc.h"
#include "oas_call.h"
#include "oas_http_internal.h"

typedef struct oas_credential_store {
    oas_credential *items; /* scheme and secret both owned */
    size_t count;
} oas_credential_store;

static void wipe_free(char *s)
{
    if (!s)
        return;
    for (volatile char *p = s; *p; p++)
        *p = 0;
    oas_free(s);
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

void oas_client_credentials_free(oas_client *c)
{
    if (!c || !c->credentials)
        return;
    for (size_t i = 0; i < c->credentials->count; i++) {
        oas_free((char *)c->credentials->items[i].scheme);
        wipe_free((char *)c->credentials->items[i].secret);
    }
    oas_free(c->credentials->items);
    oas_free(c->credentials);
    c->credentials = NULL;
}

oas_status oas_client_set_credential(oas_client *c, const char *scheme, const char *secret,
                                     oas_error *err)
{
    if (!c || !scheme)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_client_set_credential: NULL client or scheme");
    /* The messages never quote the secret. */
    if (secret && blank(secret))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "the credential for \"%s\" is blank", scheme);
    if (secret && !oas_http_header_value_ok(secret, strlen(secret)))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "the credential for \"%s\" contains CR, LF or NUL", scheme);
    if (!c->credentials && !(c->credentials = oas_calloc(1, sizeof *c->credentials)))
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    oas_credential_store *st = c->credentials;
    size_t i = 0;
    while (i < st->count && strcmp(st->items[i].scheme, scheme) != 0)
        i++;
    if (!secret) {
        if (i < st->count) {
            oas_free((char *)st->items[i].scheme);
            wipe_free((char *)st->items[i].secret);
            st->items[i] = st->items[--st->count];
        }
        return OAS_OK;
    }
    char *copy = oas_strdup(secret);
    if (!copy)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    if (i < st->count) {
        wipe_free((char *)st->items[i].secret);
        st->items[i].secret = copy;
        return OAS_OK;
    }
    char *name = oas_strdup(scheme);
    oas_credential *items = name ? oas_realloc_array(st->items, st->count + 1, sizeof *items) : NULL;
    if (!items) {
        oas_free(name);
        wipe_free(copy);
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    }
    st->items = items;
    st->items[st->count++] = (oas_credential){name, copy};
    return OAS_OK;
}

size_t oas_client_credentials(const oas_client *c, const oas_credential **out)
{
    *out = c && c->credentials ? c->credentials->items : NULL;
    return c && c->credentials ? c->credentials->count : 0;
}
