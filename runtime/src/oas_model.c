/* oas_model.c - the entry points behind generated T_init/T_free/T_parse/
 * T_from_json/T_from_cjson/T_to_json/T_to_cjson, and freeing. */
#include <stdlib.h>
#include <string.h>
#include "oas_alloc.h"
#include "oas_model_internal.h"

#define SCALAR(kind_, ctype) {.kind = kind_, .name = #ctype, .size = sizeof(ctype)}
const oas_type oas_type_bool = SCALAR(OAS_K_BOOL, bool);
const oas_type oas_type_int64 = SCALAR(OAS_K_INT64, int64_t);
const oas_type oas_type_double = SCALAR(OAS_K_DOUBLE, double);
const oas_type oas_type_string = SCALAR(OAS_K_STRING, char *);
const oas_type oas_type_json = SCALAR(OAS_K_JSON, oas_raw_json);

typedef struct { void *items; size_t count; } span;

/* A leaf value (bool, a number without a text slot, a string) freed in
 * place, without a call into the walk: most values. false: not a leaf. */
static inline bool release_leaf(const oas_type *t, void *v)
{
    switch (t->kind) {
    case OAS_K_BOOL:
        return true;
    case OAS_K_INT64: case OAS_K_DOUBLE:
        return !t->entry_text_offset;
    case OAS_K_STRING:
        oas_free(*(char **)v);
        return true;
    default:
        return false;
    }
}

static void release_items(const oas_type *elem, size_t stride, size_t value_offset, span s,
                          bool keyed, size_t text_offset)
{
    char *mem = s.items;
    for (size_t i = 0; mem && i < s.count; i++) {
        char *entry = mem + i * stride;
        if (keyed)
            oas_free(*(char **)(void *)entry);
        if (text_offset)
            oas_free(*(char **)(void *)(entry + text_offset));
        if (!release_leaf(elem, entry + value_offset))
            oas_model_release(elem, entry + value_offset);
    }
    oas_free(mem);
}

/* An array's item texts (one per item, NULL where none), then its items. */
static void release_array(const oas_type *elem, span s, char **texts)
{
    for (size_t i = 0; texts && i < s.count; i++)
        oas_free(texts[i]);
    oas_free(texts);
    release_items(elem, elem->size, 0, s, false, 0);
}

static void release_map(const oas_type *map, span s)
{
    release_items(map->element, map->entry_size, map->entry_value_offset, s, true,
                  map->entry_text_offset);
}

static void release_slot(const oas_type *t, void *slot, bool pointer)
{
    if (!pointer) {
        oas_model_release(t, slot);
        return;
    }
    void *p = *(void **)slot;
    if (p) {
        oas_model_release(t, p);
        oas_free(p);
    }
}

static void release_field(const oas_field *f, char *base)
{
    void *slot = base + f->offset;
    if (f->type->kind == OAS_K_ARRAY || f->type->kind == OAS_K_MAP) {
        span s = {*(void **)slot, *(size_t *)(void *)(base + f->count_offset)};
        if (f->type->kind == OAS_K_ARRAY)
            release_array(f->type->element, s,
                          f->text_offset ? *(char ***)(void *)(base + f->text_offset) : NULL);
        else
            release_map(f->type, s);
        return;
    }
    if (f->text_offset) {
        char **text = (char **)(void *)(base + f->text_offset);
        if (*text) { /* mostly NULL: the number writes back as its text */
            oas_free(*text);
            *text = NULL;
        }
    }
    if (!(f->flags & OAS_FIELD_POINTER) && release_leaf(f->type, slot))
        return;
    release_slot(f->type, slot, (f->flags & OAS_FIELD_POINTER) != 0);
}

void oas_model_release(const oas_type *t, void *v)
{
    switch (t->kind) {
    case OAS_K_BOOL:
        return;
    case OAS_K_INT64: case OAS_K_DOUBLE:
        if (t->entry_text_offset)  /* a number component's text */
            oas_free(*(char **)(void *)((char *)v + t->entry_text_offset));
        return;
    case OAS_K_STRING:
        oas_free(*(char **)v);
        return;
    case OAS_K_JSON:
        oas_free(((oas_raw_json *)v)->text);
        return;
    case OAS_K_ENUM:
        oas_free(*(char **)(void *)((char *)v + t->entry_value_offset));
        return;
    case OAS_K_STRUCT:
        for (size_t i = 0; i < t->field_count; i++)
            release_field(&t->fields[i], v);
        if (t->keeps_additional)
            oas_free(((oas_raw_json *)(void *)((char *)v + t->additional_offset))->text);
        if (t->variant_count) {
            oas_subtype *sub = (oas_subtype *)(void *)((char *)v + t->subtype_offset);
            if (sub->type)
                release_slot(sub->type, &sub->value, true);
        }
        return;
    case OAS_K_ARRAY:
        release_array(t->element, *(span *)v,
                      t->entry_text_offset ? *(char ***)(void *)((char *)v + t->entry_text_offset)
                                           : NULL);
        return;
    case OAS_K_MAP:
        release_map(t, *(span *)v);
        return;
    case OAS_K_UNION: {
        int tag = *(int *)v;
        if (tag > 0 && (size_t)tag <= t->variant_count) {
            const oas_variant *var = &t->variants[tag - 1];
            release_slot(var->type, (char *)v + var->offset, var->pointer);
        }
        if (t->entry_text_offset)  /* the number variant's text */
            oas_free(*(char **)(void *)((char *)v + t->entry_text_offset));
        return;
    }
    }
}

void oas_model_init(const oas_type *type, void *value)
{
    if (value)
        memset(value, 0, type->size);
}

void oas_model_free(const oas_type *type, void *value)
{
    if (!value)
        return;
    oas_model_release(type, value);
    memset(value, 0, type->size);
}

oas_status oas_model_from_json(const oas_type *type, const oas_json *node, void *value,
                               oas_error *err)
{
    if (err)
        oas_error_clear(err);
    if (!value)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "no output value");
    memset(value, 0, type->size);
    if (!node)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "no JSON value");
    oas_status st = oas_model_read(type, node, value, NULL, err);
    if (st != OAS_OK)
        oas_model_free(type, value);
    return st;
}

oas_status oas_model_parse(const oas_type *type, const char *bytes, size_t len, void *value,
                           oas_error *err)
{
    if (value)
        memset(value, 0, type->size);
    if (!bytes && len)
        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, "no input");
    oas_json_doc *doc = NULL;
    oas_status st = oas_json_parse(bytes ? bytes : "", len, NULL, &doc, err);
    if (st != OAS_OK)
        return st;
    st = oas_model_from_json(type, oas_json_doc_root(doc), value, err);
    if (st != OAS_OK && err && err->offset != OAS_NO_OFFSET)
        oas_error_locate(err, bytes, len);
    oas_json_doc_free(doc);
    return st;
}

oas_status oas_model_from_cjson(const oas_type *type, const struct cJSON *item, void *value,
                                oas_error *err)
{
    if (value)
        memset(value, 0, type->size);
    oas_json_doc *doc = NULL;
    oas_status st = oas_json_from_cjson(item, &doc, err);
    if (st != OAS_OK)
        return st;
    st = oas_model_from_json(type, oas_json_doc_root(doc), value, err);
    oas_json_doc_free(doc);
    return st;
}

oas_status oas_model_to_json(const oas_type *type, const void *value, oas_buf *out)
{
    if (!value || !out)
        return OAS_ERR_INVALID_ARG;
    oas_model_write(type, value, out);
    return oas_buf_status(out);
}

struct cJSON *oas_model_to_cjson(const oas_type *type, const void *value)
{
    oas_buf b = OAS_BUF_INIT;
    if (oas_model_to_json(type, value, &b) != OAS_OK) {
        oas_buf_free(&b);
        return NULL;
    }
    /* Through the strict DOM so that int64 values keep their exact text
     * where cJSON can hold it. */
    oas_json_doc *doc = NULL;
    struct cJSON *item = NULL;
    if (oas_json_parse(b.data, b.len, NULL, &doc, NULL) == OAS_OK)
        item = oas_json_to_cjson(oas_json_doc_root(doc));
    oas_json_doc_free(doc);
    oas_buf_free(&b);
    return item;
}

const char *oas_enum_name(const oas_type *type, int value)
{
    if (!type || type->kind != OAS_K_ENUM || value <= 0 || (size_t)value > type->enum_count)
        return NULL;
    return type->enum_values[value - 1];
}

static int entry_cmp(const void *key, const void *entry)
{
    return strcmp(key, ((const oas_model_entry *)entry)->name);
}

const oas_type *oas_model_find(const oas_model_entry *types, size_t count, const char *name)
{
    if (!types || !count || !name)
        return NULL;
    const oas_model_entry *e = bsearch(name, types, count, sizeof *types, entry_cmp);
    return e ? e->type : NULL;
}
