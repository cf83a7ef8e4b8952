/* oas_json_cjson.c - conversion to and from cJSON trees. cJSON nests at most
 * CJSON_NESTING_LIMIT (1000) when it parses, so recursion is bounded by the
 * same limit here. */
#include "oas_json_internal.h"

#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "oas_alloc.h"

#define CJSON_BRIDGE_MAX_DEPTH 1000

typedef struct bridge {
    oas_arena *arena;
    oas_json_dup_table dups;
    oas_error *err;
} bridge;

static char *arena_copy(bridge *b, const char *s, size_t len)
{
    char *p = oas_arena_alloc(b->arena, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

static oas_status nomem(bridge *b)
{
    return oas_error_set(b->err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, "out of memory converting cJSON");
}

static oas_status convert_number(bridge *b, double d, oas_json *out)
{
    if (!isfinite(d))
        return oas_error_set(b->err, OAS_ERR_JSON_NUMBER, NULL, OAS_NO_OFFSET,
                             "cJSON number is not finite");
    oas_buf text = OAS_BUF_INIT;
    oas_buf_json_double(&text, d);
    if (oas_buf_status(&text) != OAS_OK)
        return nomem(b);
    out->u.num.text = arena_copy(b, text.data, text.len);
    oas_buf_free(&text);
    if (!out->u.num.text)
        return nomem(b);
    out->u.num.dbl = d;
    /* Every double of magnitude >= 2^52 is an integer; smaller ones fit
     * int64, so the cast tells (and no libm is needed). */
    bool integral = d >= 4503599627370496.0 || d <= -4503599627370496.0 || d == (double)(int64_t)d;
    if (integral) {
        out->flags |= OAS_JSON_F_INTEGER;
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
            out->flags |= OAS_JSON_F_INT64;
            out->u.num.i = (int64_t)d;
        }
    }
    return OAS_OK;
}

static oas_status convert(bridge *b, const cJSON *item, oas_json *out, size_t depth)
{
    out->flags = 0;
    out->offset = OAS_JSON_NO_OFFSET;
    switch (item->type & 0xFF) {
    case cJSON_NULL: out->type = OAS_JSON_NULL; return OAS_OK;
    case cJSON_False: out->type = OAS_JSON_FALSE; return OAS_OK;
    case cJSON_True: out->type = OAS_JSON_TRUE; return OAS_OK;
    case cJSON_Number: out->type = OAS_JSON_NUMBER; return convert_number(b, item->valuedouble, out);
    case cJSON_String: {
        const char *s = item->valuestring ? item->valuestring : "";
        out->type = OAS_JSON_STRING;
        out->u.str.len = strlen(s);
        out->u.str.ptr = arena_copy(b, s, out->u.str.len);
        return out->u.str.ptr ? OAS_OK : nomem(b);
    }
    case cJSON_Array:
    case cJSON_Object:
        break;
    default:
        return oas_error_set(b->err, OAS_ERR_UNSUPPORTED, NULL, OAS_NO_OFFSET,
                             "cJSON item of type %d cannot be converted", item->type & 0xFF);
    }
    if (depth >= CJSON_BRIDGE_MAX_DEPTH)
        return oas_error_set(b->err, OAS_ERR_JSON_DEPTH, NULL, OAS_NO_OFFSET,
                             "cJSON tree nested deeper than %d", CJSON_BRIDGE_MAX_DEPTH);
    bool is_array = (item->type & 0xFF) == cJSON_Array;
    size_t count = 0;
    for (const cJSON *c = item->child; c; c = c->next)
        count++;
    out->type = is_array ? OAS_JSON_ARRAY : OAS_JSON_OBJECT;
    oas_json *items = NULL;
    oas_json_member *members = NULL;
    if (count) {
        void *block = oas_arena_alloc(b->arena, count * (is_array ? sizeof *items : sizeof *members));
        if (!block)
            return nomem(b);
        items = block;
        members = block;
    }
    size_t i = 0;
    for (const cJSON *c = item->child; c; c = c->next, i++) {
        oas_json *slot = is_array ? &items[i] : &members[i].value;
        if (!is_array) {
            const char *key = c->string ? c->string : "";
            size_t key_len = strlen(key);
            if (key_len >= OAS_JSON_MAX_BYTES)
                return oas_error_set(b->err, OAS_ERR_JSON_LIMIT, NULL, OAS_NO_OFFSET,
                                     "cJSON key longer than 4 GiB");
            members[i].key_len = (uint32_t)key_len;
            members[i].key = arena_copy(b, key, key_len);
            members[i].key_offset = OAS_JSON_NO_OFFSET;
            if (!members[i].key)
                return nomem(b);
        }
        oas_status st = convert(b, c, slot, depth + 1);
        if (st != OAS_OK)
            return st;
    }
    if (is_array) {
        out->u.arr.items = count ? items : NULL;
        out->u.arr.count = count;
        return OAS_OK;
    }
    out->u.obj.members = count ? members : NULL;
    out->u.obj.count = count;
    bool dup = false;
    if (oas_json_find_duplicates(&b->dups, members, count, &dup) != OAS_OK)
        return nomem(b);
    if (dup)
        out->flags |= OAS_JSON_F_DUPKEYS;
    return OAS_OK;
}

oas_status oas_json_from_cjson(const cJSON *item, oas_json_doc **out, oas_error *err)
{
    if (out)
        *out = NULL;
    oas_error_clear(err);
    if (!item || !out)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET,
                             "oas_json_from_cjson: NULL item or output");
    bridge b = {.arena = oas_arena_new(4096), .err = err};
    oas_json_doc *doc = b.arena ? oas_arena_alloc(b.arena, sizeof *doc) : NULL;
    oas_status st = doc ? convert(&b, item, &doc->root, 0) : nomem(&b);
    oas_free(b.dups.table);
    if (st != OAS_OK) {
        oas_arena_free(b.arena);
        return st;
    }
    doc->arena = b.arena;
    *out = doc;
    return OAS_OK;
}

static cJSON *to_cjson(const oas_json *v, size_t depth);

static cJSON *container_to_cjson(const oas_json *v, size_t depth)
{
    bool is_array = v->type == OAS_JSON_ARRAY;
    cJSON *c = is_array ? cJSON_CreateArray() : cJSON_CreateObject();
    size_t count = is_array ? v->u.arr.count : v->u.obj.count;
    for (size_t i = 0; c && i < count; i++) {
        const oas_json *child = is_array ? &v->u.arr.items[i] : &v->u.obj.members[i].value;
        cJSON *cc = to_cjson(child, depth + 1);
        if (!cc) {
            cJSON_Delete(c);
            return NULL;
        }
        if (is_array) {
            cJSON_AddItemToArray(c, cc);
            continue;
        }
        const oas_json_member *m = &v->u.obj.members[i];
        /* cJSON keys are C strings: a key with a NUL cannot be kept. */
        if (strlen(m->key) != m->key_len || !cJSON_AddItemToObject(c, m->key, cc)) {
            cJSON_Delete(cc);
            cJSON_Delete(c);
            return NULL;
        }
    }
    return c;
}

static cJSON *to_cjson(const oas_json *v, size_t depth)
{
    if (depth >= CJSON_BRIDGE_MAX_DEPTH)
        return NULL;
    switch ((oas_json_type)v->type) {
    case OAS_JSON_NULL: return cJSON_CreateNull();
    case OAS_JSON_FALSE: return cJSON_CreateFalse();
    case OAS_JSON_TRUE: return cJSON_CreateTrue();
    case OAS_JSON_NUMBER: return cJSON_CreateNumber(oas_json_number_double(v));
    case OAS_JSON_STRING:
        /* cJSON strings are C strings: refuse rather than cut at a NUL. */
        if (strlen(v->u.str.ptr) != v->u.str.len)
            return NULL;
        return cJSON_CreateString(v->u.str.ptr);
    case OAS_JSON_ARRAY:
    case OAS_JSON_OBJECT:
        return container_to_cjson(v, depth);
    }
    return NULL;
}

cJSON *oas_json_to_cjson(const oas_json *v)
{
    return v ? to_cjson(v, 0) : NULL;
}
