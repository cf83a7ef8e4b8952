/* oas_param.c - OpenAPI parameter serialization (see oas_param.h): the style
 * table as data (prefix, separators, whether names repeat), one encoder. */
#include "oas_param.h"

#include <string.h>

/* Character classes of RFC 3986, for one table lookup per byte. */
enum { CC_UNRESERVED = 1, CC_RESERVED = 2 };

static unsigned char char_class(unsigned char c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~')
        return CC_UNRESERVED;
    /* '#' is reserved but never kept: it would end the query. */
    if (c != '#' && c != 0 && strchr(":/?[]@!$&'()*+,;=", c))
        return CC_RESERVED;
    return 0;
}

void oas_percent_encode(oas_buf *out, const char *s, size_t len, bool keep_reserved)
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char keep = (unsigned char)(CC_UNRESERVED | (keep_reserved ? CC_RESERVED : 0));
    size_t i = 0;
    while (i < len) {
        size_t run = i; /* a run of kept bytes goes in one append */
        while (run < len && (char_class((unsigned char)s[run]) & keep))
            run++;
        if (run > i)
            oas_buf_append(out, s + i, run - i);
        if (run >= len)
            break;
        unsigned char c = (unsigned char)s[run];
        char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
        oas_buf_append(out, esc, 3);
        i = run + 1;
    }
}

oas_param_style oas_param_default_style(oas_param_in in)
{
    return in == OAS_PARAM_IN_QUERY || in == OAS_PARAM_IN_COOKIE ? OAS_STYLE_FORM : OAS_STYLE_SIMPLE;
}

bool oas_param_default_explode(oas_param_style style)
{
    return style == OAS_STYLE_FORM;
}

static const char *const style_names[] = {
    [OAS_STYLE_SIMPLE] = "simple",
    [OAS_STYLE_FORM] = "form",
    [OAS_STYLE_LABEL] = "label",
    [OAS_STYLE_MATRIX] = "matrix",
    [OAS_STYLE_SPACE_DELIMITED] = "spaceDelimited",
    [OAS_STYLE_PIPE_DELIMITED] = "pipeDelimited",
    [OAS_STYLE_DEEP_OBJECT] = "deepObject",
};
#define STYLE_COUNT (sizeof style_names / sizeof style_names[0])

const char *oas_param_style_name(oas_param_style style)
{
    return (size_t)style < STYLE_COUNT ? style_names[style] : NULL;
}

bool oas_param_style_from_name(const char *name, oas_param_style *out)
{
    for (size_t i = 0; name && i < STYLE_COUNT; i++)
        if (strcmp(style_names[i], name) == 0) {
            *out = (oas_param_style)i;
            return true;
        }
    return false;
}

static const char *const in_names[] = {"path", "query", "header", "cookie"};

/* Which (style, location) pairs the OpenAPI table allows. */
static bool style_allowed(oas_param_style style, oas_param_in in, oas_param_shape shape)
{
    switch (style) {
    case OAS_STYLE_SIMPLE: return in == OAS_PARAM_IN_PATH || in == OAS_PARAM_IN_HEADER;
    case OAS_STYLE_FORM: return in == OAS_PARAM_IN_QUERY || in == OAS_PARAM_IN_COOKIE;
    case OAS_STYLE_LABEL:
    case OAS_STYLE_MATRIX: return in == OAS_PARAM_IN_PATH;
    case OAS_STYLE_SPACE_DELIMITED:
    case OAS_STYLE_PIPE_DELIMITED: return in == OAS_PARAM_IN_QUERY && shape != OAS_PARAM_PRIMITIVE;
    case OAS_STYLE_DEEP_OBJECT: return in == OAS_PARAM_IN_QUERY && shape == OAS_PARAM_OBJECT;
    }
    return false;
}

/* A header carries field-value octets only: no CR, LF, NUL or other
 * control character but HTAB (RFC 9110 5.5). */
static bool header_text_ok(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

/* The serialization state: where text goes and how it is encoded. */
typedef struct writer {
    oas_buf *out;
    const oas_param_desc *p;
} writer;

static void put_text(const writer *w, const char *s, size_t len)
{
    if (w->p->in == OAS_PARAM_IN_HEADER)
        oas_buf_append(w->out, s, len);
    else
        oas_percent_encode(w->out, s, len,
                           w->p->allow_reserved && w->p->in == OAS_PARAM_IN_QUERY);
}

static void put_name(const writer *w)
{
    put_text(w, w->p->name, strlen(w->p->name));
}

/* "k<sep>v" for one object member, or the element text. */
static void put_item(const writer *w, const oas_param_value *v, size_t i, const char *kv_sep)
{
    const oas_param_item *it = &v->items[i];
    if (v->shape == OAS_PARAM_OBJECT) {
        put_text(w, it->key ? it->key : "", it->key_len);
        oas_buf_puts(w->out, kv_sep);
    }
    put_text(w, it->text ? it->text : "", it->text_len);
}

/* All items joined by sep; object members as k<kv_sep>v. */
static void put_joined(const writer *w, const oas_param_value *v, const char *sep,
                       const char *kv_sep)
{
    for (size_t i = 0; i < v->count; i++) {
        if (i)
            oas_buf_puts(w->out, sep);
        put_item(w, v, i, kv_sep);
    }
}

/* Query and cookie: "name=joined" or, exploded, one "name=item" (arrays) or
 * "k=v" (objects) per item, separated by pair_sep. */
static void put_form(const writer *w, const oas_param_value *v, const char *list_sep,
                     const char *pair_sep)
{
    if (v->shape != OAS_PARAM_PRIMITIVE && v->count == 0)
        return; /* an empty list or map is undefined: nothing is sent */
    if (!w->p->explode || v->shape == OAS_PARAM_PRIMITIVE) {
        put_name(w);
        oas_buf_putc(w->out, '=');
        put_joined(w, v, list_sep, list_sep);
        return;
    }
    for (size_t i = 0; i < v->count; i++) {
        if (i)
            oas_buf_puts(w->out, pair_sep);
        if (v->shape == OAS_PARAM_ARRAY) {
            put_name(w);
            oas_buf_putc(w->out, '=');
        }
        put_item(w, v, i, "=");
    }
}

static void put_matrix(const writer *w, const oas_param_value *v)
{
    bool one_value = v->shape == OAS_PARAM_PRIMITIVE || v->count == 0 || !w->p->explode;
    if (one_value) {
        oas_buf_putc(w->out, ';');
        put_name(w);
        bool empty = v->count == 0 || (v->shape == OAS_PARAM_PRIMITIVE && v->items[0].text_len == 0);
        if (!empty) {
            oas_buf_putc(w->out, '=');
            put_joined(w, v, ",", ",");
        }
        return;
    }
    for (size_t i = 0; i < v->count; i++) {
        oas_buf_putc(w->out, ';');
        if (v->shape == OAS_PARAM_ARRAY) {
            put_name(w);
            if (v->items[i].text_len == 0)
                continue; /* ";color", as RFC 6570 writes an empty element */
            oas_buf_putc(w->out, '=');
        }
        put_item(w, v, i, "=");
    }
}

static void put_deep_object(const writer *w, const oas_param_value *v)
{
    for (size_t i = 0; i < v->count; i++) {
        if (i)
            oas_buf_putc(w->out, '&');
        put_name(w);
        oas_buf_puts(w->out, "%5B");
        put_text(w, v->items[i].key ? v->items[i].key : "", v->items[i].key_len);
        oas_buf_puts(w->out, "%5D=");
        put_text(w, v->items[i].text ? v->items[i].text : "", v->items[i].text_len);
    }
}

static oas_status refuse(oas_error *err, const oas_param_desc *p, const char *why)
{
    return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "%s parameter '%s': %s",
                         (size_t)p->in < 4 ? in_names[p->in] : "?", p->name ? p->name : "", why);
}

static oas_status check(const oas_param_desc *p, const oas_param_value *v, oas_error *err)
{
    if (!p->name || (size_t)p->in >= 4 || (size_t)p->style >= STYLE_COUNT)
        return refuse(err, p, "invalid descriptor");
    if (!v || (v->count && !v->items) || (v->shape == OAS_PARAM_PRIMITIVE && v->count != 1))
        return refuse(err, p, "a primitive value needs exactly one item");
    if (v->shape > OAS_PARAM_OBJECT)
        return refuse(err, p, "invalid value shape");
    if (!style_allowed(p->style, p->in, v->shape)) {
        static const char *const shape_names[] = {"a primitive", "an array", "an object"};
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "%s parameter '%s': style %s does not apply to %s in %s",
                             in_names[p->in], p->name, style_names[p->style],
                             shape_names[v->shape], in_names[p->in]);
    }
    if (p->in == OAS_PARAM_IN_HEADER) {
        if (!header_text_ok(p->name, strlen(p->name)))
            return refuse(err, p, "header name contains a control character");
        for (size_t i = 0; i < v->count; i++)
            if (!header_text_ok(v->items[i].text ? v->items[i].text : "", v->items[i].text_len) ||
                !header_text_ok(v->items[i].key ? v->items[i].key : "", v->items[i].key_len))
                return refuse(err, p, "value contains CR, LF, NUL or another control character");
    }
    return OAS_OK;
}

oas_status oas_param_serialize(const oas_param_desc *p, const oas_param_value *v, oas_buf *out,
                               oas_error *err)
{
    if (!p || !out)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_param_serialize: NULL descriptor or buffer");
    oas_status st = check(p, v, err);
    if (st != OAS_OK)
        return st;
    writer w = {out, p};
    const char *pair_sep = p->in == OAS_PARAM_IN_COOKIE ? "; " : "&";
    switch (p->style) {
    case OAS_STYLE_SIMPLE:
        put_joined(&w, v, ",", p->explode ? "=" : ",");
        break;
    case OAS_STYLE_LABEL:
        oas_buf_putc(out, '.');
        put_joined(&w, v, p->explode ? "." : ",", p->explode ? "=" : ",");
        break;
    case OAS_STYLE_MATRIX:
        put_matrix(&w, v);
        break;
    case OAS_STYLE_FORM:
        put_form(&w, v, ",", pair_sep);
        break;
    case OAS_STYLE_SPACE_DELIMITED:
        put_form(&w, v, "%20", pair_sep);
        break;
    case OAS_STYLE_PIPE_DELIMITED:
        put_form(&w, v, "%7C", pair_sep);
        break;
    case OAS_STYLE_DEEP_OBJECT:
        put_deep_object(&w, v);
        break;
    }
    if (oas_buf_status(out) != OAS_OK)
        return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET,
                             "out of memory serializing parameter '%s'", p->name);
    return OAS_OK;
}
