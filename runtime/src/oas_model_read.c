/* oas_model_read.c - JSON tree -> typed C values, driven by oas_type tables.
 * Values are filled in place so that a failure part-way leaves a structure
 * oas_model_release() can free: counts are set as soon as storage exists and
 * new storage is zeroed (the init state). */
#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "oas_alloc.h"
#include "oas_json_internal.h"
#include "oas_model_internal.h"

/* Render the path as an RFC 6901 pointer, truncated to fit. */
static size_t put_path(const oas_mpath *p, char *buf, size_t pos, size_t cap)
{
    if (!p)
        return pos;
    pos = put_path(p->up, buf, pos, cap);
    char tmp[24];
    const char *s = p->key;
    size_t n = p->key_len;
    if (!s) {
        n = (size_t)snprintf(tmp, sizeof tmp, "%zu", p->index);
        s = tmp;
    }
    if (pos + 1 < cap)
        buf[pos++] = '/';
    for (size_t i = 0; i < n && pos + 2 < cap; i++) {
        if (s[i] == '~' || s[i] == '/') {
            buf[pos++] = '~';
            buf[pos++] = s[i] == '~' ? '0' : '1';
        } else {
            buf[pos++] = s[i];
        }
    }
    buf[pos] = '\0';
    return pos;
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static oas_status fail(oas_error *err, oas_status code, const oas_mpath *p, size_t offset,
                       const char *fmt, ...)
{
    if (!err)
        return code;
    char ptr[OAS_ERROR_POINTER_MAX];
    ptr[0] = '\0';
    put_path(p, ptr, 0, sizeof ptr);
    char msg[OAS_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* node offsets come as 32 bits: a cJSON-bridged node's has no offset */
    offset = oas_json_offset(offset);
    return oas_error_set(err, code, ptr, offset, "%s", msg);
}

static const char *expected_name(oas_kind k)
{
    switch (k) {
    case OAS_K_BOOL: return "boolean";
    case OAS_K_INT64: return "integer";
    case OAS_K_DOUBLE: return "number";
    case OAS_K_STRING: case OAS_K_ENUM: return "string";
    case OAS_K_STRUCT: case OAS_K_MAP: return "object";
    case OAS_K_ARRAY: return "array";
    default: return "value";
    }
}

static oas_status type_error(const oas_type *t, const oas_json *n, const oas_mpath *p,
                             oas_error *err)
{
    return fail(err, OAS_ERR_TYPE, p, n->offset, "expected %s, got %s",
                expected_name(t->kind), oas_json_type_name(n));
}

/* A C string copy of a JSON string, refusing embedded NULs. */
static oas_status dup_string(const char *s, size_t len, char **out, size_t offset,
                             const oas_mpath *p, oas_error *err)
{
    if (memchr(s, '\0', len))
        return fail(err, OAS_ERR_NUL_IN_STRING, p, offset,
                    "string contains \\u0000, which a C string cannot hold");
    *out = oas_strndup(s, len);
    if (!*out)
        return fail(err, OAS_ERR_NOMEM, p, offset, "out of memory");
    return OAS_OK;
}

static bool is_number_kind(oas_kind kind)
{
    return kind == OAS_K_INT64 || kind == OAS_K_DOUBLE;
}

/* A number where a text slot is (a member's x_text, an item's entry in
 * texts, a map entry's value_text): the typed value, saturated where the C
 * type cannot hold the number, and the text (owned) only when the value
 * would not write back as it (see oas_model.h). *text is written only then,
 * so an array's texts can be allocated on the first item that needs one. */
static oas_status read_number(const oas_type *t, const oas_json *m, void *value, bool *keep,
                              const oas_mpath *p, oas_error *err)
{
    if (m->type != OAS_JSON_NUMBER)
        return type_error(t, m, p, err);
    if (t->kind == OAS_K_INT64 && !(m->flags & OAS_JSON_F_INTEGER))
        return fail(err, OAS_ERR_TYPE, p, m->offset, "expected integer, got %.64s",
                    m->u.num.text);
    oas_model_number_value(t->kind, m, value);
    *keep = !oas_model_number_writes_as(t->kind, value, m);
    return OAS_OK;
}

static oas_status keep_text(const oas_json *m, char **text, const oas_mpath *p, oas_error *err)
{
    *text = oas_strdup(m->u.num.text);
    if (!*text)
        return fail(err, OAS_ERR_NOMEM, p, m->offset, "out of memory");
    return OAS_OK;
}

static oas_status read_number_with_text(const oas_type *t, const oas_json *m, void *value,
                                        char **text, const oas_mpath *p, oas_error *err)
{
    bool keep = false;
    oas_status st = read_number(t, m, value, &keep, p, err);
    return st == OAS_OK && keep ? keep_text(m, text, p, err) : st;
}

/* texts: the array's text slot (char **, NULL until an item needs text), or
 * NULL when it has none. */
static oas_status read_array(const oas_type *elem, const oas_json *n, void **items,
                             size_t *count, char ***texts, const oas_mpath *p, oas_error *err)
{
    if (n->type != OAS_JSON_ARRAY)
        return fail(err, OAS_ERR_TYPE, p, n->offset, "expected array, got %s",
                    oas_json_type_name(n));
    size_t cnt = n->u.arr.count;
    if (cnt == 0)
        return OAS_OK;
    char *mem = oas_calloc(cnt, elem->size);
    if (!mem)
        return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
    *items = mem;
    *count = cnt;
    bool numbers = texts && is_number_kind(elem->kind);
    for (size_t i = 0; i < cnt; i++) {
        oas_mpath here = {p, NULL, 0, i};
        const oas_json *item = &n->u.arr.items[i];
        bool keep = false;
        oas_status st = numbers ? read_number(elem, item, mem + i * elem->size, &keep, &here, err)
                                : oas_model_read(elem, item, mem + i * elem->size, &here, err);
        if (st == OAS_OK && keep) {
            if (!*texts && !(*texts = oas_calloc(cnt, sizeof **texts)))
                return fail(err, OAS_ERR_NOMEM, &here, item->offset, "out of memory");
            st = keep_text(item, &(*texts)[i], &here, err);
        }
        if (st != OAS_OK)
            return st;
    }
    return OAS_OK;
}

/* For an object with duplicate keys, *marks gets one byte per member, with
 * OAS_JSON_DUP_SHADOWED on each occurrence a later one overrides; NULL when
 * the object has none. Worked out once, linear whatever the keys; the
 * caller frees *marks. */
static oas_status shadow_marks(const oas_json *n, unsigned char **marks)
{
    *marks = NULL;
    if (!(n->flags & OAS_JSON_F_DUPKEYS))
        return OAS_OK;
    size_t count = n->u.obj.count;
    oas_json_dup_table table = {0};
    unsigned char *m = oas_malloc(count ? count : 1);
    oas_status st = m ? oas_json_mark_duplicates(&table, n->u.obj.members, count, m) : OAS_ERR_NOMEM;
    oas_free(table.table);
    if (st != OAS_OK) {
        oas_free(m);
        return st;
    }
    *marks = m;
    return OAS_OK;
}

static oas_status read_map(const oas_type *map, const oas_json *n, void **items, size_t *count,
                           const oas_mpath *p, oas_error *err)
{
    if (n->type != OAS_JSON_OBJECT)
        return fail(err, OAS_ERR_TYPE, p, n->offset, "expected object, got %s",
                    oas_json_type_name(n));
    size_t total = n->u.obj.count;
    if (total == 0)
        return OAS_OK;
    char *mem = oas_calloc(total, map->entry_size);
    if (!mem)
        return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
    *items = mem;
    /* With duplicate keys only the last occurrence of each key becomes an
     * entry (as lookups see it). */
    unsigned char *marks;
    if (shadow_marks(n, &marks) != OAS_OK)
        return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
    oas_status st = OAS_OK;
    for (size_t i = 0; st == OAS_OK && i < total; i++) {
        if (marks && (marks[i] & OAS_JSON_DUP_SHADOWED))
            continue;
        const oas_json_member *m = &n->u.obj.members[i];
        oas_mpath here = {p, m->key, m->key_len, 0};
        char *entry = mem + *count * map->entry_size;
        (*count)++;
        st = dup_string(m->key, m->key_len, (char **)(void *)entry, m->key_offset, &here, err);
        if (st == OAS_OK && m->value.type == OAS_JSON_NULL && map->entry_null_offset &&
            map->element->kind != OAS_K_JSON)
            *(bool *)(entry + map->entry_null_offset) = true;
        else if (st == OAS_OK && map->entry_text_offset && is_number_kind(map->element->kind))
            st = read_number_with_text(map->element, &m->value, entry + map->entry_value_offset,
                                       (char **)(void *)(entry + map->entry_text_offset), &here,
                                       err);
        else if (st == OAS_OK)
            st = oas_model_read(map->element, &m->value, entry + map->entry_value_offset,
                                &here, err);
    }
    oas_free(marks);
    return st;
}

static oas_status read_into(const oas_type *t, const oas_json *n, void *slot, bool pointer,
                            const oas_mpath *p, oas_error *err)
{
    if (!pointer)
        return oas_model_read(t, n, slot, p, err);
    void *mem = oas_calloc(1, t->size);
    if (!mem)
        return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
    *(void **)slot = mem;
    return oas_model_read(t, n, mem, p, err);
}

/* The member named key, as oas_json_get finds it. Without duplicate keys
 * the only match is the answer, so the search starts at *hint (just past the
 * previous field's member: objects mostly come in declaration order) and
 * wraps around. */
static const oas_json *member(const oas_json *obj, const char *key, size_t len, size_t *hint)
{
    if (obj->flags & OAS_JSON_F_DUPKEYS)
        return oas_json_get(obj, key, len);
    size_t cnt = obj->u.obj.count;
    const oas_json_member *ms = obj->u.obj.members;
    size_t i = *hint < cnt ? *hint : 0;
    for (size_t k = 0; k < cnt; k++) {
        const oas_json_member *m = &ms[i];
        if (m->key_len == len && oas_json_key_eq(m->key, key, len)) {
            *hint = i + 1;
            return &m->value;
        }
        if (++i == cnt)
            i = 0;
    }
    return NULL;
}

static oas_status read_field(const oas_field *f, const oas_json *obj, char *base,
                             const oas_mpath *p, size_t *hint, size_t *matched, oas_error *err)
{
    oas_mpath here = {p, f->name, f->name_len, 0};
    const oas_json *m = member(obj, f->name, f->name_len, hint);
    if (m)
        (*matched)++;
    if (m && m->type == OAS_JSON_NULL && f->type->kind != OAS_K_JSON) {
        if (f->flags & OAS_FIELD_NULLABLE) {
            if (f->null_offset != OAS_NO_FIELD)
                *(bool *)(base + f->null_offset) = true;
            return OAS_OK;
        }
        if (f->flags & OAS_FIELD_REQUIRED)
            return type_error(f->type, m, &here, err);
        m = NULL; /* optional and not nullable: null counts as absent */
    }
    if (!m) {
        if (f->flags & OAS_FIELD_REQUIRED)
            return fail(err, OAS_ERR_MISSING, &here, obj->offset,
                        "missing required member \"%s\"", f->name);
        return OAS_OK;
    }
    oas_status st;
    oas_kind kind = f->type->kind;
    const unsigned int_flags = OAS_JSON_F_INTEGER | OAS_JSON_F_INT64;
    if (kind == OAS_K_INT64 && f->text_offset && m->type == OAS_JSON_NUMBER &&
        (m->flags & int_flags) == int_flags && oas_model_int64_writes_as(m)) {
        /* read_number_with_text's common case without its calls (same
           result: the value, and no text to keep) */
        *(int64_t *)(void *)(base + f->offset) = m->u.num.i;
        st = OAS_OK;
    } else if (is_number_kind(kind) && f->text_offset) {
        st = read_number_with_text(f->type, m, base + f->offset,
                                   (char **)(void *)(base + f->text_offset), &here, err);
    } else if (kind == OAS_K_INT64 && !(f->flags & OAS_FIELD_POINTER) && m->type == OAS_JSON_NUMBER &&
        (m->flags & int_flags) == int_flags) {
        /* the common scalars without the general path's call (same result) */
        *(int64_t *)(void *)(base + f->offset) = m->u.num.i;
        st = OAS_OK;
    } else if (kind == OAS_K_STRING && !(f->flags & OAS_FIELD_POINTER) &&
               m->type == OAS_JSON_STRING) {
        st = dup_string(m->u.str.ptr, m->u.str.len, (char **)(void *)(base + f->offset),
                        m->offset, &here, err);
    } else if (kind == OAS_K_ARRAY)
        st = read_array(f->type->element, m, (void **)(void *)(base + f->offset),
                        (size_t *)(void *)(base + f->count_offset),
                        f->text_offset ? (char ***)(void *)(base + f->text_offset) : NULL, &here,
                        err);
    else if (f->type->kind == OAS_K_MAP)
        st = read_map(f->type, m, (void **)(void *)(base + f->offset),
                      (size_t *)(void *)(base + f->count_offset), &here, err);
    else
        st = read_into(f->type, m, base + f->offset, (f->flags & OAS_FIELD_POINTER) != 0, &here,
                       err);
    if (st == OAS_OK && f->has_offset != OAS_NO_FIELD)
        *(bool *)(base + f->has_offset) = true;
    return st;
}

static bool declared(const oas_type *t, const char *key, size_t len)
{
    for (size_t i = 0; i < t->field_count; i++)
        if (t->fields[i].name_len == len && memcmp(t->fields[i].name, key, len) == 0)
            return true;
    return false;
}

/* The members no field names, as one JSON object text in input order. */
static oas_status keep_additional(const oas_type *t, const oas_json *n, char *base,
                                  const oas_mpath *p, oas_error *err)
{
    unsigned char *marks; /* duplicate keys: only the last occurrence is kept */
    if (shadow_marks(n, &marks) != OAS_OK)
        return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
    oas_buf b = OAS_BUF_INIT;
    size_t kept = 0;
    for (size_t i = 0; i < n->u.obj.count; i++) {
        const oas_json_member *m = &n->u.obj.members[i];
        if ((marks && (marks[i] & OAS_JSON_DUP_SHADOWED)) || declared(t, m->key, m->key_len))
            continue;
        oas_buf_putc(&b, kept++ ? ',' : '{');
        oas_buf_json_string(&b, m->key, m->key_len);
        oas_buf_putc(&b, ':');
        oas_json_write(&m->value, &b);
    }
    oas_free(marks);
    if (!kept)
        return OAS_OK;
    oas_buf_putc(&b, '}');
    oas_raw_json *raw = (oas_raw_json *)(void *)(base + t->additional_offset);
    raw->text = oas_buf_steal(&b, &raw->len);
    if (!raw->text)
        return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
    return OAS_OK;
}

static oas_status read_subtype(const oas_type *t, const oas_json *n, char *base,
                               const oas_mpath *p, oas_error *err);

static oas_status read_struct(const oas_type *t, const oas_json *n, char *base,
                              const oas_mpath *p, oas_error *err)
{
    if (n->type != OAS_JSON_OBJECT)
        return type_error(t, n, p, err);
    size_t hint = 0, matched = 0;
    for (size_t i = 0; i < t->field_count; i++) {
        oas_status st = read_field(&t->fields[i], n, base, p, &hint, &matched, err);
        if (st != OAS_OK)
            return st;
    }
    /* Every member matched a field (the common case): nothing to keep. */
    if (t->keeps_additional && matched < n->u.obj.count) {
        oas_status st = keep_additional(t, n, base, p, err);
        if (st != OAS_OK)
            return st;
    }
    return t->variant_count ? read_subtype(t, n, base, p, err) : OAS_OK;
}

static oas_status read_variant(const oas_type *t, size_t i, const oas_json *n, char *base,
                               const oas_mpath *p, oas_error *err)
{
    const oas_variant *v = &t->variants[i];
    *(int *)(void *)base = (int)i + 1;
    if (t->entry_text_offset && !v->pointer && is_number_kind(v->type->kind))
        return read_number_with_text(v->type, n, base + v->offset,
                                     (char **)(void *)(base + t->entry_text_offset), p, err);
    return read_into(v->type, n, base + v->offset, v->pointer, p, err);
}

static bool key_is(const char *want, const oas_json *s)
{
    return strlen(want) == s->u.str.len && memcmp(want, s->u.str.ptr, s->u.str.len) == 0;
}

/* The variant a discriminator names, or (size_t)-1. */
static size_t discriminated(const oas_type *t, const oas_json *n)
{
    if (!t->discriminator || n->type != OAS_JSON_OBJECT)
        return (size_t)-1;
    const oas_json *d = oas_json_get(n, t->discriminator, strlen(t->discriminator));
    if (!d || d->type != OAS_JSON_STRING)
        return (size_t)-1;
    for (size_t i = 0; i < t->mapping_count; i++)
        if (key_is(t->mappings[i].value, d))
            return t->mappings[i].variant;
    for (size_t i = 0; i < t->variant_count; i++)
        if (t->variants[i].name && key_is(t->variants[i].name, d))
            return i;
    return (size_t)-1;
}

/* The whole object again as the subtype its discriminator names. An object
 * the subtype refuses stays the base's alone: the base schema accepted it. */
static oas_status read_subtype(const oas_type *t, const oas_json *n, char *base,
                               const oas_mpath *p, oas_error *err)
{
    size_t chosen = discriminated(t, n);
    if (chosen >= t->variant_count)
        return OAS_OK;
    const oas_type *sub = t->variants[chosen].type;
    if (sub == t || sub->kind != OAS_K_STRUCT || sub->variant_count)
        return OAS_OK; /* one level: no cycles through subtypes */
    oas_subtype *slot = (oas_subtype *)(void *)(base + t->subtype_offset);
    void *mem = oas_calloc(1, sub->size);
    if (!mem)
        return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
    oas_error trial;
    oas_error_clear(&trial);
    oas_status st = oas_model_read(sub, n, mem, p, &trial);
    if (st == OAS_OK) {
        slot->type = sub;
        slot->value = mem;
        return OAS_OK;
    }
    oas_model_release(sub, mem);
    oas_free(mem);
    if (st == OAS_ERR_NOMEM && err)
        *err = trial;
    return st == OAS_ERR_NOMEM ? st : OAS_OK;
}

/* A closed struct (no additional-members store) would drop some member. */
static bool would_drop(const oas_type *t, const oas_json *n)
{
    if (t->kind != OAS_K_STRUCT || t->keeps_additional || n->type != OAS_JSON_OBJECT)
        return false;
    for (size_t i = 0; i < n->u.obj.count; i++)
        if (!declared(t, n->u.obj.members[i].key, n->u.obj.members[i].key_len))
            return true;
    return false;
}

static oas_status read_union(const oas_type *t, const oas_json *n, char *base,
                             const oas_mpath *p, oas_error *err)
{
    size_t chosen = discriminated(t, n);
    if (chosen < t->variant_count)
        return read_variant(t, chosen, n, base, p, err);
    oas_error first;
    oas_error_clear(&first);
    size_t lossy = (size_t)-1; /* the first variant that parses but would drop members */
    for (size_t i = 0; i < t->variant_count; i++) {
        oas_error trial;
        oas_error_clear(&trial);
        oas_status st = read_variant(t, i, n, base, p, &trial);
        if (st == OAS_OK && !would_drop(t->variants[i].type, n))
            return OAS_OK;
        if (st == OAS_OK && lossy == (size_t)-1)
            lossy = i;
        oas_model_release(t, base);
        memset(base, 0, t->size);
        if (st == OAS_ERR_NOMEM) {
            if (err)
                *err = trial;
            return st;
        }
        if (i == 0)
            first = trial;
    }
    if (lossy < t->variant_count)
        return read_variant(t, lossy, n, base, p, err);
    return fail(err, OAS_ERR_TYPE, p, n->offset, "matches no variant of %s (first: %s at \"%s\")",
                t->name, first.message, first.pointer);
}

oas_status oas_model_read(const oas_type *t, const oas_json *n, void *value,
                          const oas_mpath *p, oas_error *err)
{
    if (n->type == OAS_JSON_NULL && t->null_offset) {
        *(bool *)(void *)((char *)value + t->null_offset) = true;
        return OAS_OK;
    }
    if (is_number_kind(t->kind) && t->entry_text_offset) /* a number component */
        return read_number_with_text(t, n, value,
                                     (char **)(void *)((char *)value + t->entry_text_offset), p,
                                     err);
    switch (t->kind) {
    case OAS_K_BOOL:
        if (n->type != OAS_JSON_TRUE && n->type != OAS_JSON_FALSE)
            return type_error(t, n, p, err);
        *(bool *)value = n->type == OAS_JSON_TRUE;
        return OAS_OK;
    case OAS_K_INT64:
        if (n->type != OAS_JSON_NUMBER)
            return type_error(t, n, p, err);
        if (!(n->flags & OAS_JSON_F_INTEGER))
            return fail(err, OAS_ERR_TYPE, p, n->offset, "expected integer, got %.64s",
                        n->u.num.text);
        if (!(n->flags & OAS_JSON_F_INT64))
            return fail(err, OAS_ERR_RANGE, p, n->offset, "integer %.64s does not fit int64",
                        n->u.num.text);
        *(int64_t *)value = n->u.num.i;
        return OAS_OK;
    case OAS_K_DOUBLE:
        if (n->type != OAS_JSON_NUMBER)
            return type_error(t, n, p, err);
        double d = oas_json_number_double(n);
        if (d > DBL_MAX || d < -DBL_MAX) /* 1e400: no double holds it */
            return fail(err, OAS_ERR_RANGE, p, n->offset, "number %.64s does not fit a double",
                        n->u.num.text);
        *(double *)value = d;
        return OAS_OK;
    case OAS_K_STRING:
        if (n->type != OAS_JSON_STRING)
            return type_error(t, n, p, err);
        return dup_string(n->u.str.ptr, n->u.str.len, (char **)value, n->offset, p, err);
    case OAS_K_ENUM: {
        if (n->type != OAS_JSON_STRING)
            return type_error(t, n, p, err);
        char **str = (char **)(void *)((char *)value + t->entry_value_offset);
        oas_status st = dup_string(n->u.str.ptr, n->u.str.len, str, n->offset, p, err);
        if (st != OAS_OK)
            return st;
        int *which = value;
        for (size_t i = 0; i < t->enum_count; i++)
            if (key_is(t->enum_values[i], n))
                *which = (int)i + 1;
        return OAS_OK;
    }
    case OAS_K_JSON: {
        oas_buf b = OAS_BUF_INIT;
        oas_json_write(n, &b);
        oas_raw_json *raw = value;
        raw->text = oas_buf_steal(&b, &raw->len);
        if (!raw->text)
            return fail(err, OAS_ERR_NOMEM, p, n->offset, "out of memory");
        return OAS_OK;
    }
    case OAS_K_STRUCT:
        return read_struct(t, n, value, p, err);
    case OAS_K_ARRAY: {
        struct { void *items; size_t count; } *a = value;
        char ***texts = t->entry_text_offset
                            ? (char ***)(void *)((char *)value + t->entry_text_offset) : NULL;
        return read_array(t->element, n, &a->items, &a->count, texts, p, err);
    }
    case OAS_K_MAP: {
        struct { void *items; size_t count; } *m = value;
        return read_map(t, n, &m->items, &m->count, p, err);
    }
    case OAS_K_UNION:
        return read_union(t, n, value, p, err);
    }
    return fail(err, OAS_ERR_INVALID_ARG, p, n->offset, "bad type table");
}
