/* oas_http_rate_limit.c - the client's list of rate-limit headers
 * (oas_client_set_rate_limit_headers in oas_http.h). */
#include "oas_http_internal.h"

#include <stdint.h>
#include <string.h>
#include "oas_alloc.h"

/* HTTP's own header, the only one every server may send. */
static const oas_rate_limit_header default_headers[] = {
    {"Retry-After", OAS_RATE_LIMIT_RETRY_AFTER},
};

void oas_client_rate_limit_free(oas_client *c)
{
    oas_free(c->rate_owned);
    c->rate_owned = NULL;
    c->rate_headers = default_headers;
    c->rate_header_count = sizeof default_headers / sizeof *default_headers;
}

oas_status oas_client_set_rate_limit_headers(oas_client *c, const oas_rate_limit_header *list,
                                             size_t count, oas_error *err)
{
    if (!c || (count && !list))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "rate-limit headers: NULL client or list");
    if (!list) {
        oas_client_rate_limit_free(c);
        c->rate_chosen = false;
        return OAS_OK;
    }
    size_t names = 0;
    for (size_t i = 0; i < count; i++) {
        const char *name = list[i].name;
        if (!name || !oas_http_header_name_ok(name, strlen(name)))
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "rate-limit header %zu: not an HTTP header name", i + 1);
        if ((unsigned)list[i].meaning > OAS_RATE_LIMIT_REMAINING)
            return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                                 "rate-limit header %s: unknown meaning %d", name,
                                 (int)list[i].meaning);
        size_t len = strlen(name) + 1;
        if (names > SIZE_MAX - len)
            return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
        names += len;
    }
    /* One block: the entries, then their names. */
    size_t entries = count * sizeof *list;
    if (count > SIZE_MAX / sizeof *list || entries > SIZE_MAX - names)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    char *block = oas_malloc(entries + names > 0 ? entries + names : 1);
    if (!block)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    oas_rate_limit_header *copy = (oas_rate_limit_header *)(void *)block;
    char *at = block + entries;
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(list[i].name) + 1;
        memcpy(at, list[i].name, len);
        copy[i] = (oas_rate_limit_header){at, list[i].meaning};
        at += len;
    }
    oas_free(c->rate_owned);
    c->rate_owned = block;
    c->rate_headers = copy;
    c->rate_header_count = count;
    c->rate_chosen = true;
    return OAS_OK;
}

oas_status oas_client_adopt_rate_limit_headers(oas_client *c, const oas_rate_limit_header *list,
                                               size_t count, oas_error *err)
{
    /* Once adopted the list counts as chosen: no copy on the next call. */
    if (!c || c->rate_chosen || !count)
        return OAS_OK;
    return oas_client_set_rate_limit_headers(c, list, count, err);
}
