/* oas_model_write.c - typed C values -> compact JSON, driven by oas_type
 * tables. Members come out in the table's (spec) order, then the kept
 * additional members in theirs; absent optional members are left out, so
 * parse -> write -> parse is lossless. */
#include <string.h>
#include "oas_model_internal.h"

typedef struct { const void *items; size_t count; } span;

/* A number's kept text, while it still denotes the typed value. */
static const char *kept_text(oas_kind kind, const char *text, const void *value)
{
    if (!text || (kind != OAS_K_INT64 && kind != OAS_K_DOUBLE))
        return NULL;
    return oas_model_number_text_denotes(kind, text, value) ? text : NULL;
}

/* A value, or its kept text (NULL: none) while that still denotes it. */
static void write_value(const oas_type *t, const void *value, const char *text, oas_buf *out)
{
    text = kept_text(t->kind, text, value);
    if (text)
        oas_buf_puts(out, text);
    else
        oas_model_write(t, value, out);
}

/* texts: one per item (NULL where none), or NULL. */
static void write_array(const oas_type *elem, span a, char *const *texts, oas_buf *out)
{
    oas_buf_putc(out, '[');
    for (size_t i = 0; i < a.count; i++) {
        if (i)
            oas_buf_putc(out, ',');
        write_value(elem, (const char *)a.items + i * elem->size, texts ? texts[i] : NULL, out);
    }
    oas_buf_putc(out, ']');
}

static void write_map(const oas_type *map, span m, oas_buf *out)
{
    oas_buf_putc(out, '{');
    for (size_t i = 0; i < m.count; i++) {
        const char *entry = (const char *)m.items + i * map->entry_size;
        const char *key = *(char *const *)(const void *)entry;
        if (i)
            oas_buf_putc(out, ',');
        oas_buf_json_string(out, key ? key : "", key ? strlen(key) : 0);
        oas_buf_putc(out, ':');
        const char *text = map->entry_text_offset
                               ? *(char *const *)(const void *)(entry + map->entry_text_offset)
                               : NULL;
        if (map->entry_null_offset && *(const bool *)(const void *)(entry + map->entry_null_offset))
            oas_buf_puts(out, "null");
        else
            write_value(map->element, entry + map->entry_value_offset, text, out);
    }
    oas_buf_putc(out, '}');
}

static bool flag(const char *base, size_t off)
{
    return off != OAS_NO_FIELD && *(const bool *)(const void *)(base + off);
}

/* Whether an optional member holds a value (has_ flags, NULL pointers,
 * NULL strings). Required members are always written. */
static bool present(const oas_field *f, const char *base)
{
    if (f->flags & OAS_FIELD_REQUIRED)
        return true;
    if (f->has_offset != OAS_NO_FIELD)
        return flag(base, f->has_offset);
    const void *slot = base + f->offset;
    if (f->flags & OAS_FIELD_POINTER)
        return *(void *const *)slot != NULL;
    switch (f->type->kind) {
    case OAS_K_STRING: return *(char *const *)slot != NULL;
    case OAS_K_JSON: return ((const oas_raw_json *)slot)->text != NULL;
    case OAS_K_ENUM:
        return *(const int *)slot != 0 ||
               *(char *const *)(const void *)((const char *)slot + f->type->entry_value_offset);
    default: return true;
    }
}

/* An array type's item texts (char **texts), or NULL. */
static char *const *array_texts(const oas_type *t, const void *v)
{
    if (!t->entry_text_offset)
        return NULL;
    return *(char *const *const *)(const void *)((const char *)v + t->entry_text_offset);
}

/* The member's text slot: char *x_text (numbers) or char **x_texts
 * (arrays of them); NULL when it has none. */
static const void *text_slot(const oas_field *f, const char *base)
{
    return f->text_offset ? *(void *const *)(const void *)(base + f->text_offset) : NULL;
}

static void write_field(const oas_field *f, const char *base, oas_buf *out)
{
    const void *slot = base + f->offset;
    if (flag(base, f->null_offset)) {
        oas_buf_puts(out, "null");
    } else if (f->type->kind == OAS_K_ARRAY || f->type->kind == OAS_K_MAP) {
        span s = {*(void *const *)slot, *(const size_t *)(const void *)(base + f->count_offset)};
        if (f->type->kind == OAS_K_ARRAY)
            write_array(f->type->element, s, text_slot(f, base), out);
        else
            write_map(f->type, s, out);
    } else if (kept_text(f->type->kind, text_slot(f, base), slot)) {
        oas_buf_puts(out, text_slot(f, base));
    } else if (f->flags & OAS_FIELD_POINTER) {
        const void *p = *(void *const *)slot;
        if (p)
            oas_model_write(f->type, p, out);
        else
            oas_buf_puts(out, "null");
    } else {
        oas_model_write(f->type, slot, out);
    }
}

static void write_struct(const oas_type *t, const char *base, oas_buf *out)
{
    if (t->variant_count) {
        /* the subtype holds every member, the base's included */
        const oas_subtype *sub = (const oas_subtype *)(const void *)(base + t->subtype_offset);
        if (sub->type && sub->value) {
            oas_model_write(sub->type, sub->value, out);
            return;
        }
    }
    oas_buf_putc(out, '{');
    bool first = true;
    for (size_t i = 0; i < t->field_count; i++) {
        const oas_field *f = &t->fields[i];
        if (!flag(base, f->null_offset) && !present(f, base))
            continue;
        if (!first)
            oas_buf_putc(out, ',');
        first = false;
        oas_buf_json_string(out, f->name, f->name_len);
        oas_buf_putc(out, ':');
        write_field(f, base, out);
    }
    if (t->keeps_additional) {
        /* the inside of the kept object text, after the declared members */
        const oas_raw_json *raw = (const oas_raw_json *)(const void *)(base + t->additional_offset);
        if (raw->text && raw->len > 2 && raw->text[0] == '{' && raw->text[raw->len - 1] == '}') {
            if (!first)
                oas_buf_putc(out, ',');
            oas_buf_append(out, raw->text + 1, raw->len - 2);
        }
    }
    oas_buf_putc(out, '}');
}

/* A union's or number component's own text slot (char *text), or NULL. */
static const char *own_text(const oas_type *t, const void *v)
{
    return t->entry_text_offset
               ? *(char *const *)(const void *)((const char *)v + t->entry_text_offset)
               : NULL;
}

void oas_model_write(const oas_type *t, const void *v, oas_buf *out)
{
    if (t->null_offset && *(const bool *)(const void *)((const char *)v + t->null_offset)) {
        oas_buf_puts(out, "null");
        return;
    }
    bool number = t->kind == OAS_K_INT64 || t->kind == OAS_K_DOUBLE;
    const char *text = number ? kept_text(t->kind, own_text(t, v), v) : NULL;
    if (text) { /* a number component's text, still denoting its value */
        oas_buf_puts(out, text);
        return;
    }
    switch (t->kind) {
    case OAS_K_BOOL:
        oas_buf_puts(out, *(const bool *)v ? "true" : "false");
        return;
    case OAS_K_INT64:
        oas_buf_json_int64(out, *(const int64_t *)v);
        return;
    case OAS_K_DOUBLE:
        oas_buf_json_double(out, *(const double *)v);
        return;
    case OAS_K_STRING: {
        const char *s = *(char *const *)v;
        if (s)
            oas_buf_json_string(out, s, strlen(s));
        else
            oas_buf_puts(out, "null");
        return;
    }
    case OAS_K_JSON: {
        const oas_raw_json *raw = v;
        if (raw->text)
            oas_buf_append(out, raw->text, raw->len);
        else
            oas_buf_puts(out, "null");
        return;
    }
    case OAS_K_ENUM: {
        const char *s = *(char *const *)(const void *)((const char *)v + t->entry_value_offset);
        if (!s)
            s = oas_enum_name(t, *(const int *)v);
        if (s)
            oas_buf_json_string(out, s, strlen(s));
        else
            oas_buf_puts(out, "null");
        return;
    }
    case OAS_K_STRUCT:
        write_struct(t, v, out);
        return;
    case OAS_K_ARRAY:
    case OAS_K_MAP: {
        const span *s = v;
        if (t->kind == OAS_K_ARRAY)
            write_array(t->element, *s, array_texts(t, v), out);
        else
            write_map(t, *s, out);
        return;
    }
    case OAS_K_UNION: {
        int tag = *(const int *)v;
        if (tag <= 0 || (size_t)tag > t->variant_count) {
            oas_buf_puts(out, "null");
            return;
        }
        const oas_variant *var = &t->variants[tag - 1];
        const void *slot = (const char *)v + var->offset;
        if (var->pointer)
            slot = *(void *const *)slot;
        if (slot)
            write_value(var->type, slot, var->pointer ? NULL : own_text(t, v), out);
        else
            oas_buf_puts(out, "null");
        return;
    }
    }
}
