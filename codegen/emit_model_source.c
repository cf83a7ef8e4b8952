/* emit_model_source.c - writes <prefix>model.c: one constant oas_type table
 * per C type of the model, and per named type the seven one-line functions
 * that hand that table to runtime/src/oas_model.c, where the work is done. */
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "emit_model_common.h"
#include "naming.h"
#include "oc_alloc.h"

static void emit_name(FILE *f, const char *s)
{
    emit_c_string(f, s, strlen(s));
}

/* The table `name`_desc of C type `ctype`. */
static void table_head(FILE *f, const char *name, const char *ctype, const char *kind)
{
    fprintf(f, "const oas_type %s_desc = {\n    .kind = %s, .name = ", name, kind);
    emit_name(f, name);
    fprintf(f, ", .size = sizeof(%s),\n", ctype);
}

static void type_head(FILE *f, const ir_schema *s, const char *kind)
{
    table_head(f, s->type_name, s->type_name, kind);
}

static void null_offset(FILE *f, const ir_schema *s)
{
    fprintf(f, "    .null_offset = offsetof(%s, " MODEL_NULL_MEMBER "),\n", s->type_name);
}

/* The table `name`_desc of type s: head, the body's fields, null_offset at
 * s's is_null when it takes null. */
static void write_table(FILE *f, const char *name, const ir_schema *s, const char *kind,
                        const emit_item *body, bool takes_null)
{
    table_head(f, name, s->type_name, kind);
    fwrite(body->text, 1, body->len, f);
    if (takes_null)
        null_offset(f, s);
    fputs("};\n\n", f);
}

/* The type's table (null_offset when its schema accepts null), then one per
 * null alias of it (model_info.null_first): the same fields and the
 * statics before, another name, and null_offset. The fields are the item
 * of `bodies` begun last, kept to be written once more for each null alias:
 * one memory stream holds every table's fields (a stream per table zeroed
 * a buffer of its own, 1,500 of them on a big spec). */
static void emit_tables(FILE *f, const model_info *mi, const ir_schema *s, const char *kind,
                        emit_items *bodies)
{
    emit_item_end(bodies, 0);
    emit_item body = bodies->v[bodies->count - 1];
    body.text = bodies->buf + body.offset; /* until the stream is written again */
    write_table(f, s->type_name, s, kind, &body, model_type_takes_null(mi, s));
    for (size_t a = mi->null_first[s->index]; a; a = mi->null_next[a - 1])
        write_table(f, mi->spec->schemas[a - 1]->type_name, s, kind, &body, true);
}

static void emit_enum(FILE *f, const model_info *mi, const ir_schema *s, emit_items *bodies)
{
    fprintf(f, "static const char *const values_%s[] = {", s->type_name);
    size_t n = 0;
    for (size_t i = 0; i < s->enum_count; i++) {
        const ir_value *v = s->enum_values[i];
        if (v->kind != IRV_STRING)
            continue;
        fputs(n++ ? ", " : "", f);
        emit_c_string(f, v->text, v->len);
    }
    fprintf(f, "%s};\n", n ? "" : "NULL");
    fprintf(f, "_Static_assert(sizeof(%s_enum) == sizeof(int), \"enum must be int-sized\");\n",
            s->type_name);
    fprintf(emit_item_begin(bodies), "    .entry_value_offset = offsetof(%s, str),\n"
                                     "    .enum_values = values_%s, .enum_count = %zu,\n",
            s->type_name, s->type_name, n);
    emit_tables(f, mi, s, "OAS_K_ENUM", bodies);
}

static void off(FILE *f, const char *type, const char *fmt, const char *member)
{
    fprintf(f, "offsetof(%s, ", type);
    fprintf(f, fmt, member);
    fputs("), ", f);
}

static void emit_flags(FILE *f, bool required, bool pointer, bool nullable)
{
    const char *names[3] = {required ? "OAS_FIELD_REQUIRED" : NULL,
                            pointer ? "OAS_FIELD_POINTER" : NULL,
                            nullable ? "OAS_FIELD_NULLABLE" : NULL};
    int n = 0;
    for (int i = 0; i < 3; i++)
        if (names[i])
            fprintf(f, "%s%s", n++ ? " | " : "", names[i]);
    if (!n)
        fputs("0", f);
}

static size_t variant_of(const ir_schema *const *vars, size_t n, const ir_schema *target)
{
    for (size_t i = 0; i < n; i++)
        if (ir_deref(vars[i]) == ir_deref(target))
            return i;
    return n;
}

/* mappings_T (the discriminator mapping entries that name one of vars) and
 * the .discriminator/.mappings initialisers, shared by unions and
 * discriminator bases. Call emit_dispatch_table before the type's head. */
static size_t emit_dispatch_table(FILE *f, const ir_schema *s, const ir_schema *const *vars, size_t n)
{
    size_t mapped = 0;
    for (size_t i = 0; i < s->mapping_count; i++)
        if (s->mapping[i].target && variant_of(vars, n, s->mapping[i].target) < n)
            mapped++;
    if (!mapped)
        return 0;
    fprintf(f, "static const oas_mapping mappings_%s[] = {\n", s->type_name);
    for (size_t i = 0; i < s->mapping_count; i++) {
        if (!s->mapping[i].target || variant_of(vars, n, s->mapping[i].target) >= n)
            continue;
        fputs("    {", f);
        emit_name(f, s->mapping[i].value);
        fprintf(f, ", %zu},\n", variant_of(vars, n, s->mapping[i].target));
    }
    fputs("};\n", f);
    return mapped;
}

static void emit_dispatch_fields(FILE *f, const ir_schema *s, size_t mapped)
{
    if (s->discriminator_property) {
        fputs("    .discriminator = ", f);
        emit_name(f, s->discriminator_property);
        fputs(",\n", f);
    }
    if (mapped)
        fprintf(f, "    .mappings = mappings_%s, .mapping_count = %zu,\n", s->type_name, mapped);
}

/* A discriminator base's subtypes, as variants without a place of their own. */
static size_t emit_subtypes(FILE *f, const model_info *mi, const ir_schema *s, size_t *mapped)
{
    const ir_schema **subs;
    size_t n = model_subtypes(mi->spec, s, &subs);
    if (!n)
        return 0;
    fprintf(f, "static const oas_variant variants_%s[] = {\n", s->type_name);
    for (size_t i = 0; i < n; i++) {
        char *desc = model_desc_ref(subs[i]);
        fputs("    {", f);
        if (subs[i]->component_name)
            emit_name(f, subs[i]->component_name);
        else
            fputs("NULL", f);
        fprintf(f, ", %s, 0, false},\n", desc);
        free(desc);
    }
    fputs("};\n", f);
    *mapped = emit_dispatch_table(f, s, subs, n);
    free(subs);
    return n;
}

static void emit_struct(FILE *f, const model_info *mi, const ir_schema *s, emit_items *bodies)
{
    if (s->model_prop_count) {
        fprintf(f, "static const oas_field fields_%s[] = {\n", s->type_name);
        for (size_t i = 0; i < s->model_prop_count; i++) {
            const ir_prop *p = &s->model_props[i];
            const ir_schema *c = ir_deref(p->schema);
            char *desc = model_desc_ref(c);
            fputs("    {", f);
            emit_name(f, p->name);
            fprintf(f, ", %zu, %s, ", strlen(p->name), desc);
            free(desc);
            off(f, s->type_name, "%s", p->c_name);
            if (model_is_seq(c))
                off(f, s->type_name, "%s_count", p->c_name);
            else
                fputs("OAS_NO_FIELD, ", f);
            if (model_field_has_flag(p))
                off(f, s->type_name, "has_%s", p->c_name);
            else
                fputs("OAS_NO_FIELD, ", f);
            if (model_field_null_flag(p))
                off(f, s->type_name, "%s_is_null", p->c_name);
            else
                fputs("OAS_NO_FIELD, ", f);
            emit_flags(f, p->required, model_field_pointer(mi, s, p), model_field_null_flag(p));
            if (model_field_text(p))
                fprintf(f, ", offsetof(%s, %s_text)},\n", s->type_name, p->c_name);
            else if (model_field_texts(p))
                fprintf(f, ", offsetof(%s, %s_texts)},\n", s->type_name, p->c_name);
            else
                fputs(", 0},\n", f);
        }
        fputs("};\n", f);
    }
    size_t mapped = 0;
    size_t subtypes = emit_subtypes(f, mi, s, &mapped);
    FILE *b = emit_item_begin(bodies);
    if (s->model_prop_count)
        fprintf(b, "    .fields = fields_%s, .field_count = %zu,\n", s->type_name,
                s->model_prop_count);
    if (subtypes) {
        fprintf(b, "    .variants = variants_%s, .variant_count = %zu,\n", s->type_name, subtypes);
        emit_dispatch_fields(b, s, mapped);
        fprintf(b, "    .subtype_offset = offsetof(%s, " MODEL_SUBTYPE_MEMBER "),\n", s->type_name);
    }
    if (model_keeps_additional(s))
        fprintf(b, "    .keeps_additional = true, .additional_offset = offsetof(%s, "
                   MODEL_ADDITIONAL_MEMBER "),\n", s->type_name);
    emit_tables(f, mi, s, "OAS_K_STRUCT", bodies);
}

static void emit_seq(FILE *f, const model_info *mi, const ir_schema *s, emit_items *bodies)
{
    char *el = model_element_desc(s);
    FILE *b = emit_item_begin(bodies);
    fprintf(b, "    .element = %s,\n", el);
    if (s->ckind == CK_MAP)
        fprintf(b, "    .entry_size = sizeof(%s_entry), .entry_value_offset = offsetof(%s_entry, value),\n",
                s->type_name, s->type_name);
    if (model_entry_null_flag(s))
        fprintf(b, "    .entry_null_offset = offsetof(%s_entry, value_is_null),\n", s->type_name);
    if (model_seq_text(s) && s->ckind == CK_MAP)
        fprintf(b, "    .entry_text_offset = offsetof(%s_entry, value_text),\n", s->type_name);
    else if (model_seq_text(s))
        fprintf(b, "    .entry_text_offset = offsetof(%s, texts),\n", s->type_name);
    emit_tables(f, mi, s, s->ckind == CK_ARRAY ? "OAS_K_ARRAY" : "OAS_K_MAP", bodies);
    free(el);
}

static void emit_union(FILE *f, const model_info *mi, const ir_spec *spec, const ir_schema *s,
                       emit_items *bodies)
{
    const ir_schema **vars;
    size_t n = model_variants(s, &vars);
    char **names = model_variant_names(spec, s);
    fprintf(f, "_Static_assert(sizeof(%s_enum) == sizeof(int), \"tag must be int-sized\");\n",
            s->type_name);
    fprintf(f, "static const oas_variant variants_%s[] = {\n", s->type_name);
    for (size_t i = 0; i < n; i++) {
        const ir_schema *c = ir_deref(vars[i]);
        char *desc = model_desc_ref(c);
        fputs("    {", f);
        if (c->component_name)
            emit_name(f, c->component_name);
        else
            fputs("NULL", f);
        fprintf(f, ", %s, offsetof(%s, u.%s), %s},\n", desc, s->type_name, names[i],
                model_variant_pointer(mi, s, vars[i]) ? "true" : "false");
        free(desc);
    }
    fputs("};\n", f);
    size_t mapped = emit_dispatch_table(f, s, vars, n);
    FILE *b = emit_item_begin(bodies);
    fprintf(b, "    .variants = variants_%s, .variant_count = %zu,\n", s->type_name, n);
    emit_dispatch_fields(b, s, mapped);
    if (model_union_text(s))
        fprintf(b, "    .entry_text_offset = offsetof(%s, text),\n", s->type_name);
    emit_tables(f, mi, s, "OAS_K_UNION", bodies);
    model_names_free(names, n);
    free(vars);
}

/* A boxed scalar component's table (model_boxed_scalar): value first. */
static void emit_boxed_scalar(FILE *f, const ir_schema *s)
{
    static const char *const kinds[] = {[CK_BOOL] = "OAS_K_BOOL", [CK_INT64] = "OAS_K_INT64",
                                        [CK_DOUBLE] = "OAS_K_DOUBLE", [CK_STRING] = "OAS_K_STRING"};
    type_head(f, s, kinds[ir_deref(s)->ckind]);
    if (model_boxed_text(s))
        fprintf(f, "    .entry_text_offset = offsetof(%s, text),\n", s->type_name);
    if (model_boxed_null(s))
        null_offset(f, s);
    fputs("};\n\n", f);
}

static void emit_functions(FILE *f, const char *t, const char *d)
{
    fprintf(f, "void %s_init(%s *v) { oas_model_init(%s, v); }\n", t, t, d);
    fprintf(f, "void %s_free(%s *v) { oas_model_free(%s, v); }\n", t, t, d);
    fprintf(f, "oas_status %s_from_json(const oas_json *node, %s *out, oas_error *err)\n"
               "{ return oas_model_from_json(%s, node, out, err); }\n", t, t, d);
    fprintf(f, "oas_status %s_parse(const char *bytes, size_t len, %s *out, oas_error *err)\n"
               "{ return oas_model_parse(%s, bytes, len, out, err); }\n", t, t, d);
    fprintf(f, "oas_status %s_from_cjson(const struct cJSON *item, %s *out, oas_error *err)\n"
               "{ return oas_model_from_cjson(%s, item, out, err); }\n", t, t, d);
    fprintf(f, "oas_status %s_to_json(const %s *v, oas_buf *out)\n"
               "{ return oas_model_to_json(%s, v, out); }\n", t, t, d);
    fprintf(f, "struct cJSON *%s_to_cjson(const %s *v) { return oas_model_to_cjson(%s, v); }\n\n",
            t, t, d);
}

/* <prefix>model_types: component name -> type table, sorted for bsearch. */
static void emit_model_types(FILE *f, const ir_spec *spec)
{
    const char *prefix = spec->prefix ? spec->prefix : "";
    size_t n = spec->component_count;
    const ir_schema **sorted = emit_components_by_name(spec);
    fprintf(f, "const oas_model_entry %smodel_types[] = {\n", prefix);
    for (size_t i = 0; i < n; i++) {
        char *desc = model_type_desc_ref(sorted[i]);
        fputs("    {", f);
        emit_name(f, sorted[i]->component_name);
        fprintf(f, ", %s},\n", desc);
        free(desc);
    }
    if (!n)
        fputs("    {NULL, NULL},\n", f);
    fprintf(f, "};\nconst size_t %smodel_type_count = %zu;\n\n", prefix, n);
    free(sorted);
}

/* The tables, then the functions, as items for emit_parts.c. */
static void collect_items(emit_items *items, const ir_spec *spec)
{
    model_info mi;
    model_info_init(&mi, spec);
    emit_items bodies = {0};
    /* The type tables refer to each other; <prefix>model.h declares them all. */
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        if (!model_defines_type(s) && !model_boxed_scalar(s))
            continue;
        FILE *f = emit_item_begin(items);
        if (model_boxed_scalar(s))
            emit_boxed_scalar(f, s);
        else if (s->ckind == CK_ENUM)
            emit_enum(f, &mi, s, &bodies);
        else if (s->ckind == CK_STRUCT)
            emit_struct(f, &mi, s, &bodies);
        else if (s->ckind == CK_UNION)
            emit_union(f, &mi, spec, s, &bodies);
        else
            emit_seq(f, &mi, s, &bodies);
        emit_item_end(items, 0);
    }
    emit_items_free(&bodies);
    emit_model_types(emit_item_begin(items), spec);
    emit_item_end(items, 0);
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        if (!model_has_functions(&mi, s))
            continue;
        char *d = model_type_desc_ref(s);
        emit_functions(emit_item_begin(items), s->type_name, d);
        emit_item_end(items, 7);
        free(d);
    }
    model_info_free(&mi);
}

/* <p>model.c, or with --parts N, <p>model.c, <p>model_part2.c, ...: nothing
 * in one part refers to another's statics. */
int emit_model_source(const emit_ctx *ctx)
{
    const ir_spec *spec = ctx->spec;
    unsigned parts = ctx->parts > 1 ? ctx->parts : 1;
    emit_items items = {.function_weight = 5000};
    collect_items(&items, spec);
    emit_items_split(&items, parts);
    const char *prefix = spec->prefix ? spec->prefix : "";
    char *upper = naming_upper(prefix);
    int rc = 0;
    for (unsigned p = 0; rc == 0 && p < parts; p++) {
        char name[64];
        emit_part_name(name, sizeof name, "model", p);
        FILE *f = emit_open(ctx, name);
        if (!f) {
            rc = -1;
            break;
        }
        /* The tables name deprecated members too; never warn about ourselves. */
        fprintf(f, "#undef %sWARN_DEPRECATED\n#include <stddef.h>\n#include \"%smodel.h\"\n\n", upper,
                prefix);
        for (size_t i = 0; i < items.count; i++)
            if (items.v[i].part == p)
                fwrite(items.v[i].text, 1, items.v[i].len, f);
        rc = emit_close(ctx, f, name);
    }
    free(upper);
    emit_items_free(&items);
    return rc;
}
