/* oas_registry.c - lookups in a generated registry: by name (binary search
 * over the sorted tables), response selection, path-template matching. */
#include <stdbool.h>
#include <string.h>
#include <strings.h>
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

/* Does one template segment ("{key}", "v{n}.json", "flags") match a path
 * segment? *literal says whether the template segment had no variable. */
static bool segment_matches(const char *t, size_t tn, const char *p, size_t pn, bool *literal)
{
    const char *open = memchr(t, '{', tn);
    const char *close = open ? memchr(open, '}', tn - (size_t)(open - t)) : NULL;
    if (!open || !close) {
        *literal = true;
        return tn == pn && memcmp(t, p, tn) == 0;
    }
    *literal = false;
    size_t pre = (size_t)(open - t), post = tn - (size_t)(close - t) - 1;
    if (pn < pre + post + 1)  /* a variable matches at least one character */
        return false;
    return memcmp(t, p, pre) == 0 && memcmp(close + 1, p + pn - post, post) == 0;
}

/* Match a template against a path; on success fills a per-segment literal
 * mask (first 64 segments) used to prefer literal matches. */
static bool template_matches(const char *tpl, const char *path, unsigned long long *mask,
                             size_t *segments)
{
    *mask = 0;
    *segments = 0;
    for (;;) {
        size_t tn = strcspn(tpl, "/"), pn = strcspn(path, "/");
        bool literal;
        if (!segment_matches(tpl, tn, path, pn, &literal))
            return false;
        if (literal && *segments < 64)
            *mask |= 1ull << (63 - *segments);
        (*segments)++;
        tpl += tn;
        path += pn;
        if (!*tpl || !*path)
            return !*tpl && !*path;
        tpl++;
        path++;
    }
}

const oas_operation_entry *oas_registry_match_path(const oas_registry *reg, const char *method,
                                                   const char *path)
{
    if (!reg || !method || !path)
        return NULL;
    /* "/a/b/" is the same resource as "/a/b" */
    char trimmed[2048];
    size_t len = strlen(path);
    if (len >= sizeof trimmed)
        return NULL;
    memcpy(trimmed, path, len + 1);
    if (len > 1 && trimmed[len - 1] == '/')
        trimmed[len - 1] = '\0';
    const oas_operation_entry *best = NULL;
    unsigned long long best_mask = 0;
    for (size_t i = 0; i < reg->operation_count; i++) {
        const oas_operation_entry *op = &reg->operations[i];
        unsigned long long mask;
        size_t segs;
        if (strcasecmp(op->method, method) != 0 ||
            !template_matches(op->path, trimmed, &mask, &segs))
            continue;
        /* Literal segments earlier in the path win: compare masks MSB first. */
        if (!best || mask > best_mask) {
            best = op;
            best_mask = mask;
        }
    }
    return best;
}
