/* emit_validate.c - writes <prefix>validate.h and <prefix>validate.c: one
 * validator function per schema node that is reachable from a component or
 * an operation (exported ones are what the registry and users call). The
 * bodies come from emit_validate_body.c. With --parts N the functions are
 * cut into N files (emit_parts.c); a static function that another part
 * calls is declared, hidden, in <prefix>validate_internal.h instead. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "emit_validate_internal.h"
#include "oc_alloc.h"

bool ev_has_keywords(const ir_schema *s)
{
    return s->boolean_schema == 0 || s->types || s->prop_count || s->required_count || s->addl ||
           s->addl_false || s->items || s->prefix_count || s->all_of_count || s->any_of_count ||
           s->one_of_count || s->not_schema || s->has_enum || s->const_value || s->has_minimum ||
           s->has_maximum || s->has_exclusive_minimum || s->has_exclusive_maximum ||
           s->has_multiple_of || s->min_length >= 0 || s->max_length >= 0 || s->min_items >= 0 ||
           s->max_items >= 0 || s->min_properties >= 0 || s->max_properties >= 0 ||
           s->unique_items || s->pattern || s->format || ev_has_2020_keywords(s) ||
           s->dynamic_ref_target || s->dynamic_scope || s->ref_scope;
}

const ir_schema *ev_unevaluated_callee(const ir_schema *u)
{
    return u && u->boolean_schema != 0 ? u : NULL;
}

bool ev_has_2020_keywords(const ir_schema *s)
{
    return s->pattern_prop_count || s->property_names || s->dependent_required_count ||
           s->dependent_schema_count || s->if_schema ||
           s->contains || s->unevaluated_props || s->unevaluated_items;
}

const ir_schema *ev_callee(const ir_schema *s, size_t *refs)
{
    *refs = 0;
    /* bounded: ir_resolve rejects $ref cycles with nothing in between */
    while (s && s->ref_target && !ev_has_keywords(s) && *refs < 4096) {
        s = s->ref_target;
        (*refs)++;
    }
    if (!s || (!s->ref_target && !ev_has_keywords(s)))
        return NULL;
    return s;
}

void ev_kw_literal(FILE *f, const char *prefix, const char *token, size_t refs)
{
    size_t cap = strlen(prefix) + (token ? 2 * strlen(token) : 0) + 5 * refs + 1;
    char *buf = malloc(cap), *p = buf;
    if (!buf) {
        fputs("\"\"", f); /* out of memory: the generated file fails to compile */
        return;
    }
    p += sprintf(p, "%s", prefix);
    for (const char *t = token; t && *t; t++) {
        if (*t == '~')
            p += sprintf(p, "~0");
        else if (*t == '/')
            p += sprintf(p, "~1");
        else
            *p++ = *t;
    }
    for (size_t i = 0; i < refs; i++)
        p += sprintf(p, "/$ref");
    emit_c_string(f, buf, (size_t)(p - buf));
    free(buf);
}

/* ---- which functions exist -------------------------------------------------- */

static void mark_operation_exported(const ir_operation *op, bool *exported)
{
    for (size_t j = 0; j < op->param_count; j++)
        if (op->params[j].schema)
            exported[op->params[j].schema->index] = true;
    for (size_t j = 0; j < op->response_count; j++)
        if (op->responses[j].schema)
            exported[op->responses[j].schema->index] = true;
    if (op->body_schema)
        exported[op->body_schema->index] = true;
}

static void mark_exported(const ir_spec *spec, bool *exported)
{
    for (size_t i = 0; i < spec->component_count; i++)
        exported[spec->components[i]->index] = true;
    for (size_t i = 0; i < spec->operation_count; i++)
        mark_operation_exported(&spec->operations[i], exported);
    for (size_t i = 0; i < spec->event_count; i++)
        mark_operation_exported(&spec->events[i], exported);
}

static void visit_child(const ir_schema *child, const bool *exported, bool table,
                        void (*visit)(const ir_schema *c, void *arg), void *arg)
{
    size_t refs;
    const ir_schema *c = ev_callee(child, &refs);
    if (c && !(table && ev_leaf(c, exported)))
        visit(c, arg);
}

/* Calls visit(c, arg) for each function that s's validator calls (mirrors
 * the calls that emit_validate_body.c writes): a member or items table
 * checks a leaf itself, with no function. */
static void for_each_callee(const ir_schema *s, const bool *exported,
                            void (*visit)(const ir_schema *c, void *arg), void *arg)
{
    const ir_schema *direct[] = {s->ref_target, s->not_schema, s->dynamic_ref_target};
    for (size_t i = 0; i < sizeof direct / sizeof *direct; i++)
        if (direct[i])
            visit_child(direct[i], exported, false, visit, arg);
    for (size_t i = 0; i < s->dynamic_target_count; i++)
        if (s->dynamic_targets[i])
            visit_child(s->dynamic_targets[i], exported, false, visit, arg);
    for (size_t i = 0; i < s->prop_count; i++)
        visit_child(s->props[i].schema, exported, true, visit, arg);
    if (s->addl)
        visit_child(s->addl, exported, true, visit, arg);
    if (s->items)
        visit_child(s->items, exported, true, visit, arg);
    /* then/else without if apply to nothing */
    const ir_schema *applied[] = {s->property_names, s->if_schema,
                                  s->if_schema ? s->then_schema : NULL,
                                  s->if_schema ? s->else_schema : NULL,
                                  s->contains, ev_unevaluated_callee(s->unevaluated_props),
                                  ev_unevaluated_callee(s->unevaluated_items)};
    for (size_t i = 0; i < sizeof applied / sizeof *applied; i++)
        if (applied[i])
            visit_child(applied[i], exported, false, visit, arg);
    for (size_t i = 0; i < s->pattern_prop_count; i++)
        visit_child(s->pattern_props[i].schema, exported, true, visit, arg);
    for (size_t i = 0; i < s->dependent_schema_count; i++)
        visit_child(s->dependent_schemas[i].schema, exported, false, visit, arg);
    ir_schema *const *lists[] = {s->prefix_items, s->all_of, s->any_of, s->one_of};
    size_t counts[] = {s->prefix_count, s->all_of_count, s->any_of_count, s->one_of_count};
    for (size_t l = 0; l < 4; l++)
        for (size_t i = 0; i < counts[l]; i++)
            visit_child(lists[l][i], exported, false, visit, arg);
}

typedef struct needs {
    const bool *exported;
    bool *needed;
} needs;

/* Every function a needed function calls is needed. */
static void mark_needed(const ir_schema *s, void *arg)
{
    needs *n = arg;
    if (n->needed[s->index])
        return;
    n->needed[s->index] = true;
    for_each_callee(s, n->exported, mark_needed, n);
}

/* ---- files ------------------------------------------------------------------- */

static void emit_header(FILE *f, const ir_spec *spec, const bool *exported)
{
    char guard[128];
    size_t g = 0;
    for (const char *p = spec->prefix; *p && g < sizeof guard - 12; p++)
        guard[g++] = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
    snprintf(guard + g, sizeof guard - g, "VALIDATE_H");

    fprintf(f, "#ifndef %s\n#define %s\n\n", guard, guard);
    fputs("#include <stdbool.h>\n#include \"oas_validate.h\"\n#include \"oas_registry.h\"\n\n", f);
    fputs("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n", f);
    fputs("/* Validate an instance against a component schema; true when valid.\n"
          " * All violations go to report (see oas_validate.h). Default options\n"
          " * (format an annotation); for others, such as assert_formats, call\n"
          " * oas_validate_run() with the node validator below. */\n", f);
    for (size_t i = 0; i < spec->component_count; i++)
        fprintf(f, "bool %s_validate(const oas_json *instance, oas_report *report);\n",
                spec->components[i]->type_name);
    fputs("\n/* Node validators, for the registry and oas_validate_run(). */\n", f);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (exported[i])
            fprintf(f, "void %s(const oas_json *instance, oas_vctx *ctx);\n",
                    spec->schemas[i]->validator_name);
    fprintf(f, "\nextern const oas_registry %sregistry;\n", spec->prefix);
    fputs("\n#ifdef __cplusplus\n}\n#endif\n#endif\n", f);
}

/* The guard-style name "<PREFIX><suffix>" (upper case, '_' for the rest). */
static void prefixed_macro(char *buf, size_t cap, const char *prefix, const char *suffix)
{
    size_t g = 0;
    for (const char *p = prefix; *p && g + strlen(suffix) + 1 < cap; p++)
        buf[g++] = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
    snprintf(buf + g, cap - g, "%s", suffix);
}

/* The validator source as items: one per needed function (its text from
 * "void" on, the storage class being known only once the parts are), then
 * the components' <type>_validate() functions. */
typedef struct sources {
    const ir_spec *spec;
    const bool *exported, *needed;
    emit_items items;
    size_t *item_of;   /* schema index -> item index (needed ones) */
    bool *shared;      /* called from another part: not static, declared in the internal header */
    ev_defs *defs;     /* schema index -> where its definitions start in its item */
} sources;

/* A table object's table (ev_table_object) is named from another part
 * when its validator is: it is then not static either. */
static bool table_shared(const sources *src, size_t i, unsigned parts)
{
    return parts > 1 && (src->exported[i] || src->shared[i]);
}

static void collect_items(sources *src)
{
    const ir_spec *spec = src->spec;
    for (size_t i = 0; i < spec->schema_count; i++) {
        if (!src->needed[i])
            continue;
        src->item_of[i] = src->items.count;
        FILE *f = emit_item_begin(&src->items);
        long start = ftell(f);
        ev_defs d = ev_emit_function(f, spec->schemas[i], src->exported);
        src->defs[i] = (ev_defs){d.table < 0 ? -1 : d.table - start, d.fn - start};
        emit_item_end(&src->items, 1);
    }
    for (size_t i = 0; i < spec->component_count; i++) {
        const ir_schema *s = spec->components[i];
        fprintf(emit_item_begin(&src->items),
                "\nbool %s_validate(const oas_json *instance, oas_report *report)\n{\n"
                "    return oas_validate_run(%s, \"\", instance, report, NULL);\n}\n",
                s->type_name, s->validator_name);
        emit_item_end(&src->items, 1);
    }
}

typedef struct caller {
    sources *src;
    unsigned part;
} caller;

static void mark_shared(const ir_schema *c, void *arg)
{
    caller *from = arg;
    sources *src = from->src;
    if (!src->exported[c->index] && src->items.v[src->item_of[c->index]].part != from->part)
        src->shared[c->index] = true;
}

/* <p>validate_internal.h: the validators that one part defines and another
 * calls. Hidden where the compiler can: the shared library exports what it
 * did with one part, no more. Not installed, not API. */
static void emit_internal_header(FILE *f, const sources *src, unsigned parts)
{
    const char *prefix = src->spec->prefix;
    char guard[128], hidden[128];
    prefixed_macro(guard, sizeof guard, prefix, "VALIDATE_INTERNAL_H");
    prefixed_macro(hidden, sizeof hidden, prefix, "VALIDATE_HIDDEN");
    fprintf(f, "/* What the parts of %svalidate.c (oas2c --parts) call in each other; private\n"
               " * to the binding, not installed. */\n",
            prefix);
    fprintf(f, "#ifndef %s\n#define %s\n\n#include \"oas_validate.h\"\n#include \"oas_validate_impl.h\"\n\n",
            guard, guard);
    fputs("#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n", f);
    fprintf(f, "#if defined(__GNUC__) && !defined(_WIN32)\n"
               "#define %s __attribute__((visibility(\"hidden\")))\n#else\n#define %s\n#endif\n\n",
            hidden, hidden);
    for (size_t i = 0; i < src->spec->schema_count; i++)
        if (src->shared[i])
            fprintf(f, "%s void %s(const oas_json *in, oas_vctx *ctx);\n", hidden,
                    src->spec->schemas[i]->validator_name);
    for (size_t i = 0; i < src->spec->schema_count; i++)
        if (src->needed[i] && src->defs[i].table >= 0 && table_shared(src, i, parts))
            fprintf(f, "%s extern const oas_v_object_desc %s_object;\n", hidden,
                    src->spec->schemas[i]->validator_name);
    fputs("\n#ifdef __cplusplus\n}\n#endif\n#endif\n", f);
}

static void emit_part(FILE *f, const sources *src, unsigned part, unsigned parts)
{
    const ir_spec *spec = src->spec;
    /* <math.h>: limits beyond the range of double are HUGE_VAL */
    fprintf(f, "#include \"%svalidate.h\"\n#include \"oas_validate_impl.h\"\n#include <math.h>\n"
               "#include <string.h>\n",
            spec->prefix);
    if (parts > 1)
        fprintf(f, "#include \"%svalidate_internal.h\"\n", spec->prefix);
    fputs("\n", f);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (src->needed[i] && !src->exported[i] && !src->shared[i] &&
            src->items.v[src->item_of[i]].part == part)
            fprintf(f, "static void %s(const oas_json *in, oas_vctx *ctx);\n",
                    spec->schemas[i]->validator_name);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (src->needed[i] && src->defs[i].table >= 0 && !table_shared(src, i, parts) &&
            src->items.v[src->item_of[i]].part == part)
            fprintf(f, "static const oas_v_object_desc %s_object;\n", spec->schemas[i]->validator_name);
    size_t item = 0;
    for (size_t i = 0; i < spec->schema_count; i++) {
        if (!src->needed[i])
            continue;
        const emit_item *it = &src->items.v[item++];
        if (it->part != part)
            continue;
        /* the table (if any) and the validator each after their storage class */
        const ev_defs *d = &src->defs[i];
        size_t fn = (size_t)d->fn;
        fputs("\n", f);
        if (d->table >= 0) {
            fwrite(it->text, 1, (size_t)d->table, f);
            fputs(table_shared(src, i, parts) ? "" : "static ", f);
            fwrite(it->text + d->table, 1, fn - (size_t)d->table, f);
        }
        fputs(src->exported[i] || src->shared[i] ? "" : "static ", f);
        fwrite(it->text + fn, 1, it->len - fn, f);
    }
    for (; item < src->items.count; item++)
        if (src->items.v[item].part == part)
            fwrite(src->items.v[item].text, 1, src->items.v[item].len, f);
}

/* <p>validate.c, or with --parts N, <p>validate.c, <p>validate_part2.c, ...
 * and <p>validate_internal.h. */
static int emit_sources(const emit_ctx *ctx, const bool *exported, const bool *needed)
{
    const ir_spec *spec = ctx->spec;
    unsigned parts = ctx->parts > 1 ? ctx->parts : 1;
    size_t n = spec->schema_count ? spec->schema_count : 1;
    sources src = {spec, exported, needed, {.function_weight = 1200},
                   oc_calloc(n, sizeof *src.item_of), oc_calloc(n, sizeof *src.shared),
                   oc_calloc(n, sizeof *src.defs)};
    collect_items(&src);
    emit_items_split(&src.items, parts);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (needed[i]) {
            caller from = {&src, src.items.v[src.item_of[i]].part};
            for_each_callee(spec->schemas[i], exported, mark_shared, &from);
        }
    int rc = 0;
    if (parts > 1) {
        FILE *h = emit_open(ctx, "validate_internal.h");
        if (h)
            emit_internal_header(h, &src, parts);
        rc = h ? emit_close(ctx, h, "validate_internal.h") : -1;
    }
    for (unsigned p = 0; rc == 0 && p < parts; p++) {
        char name[64];
        emit_part_name(name, sizeof name, "validate", p);
        FILE *f = emit_open(ctx, name);
        if (f)
            emit_part(f, &src, p, parts);
        rc = f ? emit_close(ctx, f, name) : -1;
    }
    emit_items_free(&src.items);
    free(src.item_of);
    free(src.shared);
    free(src.defs);
    return rc;
}

int emit_validate(const emit_ctx *ctx)
{
    const ir_spec *spec = ctx->spec;
    size_t n = spec->schema_count ? spec->schema_count : 1;
    bool *exported = calloc(n, sizeof *exported), *needed = calloc(n, sizeof *needed);
    int rc = -1;
    if (!exported || !needed) {
        diag_error(ctx->d, spec->path, 0, 0, "out of memory");
        goto out;
    }
    mark_exported(spec, exported);
    needs nd = {exported, needed};
    for (size_t i = 0; i < spec->schema_count; i++)
        if (exported[i])
            mark_needed(spec->schemas[i], &nd);

    FILE *h = emit_open(ctx, "validate.h");
    if (!h)
        goto out;
    emit_header(h, spec, exported);
    if (emit_close(ctx, h, "validate.h") != 0)
        goto out;
    rc = emit_sources(ctx, exported, needed);
out:
    free(exported);
    free(needed);
    return rc;
}
