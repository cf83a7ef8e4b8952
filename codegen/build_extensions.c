/* build_extensions.c - oas2c's own x-oas2c-* extensions: facts about an API
 * that OpenAPI has no field for, declared in the spec (or an overlay) so
 * that the generator and the runtime need no knowledge of any vendor.
 *
 *   parameter  x-oas2c-missing-status: 403
 *              what the API (and so the mock) answers when the parameter is
 *              missing, instead of 400
 *   document   x-oas2c-rate-limit-headers:
 *                - {name: RateLimit-Reset, meaning: reset-delta-s}
 *              the response headers that tell a client when to retry and
 *              how much is left (meanings: ir.h, ir_rate_limit_meaning) */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "build_ctx.h"
#include "oc_alloc.h"

#define MISSING_STATUS "x-oas2c-missing-status"
#define RATE_LIMIT_HEADERS "x-oas2c-rate-limit-headers"

int build_missing_status(build_ctx *b, const ynode *param, bool required)
{
    const ynode *n = ynode_get(param, MISSING_STATUS);
    if (!n)
        return 0;
    /* A plain integer only: "403" quoted, 4.03e2 or 0x193 are not. */
    bool digits = n->kind == YN_SCALAR && n->stype == YS_INT && n->len == 3 &&
                  strspn(n->str, "0123456789") == 3;
    int status = digits ? atoi(n->str) : 0;
    if (status < 400 || status > 599) {
        build_error(b, n, "'" MISSING_STATUS "' must be an integer from 400 to 599");
        return 0;
    }
    if (!required) {
        build_error(b, n, "'" MISSING_STATUS "' needs a required parameter (only a required "
                          "one can be missing)");
        return 0;
    }
    return status;
}

static const struct {
    const char *name;
    ir_rate_limit_meaning meaning;
} meanings[] = {
    {"retry-after", IR_RL_RETRY_AFTER},       {"reset-epoch-ms", IR_RL_RESET_EPOCH_MS},
    {"reset-epoch-s", IR_RL_RESET_EPOCH_S},   {"reset-delta-s", IR_RL_RESET_DELTA_S},
    {"remaining", IR_RL_REMAINING},
};

/* RFC 9110 token characters: what a header name may be made of. */
static bool header_token(const char *s)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";
    if (!*s)
        return false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !strchr(extra, c))
            return false;
    }
    return true;
}

/* One {name, meaning} entry; false after reporting what is wrong. */
static bool read_entry(build_ctx *b, const ynode *e, ir_rate_limit_header *out)
{
    if (e->kind != YN_MAP) {
        build_error(b, e, "a rate-limit header must be a mapping {name, meaning}");
        return false;
    }
    bool ok = true;
    for (size_t k = 0; k < e->count; k++) {
        const char *key = e->keys[k]->str;
        if (strcmp(key, "name") != 0 && strcmp(key, "meaning") != 0) {
            build_error(b, e->keys[k], "unknown key '%s' in a rate-limit header (name, meaning)",
                        key);
            ok = false;
        }
    }
    const ynode *name = ynode_get(e, "name"), *meaning = ynode_get(e, "meaning");
    if (!name || !meaning) {
        build_error(b, e, "a rate-limit header needs 'name' and 'meaning'");
        return false;
    }
    const char *name_s = build_string(b, name, "name");
    const char *meaning_s = build_string(b, meaning, "meaning");
    if (!name_s || !meaning_s)
        return false;
    if (!header_token(name_s)) {
        build_error(b, name, "\"%s\" is not an HTTP header name", name_s);
        ok = false;
    }
    size_t m = 0;
    while (m < sizeof meanings / sizeof *meanings && strcmp(meanings[m].name, meaning_s) != 0)
        m++;
    if (m == sizeof meanings / sizeof *meanings) {
        build_error(b, meaning,
                    "unknown rate-limit header meaning \"%s\" (retry-after, reset-epoch-ms, "
                    "reset-epoch-s, reset-delta-s or remaining)",
                    meaning_s);
        ok = false;
    }
    if (!ok)
        return false;
    out->name = oc_strdup(name_s);
    out->meaning = meanings[m].meaning;
    out->loc = build_loc(b, e);
    return true;
}

void build_rate_limit_headers(build_ctx *b, const ynode *list)
{
    if (!list)
        return;
    if (list->kind != YN_SEQ) {
        build_error(b, list, "'" RATE_LIMIT_HEADERS "' must be a sequence of {name, meaning}");
        return;
    }
    ir_spec *spec = b->spec;
    spec->rate_limit_headers = oc_calloc(list->count ? list->count : 1,
                                         sizeof *spec->rate_limit_headers);
    for (size_t i = 0; i < list->count; i++) {
        ir_rate_limit_header h;
        if (!read_entry(b, list->items[i], &h))
            continue;
        /* Header names are case-insensitive: one name, one meaning. */
        size_t k = 0;
        while (k < spec->rate_limit_header_count &&
               strcasecmp(spec->rate_limit_headers[k].name, h.name) != 0)
            k++;
        if (k < spec->rate_limit_header_count) {
            build_error(b, ynode_get(list->items[i], "name"),
                        "rate-limit header \"%s\" is listed twice", h.name);
            free(h.name);
            continue;
        }
        spec->rate_limit_headers[spec->rate_limit_header_count++] = h;
    }
}
