/* oas_json_hash.c - an object's effective members in key order, and a
 * keyed hash of a JSON value consistent with oas_json_equal(): both let
 * large arrays and objects be compared in O(n log n) rather than O(n^2). */
#include "oas_json_internal.h"

#include <string.h>

#include "oas_alloc.h"
#include "oas_decimal.h"
#include "oas_siphash.h"

size_t *oas_json_effective_members(const oas_json *obj, size_t *count)
{
    size_t n = obj->u.obj.count, work = 0;
    const oas_json_member *m = obj->u.obj.members;
    *count = 0;
    size_t *block = oas_realloc_array(NULL, n ? 2 * n : 1, sizeof *block);
    if (!block)
        return NULL;
    size_t *order = oas_json_sort_members(m, n, block, block + n, &work);
    /* Keep the last of each run of equal keys (the one lookups see), moved
     * to the block's start: kept <= i, so nothing unread is overwritten. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (i + 1 == n || !oas_json_same_key(&m[order[i]], &m[order[i + 1]]))
            block[kept++] = order[i];
    *count = kept;
    return block;
}

/* ---- hashing ---------------------------------------------------------------- */

static uint64_t mix(const oas_siphash_key *key, uint64_t a, uint64_t b)
{
    uint64_t w[2] = {a, b};
    return oas_siphash(key, 1, 3, w, sizeof w);
}

static uint64_t leaf_hash(const oas_siphash_key *key, const oas_json *v)
{
    switch ((oas_json_type)v->type) {
    case OAS_JSON_NUMBER: {
        /* By exact value, as numbers_equal() decides (its int64 and double
         * tests agree with the text): hashing the double would put every
         * number rounding to one double (1e400, 1e401, ...) in one run. */
        if (v->u.num.text)
            return mix(key, OAS_JSON_NUMBER,
                       oas_decimal_hash(v->u.num.text, strlen(v->u.num.text), key));
        double d = oas_json_number_double(v); /* no text: the double is the value */
        if (d == 0)
            d = 0; /* -0 == 0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return mix(key, OAS_JSON_NUMBER, bits);
    }
    case OAS_JSON_STRING:
        return mix(key, OAS_JSON_STRING, oas_siphash(key, 1, 3, v->u.str.ptr, v->u.str.len));
    default: return mix(key, v->type, 0);
    }
}

typedef struct frame {
    const oas_json *v;
    size_t *members; /* objects with duplicate keys: indices of the effective members */
    size_t next, count;
    uint64_t acc;
} frame;

static void frame_free(frame *f)
{
    oas_free(f->members);
}

/* The value frame f holds as its next child, or NULL when done. */
static const oas_json *next_child(frame *f)
{
    if (f->next >= f->count)
        return NULL;
    size_t i = f->next++;
    if (f->v->type == OAS_JSON_ARRAY)
        return &f->v->u.arr.items[i];
    return &f->v->u.obj.members[f->members ? f->members[i] : i].value;
}

/* Folds child hash h into f: arrays in order, objects as a sum over
 * (key, value) so member order does not matter. */
static void fold(const oas_siphash_key *key, frame *f, uint64_t h)
{
    if (f->v->type == OAS_JSON_ARRAY) {
        f->acc = mix(key, f->acc, h);
        return;
    }
    size_t i = f->next - 1;
    const oas_json_member *m = &f->v->u.obj.members[f->members ? f->members[i] : i];
    f->acc += mix(key, oas_siphash(key, 1, 3, m->key, m->key_len), h);
}

static bool frame_open(frame *f, const oas_json *v)
{
    *f = (frame){.v = v};
    if (v->type == OAS_JSON_ARRAY) {
        f->count = v->u.arr.count;
        f->acc = OAS_JSON_ARRAY;
    } else if (v->flags & OAS_JSON_F_DUPKEYS) {
        f->members = oas_json_effective_members(v, &f->count);
        if (!f->members)
            return false;
    } else {
        f->count = v->u.obj.count;
    }
    return true;
}

static uint64_t close_hash(const oas_siphash_key *key, const frame *f)
{
    return mix(key, f->v->type, f->acc ^ f->count);
}

bool oas_json_hash(const oas_json *v, uint64_t *out)
{
    const oas_siphash_key *key = oas_siphash_process_key();
    if (v->type != OAS_JSON_ARRAY && v->type != OAS_JSON_OBJECT) {
        *out = leaf_hash(key, v);
        return true;
    }
    frame small[16], *stack = small;
    size_t depth = 0, cap = 16;
    bool ok = frame_open(&stack[depth++], v);
    while (ok && depth > 0) {
        frame *top = &stack[depth - 1];
        const oas_json *child = next_child(top);
        if (!child) {
            uint64_t h = close_hash(key, top);
            frame_free(top);
            if (--depth == 0)
                *out = h;
            else
                fold(key, &stack[depth - 1], h);
        } else if (child->type != OAS_JSON_ARRAY && child->type != OAS_JSON_OBJECT) {
            fold(key, top, leaf_hash(key, child));
        } else {
            if (depth == cap) {
                frame *grown = oas_realloc_array(stack == small ? NULL : stack, cap * 2, sizeof *grown);
                if (!grown) {
                    ok = false;
                    break;
                }
                if (stack == small)
                    memcpy(grown, small, sizeof small);
                stack = grown;
                cap *= 2;
            }
            ok = frame_open(&stack[depth], child);
            if (ok)
                depth++;
        }
    }
    while (depth > 0)
        frame_free(&stack[--depth]);
    if (stack != small)
        oas_free(stack);
    return ok;
}
