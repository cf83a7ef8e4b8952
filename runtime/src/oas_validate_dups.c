/* oas_validate_dups.c - repeated object keys as report entries.
 *
 * Duplicates are a property of the JSON text, not of a schema: RFC 8259
 * leaves them to the receiver, and lookups, typed parses and validators all
 * use the last occurrence. So they are found over the whole tree, once per
 * document, whatever the schema visits; the caller decides whether they are
 * warnings or errors. Objects not flagged OAS_JSON_F_DUPKEYS by the reader
 * cost one flag test; flagged ones one oas_json_mark_duplicates pass (linear
 * whatever the keys, oas_json_dups.c). */
#include "oas_validate_internal.h"

#include <string.h>

#include "oas_alloc.h"
#include "oas_json_internal.h"

typedef struct dup_walk {
    oas_report *report;
    oas_buf pointer;           /* the current object's JSON pointer */
    oas_json_dup_table table;  /* reused across objects */
    size_t max_depth;
    oas_status status;
} dup_walk;

static bool stop(dup_walk *w, oas_status st)
{
    if (w->status == OAS_OK)
        w->status = st;
    return false;
}

/* One entry for the repeated member m of the object at w->pointer. */
static bool add_repeat(dup_walk *w, const oas_json_member *m)
{
    oas_buf params = OAS_BUF_INIT, message = OAS_BUF_INIT;
    oas_buf_puts(&params, "{\"duplicateKey\":");
    oas_buf_json_string(&params, m->key, m->key_len);
    oas_buf_putc(&params, '}');
    oas_buf_puts(&message, "duplicate key ");
    oas_buf_json_string(&message, m->key, m->key_len);
    oas_buf_puts(&message, " (the last one is used)");
    oas_violation v = {0};
    v.keyword = "duplicateKey";
    v.offset = oas_json_offset(m->key_offset);
    v.instance_location = oas_strndup(w->pointer.data ? w->pointer.data : "", w->pointer.len);
    v.keyword_location = oas_strndup("", 0);
    v.absolute_keyword_location = NULL; /* no schema says it */
    v.params = oas_buf_steal(&params, NULL);
    v.message = oas_buf_steal(&message, NULL);
    w->report->total++;
    if (oas_buf_status(&w->pointer) != OAS_OK || !v.instance_location || !v.keyword_location ||
        !v.params || !v.message) {
        oas_free(v.instance_location);
        oas_free(v.keyword_location);
        oas_free(v.params);
        oas_free(v.message);
        return stop(w, OAS_ERR_NOMEM);
    }
    return oas_report_add(w->report, &v) || stop(w, OAS_ERR_NOMEM); /* v is the report's */
}

/* Back to the parent's pointer (a failed buffer stays failed). */
static void truncate_pointer(dup_walk *w, size_t len)
{
    if (w->pointer.data) {
        w->pointer.len = len;
        w->pointer.data[len] = '\0';
    }
}

static bool walk(dup_walk *w, const oas_json *in, size_t depth);

/* Members in order, each repeat reported before its value is walked, so
 * entries come in document order. */
static bool walk_object(dup_walk *w, const oas_json *obj, size_t depth)
{
    size_t n = obj->u.obj.count;
    unsigned char *marks = NULL; /* this object's own: nested objects have theirs */
    if ((obj->flags & OAS_JSON_F_DUPKEYS) && n) {
        if (!(marks = oas_malloc(n)) ||
            oas_json_mark_duplicates(&w->table, obj->u.obj.members, n, marks) != OAS_OK) {
            oas_free(marks);
            return stop(w, OAS_ERR_NOMEM);
        }
    }
    size_t at = w->pointer.len;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        const oas_json_member *m = &obj->u.obj.members[i];
        if (marks && (marks[i] & OAS_JSON_DUP_REPEAT))
            ok = add_repeat(w, m);
        if (ok && (m->value.type == OAS_JSON_OBJECT || m->value.type == OAS_JSON_ARRAY)) {
            oas_buf_pointer_token(&w->pointer, m->key, m->key_len);
            ok = walk(w, &m->value, depth + 1);
            truncate_pointer(w, at);
        }
    }
    oas_free(marks);
    return ok;
}

static bool walk(dup_walk *w, const oas_json *in, size_t depth)
{
    if (depth > w->max_depth)
        return stop(w, OAS_ERR_JSON_DEPTH);
    if (in->type == OAS_JSON_OBJECT)
        return walk_object(w, in, depth);
    if (in->type != OAS_JSON_ARRAY)
        return true;
    size_t at = w->pointer.len;
    for (size_t i = 0; i < in->u.arr.count; i++) {
        const oas_json *item = &in->u.arr.items[i];
        if (item->type != OAS_JSON_OBJECT && item->type != OAS_JSON_ARRAY)
            continue;
        oas_buf_printf(&w->pointer, "/%zu", i);
        bool ok = walk(w, item, depth + 1);
        truncate_pointer(w, at);
        if (!ok)
            return false;
    }
    return true;
}

oas_status oas_report_duplicate_keys(const oas_json *root, oas_report *report,
                                     const oas_validate_options *opts)
{
    if (!root || !report)
        return OAS_ERR_INVALID_ARG;
    dup_walk w = {0};
    w.report = report;
    w.max_depth = opts && opts->max_depth ? opts->max_depth : OAS_JSON_DEFAULT_MAX_DEPTH;
    walk(&w, root, 1); /* depth counts containers, as the reader's limit does */
    oas_buf_free(&w.pointer);
    oas_free(w.table.table);
    if (w.status != OAS_OK && report->status == OAS_OK)
        report->status = w.status;
    return w.status;
}
