/* oas_validate.c - reports, the validation driver and the violation
 * recorder. The keyword helpers live in oas_validate_kw.c. */
#include "oas_validate_internal.h"
#include "oas_alloc.h"
#include "oas_json_internal.h"

#include <string.h>

void oas_report_init(oas_report *r, size_t max_errors)
{
    if (!r)
        return;
    memset(r, 0, sizeof *r);
    r->max_errors = max_errors;
    r->stopped_offset = OAS_NO_OFFSET;
}

static void violation_free(oas_violation *v)
{
    oas_free(v->instance_location);
    oas_free(v->keyword_location);
    oas_free(v->absolute_keyword_location);
    oas_free(v->params);
    oas_free(v->message);
}

void oas_report_clear(oas_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        violation_free(&r->items[i]);
    r->count = 0;
    r->total = 0;
    r->status = OAS_OK;
    oas_free(r->stopped_at);
    r->stopped_at = NULL;
    r->stopped_offset = OAS_NO_OFFSET;
}

void oas_report_free(oas_report *r)
{
    if (!r)
        return;
    size_t max = r->max_errors;
    oas_report_clear(r);
    oas_free(r->items);
    oas_report_init(r, max);
}

/* A constant piece of JSON, without strlen(), and copied in place (n is a
 * constant, so the copy is a few moves) when the buffer has room for it and
 * its NUL, which it has but while it grows. */
static inline void put_literal(oas_buf *out, const char *text, size_t n)
{
    if (!out->failed && out->cap - out->len > n) {
        memcpy(out->data + out->len, text, n);
        out->len += n;
        out->data[out->len] = '\0';
    } else {
        oas_buf_append(out, text, n);
    }
}
#define PUT_LITERAL(out, text) put_literal((out), (text), sizeof(text) - 1)

void oas_report_write_json(const oas_report *r, oas_buf *out)
{
    oas_buf_putc(out, '[');
    for (size_t i = 0; r && i < r->count; i++) {
        const oas_violation *v = &r->items[i];
        if (i)
            oas_buf_putc(out, ',');
        /* Values written twice (under our name and ajv's) are escaped once
           and copied: the mix corpus has a violation every few KB. */
        PUT_LITERAL(out, "{\"instanceLocation\":");
        size_t from = out->len;
        oas_buf_json_string(out, v->instance_location, strlen(v->instance_location));
        size_t n = out->len - from;
        PUT_LITERAL(out, ",\"instancePath\":"); /* ajv's name, same value */
        oas_buf_append_copy(out, from, n);
        PUT_LITERAL(out, ",\"keywordLocation\":");
        oas_buf_json_string(out, v->keyword_location, strlen(v->keyword_location));
        /* ajv's schemaPath: where the keyword is in the schema, "#/..."; null
           for what no schema says (duplicate keys) */
        PUT_LITERAL(out, ",\"absoluteKeywordLocation\":");
        if (v->absolute_keyword_location) {
            from = out->len;
            oas_buf_json_string(out, v->absolute_keyword_location,
                                strlen(v->absolute_keyword_location));
            n = out->len - from;
            PUT_LITERAL(out, ",\"schemaPath\":");
            oas_buf_append_copy(out, from, n);
        } else {
            PUT_LITERAL(out, "null,\"schemaPath\":null");
        }
        PUT_LITERAL(out, ",\"keyword\":");
        oas_buf_json_string(out, v->keyword, strlen(v->keyword));
        PUT_LITERAL(out, ",\"params\":");
        oas_buf_puts(out, v->params); /* already JSON */
        PUT_LITERAL(out, ",\"message\":");
        oas_buf_json_string(out, v->message, strlen(v->message));
        PUT_LITERAL(out, ",\"offset\":");
        if (v->offset == OAS_NO_OFFSET)
            PUT_LITERAL(out, "null");
        else
            oas_buf_json_uint64(out, v->offset);
        oas_buf_putc(out, '}');
    }
    oas_buf_putc(out, ']');
}

static void free_marks(oas_vctx *c);

bool oas_validate_run(oas_validate_fn fn, const char *root_keyword_location,
                      const oas_json *instance, oas_report *report,
                      const oas_validate_options *opts)
{
    if (!fn || !instance || !report) {
        if (report)
            report->status = OAS_ERR_INVALID_ARG;
        return false;
    }
    oas_v_kseg root = {NULL, root_keyword_location ? root_keyword_location : ""};
    oas_vctx c;
    memset(&c, 0, sizeof c);
    c.report = report;
    c.kpath = &root;
    c.max_depth = opts && opts->max_depth ? opts->max_depth : OAS_JSON_DEFAULT_MAX_DEPTH;
    c.assert_formats = opts && opts->assert_formats;
    size_t before = report->total;
    fn(instance, &c);
    free_marks(&c);
    return report->status == OAS_OK && report->total == before;
}

void oas_v_out_of_memory(oas_vctx *c)
{
    c->report->status = OAS_ERR_NOMEM;
    c->stopped = true;
}

bool oas_v_stop(oas_vctx *c, oas_status status)
{
    if (c->report->status == OAS_OK)
        c->report->status = status;
    c->stopped = true;
    return false;
}

bool oas_v_depth_exceeded(oas_vctx *c)
{
    return oas_v_stop(c, OAS_ERR_JSON_DEPTH);
}

void oas_v_accept(const oas_json *in, oas_vctx *c)
{
    (void)in;
    (void)c;
}

/* The marks of the object last visited at one nesting level. */
struct oas_v_marks {
    const oas_json *obj;
    unsigned char *marks;
    size_t cap;
};

static void free_marks(oas_vctx *c)
{
    for (size_t i = 0; i < c->marks_levels; i++)
        oas_free(c->marks[i].marks);
    oas_free(c->marks);
    c->marks = NULL;
    c->marks_levels = 0;
}

static bool shadowed_nomem(oas_vctx *c)
{
    return oas_v_stop(c, OAS_ERR_NOMEM);
}

bool oas_v_shadowed(oas_vctx *c, const oas_json *obj, size_t i)
{
    size_t level = c->depth;
    if (level >= c->marks_levels) {
        size_t n = level + 1 > 2 * c->marks_levels ? level + 1 : 2 * c->marks_levels;
        struct oas_v_marks *m = oas_realloc_array(c->marks, n, sizeof *m);
        if (!m)
            return shadowed_nomem(c);
        memset(m + c->marks_levels, 0, (n - c->marks_levels) * sizeof *m);
        c->marks = m;
        c->marks_levels = n;
    }
    struct oas_v_marks *at = &c->marks[level];
    size_t count = obj->u.obj.count;
    if (at->obj != obj) {
        if (at->cap < count) {
            oas_free(at->marks);
            at->cap = 0;
            at->obj = NULL;
            if (!(at->marks = oas_malloc(count)))
                return shadowed_nomem(c);
            at->cap = count;
        }
        oas_json_dup_table table = {0};
        oas_status st = oas_json_mark_duplicates(&table, obj->u.obj.members, count, at->marks);
        oas_free(table.table);
        if (st != OAS_OK)
            return shadowed_nomem(c);
        at->obj = obj;
    }
    return i < count && (at->marks[i] & OAS_JSON_DUP_SHADOWED);
}

/* ---- recording ------------------------------------------------------------ */

static void append_ipath(oas_buf *b, const oas_v_iseg *s)
{
    if (!s)
        return;
    append_ipath(b, s->up);
    if (s->key)
        oas_buf_pointer_token(b, s->key, s->key_len_or_index); /* writes the '/' too */
    else
        oas_buf_printf(b, "/%zu", s->key_len_or_index);
}

static void append_kpath(oas_buf *b, const oas_v_kseg *s)
{
    if (!s)
        return;
    append_kpath(b, s->up);
    oas_buf_puts(b, s->text);
}

static char *steal(oas_buf *b)
{
    if (!b->data)
        oas_buf_puts(b, "");
    return oas_buf_steal(b, NULL);
}

bool oas_v_stop_at(oas_vctx *c, oas_status status, size_t offset)
{
    oas_report *r = c->report;
    if (r->status == OAS_OK && !r->stopped_at) {
        oas_buf il = OAS_BUF_INIT;
        append_ipath(&il, c->ipath);
        r->stopped_at = steal(&il); /* NULL when out of memory: no place then */
        r->stopped_offset = r->stopped_at ? oas_json_offset(offset) : OAS_NO_OFFSET;
    }
    return oas_v_stop(c, status);
}

static void nomem(oas_vctx *c)
{
    c->report->status = OAS_ERR_NOMEM;
    c->stopped = true;
}

/* Index where a violation at offset goes so that items stay in document
 * order (stable: equal offsets keep evaluation order). */
static size_t insert_pos(const oas_report *r, size_t offset)
{
    size_t pos = r->count;
    while (pos > 0 && offset != OAS_NO_OFFSET && r->items[pos - 1].offset != OAS_NO_OFFSET &&
           r->items[pos - 1].offset > offset)
        pos--;
    return pos;
}

bool oas_v_fail_begin(oas_vctx *c, size_t offset)
{
    offset = oas_json_offset(offset);
    c->errors++;
    if (c->quiet || c->stopped)
        return false;
    oas_report *r = c->report;
    r->total++;
    /* when full, only a violation earlier in the document displaces one */
    return !(r->max_errors && r->count >= r->max_errors && insert_pos(r, offset) >= r->count);
}

bool oas_report_add(oas_report *r, oas_violation *v)
{
    size_t pos = insert_pos(r, v->offset);
    if (r->max_errors && r->count >= r->max_errors) {
        /* keep the first max_errors in document order */
        if (pos >= r->count) {
            violation_free(v);
            return true;
        }
        r->count--;
        violation_free(&r->items[r->count]);
    }
    if (r->count == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 8;
        oas_violation *n = oas_realloc_array(r->items, ncap, sizeof *n);
        if (!n) {
            violation_free(v);
            return false;
        }
        r->items = n;
        r->cap = ncap;
    }
    memmove(&r->items[pos + 1], &r->items[pos], (r->count - pos) * sizeof *r->items);
    r->items[pos] = *v;
    r->count++;
    return true;
}

/* Whether an instance location is inside an item of the array at
 * `pointer` ("<pointer>/12" or "<pointer>/12/..."): the item's index, and
 * where the rest begins. */
static bool item_index(const char *location, const char *pointer, size_t *index, size_t *rest)
{
    size_t plen = strlen(pointer);
    if (strncmp(location, pointer, plen) != 0)
        return false;
    const char *s = location + plen;
    if (s[0] != '/' || s[1] < '0' || s[1] > '9')
        return false;
    size_t n = 0, i = 1;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        if (n > (SIZE_MAX - 9) / 10)
            return false;
        n = n * 10 + (size_t)(s[i] - '0');
    }
    *index = n;
    *rest = plen + i;
    return s[i] == '\0' || s[i] == '/';
}

oas_status oas_report_move_items(oas_report *into, oas_report *run, const char *array_pointer,
                                 size_t first_index, size_t offset_delta, size_t others)
{
    oas_status st = OAS_OK;
    size_t dropped = 0;
    for (size_t i = 0; i < run->count; i++) {
        oas_violation *v = &run->items[i];
        size_t index = 0, rest = 0;
        if (st == OAS_OK && !item_index(v->instance_location, array_pointer, &index, &rest)) {
            violation_free(v); /* the rest of the document, found again with each run */
            if (++dropped > others)
                st = OAS_ERR_INVALID_ARG;
            continue;
        }
        if (st == OAS_OK && (index > SIZE_MAX - first_index || v->offset == OAS_NO_OFFSET ||
                             v->offset > SIZE_MAX - offset_delta))
            st = OAS_ERR_INVALID_ARG;
        char *shifted = NULL;
        if (st == OAS_OK) {
            oas_buf b;
            oas_buf_init(&b);
            oas_buf_append(&b, v->instance_location, strlen(array_pointer));
            oas_buf_printf(&b, "/%zu%s", index + first_index, v->instance_location + rest);
            if (!(shifted = oas_buf_steal(&b, NULL)))
                st = OAS_ERR_NOMEM;
        }
        if (st != OAS_OK) {
            violation_free(v);
            continue;
        }
        oas_free(v->instance_location);
        v->instance_location = shifted;
        v->offset += offset_delta;
        if (!oas_report_add(into, v))
            st = OAS_ERR_NOMEM;
    }
    if (st == OAS_OK && run->total < others)
        st = OAS_ERR_INVALID_ARG;
    into->total += run->total >= others ? run->total - others : 0;
    run->count = 0;
    run->total = 0;
    if (st != OAS_OK && into->status == OAS_OK)
        into->status = st;
    return st;
}

oas_status oas_report_merge(oas_report *into, oas_report *from)
{
    oas_status st = OAS_OK;
    for (size_t i = 0; i < from->count; i++)
        if (!oas_report_add(into, &from->items[i]) && st == OAS_OK)
            st = OAS_ERR_NOMEM;
    into->total += from->total;
    from->count = 0;
    from->total = 0;
    if (st != OAS_OK && into->status == OAS_OK)
        into->status = st;
    return st;
}

void oas_v_string_param(oas_buf *params, const char *name, const char *value, size_t len)
{
    oas_buf_putc(params, '{');
    oas_buf_json_string(params, name, strlen(name));
    oas_buf_putc(params, ':');
    oas_buf_json_string(params, value, len);
    oas_buf_putc(params, '}');
}

void oas_v_record(oas_vctx *c, const char *keyword, const char *sloc, size_t offset,
                  oas_buf *params, oas_buf *message)
{
    oas_report *r = c->report;
    /* node offsets come as 32 bits: a cJSON-bridged node's has no offset */
    offset = oas_json_offset(offset);
    if (r->max_errors && r->count >= r->max_errors && insert_pos(r, offset) >= r->count)
        goto done; /* full, and this one comes after every recorded one */
    oas_buf il = OAS_BUF_INIT, kl = OAS_BUF_INIT, al = OAS_BUF_INIT;
    append_ipath(&il, c->ipath);
    append_kpath(&kl, c->kpath);
    oas_buf_putc(&kl, '/');
    oas_buf_puts(&kl, keyword);
    oas_buf_puts(&al, sloc);
    oas_buf_putc(&al, '/');
    oas_buf_puts(&al, keyword);
    oas_violation v;
    v.keyword = keyword;
    v.offset = offset;
    v.instance_location = steal(&il);
    v.keyword_location = steal(&kl);
    v.absolute_keyword_location = steal(&al);
    v.params = steal(params);
    v.message = steal(message);
    if (!v.instance_location || !v.keyword_location || !v.absolute_keyword_location ||
        !v.params || !v.message) {
        violation_free(&v);
        nomem(c);
        goto done;
    }
    if (!oas_report_add(r, &v))
        nomem(c);
done:
    oas_buf_free(params);
    oas_buf_free(message);
}
