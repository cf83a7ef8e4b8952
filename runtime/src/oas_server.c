/* oas_server.c - a server URL of a registry with its {variables} filled
 * (OpenAPI Server Object): the value given for each, else its default. */
#include <stdio.h>
#include <string.h>

#include "oas_call.h"
#include "oas_registry.h"

static const char *given_value(const char *name, size_t len, const char *const *names,
                               const char *const *values, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (names[i] && strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
            return values[i];
    return NULL;
}

static const oas_server_variable *find_variable(const oas_server_entry *s, const char *name,
                                                size_t len)
{
    for (size_t i = 0; i < s->variable_count; i++)
        if (strlen(s->variables[i].name) == len && memcmp(s->variables[i].name, name, len) == 0)
            return &s->variables[i];
    return NULL;
}

static oas_status check_enum(const oas_server_variable *v, const char *value, oas_error *err)
{
    if (!v->enum_count)
        return OAS_OK;
    for (size_t i = 0; i < v->enum_count; i++)
        if (strcmp(v->enum_values[i], value) == 0)
            return OAS_OK;
    char allowed[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < v->enum_count && used < sizeof allowed - 1; i++) {
        int n = snprintf(allowed + used, sizeof allowed - used, "%s%s", i ? ", " : "",
                         v->enum_values[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                         "server variable \"%s\" must be one of %s (got \"%s\")", v->name, allowed,
                         value);
}

/* Back to the first len bytes (what the caller had). */
static void truncate_to(oas_buf *b, size_t len)
{
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
}

oas_status oas_registry_server_url(const oas_registry *reg, size_t index, const char *const *names,
                                   const char *const *values, size_t count, oas_buf *out,
                                   oas_error *err)
{
    if (!reg || !out || (count && (!names || !values)))
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_registry_server_url: NULL argument");
    if (index >= reg->server_count)
        return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                             "the spec declares %zu server%s; there is no server %zu",
                             reg->server_count, reg->server_count == 1 ? "" : "s", index);
    const oas_server_entry *s = &reg->servers[index];
    for (size_t i = 0; i < count; i++)
        if (!names[i] || !find_variable(s, names[i], strlen(names[i])))
            return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                                 "server %s has no variable \"%s\"", s->url,
                                 names[i] ? names[i] : "");
    size_t start = out->len;
    const char *t = s->url;
    while (*t) {
        const char *open = strchr(t, '{'), *close = open ? strchr(open, '}') : NULL;
        if (!close) {
            oas_buf_puts(out, t);
            break;
        }
        oas_buf_append(out, t, (size_t)(open - t));
        size_t len = (size_t)(close - open - 1);
        const oas_server_variable *v = find_variable(s, open + 1, len);
        if (!v) {
            truncate_to(out, start);
            return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                                 "server %s uses a variable it does not declare", s->url);
        }
        const char *value = given_value(open + 1, len, names, values, count);
        oas_status st = check_enum(v, value ? value : v->default_value, err);
        if (st != OAS_OK) {
            truncate_to(out, start);
            return st;
        }
        oas_buf_puts(out, value ? value : v->default_value);
        t = close + 1;
    }
    if (oas_buf_status(out) != OAS_OK)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory");
    /* A relative server ("/v1") is relative to where the spec was served:
       the caller must name the host. */
    const char *url = out->data + start;
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
        truncate_to(out, start);
        return oas_error_set(err, OAS_ERR_USAGE, NULL, OAS_NO_OFFSET,
                             "server %s is not an absolute http(s) URL: give the server URL", s->url);
    }
    return OAS_OK;
}

oas_status oas_client_use_spec_server(oas_client *c, const oas_registry *reg, size_t index,
                                      const char *const *names, const char *const *values,
                                      size_t count, oas_error *err)
{
    oas_buf url = OAS_BUF_INIT;
    oas_status st = oas_registry_server_url(reg, index, names, values, count, &url, err);
    if (st == OAS_OK)
        st = oas_client_set_server(c, url.data, err);
    oas_buf_free(&url);
    return st;
}

oas_status oas_client_use_registry(oas_client *c, const oas_registry *reg, oas_error *err)
{
    if (!c || !reg)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_client_use_registry: NULL client or registry");
    return oas_client_set_rate_limit_headers(
        c, reg->rate_limit_header_count ? reg->rate_limit_headers : NULL,
        reg->rate_limit_header_count, err);
}
