/* oas_validate_dups.c - repeated object keys as report entries.
 *
 * Duplicates are a property of the JSON text, not of a schema: RFC 8259
 * leaves them to the receiver, and lookups, typed parses and validators all
 * use the last occurrence. So they are found over the whole tree, once per
 * document, whatever the schema visits; the caller decides whether they are
 * warnings or errors. A subtree the reader flagged as free of repeats
 * (OAS_JSON_F_NO_DUPS_BELOW) is skipped whole; objects not flagged
 * OAS_JSON_F_DUPKEYS cost one flag test; flagged ones one
 * oas_json_mark_duplicates pass (linear whatever the keys, oas_json_dups.c). */
#include "oas_validate_internal.h"

#include <string.h>

#include "oas_alloc.h"
#include "oas_json_internal.h"

/* One step of the path from the root: a member's key, or an item's index
 * (key NULL). The pointer text is made from these only when a repeat is
 * found, so a document without one costs no string work. */
typedef struct path_step {
    const char *key;
    size_t len_or_index;
} path_step;

typedef struct dup_walk {
    oas_report *report;
    path_step *path;           /* the current object's path */
    size_t depth, path_cap;
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

/* The current object's JSON pointer, NUL-terminated; NULL when out of memory. */
static char *pointer_text(const dup_walk *w)
{
    oas_buf b = OAS_BUF_INIT; /* stays empty for the root: steal gives "" */
    for (size_t i = 0; i < w->depth; i++) {
        if (w->path[i].key)
            oas_buf_pointer_token(&b, w->path[i].key, w->path[i].len_or_index);
        else
            oas_buf_printf(&b, "/%zu", w->path[i].len_or_index);
    }
    return oas_buf_steal(&b, NULL);
}

/* One entry for the repeated member m of the object at w->path. */
static bool add_repeat(dup_walk *w, const oas_json_member *m)
{
    oas_buf params = OAS_BUF_INIT, message = OAS_BUF_INIT;
    oas_v_string_param(&params, "duplicateKey", m->key, m->key_len);
    oas_buf_puts(&message, "duplicate key ");
    oas_buf_json_string(&message, m->key, m->key_len);
    oas_buf_puts(&message, " (the last one is used)");
    oas_violation v = {0};
    v.keyword = "duplicateKey";
    v.offset = oas_json_offset(m->key_offset);
    v.instance_location = pointer_text(w);
    v.keyword_location = oas_strndup("", 0);
    v.absolute_keyword_location = NULL; /* no schema says it */
    v.params = oas_buf_steal(&params, NULL);
    v.message = oas_buf_steal(&message, NULL);
    w->report->total++;
    if (!v.instance_location || !v.keyword_location || !v.params || !v.message) {
        oas_free(v.instance_location);
        oas_free(v.keyword_location);
        oas_free(v.params);
        oas_free(v.message);
        return stop(w, OAS_ERR_NOMEM);
    }
    return oas_report_add(w->report, &v) || stop(w, OAS_ERR_NOMEM); /* v is the report's */
}

static bool walk(dup_walk *w, const oas_json *in, size_t depth);

/* Walk the container child one step below the current path. */
static bool walk_child(dup_walk *w, const oas_json *child, const char *key, size_t len_or_index,
                       size_t depth)
{
    if (w->depth == w->path_cap) {
        size_t cap = w->path_cap ? 2 * w->path_cap : 16;
        path_step *n = oas_realloc_array(w->path, cap, sizeof *n);
        if (!n)
            return stop(w, OAS_ERR_NOMEM);
        w->path = n;
        w->path_cap = cap;
    }
    w->path[w->depth++] = (path_step){key, len_or_index};
    bool ok = walk(w, child, depth + 1);
    w->depth--;
    return ok;
}

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
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        const oas_json_member *m = &obj->u.obj.members[i];
        if (marks && (marks[i] & OAS_JSON_DUP_REPEAT))
            ok = add_repeat(w, m);
        if (ok && (m->value.type == OAS_JSON_OBJECT || m->value.type == OAS_JSON_ARRAY))
            ok = walk_child(w, &m->value, m->key, m->key_len, depth);
    }
    oas_free(marks);
    return ok;
}

static bool walk(dup_walk *w, const oas_json *in, size_t depth)
{
    if (depth > w->max_depth)
        return stop(w, OAS_ERR_JSON_DEPTH);
    size_t height = oas_json_no_dups_height(in);
    if (height && height - 1 <= w->max_depth - depth)
        return true; /* nothing to report in there, and no container past the limit */
    if (in->type == OAS_JSON_OBJECT)
        return walk_object(w, in, depth);
    if (in->type != OAS_JSON_ARRAY)
        return true;
    for (size_t i = 0; i < in->u.arr.count; i++) {
        const oas_json *item = &in->u.arr.items[i];
        if ((item->type == OAS_JSON_OBJECT || item->type == OAS_JSON_ARRAY) &&
            !walk_child(w, item, NULL, i, depth))
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
    oas_free(w.path);
    oas_free(w.table.table);
    if (w.status != OAS_OK && report->status == OAS_OK)
        report->status = w.status;
    return w.status;
}
