/* validate_har_match.c - URL paths, server prefixes and media types of
 * captured traffic, matched against a registry. */
#include "validate_har_match.h"

#include <string.h>
#include <strings.h>

/* The registry's path matcher refuses longer paths too. */
#define HAR_MAX_PATH 2048

static const char *skip_authority(const char *p, const char *end)
{
    while (p < end && *p != '/' && *p != '?' && *p != '#')
        p++;
    return p;
}

bool har_url_path(const char *url, size_t url_len, const char **path, size_t *path_len)
{
    const char *end = url + url_len, *p;
    if (url_len >= 2 && url[0] == '/' && url[1] == '/') {
        p = skip_authority(url + 2, end); /* scheme-relative "//host/path" */
    } else if (url_len >= 1 && url[0] == '/') {
        p = url;
    } else {
        const char *colon = memchr(url, ':', url_len);
        if (!colon || end - colon < 3 || colon[1] != '/' || colon[2] != '/')
            return false;
        for (const char *q = url; q < colon; q++)
            if (*q == '/' || *q == '?' || *q == '#')
                return false;
        p = skip_authority(colon + 3, end);
    }
    const char *stop = p;
    while (stop < end && *stop != '?' && *stop != '#')
        stop++;
    if (stop == p) {
        *path = "/";
        *path_len = 1;
    } else {
        *path = p;
        *path_len = (size_t)(stop - p);
    }
    return true;
}

static size_t segment_end(const char *s, size_t from, size_t len)
{
    while (from < len && s[from] != '/')
        from++;
    return from;
}

/* How many bytes of path the server URL's path covers (whole segments; a
 * segment with a {variable} matches any one non-empty segment); 0 when the
 * server has no path or it does not start the path. */
static size_t server_prefix_len(const char *server_url, const char *path, size_t path_len)
{
    const char *sp;
    size_t sn;
    if (!server_url || !har_url_path(server_url, strlen(server_url), &sp, &sn))
        return 0;
    while (sn > 0 && sp[sn - 1] == '/')
        sn--;
    size_t i = 0, j = 0;
    while (i < sn) {
        if (sp[i] != '/' || j >= path_len || path[j] != '/')
            return 0;
        i++;
        j++;
        size_t se = segment_end(sp, i, sn), pe = segment_end(path, j, path_len);
        bool variable = memchr(sp + i, '{', se - i) != NULL;
        if (variable ? pe == j : (se - i != pe - j || memcmp(sp + i, path + j, se - i) != 0))
            return 0;
        i = se;
        j = pe;
    }
    return j < path_len && path[j] != '/' ? 0 : j;
}

static const oas_operation_entry *match_rest(const oas_registry *reg, const char *method,
                                             const char *rest, size_t rest_len)
{
    char buf[HAR_MAX_PATH];
    if (rest_len == 0)
        return oas_registry_match_path(reg, method, "/");
    if (rest_len >= sizeof buf)
        return NULL;
    memcpy(buf, rest, rest_len);
    buf[rest_len] = '\0';
    return oas_registry_match_path(reg, method, buf);
}

const oas_operation_entry *har_match_operation(const oas_registry *reg, const char *method,
                                               const char *path, size_t path_len)
{
    size_t stripped;
    return har_match_operation_stripped(reg, method, path, path_len, &stripped);
}

const oas_operation_entry *har_match_operation_stripped(const oas_registry *reg,
                                                        const char *method, const char *path,
                                                        size_t path_len, size_t *stripped)
{
    const oas_operation_entry *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < reg->server_count; i++) {
        size_t n = server_prefix_len(reg->servers[i].url, path, path_len);
        if (n == 0 || n <= best_len)
            continue;
        const oas_operation_entry *op = match_rest(reg, method, path + n, path_len - n);
        if (op) {
            best = op;
            best_len = n;
        }
    }
    *stripped = best ? best_len : 0;
    return best ? best : match_rest(reg, method, path, path_len);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

void har_media_type(const char *value, size_t len, const char **type, size_t *type_len)
{
    size_t start = 0, end = 0;
    while (start < len && is_blank(value[start]))
        start++;
    end = start;
    while (end < len && value[end] != ';')
        end++;
    while (end > start && is_blank(value[end - 1]))
        end--;
    *type = value + start;
    *type_len = end - start;
}

static bool same_token(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && strncasecmp(a, b, an) == 0;
}

bool har_media_matches(const char *declared, const char *type, size_t type_len)
{
    const char *d;
    size_t dn;
    har_media_type(declared, strlen(declared), &d, &dn);
    const char *dslash = memchr(d, '/', dn), *tslash = memchr(type, '/', type_len);
    if (!dslash || !tslash)
        return false;
    size_t dmain = (size_t)(dslash - d), tmain = (size_t)(tslash - type);
    const char *dsub = dslash + 1, *tsub = tslash + 1;
    size_t dsubn = dn - dmain - 1, tsubn = type_len - tmain - 1;
    if (same_token(d, dn, "*/*", 3))
        return true;
    if (!same_token(d, dmain, type, tmain))
        return false;
    return same_token(dsub, dsubn, "*", 1) || same_token(dsub, dsubn, tsub, tsubn);
}

const oas_response_entry *har_response_for_media(const oas_operation_entry *op,
                                                 const oas_response_entry *selected,
                                                 const char *type, size_t type_len)
{
    for (size_t i = 0; i < op->response_count; i++) {
        const oas_response_entry *r = &op->responses[i];
        if (strcmp(r->status, selected->status) == 0 && r->content_type &&
            har_media_matches(r->content_type, type, type_len))
            return r;
    }
    return NULL;
}
