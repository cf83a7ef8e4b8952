/* mock_params.c - the mock's request checks (see mock_params.h). */
#include "mock_params.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "oas_alloc.h"
#include "oas_json.h"
#include "oas_validate.h"
#include "oas_utf8.h"

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

/* The values of a repeated query parameter arrive as sent: each is decoded
 * strictly (plus_is_space, as in any query) before it becomes an item. */
static mock_decode_status put_array(oas_buf *json, const oas_param_entry *p,
                                    const mock_request *req, const char *value)
{
    mock_decode_status st = MOCK_DECODE_OK;
    oas_buf_putc(json, '[');
    bool one_per_value = p->where == OAS_PARAM_IN_QUERY && p->style == OAS_STYLE_FORM && p->explode;
    if (one_per_value && req->lookup_all) {
        const char *values[MOCK_MAX_VALUES];
        size_t n = req->lookup_all(req->ctx, "query", p->name, values, MOCK_MAX_VALUES);
        for (size_t i = 0; i < n && i < MOCK_MAX_VALUES && st == MOCK_DECODE_OK; i++) {
            char *decoded = oas_malloc(strlen(values[i]) + 1);
            if (!decoded) {
                json->failed = OAS_ERR_NOMEM; /* sticky, as an append failure */
                break;
            }
            st = mock_percent_decode(values[i], true, decoded);
            if (i)
                oas_buf_putc(json, ',');
            put_item(json, p->text_kind, decoded, strlen(decoded));
            oas_free(decoded);
        }
    } else if (one_per_value) {
        put_item(json, p->text_kind, value, strlen(value));
    } else {
        put_split(json, p, skip_style_prefix(p, value));
    }
    oas_buf_putc(json, ']');
    return st;
}

/* Validate JSON text with fn; on failure say why in one line. */
static bool json_valid(oas_validate_fn fn, const char *location, const char *text, size_t len,
                       bool assert_formats, char *reason, size_t cap)
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
    oas_validate_options opts = {.assert_formats = assert_formats};
    bool ok = oas_validate_run(fn, location ? location : "", oas_json_doc_root(doc), &report, &opts);
    if (!ok && report.count && report.items[0].instance_location[0])
        snprintf(reason, cap, "%s: %s", report.items[0].instance_location,
                 report.items[0].message);
    else if (!ok)
        snprintf(reason, cap, "%s", report.count ? report.items[0].message : "invalid value");
    oas_report_free(&report);
    oas_json_doc_free(doc);
    return ok;
}

/* Path and query values arrive percent-encoded ("+" a space in a query),
 * headers and cookies as they are. A copy of value decoded strictly for
 * its location (oas_free it), or NULL with *st saying why (*st stays
 * MOCK_DECODE_OK when memory ran out). */
static char *decode_sent(const oas_param_entry *p, const char *value, mock_decode_status *st)
{
    *st = MOCK_DECODE_OK;
    char *decoded = oas_malloc(strlen(value) + 1);
    if (!decoded)
        return NULL;
    if (p->where != OAS_PARAM_IN_PATH && p->where != OAS_PARAM_IN_QUERY) {
        memcpy(decoded, value, strlen(value) + 1);
        return decoded;
    }
    *st = mock_percent_decode(value, p->where == OAS_PARAM_IN_QUERY, decoded);
    if (*st != MOCK_DECODE_OK) {
        oas_free(decoded);
        return NULL;
    }
    return decoded;
}

/* The parameter's value as sent (a path value copied into buf), or NULL. */
static const char *sent_value(const oas_operation_entry *op, const oas_param_entry *p,
                              const mock_request *req, char *buf, size_t cap)
{
    if (p->where == OAS_PARAM_IN_PATH)
        return mock_path_param(op->path, req->path, p->name, buf, cap) ? buf : NULL;
    return req->lookup(req->ctx, location_names[p->where], p->name);
}

unsigned mock_missing_status(const oas_operation_entry *op, const mock_request *req, char *why,
                             size_t cap)
{
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (!p->missing_status || mock_is_auth_param(p))
            continue;
        char path_value[1024];
        const char *value = sent_value(op, p, req, path_value, sizeof path_value);
        if (value && *value)
            continue;
        /* Empty counts as missing, as it does for the 400 below. */
        snprintf(why, cap, "required %s parameter \"%s\" is %s", location_names[p->where],
                 p->name, value ? "empty" : "missing");
        return (unsigned)p->missing_status;
    }
    return 0;
}

size_t mock_check_params(const oas_operation_entry *op, const mock_request *req, oas_buf *errors)
{
    size_t count = 0;
    for (size_t i = 0; i < op->param_count; i++) {
        const oas_param_entry *p = &op->params[i];
        if (mock_is_auth_param(p))
            continue;
        char path_value[1024];
        const char *value = sent_value(op, p, req, path_value, sizeof path_value);
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
        mock_decode_status st;
        char *decoded = decode_sent(p, value, &st);
        if (!decoded) {
            add_failure(errors, p->name,
                        st != MOCK_DECODE_OK ? mock_decode_reason(st)
                                             : "could not check the value (out of memory)");
            count++;
            continue;
        }
        if (!p->validate || p->shape == OAS_PARAM_OBJECT) {
            oas_free(decoded);
            continue;
        }
        oas_buf json = OAS_BUF_INIT;
        if (p->shape == OAS_PARAM_ARRAY) {
            st = put_array(&json, p, req, decoded);
        } else {
            const char *text = skip_style_prefix(p, decoded);
            put_item(&json, p->text_kind, text, strlen(text));
        }
        oas_free(decoded);
        bool ok;
        if (st != MOCK_DECODE_OK) {
            snprintf(reason, sizeof reason, "%s", mock_decode_reason(st));
            ok = false;
        } else if (oas_buf_status(&json) != OAS_OK) {
            snprintf(reason, sizeof reason, "could not check the value (out of memory)");
            ok = false;
        } else {
            ok = json_valid(p->validate, p->location, json.data, json.len, req->assert_formats,
                            reason, sizeof reason);
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
        oas_validate_options opts = {.assert_formats = req->assert_formats};
        bool ok = oas_validate_run(op->body->validate, op->body->location ? op->body->location : "",
                                   oas_json_doc_root(doc), &report, &opts);
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

/* The byte the escape "%XY" at s stands for, or -1 when it is malformed
 * (s[2] is not read when s[1] already fails, so the NUL is never passed). */
static int escaped_byte(const char *s)
{
    int hi = oas_hex_digit_value((unsigned char)s[1]);
    int lo = hi < 0 ? -1 : oas_hex_digit_value((unsigned char)s[2]);
    return lo < 0 ? -1 : hi * 16 + lo;
}

mock_decode_status mock_percent_decode(const char *text, bool plus_is_space, char *out)
{
    size_t o = 0;
    mock_decode_status st = MOCK_DECODE_OK;
    for (const char *s = text; *s; s++) {
        int c = (unsigned char)*s;
        if (c == '%') {
            c = escaped_byte(s);
            if (c <= 0) {
                st = c < 0 ? MOCK_DECODE_BAD_ESCAPE : MOCK_DECODE_NUL;
                break;
            }
            s += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return st;
}

const char *mock_decode_reason(mock_decode_status st)
{
    switch (st) {
    case MOCK_DECODE_NUL: return "value contains %00 (a NUL byte)";
    case MOCK_DECODE_BAD_ESCAPE:
        return "value is not valid percent-encoding ('%' must be followed by two hex digits)";
    case MOCK_DECODE_OK: break;
    }
    return "";
}

bool mock_query_name_is(const char *sent, const char *name)
{
    for (const char *s = sent; *s; s++, name++) {
        int c = (unsigned char)*s;
        if (c == '%') {
            c = escaped_byte(s);
            if (c <= 0)
                return false;
            s += 2;
        } else if (c == '+') {
            c = ' ';
        }
        if ((unsigned char)*name != c)
            return false;
    }
    return *name == '\0';
}

static bool is_unreserved(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

bool mock_normalize_path(const char *path, char *out, size_t cap)
{
    size_t o = 0;
    for (const char *s = path; *s; s++) {
        if (o + 1 >= cap)
            return false;
        int c = *s == '%' ? escaped_byte(s) : -1;
        if (c >= 0 && is_unreserved(c))
            s += 2;
        else
            c = (unsigned char)*s;
        out[o++] = (char)c;
    }
    if (cap == 0)
        return false;
    out[o] = '\0';
    return true;
}

/* ---- Prefer (RFC 7240) ----------------------------------------------------
 *   Prefer     = 1#preference
 *   preference = token [ BWS "=" BWS word ] *( OWS ";" [ OWS parameter ] )
 *   parameter  = token [ BWS "=" BWS word ]
 *   word       = token / quoted-string                                      */

static bool is_tchar(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *skip_ows(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static const char *skip_token(const char *s)
{
    while (is_tchar((unsigned char)*s))
        s++;
    return s;
}

/* A word at s: its end, or NULL when malformed. Its unquoted text goes to
 * out (cap bytes, NUL-terminated, cut short if longer); *len is its full
 * length. */
static const char *scan_word(const char *s, char *out, size_t cap, size_t *len)
{
    *len = 0;
    if (*s != '"') {
        const char *end = skip_token(s);
        if (end == s)
            return NULL;
        for (const char *t = s; t < end; t++, (*len)++)
            if (*len + 1 < cap)
                out[*len] = *t;
        out[*len < cap ? *len : cap - 1] = '\0';
        return end;
    }
    for (s++;; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"')
            break;
        if (c == '\\')
            c = (unsigned char)*++s;
        /* qdtext and quoted-pair: HTAB, SP, visible ASCII, obs-text */
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return NULL;
        if (*len + 1 < cap)
            out[*len] = (char)c;
        (*len)++;
    }
    out[*len < cap ? *len : cap - 1] = '\0';
    return s + 1;
}

/* One preference at s: its end (at "," or the NUL), or NULL when
 * malformed. The name's span and the value (if any, with its full length)
 * are returned. */
static const char *scan_preference(const char *s, const char **name, size_t *name_len,
                                   char *value, size_t cap, bool *has_value, size_t *value_len)
{
    size_t len;
    *name = s;
    s = skip_token(s);
    *name_len = (size_t)(s - *name);
    *has_value = false;
    if (!*name_len)
        return NULL;
    const char *t = skip_ows(s);
    if (*t == '=') {
        s = scan_word(skip_ows(t + 1), value, cap, value_len);
        if (!s)
            return NULL;
        *has_value = true;
    }
    for (;;) {
        t = skip_ows(s);
        if (*t != ';')
            break;
        s = skip_ows(t + 1);
        if (!is_tchar((unsigned char)*s))
            continue; /* an empty parameter: "a;;b" */
        s = skip_token(s);
        t = skip_ows(s);
        if (*t == '=') {
            char ignored[1];
            s = scan_word(skip_ows(t + 1), ignored, sizeof ignored, &len);
            if (!s)
                return NULL;
        }
    }
    s = skip_ows(s);
    return *s == ',' || !*s ? s : NULL;
}

/* Past a malformed list element starting at s: to its ",", or the end,
 * stepping over quoted strings (a "," inside one does not end it). */
static const char *skip_element(const char *s)
{
    bool quoted = false;
    for (; *s; s++) {
        if (quoted && *s == '\\' && s[1])
            s++;
        else if (*s == '"')
            quoted = !quoted;
        else if (*s == ',' && !quoted)
            break;
    }
    return s;
}

/* The value of the first instance of preference `want` (name
 * case-insensitive) in value (cap bytes, unquoted, NUL-terminated, cut short
 * if longer); its full length, 0 when it has none, -1 when prefer does not
 * name it. Malformed list elements are skipped, as RFC 7240 section 2 asks,
 * and so is every later instance of `want`. */
static long preference_value(const char *prefer, const char *want, char *value, size_t cap)
{
    size_t want_len = strlen(want);
    const char *s = prefer ? prefer : "";
    for (;;) {
        s = skip_ows(s);
        if (*s == ',') { /* empty list elements are allowed: "a, , b" */
            s++;
            continue;
        }
        if (!*s)
            return -1;
        const char *name;
        size_t name_len, len = 0;
        bool has_value;
        const char *end = scan_preference(s, &name, &name_len, value, cap, &has_value, &len);
        if (!end) {
            s = skip_element(s);
            continue;
        }
        if (name_len == want_len && strncasecmp(name, want, want_len) == 0) {
            if (!has_value)
                value[0] = '\0';
            return has_value ? (long)len : 0;
        }
        s = end;
    }
}

int mock_preferred_status(const char *prefer)
{
    char value[8];
    long len = preference_value(prefer, "code", value, sizeof value);
    bool three_digits = len == 3 && value[0] >= '1' && value[0] <= '5' && value[1] >= '0' &&
                        value[1] <= '9' && value[2] >= '0' && value[2] <= '9';
    return three_digits ? (value[0] - '0') * 100 + (value[1] - '0') * 10 + (value[2] - '0') : 0;
}

bool mock_preferred_example(const char *prefer, char *name, size_t cap, bool *too_long)
{
    long len = preference_value(prefer, "example", name, cap);
    *too_long = len >= (long)cap;
    return len > 0;
}
