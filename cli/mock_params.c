/* mock_params.c - parameter checks of `ldrest mock` (see mock_params.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mock_params.h"
#include "oas_alloc.h"
#include "oas_json.h"
#include "oas_validate.h"

bool mock_is_auth_param(const oas_param_entry *p)
{
    return strcmp(p->in, "header") == 0 && strcasecmp(p->name, "Authorization") == 0;
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

/* Validate JSON text with the parameter's validator; on failure (and when
 * reason is given) say why in one line. */
static bool json_text_valid(const oas_param_entry *p, const char *text, size_t len, char *reason,
                            size_t cap)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_error_clear(&err);
    if (oas_json_parse(text, len, NULL, &doc, &err) != OAS_OK) {
        if (reason && err.code == OAS_ERR_JSON_UTF8)
            snprintf(reason, cap, "value is not valid UTF-8");
        else if (reason)
            snprintf(reason, cap, "unreadable value: %s", oas_strerror(err.code));
        return false;
    }
    oas_report report;
    oas_report_init(&report, 1);
    bool ok = oas_validate_run(p->validate, "", oas_json_doc_root(doc), &report, NULL);
    if (!ok && reason)
        snprintf(reason, cap, "%s", report.count ? report.items[0].message : "invalid value");
    oas_report_free(&report);
    oas_json_doc_free(doc);
    return ok;
}

/* A parameter arrives as text; its schema may want a string or a number,
 * boolean, ... So: valid as a JSON string, else valid as the JSON value the
 * text spells ("5", "true"). The string attempt's complaint is reported. */
static bool value_valid(const oas_param_entry *p, const char *value, char *reason, size_t cap)
{
    if (!p->validate)
        return true;
    oas_buf quoted = OAS_BUF_INIT;
    oas_buf_json_string(&quoted, value, strlen(value));
    bool ok = oas_buf_status(&quoted) == OAS_OK &&
              json_text_valid(p, quoted.data, quoted.len, reason, cap);
    if (oas_buf_status(&quoted) != OAS_OK)
        snprintf(reason, cap, "could not check the value (out of memory)");
    oas_buf_free(&quoted);
    return ok || json_text_valid(p, value, strlen(value), NULL, 0);
}

/* Path and query values arrive percent-encoded, headers and cookies as they
 * are: decode the former strictly before checking the value. */
static bool sent_value_valid(const oas_param_entry *p, const char *sent, char *reason,
                             size_t cap)
{
    bool in_path = strcmp(p->in, "path") == 0;
    if (!in_path && strcmp(p->in, "query") != 0)
        return value_valid(p, sent, reason, cap);
    char *decoded = oas_malloc(strlen(sent) + 1);
    if (!decoded) {
        snprintf(reason, cap, "could not check the value (out of memory)");
        return false;
    }
    mock_decode_status st = mock_percent_decode(sent, !in_path, decoded);
    bool ok = st == MOCK_DECODE_OK && value_valid(p, decoded, reason, cap);
    if (st != MOCK_DECODE_OK)
        snprintf(reason, cap, "%s", mock_decode_reason(st));
    oas_free(decoded);
    return ok;
}

static void add_failure(oas_buf *errors, size_t *count, const char *name, const char *reason)
{
    if ((*count)++)
        oas_buf_putc(errors, ',');
    oas_buf_puts(errors, "{\"attribute\":");
    oas_buf_json_string(errors, name, strlen(name));
    oas_buf_puts(errors, ",\"reason\":");
    oas_buf_json_string(errors, reason, strlen(reason));
    oas_buf_putc(errors, '}');
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
        if (strcmp(p->in, "path") == 0)
            value = mock_path_param(op->path, req->path, p->name, path_value, sizeof path_value)
                        ? path_value
                        : NULL;
        else
            value = req->lookup(req->ctx, p->in, p->name);
        char reason[320];
        if (!value || !*value) {
            /* OpenAPI: an empty value is only allowed with allowEmptyValue,
               which the registry does not carry; treat it as missing. */
            if (p->required) {
                snprintf(reason, sizeof reason, "required %s parameter is %s", p->in,
                         value ? "empty" : "missing");
                add_failure(errors, &count, p->name, reason);
            }
            continue;
        }
        if (!sent_value_valid(p, value, reason, sizeof reason))
            add_failure(errors, &count, p->name, reason);
    }
    return count;
}

static int hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The byte the escape "%XY" at s stands for, or -1 when it is malformed
 * (s[2] is not read when s[1] already fails, so the NUL is never passed). */
static int escaped_byte(const char *s)
{
    int hi = hex_digit((unsigned char)s[1]);
    int lo = hi < 0 ? -1 : hex_digit((unsigned char)s[2]);
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
 * malformed. The name's span and the value (if any) are returned. */
static const char *scan_preference(const char *s, const char **name, size_t *name_len,
                                   char *value, size_t cap, bool *has_value)
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
        s = scan_word(skip_ows(t + 1), value, cap, &len);
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

int mock_preferred_status(const char *prefer)
{
    const char *s = prefer ? prefer : "";
    for (;;) {
        s = skip_ows(s);
        if (*s == ',') { /* empty list elements are allowed: "a, , b" */
            s++;
            continue;
        }
        if (!*s)
            return 0;
        const char *name;
        size_t name_len;
        char value[8];
        bool has_value;
        const char *end = scan_preference(s, &name, &name_len, value, sizeof value, &has_value);
        if (!end) {
            s = skip_element(s);
            continue;
        }
        /* Only the first instance of a preference counts (RFC 7240 section 2). */
        if (name_len == 4 && strncasecmp(name, "code", 4) == 0) {
            bool three_digits = has_value && strlen(value) == 3 && value[0] >= '1' &&
                                value[0] <= '5' && value[1] >= '0' && value[1] <= '9' &&
                                value[2] >= '0' && value[2] <= '9';
            return three_digits
                       ? (value[0] - '0') * 100 + (value[1] - '0') * 10 + (value[2] - '0')
                       : 0;
        }
        s = end;
    }
}
