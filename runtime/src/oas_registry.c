/* oas_registry.c - lookups in a generated registry: by name (binary search
 * over the sorted tables), response selection, path-template matching. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "oas_registry.h"

const oas_schema_entry *oas_registry_find_schema(const oas_registry *reg, const char *name)
{
    if (!reg || !name)
        return NULL;
    size_t lo = 0, hi = reg->schema_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, reg->schemas[mid].name);
        if (c == 0)
            return &reg->schemas[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const oas_operation_entry *oas_registry_find_operation(const oas_registry *reg,
                                                       const char *operation_id)
{
    if (!reg || !operation_id)
        return NULL;
    size_t lo = 0, hi = reg->operation_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(operation_id, reg->operations[mid].operation_id);
        if (c == 0)
            return &reg->operations[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The tables are short and sorted so that the first match is the first
 * method: a linear scan. */
static const oas_event_entry *find_event(const oas_event_entry *events, size_t count,
                                         const char *owner, const char *name)
{
    for (size_t i = 0; name && i < count; i++)
        if (strcmp(events[i].name, name) == 0 &&
            (!owner || (events[i].owner && strcmp(events[i].owner, owner) == 0)))
            return &events[i];
    return NULL;
}

const oas_event_entry *oas_registry_find_webhook(const oas_registry *reg, const char *name)
{
    return reg ? find_event(reg->webhooks, reg->webhook_count, NULL, name) : NULL;
}

const oas_event_entry *oas_registry_find_callback(const oas_registry *reg, const char *owner,
                                                  const char *name)
{
    return reg && owner ? find_event(reg->callbacks, reg->callback_count, owner, name) : NULL;
}

/* s is the status's three digits ("404"), or with x_digits its class
 * ("4XX", either case): what strcmp against "%d" and strcasecmp against
 * "%dXX" of it said, without printing the status per lookup. */
static bool status_key_is(const char *s, int status, bool x_digits)
{
    if (s[0] != '0' + status / 100 || s[1] == '\0' || s[2] == '\0' || s[3] != '\0')
        return false;
    if (x_digits)
        return (s[1] == 'X' || s[1] == 'x') && (s[2] == 'X' || s[2] == 'x');
    return s[1] == '0' + status / 10 % 10 && s[2] == '0' + status % 10;
}

const oas_response_entry *oas_operation_find_response(const oas_operation_entry *op, int status)
{
    if (!op || status < 100 || status > 599)
        return NULL;
    const oas_response_entry *by_range = NULL, *fallback = NULL;
    for (size_t i = 0; i < op->response_count; i++) {
        const char *s = op->responses[i].status;
        if (status_key_is(s, status, false))
            return &op->responses[i];
        if (status_key_is(s, status, true))
            by_range = &op->responses[i];
        else if (strcmp(s, "default") == 0)
            fallback = &op->responses[i];
    }
    return by_range ? by_range : fallback;
}

/* Paths of this many bytes or more match no operation. */
#define MATCH_PATH_MAX 2048
_Static_assert(MATCH_PATH_MAX < UINT16_MAX, "segment starts are 16-bit");

/* A path cut at its '/'s once, for all the templates it is matched with:
 * segment i starts at start[i] and ends one byte before start[i + 1].
 * "/a/b" has the three segments "", "a", "b"; "/" has two empty ones. A
 * path of n bytes has at most n + 1 segments. */
typedef struct split_path {
    const char *path;
    uint16_t start[MATCH_PATH_MAX + 1]; /* and where one past the last would start */
    size_t count;
} split_path;

static void split(split_path *sp, const char *path, size_t len)
{
    sp->path = path;
    sp->count = 0;
    sp->start[0] = 0;
    for (size_t i = 0; i < len; i++)
        if (path[i] == '/')
            sp->start[++sp->count] = (uint16_t)(i + 1);
    sp->start[++sp->count] = (uint16_t)(len + 1);
}

/* Does one template segment ("{key}", "v{n}.json", "flags": open and
 * close its first '{' and the first '}' after it, or NULL) match a path
 * segment? A variable matches at least one character. */
static bool segment_matches(const char *t, size_t tn, const char *open, const char *close,
                            const char *p, size_t pn)
{
    if (!open || !close)
        return tn == pn && memcmp(t, p, tn) == 0;
    size_t pre = (size_t)(open - t), post = tn - (size_t)(close - t) - 1;
    if (pn < pre + post + 1)
        return false;
    return memcmp(t, p, pre) == 0 && memcmp(close + 1, p + pn - post, post) == 0;
}

/* Match a template against a split path; on success *mask has a bit per
 * literal segment among the first 64, most significant first, so that
 * literal matches earlier in the path can be preferred. A segment is
 * compared byte by byte as long as it is literal: most templates tried
 * fail at their first literal segment that differs, without a look for
 * its braces. */
static bool template_matches(const char *tpl, const split_path *sp, unsigned long long *mask)
{
    *mask = 0;
    for (size_t k = 0; k < sp->count; k++) {
        const char *seg = sp->path + sp->start[k], *p = seg;
        const char *end = sp->path + sp->start[k + 1] - 1;
        const char *t = tpl;
        while (p < end && *t == *p && *t != '{') {
            t++;
            p++;
        }
        bool literal = true;
        if (*t == '{') {
            const char *open = NULL, *close = NULL;
            for (t = tpl; *t && *t != '/'; t++) {
                if (*t == '{' && !open)
                    open = t;
                else if (*t == '}' && open && !close)
                    close = t;
            }
            if (!segment_matches(tpl, (size_t)(t - tpl), open, close, seg, (size_t)(end - seg)))
                return false;
            literal = !open || !close;
        } else if (p != end || (*t && *t != '/')) {
            return false;
        }
        if (literal && k < 64)
            *mask |= 1ull << (63 - k);
        if (!*t)
            return k + 1 == sp->count;
        tpl = t + 1;
    }
    return false; /* the template has more segments */
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* HTTP methods compare without regard to ASCII case. */
static bool method_is(const char *a, const char *b)
{
    while (*a && ascii_lower(*a) == ascii_lower(*b)) {
        a++;
        b++;
    }
    return ascii_lower(*a) == ascii_lower(*b);
}

/* Does op match better than *best (literal segments earlier in the path
 * win: masks compare most significant bit first; the first of equals)? */
static void consider(const oas_operation_entry *op, const split_path *sp,
                     const oas_operation_entry **best, unsigned long long *best_mask)
{
    unsigned long long mask;
    if (template_matches(op->path, sp, &mask) && (!*best || mask > *best_mask)) {
        *best = op;
        *best_mask = mask;
    }
}

static size_t template_segments(const char *tpl)
{
    size_t n = 1;
    for (const char *slash = strchr(tpl, '/'); slash; slash = strchr(slash + 1, '/'))
        n++;
    return n;
}

/* op's place against (method, segments) in path_order's order. */
static int path_key_cmp(const oas_operation_entry *op, const char *method, size_t segments)
{
    int c = strcmp(op->method, method);
    if (c)
        return c;
    size_t n = template_segments(op->path);
    return n < segments ? -1 : n > segments;
}

/* The first place in path_order whose operation's key is not below
 * (method, segments), or with after, not at or below it. */
static size_t path_order_bound(const oas_registry *reg, const char *method, size_t segments,
                               bool after)
{
    size_t lo = 0, hi = reg->operation_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = path_key_cmp(&reg->operations[reg->path_order[mid]], method, segments);
        if (c < 0 || (after && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const oas_operation_entry *oas_registry_match_path(const oas_registry *reg, const char *method,
                                                   const char *path)
{
    if (!reg || !method || !path)
        return NULL;
    size_t len = strlen(path);
    if (len >= MATCH_PATH_MAX)
        return NULL;
    /* "/a/b/" is the same resource as "/a/b" */
    if (len > 1 && path[len - 1] == '/')
        len--;
    split_path sp;
    split(&sp, path, len);
    const oas_operation_entry *best = NULL;
    unsigned long long best_mask = 0;
    char upper[16];
    size_t mn = strlen(method);
    if (reg->path_order && mn < sizeof upper) {
        /* Only the templates of this method with as many segments can
         * match: found by binary search in path_order, tried in index
         * order as the full scan below would. */
        for (size_t i = 0; i <= mn; i++)
            upper[i] = method[i] >= 'a' && method[i] <= 'z' ? (char)(method[i] - 'a' + 'A')
                                                            : method[i];
        size_t lo = path_order_bound(reg, upper, sp.count, false);
        size_t hi = path_order_bound(reg, upper, sp.count, true);
        for (size_t i = lo; i < hi; i++)
            consider(&reg->operations[reg->path_order[i]], &sp, &best, &best_mask);
        return best;
    }
    for (size_t i = 0; i < reg->operation_count; i++)
        if (method_is(reg->operations[i].method, method))
            consider(&reg->operations[i], &sp, &best, &best_mask);
    return best;
}
