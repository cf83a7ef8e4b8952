/* mock_params.c - the mock's request checks (see mock_params.h). */
#include "mock_params.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "oas_json.h"
#include "oas_validate.h"

/* Values of one repeated query parameter that are checked. */
#define MOCK_MAX_VALUES 64
/* Body violations listed in one 400 answer. */
#define MOCK_MAX_BODY_ERRORS 20

static const char *const location_names[] = {"path", "query", "header", "cookie"};

bool mock_is_auth_param(const oas_param_entry *p)
{
    return p->where == OAS_PARAM_IN_HEADER && strcasecmp(p->name, "Authorization") == 0;
}

bool mock_path_param(const char *tpl, const char *path, const char *name, char *out, size_t cap)
{
    size_t name_len = strlen(name);
    for (;;) {
        size_t tn = strcspn(tpl, "/"), pn = strcspn(path, "/");
        const char *open = memchr(tpl, '{', tn);
        const char *close = open ? memchr(open, '}', tn - (size_t)(open - tpl)) : NULL;
        if (close && (size_t)(close - open - 1) == name_len &&
            memcmp(open + 1, name, name_len) == 0) {
            size_t pre = (size_t)(open - tpl), post = tn - (size_t)(close - tpl) - 1;
            if (pn < pre + post || pn - pre - post >= cap)
                return false;
            memcpy(out, path + pre, pn - pre - post);
            out[pn - pre - post] = '\0';
            return true;
        }
        if (!tpl[tn] || !path[pn])
            return false;
        tpl += tn + 1;
        path += pn + 1;
    }
}

static void add_failure(oas_buf *errors, const char *name, const char *reason)
{
    if (errors->len)
        oas_buf_putc(errors, ',');
    oas_buf_puts(errors, "{\"attribute\":");
    oas_buf_json_string(errors, name, strlen(name));
    oas_buf_puts(errors, ",\"reason\":");
    oas_buf_json_string(errors, reason, strlen(reason));
    oas_buf_putc(errors, '}');
}

/* ---- parameters --------------------------------------------------------- */

static bool is_json(const char *text, size_t len, bool number_only)
{
    oas_json_doc *doc = NULL;
    bool ok = len && oas_json_parse(text, len, NULL, &doc, NULL) == OAS_OK &&
              (!number_only || oas_json_doc_root(doc)->type == OAS_JSON_NUMBER);
    oas_json_doc_free(doc);
    return ok;
}

/* One text item as the JSON value its parameter's type says it is. Text
 * that spells no such value stays a string, so the schema names the
 * mismatch ("must be integer"). */
static void put_item(oas_buf *json, oas_text_kind kind, const char *text, size_t len)
{
    bool literal = false;
    if (kind == OAS_TEXT_BOOLEAN)
        literal = (len == 4 && memcmp(text, "true", 4) == 0) ||
                  (len == 5 && memcmp(text, "false", 5) == 0);
    else if (kind == OAS_TEXT_INTEGER || kind == OAS_TEXT_NUMBER)
        literal = is_json(text, len, true);
    else if (kind == OAS_TEXT_ANY)
        literal = is_json(text, len, false);
    if (literal)
        oas_buf_append(json, text, len);
    else
        oas_buf_json_string(json, text, len);
}

/* Where the items start: label's '.' and matrix's ";name=" dropped. */
static const char *skip_style_prefix(const oas_param_entry *p, const char *raw)
{
    size_t n = strlen(p->name);
    if (p->style == OAS_STYLE_LABEL && raw[0] == '.')
        return raw + 1;
    if (p->style == OAS_STYLE_MATRIX && raw[0] == ';' && strncmp(raw + 1, p->name, n) == 0)
        return raw[1 + n] == '=' ? raw + 2 + n : raw + 1 + n;
    return raw;
}

static char item_delimiter(const oas_param_entry *p)
{
    switch (p->style) {
    case OAS_STYLE_LABEL: return p->explode ? '.' : ',';
    case OAS_STYLE_MATRIX: return p->explode ? ';' : ',';
    case OAS_STYLE_SPACE_DELIMITED: return ' ';
    case OAS_STYLE_PIPE_DELIMITED: return '|';
    default: return ',';
    }
}

/* The items of one delimited value, as array elements. */
static void put_split(oas_buf *json, const oas_param_entry *p, const char *text)
{
    char delimiter = item_delimiter(p);
    size_t name_len = strlen(p->name);
    bool repeated_name = p->style == OAS_STYLE_MATRIX && p->explode; /* ;ids=1;ids=2 */
    for (const char *s = text;;) {
        const char *end = strchr(s, delimiter);
        size_t len = end ? (size_t)(end - s) : strlen(s);
        const char *item = s;
        if (repeated_name && item != text && len > name_len &&
            memcmp(item, p->name, name_len) == 0 && item[name_len] == '=') {
            item += name_len + 1;
            len -= name_len + 1;
        }
        if (s != text)
            oas_buf_putc(json, ',');
        put_item(json, p->text_kind, item, len);
        if (!end)
            break;
        s = end + 1;
    }
}

static void put_array(oas_buf *json, const oas_param_entry *p, const mock_request *req,
                      const char *value)
{
    oas_buf_putc(json, '[');
    bool one_per_value = p->where == OAS_PARAM_IN_QUERY && p->style == OAS_STYLE_FORM && p->explode;
    if (one_per_value && req->lookup_all) {
        const char *values[MOCK_MAX_VALUES];
        size_t n = req->lookup_all(req->ctx, "query", p->name, values, MOCK_MAX_VALUES);
        for (size_t i = 0; i < n && i < MOCK_MAX_VALUES; i++) {
            if (i)
                oas_buf_putc(json, ',');
            put_item(json, p->text_kind, values[i], strlen(values[i]));
        }
    } else if (one_per_value) {
        put_item(json, p->text_kind, value, strlen(value));
    } else {
        put_split(json, p, skip_style_prefix(p, value));
    }
    oas_buf_putc(json, ']');
}

/* Validate JSON text with fn; on failure say why in one line. */
static bool json_valid(oas_validate_fn fn, const char *location, const char *text, size_t len,
                       char *reason, size_t cap)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_error_clear(&err);
    if (oas_json_parse(text, len, NULL, &doc, &err) != OAS_OK) {
        if (err.code == OAS_ERR_JSON_UTF8)
            snprintf(reason, cap, "value is not valid UTF-8");
        else
            snprintf(reason, cap, "unreadable value: %s", oas_strerror(err.code));
        return false;
    }
    oas_report report;
    oas_report_init(&report, 1);
    bool ok = oas_validate_run(fn, location ? location : "", oas_json_doc_root(doc), &report, NULL);
    if (!ok && report.count && report.items[0].instance_location[0])
        snprintf(reason, cap, "%s: %s", report.items[0].instance_location,
                 report.items[0].message);
    else if (!ok)
        snprintf(reason, cap, "%s", report.count ? report.items[0].message : "invalid value");
    oas_report_free(&report);
    oas_json_doc_free(doc);
    return ok;
}

size_t mock_check_params(const oas_operation_entry *op, const mock_request *req, oas_buf *errors)
{
    size_t count = 0;
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (mock_is_auth_param(p))
            continue;
        char path_value[1024];
        const char *value;
        if (p->where == OAS_PARAM_IN_PATH)
            value = mock_path_param(op->path, req->path, p->name, path_value, sizeof path_value)
                        ? path_value
                        : NULL;
        else
            value = req->lookup(req->ctx, location_names[p->where], p->name);
        char reason[320];
        if (!value || !*value) {
            /* OpenAPI: an empty value is only allowed with allowEmptyValue,
               which the registry does not carry; treat it as missing. */
            if (p->required) {
                snprintf(reason, sizeof reason, "required %s parameter is %s",
                         location_names[p->where], value ? "empty" : "missing");
                add_failure(errors, p->name, reason);
                count++;
            }
            continue;
        }
        if (!p->validate || p->shape == OAS_PARAM_OBJECT)
            continue;
        oas_buf json = OAS_BUF_INIT;
        if (p->shape == OAS_PARAM_ARRAY) {
            put_array(&json, p, req, value);
        } else {
            const char *text = skip_style_prefix(p, value);
            put_item(&json, p->text_kind, text, strlen(text));
        }
        bool ok;
        if (oas_buf_status(&json) != OAS_OK) {
            snprintf(reason, sizeof reason, "could not check the value (out of memory)");
            ok = false;
        } else {
            ok = json_valid(p->validate, p->location, json.data, json.len, reason, sizeof reason);
        }
        oas_buf_free(&json);
        if (!ok) {
            add_failure(errors, p->name, reason);
            count++;
        }
    }
    return count;
}

/* ---- body --------------------------------------------------------------- */

size_t mock_check_body(const oas_operation_entry *op, const mock_request *req, oas_buf *errors)
{
    if (!op->body)
        return 0;
    if (!req->body || !req->body_len) {
        if (!op->body->required)
            return 0;
        add_failure(errors, "/body", "required request body is missing");
        return 1;
    }
    char reason[320];
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_error_clear(&err);
    if (oas_json_parse(req->body, req->body_len, NULL, &doc, &err) != OAS_OK) {
        snprintf(reason, sizeof reason, "not JSON: %s", err.message);
        add_failure(errors, "/body", reason);
        return 1;
    }
    size_t count = 0;
    if (op->body->validate) {
        oas_report report;
        oas_report_init(&report, MOCK_MAX_BODY_ERRORS);
        bool ok = oas_validate_run(op->body->validate, op->body->location ? op->body->location : "",
                                   oas_json_doc_root(doc), &report, NULL);
        oas_buf where = OAS_BUF_INIT;
        for (size_t i = 0; i < report.count; i++, count++) {
            oas_buf_reset(&where);
            oas_buf_puts(&where, "/body");
            oas_buf_puts(&where, report.items[i].instance_location);
            add_failure(errors, oas_buf_status(&where) == OAS_OK ? where.data : "/body",
                        report.items[i].message);
        }
        if (!ok && !report.count) {
            add_failure(errors, "/body", "the body could not be checked");
            count++;
        }
        oas_buf_free(&where);
        oas_report_free(&report);
    }
    oas_json_doc_free(doc);
    return count;
}

/* ---- credentials -------------------------------------------------------- */

static bool present(const char *value)
{
    if (!value)
        return false;
    for (; *value; value++)
        if (*value != ' ' && *value != '\t')
            return true;
    return false;
}

/* "Bearer x" for scheme "Bearer": the scheme word, a space, a non-blank rest. */
static bool authorization_is(const mock_request *req, const char *scheme)
{
    const char *auth = req->lookup(req->ctx, "header", "Authorization");
    size_t n = strlen(scheme);
    return auth && strncasecmp(auth, scheme, n) == 0 && auth[n] == ' ' && present(auth + n);
}

static bool scheme_met(const oas_security_scheme_entry *s, const mock_request *req)
{
    switch (s->kind) {
    case OAS_SECURITY_API_KEY:
        return present(req->lookup(req->ctx, location_names[s->in], s->param_name));
    case OAS_SECURITY_HTTP_BEARER: return authorization_is(req, "Bearer");
    case OAS_SECURITY_HTTP_BASIC: return authorization_is(req, "Basic");
    default: return true; /* not sent per request: nothing to look at */
    }
}

static void describe_scheme(const oas_security_scheme_entry *s, char *why, size_t cap)
{
    switch (s->kind) {
    case OAS_SECURITY_API_KEY:
        snprintf(why, cap, "Missing credentials: send the %s %s%s (security scheme %s)",
                 s->param_name, location_names[s->in],
                 s->in == OAS_PARAM_IN_QUERY ? " parameter" : "", s->name);
        break;
    case OAS_SECURITY_HTTP_BASIC:
        snprintf(why, cap, "Missing credentials: send Authorization: Basic (security scheme %s)",
                 s->name);
        break;
    default:
        snprintf(why, cap, "Missing credentials: send Authorization: Bearer (security scheme %s)",
                 s->name);
        break;
    }
}

bool mock_credentials_missing(const oas_registry *reg, const oas_operation_entry *op,
                              const mock_request *req, char *why, size_t cap)
{
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (mock_is_auth_param(p) && p->required &&
            !present(req->lookup(req->ctx, "header", "Authorization"))) {
            snprintf(why, cap, "Missing credentials: no Authorization header");
            return true;
        }
    }
    for (size_t r = 0; r < op->security_count; r++) {
        const oas_security_requirement *q = &op->security[r];
        bool all = true;
        for (size_t k = 0; k < q->count && all; k++)
            all = scheme_met(&reg->security_schemes[q->schemes[k]], req);
        if (all)
            return false;
    }
    if (!op->security_count)
        return false;
    /* Name what the first alternative lacks. */
    const oas_security_requirement *first = &op->security[0];
    size_t k = 0;
    while (k + 1 < first->count && scheme_met(&reg->security_schemes[first->schemes[k]], req))
        k++;
    describe_scheme(&reg->security_schemes[first->schemes[k]], why, cap);
    return true;
}
