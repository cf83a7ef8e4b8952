/* oas_json_dom.c - reading a parsed document: root, lookup, type names,
 * deep equality (iterative, so a deep document cannot exhaust the C stack). */
#include "oas_json_internal.h"

#include <string.h>

#include "oas_alloc.h"
#include "oas_decimal.h"

const oas_json *oas_json_doc_root(const oas_json_doc *doc)
{
    return doc ? &doc->root : NULL;
}

void oas_json_doc_free(oas_json_doc *doc)
{
    if (doc)
        oas_arena_free(doc->arena); /* doc itself lives in the arena */
}

const oas_json *oas_json_get(const oas_json *obj, const char *key, size_t key_len)
{
    if (!obj || obj->type != OAS_JSON_OBJECT || (!key && key_len))
        return NULL;
    /* Backwards, so that the last of duplicate keys wins. */
    for (size_t i = obj->u.obj.count; i-- > 0;) {
        const oas_json_member *m = &obj->u.obj.members[i];
        if (m->key_len == key_len && memcmp(m->key, key, key_len) == 0)
            return &m->value;
    }
    return NULL;
}

const char *oas_json_type_name(const oas_json *v)
{
    if (!v)
        return "null";
    switch ((oas_json_type)v->type) {
    case OAS_JSON_FALSE:
    case OAS_JSON_TRUE: return "boolean";
    case OAS_JSON_NUMBER: return "number";
    case OAS_JSON_STRING: return "string";
    case OAS_JSON_ARRAY: return "array";
    case OAS_JSON_OBJECT: return "object";
    case OAS_JSON_NULL: break;
    }
    return "null";
}

/* Is members[i] the last occurrence of its key (the one lookups see)? */
static bool is_effective(const oas_json *obj, size_t i)
{
    if (!(obj->flags & OAS_JSON_F_DUPKEYS))
        return true;
    const oas_json_member *m = obj->u.obj.members;
    for (size_t j = i + 1; j < obj->u.obj.count; j++)
        if (m[j].key_len == m[i].key_len && memcmp(m[j].key, m[i].key, m[i].key_len) == 0)
            return false;
    return true;
}

static size_t effective_count(const oas_json *obj)
{
    if (!(obj->flags & OAS_JSON_F_DUPKEYS))
        return obj->u.obj.count;
    size_t n = 0;
    for (size_t i = 0; i < obj->u.obj.count; i++)
        n += is_effective(obj, i);
    return n;
}

static bool numbers_equal(const oas_json *a, const oas_json *b)
{
    if ((a->flags & OAS_JSON_F_INT64) && (b->flags & OAS_JSON_F_INT64))
        return a->u.num.i == b->u.num.i;
    if (oas_json_number_double(a) != oas_json_number_double(b)) /* rounding is monotonic */
        return false;
    /* Equal doubles may round different values (1e400 and 2e400, 0.1 and
     * 0.10000000000000000001): the texts decide. */
    if (!a->u.num.text || !b->u.num.text)
        return true;
    return oas_decimal_cmp(a->u.num.text, strlen(a->u.num.text), b->u.num.text,
                           strlen(b->u.num.text)) == 0;
}

typedef struct pair {
    const oas_json *a, *b;
} pair;

typedef struct worklist {
    pair small[32];
    pair *items;
    size_t len, cap;
    bool failed;
} worklist;

static void push_pair(worklist *w, const oas_json *a, const oas_json *b)
{
    if (w->len == w->cap) {
        size_t cap = w->cap * 2;
        pair *p = oas_realloc_array(w->items == w->small ? NULL : w->items, cap, sizeof *p);
        if (!p) {
            w->failed = true;
            return;
        }
        if (w->items == w->small)
            memcpy(p, w->small, sizeof w->small);
        w->items = p;
        w->cap = cap;
    }
    w->items[w->len++] = (pair){a, b};
}

/* Small objects are compared member by member (quadratic, but cheaper than
 * sorting at this size); larger ones by walking both effective member
 * lists in key order: O(n log n) whatever the keys. */
#define SMALL_OBJECT 16

static bool large_objects_equal(worklist *w, const oas_json *a, const oas_json *b)
{
    size_t na, nb;
    size_t *ia = oas_json_effective_members(a, &na);
    size_t *ib = ia ? oas_json_effective_members(b, &nb) : NULL;
    bool equal = ib && na == nb;
    for (size_t i = 0; equal && i < na && !w->failed; i++) {
        const oas_json_member *ma = &a->u.obj.members[ia[i]], *mb = &b->u.obj.members[ib[i]];
        equal = ma->key_len == mb->key_len && memcmp(ma->key, mb->key, ma->key_len) == 0;
        if (equal)
            push_pair(w, &ma->value, &mb->value);
    }
    if (!ib)
        w->failed = true;
    oas_free(ia);
    oas_free(ib);
    return equal;
}

/* One pair's own value (not its children); queues the child pairs. */
static bool shallow_equal(worklist *w, const oas_json *a, const oas_json *b)
{
    if (a->type != b->type)
        return false;
    switch ((oas_json_type)a->type) {
    case OAS_JSON_NUMBER:
        return numbers_equal(a, b);
    case OAS_JSON_STRING:
        return a->u.str.len == b->u.str.len && memcmp(a->u.str.ptr, b->u.str.ptr, a->u.str.len) == 0;
    case OAS_JSON_ARRAY:
        if (a->u.arr.count != b->u.arr.count)
            return false;
        for (size_t i = 0; i < a->u.arr.count && !w->failed; i++)
            push_pair(w, &a->u.arr.items[i], &b->u.arr.items[i]);
        return true;
    case OAS_JSON_OBJECT:
        if (a->u.obj.count > SMALL_OBJECT || b->u.obj.count > SMALL_OBJECT)
            return large_objects_equal(w, a, b);
        if (effective_count(a) != effective_count(b))
            return false;
        for (size_t i = 0; i < a->u.obj.count && !w->failed; i++) {
            const oas_json_member *m = &a->u.obj.members[i];
            if (!is_effective(a, i))
                continue;
            const oas_json *other = oas_json_get(b, m->key, m->key_len);
            if (!other)
                return false;
            push_pair(w, &m->value, other);
        }
        return true;
    default:
        return true; /* null, true, false: the type says it all */
    }
}

static _Thread_local size_t thread_equal_calls;

size_t oas_json_equal_calls(void)
{
    return thread_equal_calls;
}

bool oas_json_equal(const oas_json *a, const oas_json *b)
{
    thread_equal_calls++;
    if (!a || !b)
        return a == b;
    worklist w = {.len = 0, .cap = 32, .failed = false};
    w.items = w.small;
    push_pair(&w, a, b);
    bool equal = true;
    while (equal && w.len > 0) {
        pair p = w.items[--w.len];
        equal = shallow_equal(&w, p.a, p.b);
        if (w.failed)
            equal = false; /* out of memory: documented as "not shown equal" */
    }
    if (w.items != w.small)
        oas_free(w.items);
    return equal;
}
