/* emit_model_header.c - writes <prefix>model.h: the C types of the typed
 * model (layout rules in docs/DESIGN.md "The typed model") and the
 * prototypes of their functions. Types are defined in dependency order:
 * enums, then array/map holders (pointers only), then structs, unions and
 * map entries after everything they embed by value. */
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "emit_model_common.h"
#include "naming.h"
#include "oc_alloc.h"

typedef struct hdr {
    const emit_ctx *ctx;
    FILE *f;
    model_info mi;
    unsigned char *state;       /* per schema index: 0 new, 1 in progress, 2 done */
    unsigned char *entry_state; /* same, for map entry structs */
    naming_scope *constants;    /* enum constants are global in C */
    char *deprecated_macro;     /* "LD_DEPRECATED" */
    int failed;
} hdr;

static const char *doc_of(const ir_schema *s)
{
    for (; s; s = s->ref_target) {
        if (s->description)
            return s->description;
        if (!s->ref)
            break;
    }
    return NULL;
}

/* "char *" + "x" -> "char *x"; "int64_t" + "x" -> "int64_t x"; attr (the
 * deprecation macro) goes after the declarator, where GCC and Clang accept it. */
static void decl(FILE *f, const char *ctype, bool pointer, const char *name, const char *attr)
{
    size_t n = strlen(ctype);
    bool star = n && ctype[n - 1] == '*';
    fprintf(f, "    %s%s%s%s%s%s;\n", ctype, star ? "" : " ", pointer ? "*" : "", name,
            attr ? " " : "", attr ? attr : "");
}

/* The JSON name leads, so a reader maps member to wire name at a glance:
 * "startTime" (required): The start time of the period */
static void member_comment(FILE *f, const ir_prop *p, const char *doc, bool deprecated)
{
    size_t n = doc ? strlen(doc) : 0;
    while (n && (doc[n - 1] == '\n' || doc[n - 1] == ' '))
        n--;
    char *text = oc_printf("\"%s\"%s%s%s%.*s", p->name, p->required ? " (required)" : "",
                           deprecated ? " (deprecated)" : "", n ? ": " : "", (int)n,
                           doc ? doc : "");
    emit_comment(f, "    ", text);
    free(text);
}

/* A type's comment: its description, then where it comes from in the spec. */
static void type_comment(FILE *f, const ir_schema *s)
{
    const char *doc = doc_of(s);
    size_t n = doc ? strlen(doc) : 0;
    while (n && (doc[n - 1] == '\n' || doc[n - 1] == ' '))
        n--;
    char *text = oc_printf("%.*s%s%s", (int)n, doc ? doc : "", n ? "\n" : "",
                           s->location ? s->location : s->type_name);
    emit_comment(f, "", text);
    free(text);
}

static char *constant(hdr *h, const char *type_name, const char *value)
{
    char *name = naming_enum_constant(h->constants, type_name, value);
    return name ? name : oc_strdup("OAS2C_NAME_EXHAUSTED");
}

/* The value as a C literal in a comment: through emit_comment, so that a
 * "*" "/" in the spec's string cannot end the comment early. */
static void enum_value_comment(FILE *f, const ir_value *v)
{
    char *literal = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&literal, &len);
    if (mem) {
        emit_c_string(mem, v->text, v->len);
        if (fclose(mem) == 0) {
            emit_comment(f, "", literal);
            free(literal);
            return;
        }
    }
    free(literal);
    fputs("/* (value not shown) */\n", f);
}

/* The whole value's null flag, for a type whose schema accepts null or
 * that a null alias's table reads null into. */
static void null_member(hdr *h, const ir_schema *s)
{
    if (model_type_takes_null(&h->mi, s))
        fputs("    bool " MODEL_NULL_MEMBER "; /* the value is JSON null (the rest is unset) */\n",
              h->f);
    else if (model_type_null(&h->mi, s))
        fputs("    bool " MODEL_NULL_MEMBER "; /* JSON null, read through an \"or null\" alias of this"
              " type (the rest is unset) */\n", h->f);
}

static void emit_enum(hdr *h, const ir_schema *s)
{
    FILE *f = h->f;
    type_comment(f, s);
    fprintf(f, "typedef enum %s_enum {\n", s->type_name);
    char *unknown = constant(h, s->type_name, "unknown");
    fprintf(f, "    %s = 0, /* a value not in the spec; see .str */\n", unknown);
    free(unknown);
    int n = 0;
    for (size_t i = 0; i < s->enum_count; i++) {
        const ir_value *v = s->enum_values[i];
        if (v->kind != IRV_STRING)
            continue;
        char *name = constant(h, s->type_name, v->text);
        fprintf(f, "    %s = %d, ", name, ++n);
        enum_value_comment(f, v);
        free(name);
    }
    fprintf(f, "} %s_enum;\n", s->type_name);
    fprintf(f, "struct %s {\n    %s_enum value;\n    char *str; /* the value as received (owned) */\n",
            s->type_name, s->type_name);
    null_member(h, s);
    fputs("};\n\n", f);
}

static void emit_seq_holder(hdr *h, const ir_schema *s)
{
    type_comment(h->f, s);
    if (s->ckind == CK_ARRAY)
        fprintf(h->f, "struct %s {\n", s->type_name);
    else
        fprintf(h->f, "struct %s { /* ordered map */\n", s->type_name);
    if (s->ckind == CK_ARRAY)
        decl(h->f, model_element_ctype(s), true, "items", NULL);
    else
        fprintf(h->f, "    %s_entry *items;\n", s->type_name);
    fputs("    size_t count;\n", h->f);
    if (s->ckind == CK_ARRAY && model_seq_text(s))
        fputs("    char **texts; /* NULL, or per item its JSON text when it would not write as it came */\n",
              h->f);
    null_member(h, s);
    fputs("};\n\n", h->f);
}

static void define(hdr *h, const ir_schema *s);
static void define_entry(hdr *h, const ir_schema *map);

/* Define a content type before a by-value use of it. */
static void need(hdr *h, const ir_schema *c)
{
    if (c->ckind == CK_STRUCT || c->ckind == CK_UNION)
        define(h, c);
}

static void emit_struct(hdr *h, const ir_schema *s)
{
    FILE *f = h->f;
    for (size_t i = 0; i < s->model_prop_count; i++)
        if (!model_field_pointer(&h->mi, s, &s->model_props[i]))
            need(h, ir_deref(s->model_props[i].schema));
    type_comment(f, s);
    fprintf(f, "struct %s {\n", s->type_name);
    for (size_t i = 0; i < s->model_prop_count; i++) {
        const ir_prop *p = &s->model_props[i];
        const ir_schema *c = ir_deref(p->schema);
        bool deprecated = p->schema->deprecated || c->deprecated;
        member_comment(f, p, doc_of(p->schema), deprecated);
        const char *attr = deprecated ? h->deprecated_macro : NULL;
        if (c->ckind == CK_ARRAY)
            decl(f, model_element_ctype(c), true, p->c_name, attr);
        else if (c->ckind == CK_MAP)
            fprintf(f, "    %s_entry *%s%s%s;\n", c->type_name, p->c_name, attr ? " " : "",
                    attr ? attr : "");
        else
            decl(f, model_ctype(c), model_field_pointer(&h->mi, s, p), p->c_name, attr);
        if (model_is_seq(c))
            fprintf(f, "    size_t %s_count;\n", p->c_name);
        if (model_field_has_flag(p))
            fprintf(f, "    bool has_%s;\n", p->c_name);
        if (model_field_null_flag(p))
            fprintf(f, "    bool %s_is_null;\n", p->c_name);
        if (model_field_text(p))
            fprintf(f, "    char *%s_text; /* its JSON text when %s would not write as it came */\n",
                    p->c_name, p->c_name);
        if (model_field_texts(p))
            fprintf(f, "    char **%s_texts; /* NULL, or per item its JSON text when it would not write as it came */\n",
                    p->c_name);
    }
    const ir_schema **subtypes;
    if (model_subtypes(h->ctx->spec, s, &subtypes)) {
        fputs("    oas_subtype " MODEL_SUBTYPE_MEMBER "; /* the subtype the discriminator names, in full */\n",
              f);
        free(subtypes);
    }
    if (model_keeps_additional(s))
        fputs("    oas_raw_json " MODEL_ADDITIONAL_MEMBER "; /* undeclared members: {...} text, in order */\n",
              f);
    else if (s->model_prop_count == 0)
        fputs("    char unused_; /* C forbids empty structs */\n", f);
    null_member(h, s);
    fputs("};\n\n", f);
}

static void emit_union(hdr *h, const ir_schema *s)
{
    FILE *f = h->f;
    const ir_schema **vars;
    size_t n = model_variants(s, &vars);
    for (size_t i = 0; i < n; i++)
        if (!model_variant_pointer(&h->mi, s, vars[i]))
            need(h, ir_deref(vars[i]));
    char **names = model_variant_names(h->ctx->spec, s);
    fprintf(f, "typedef enum %s_enum {\n", s->type_name);
    char *none = constant(h, s->type_name, "none");
    fprintf(f, "    %s = 0,\n", none);
    free(none);
    for (size_t i = 0; i < n; i++) {
        char *name = constant(h, s->type_name, names[i]);
        fprintf(f, "    %s = %zu,\n", name, i + 1);
        free(name);
    }
    fprintf(f, "} %s_enum;\n", s->type_name);
    type_comment(f, s);
    fprintf(f, "struct %s { /* %s: tag says which member of u is set */\n", s->type_name,
            s->one_of_count ? "oneOf" : "anyOf");
    fprintf(f, "    %s_enum tag;\n    union {\n", s->type_name);
    for (size_t i = 0; i < n; i++) {
        fputs("    ", f);
        decl(f, model_ctype(ir_deref(vars[i])), model_variant_pointer(&h->mi, s, vars[i]),
             names[i], NULL);
    }
    fputs("    } u;\n", f);
    if (model_union_text(s))
        fputs("    char *text; /* its JSON text when the number in u would not write as it came */\n",
              f);
    null_member(h, s);
    fputs("};\n\n", f);
    model_names_free(names, n);
    free(vars);
}

static void define(hdr *h, const ir_schema *s)
{
    if (h->state[s->index] == 2)
        return;
    if (h->state[s->index] == 1) {
        diag_error(h->ctx->d, s->loc.file, s->loc.line, s->loc.col,
                   "%s contains itself by value (internal layout error)", s->type_name);
        h->failed = 1;
        return;
    }
    h->state[s->index] = 1;
    if (s->ckind == CK_STRUCT)
        emit_struct(h, s);
    else if (s->ckind == CK_UNION)
        emit_union(h, s);
    h->state[s->index] = 2;
}

static void define_entry(hdr *h, const ir_schema *map)
{
    if (h->entry_state[map->index])
        return;
    h->entry_state[map->index] = 1;
    const ir_schema *el = ir_deref(map->element);
    need(h, el);
    fprintf(h->f, "struct %s_entry {\n    char *key;\n", map->type_name);
    decl(h->f, model_element_ctype(map), false, "value", NULL);
    if (model_entry_null_flag(map))
        fputs("    bool value_is_null;\n", h->f);
    if (model_seq_text(map))
        fputs("    char *value_text; /* its JSON text when value would not write as it came */\n", h->f);
    fputs("};\n\n", h->f);
}

/* A scalar component that is a number or accepts null, or an array item
 * that is a scalar and may be null (see model_boxed_scalar): the value and
 * its text or null flag. */
static void emit_boxed_scalar(FILE *f, const ir_schema *s, const char *ctype)
{
    fprintf(f, "typedef struct %s {\n", s->type_name);
    decl(f, ctype, false, "value", NULL);
    if (model_boxed_text(s))
        fputs("    char *text; /* its JSON text when value would not write as it came */\n", f);
    if (model_boxed_item(s))
        fputs("    bool " MODEL_NULL_MEMBER "; /* the item is JSON null (value is unset) */\n", f);
    else if (model_boxed_null(s))
        fputs("    bool " MODEL_NULL_MEMBER "; /* the document is JSON null (value is unset) */\n", f);
    fprintf(f, "} %s;\n", s->type_name);
}

static void emit_prototypes(FILE *f, const char *t)
{
    fprintf(f, "void %s_init(%s *v);\n", t, t);
    fprintf(f, "void %s_free(%s *v);\n", t, t);
    fprintf(f, "oas_status %s_from_json(const oas_json *node, %s *out, oas_error *err);\n", t, t);
    fprintf(f, "oas_status %s_parse(const char *bytes, size_t len, %s *out, oas_error *err);\n", t, t);
    fprintf(f, "oas_status %s_from_cjson(const struct cJSON *item, %s *out, oas_error *err);\n", t, t);
    fprintf(f, "oas_status %s_to_json(const %s *v, oas_buf *out);\n", t, t);
    fprintf(f, "struct cJSON *%s_to_cjson(const %s *v);\n\n", t, t);
}

static void emit_body(hdr *h)
{
    const ir_spec *spec = h->ctx->spec;
    FILE *f = h->f;
    fputs("/* ---- forward declarations ---- */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        if (!model_defines_type(s))
            continue;
        fprintf(f, "typedef struct %s %s;\n", s->type_name, s->type_name);
        if (s->ckind == CK_MAP)
            fprintf(f, "typedef struct %s_entry %s_entry;\n", s->type_name, s->type_name);
    }
    fputs("\n/* ---- scalar and alias components ---- */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        if (!model_is_alias(s) && !model_boxed_item(s))
            continue;
        type_comment(f, s);
        const char *ct = model_ctype(ir_deref(s));
        if (model_boxed_scalar(s)) {
            emit_boxed_scalar(f, s, ct);
            continue;
        }
        size_t n = strlen(ct);
        fprintf(f, "typedef %s%s%s;\n", ct, n && ct[n - 1] == '*' ? "" : " ", s->type_name);
    }
    fputs("\n/* ---- enums ---- */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (model_defines_type(spec->schemas[i]) && spec->schemas[i]->ckind == CK_ENUM)
            emit_enum(h, spec->schemas[i]);
    fputs("/* ---- arrays and maps ---- */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (model_defines_type(spec->schemas[i]) && model_is_seq(spec->schemas[i]))
            emit_seq_holder(h, spec->schemas[i]);
    fputs("/* ---- objects, unions, map entries ---- */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        if (!model_defines_type(s))
            continue;
        if (s->ckind == CK_MAP)
            define_entry(h, s);
        else
            define(h, s);
    }
    /* Request functions (<prefix>ops.c) hand these to the runtime. */
    fputs("/* ---- type tables, for oas_model.h and oas_call.h ---- */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        if (model_defines_type(s) || model_boxed_scalar(s))
            fprintf(f, "extern const oas_type %s_desc;\n", s->type_name);
        /* a null alias's table: its content's, null read into is_null */
        for (size_t a = h->mi.null_first[i]; a; a = h->mi.null_next[a - 1])
            fprintf(f, "extern const oas_type %s_desc;\n", spec->schemas[a - 1]->type_name);
    }
    fprintf(f, "/* every component schema by name, sorted (oas_model_find) */\n"
               "extern const oas_model_entry %smodel_types[];\n"
               "extern const size_t %smodel_type_count;\n",
            spec->prefix ? spec->prefix : "", spec->prefix ? spec->prefix : "");
    fputs("\n/* ---- functions (see oas_model.h for the rules) ---- */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (model_has_functions(&h->mi, spec->schemas[i]))
            emit_prototypes(f, spec->schemas[i]->type_name);
}

int emit_model_header(const emit_ctx *ctx)
{
    FILE *f = emit_open(ctx, "model.h");
    if (!f)
        return -1;
    hdr h = {ctx, f, {0}, NULL, NULL, naming_constants_new(ctx->spec->prefix), NULL, 0};
    model_info_init(&h.mi, ctx->spec);
    h.state = oc_calloc(ctx->spec->schema_count + 1, 1);
    h.entry_state = oc_calloc(ctx->spec->schema_count + 1, 1);
    char *guard = naming_upper(ctx->spec->prefix ? ctx->spec->prefix : "");
    h.deprecated_macro = oc_printf("%sDEPRECATED", guard);
    fprintf(f, "#ifndef %sMODEL_H\n#define %sMODEL_H\n\n", guard, guard);
    fputs("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
          "#include \"oas_version.h\"\n#include \"oas_error.h\"\n#include \"oas_buf.h\"\n"
          "#include \"oas_json.h\"\n#include \"oas_model.h\"\n\n", f);
    /* The ABI of the runtime this oas2c was built with, which the tables
     * below are laid out for. */
    fprintf(f, "#if OAS_ABI_VERSION != %d\n"
               "#error \"generated for runtime ABI %d; regenerate with this runtime's oas2c\"\n"
               "#endif\n\n", OAS_ABI_VERSION, OAS_ABI_VERSION);
    /* Opt-in, so that code touching every member (the library itself,
     * round-trip tools) still builds with -Werror. */
    fprintf(f, "/* Define %sWARN_DEPRECATED to get compiler warnings on deprecated members. */\n"
               "#if defined(%sWARN_DEPRECATED) && (defined(__GNUC__) || defined(__clang__))\n"
               "#define %s __attribute__((deprecated))\n#else\n#define %s\n#endif\n\n",
            guard, guard, h.deprecated_macro, h.deprecated_macro);
    fputs("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\nstruct cJSON;\n\n", f);
    emit_body(&h);
    fprintf(f, "#ifdef __cplusplus\n}\n#endif\n#endif /* %sMODEL_H */\n", guard);
    free(guard);
    free(h.deprecated_macro);
    free(h.state);
    free(h.entry_state);
    naming_scope_free(h.constants);
    model_info_free(&h.mi);
    int rc = emit_close(ctx, f, "model.h");
    return h.failed ? -1 : rc;
}
