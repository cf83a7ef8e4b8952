/* emit_validate.c - writes <prefix>validate.h and <prefix>validate.c: one
 * validator function per schema node that is reachable from a component or
 * an operation (exported ones are what the registry and users call). The
 * bodies come from emit_validate_body.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "emit_validate_internal.h"

bool ev_has_keywords(const ir_schema *s)
{
    return s->boolean_schema == 0 || s->types || s->prop_count || s->required_count || s->addl ||
           s->addl_false || s->items || s->prefix_count || s->all_of_count || s->any_of_count ||
           s->one_of_count || s->not_schema || s->has_enum || s->const_value || s->has_minimum ||
           s->has_maximum || s->has_exclusive_minimum || s->has_exclusive_maximum ||
           s->has_multiple_of || s->min_length >= 0 || s->max_length >= 0 || s->min_items >= 0 ||
           s->max_items >= 0 || s->min_properties >= 0 || s->max_properties >= 0 ||
           s->unique_items || s->pattern || s->format;
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

static void mark_exported(const ir_spec *spec, bool *exported)
{
    for (size_t i = 0; i < spec->component_count; i++)
        exported[spec->components[i]->index] = true;
    for (size_t i = 0; i < spec->operation_count; i++) {
        const ir_operation *op = &spec->operations[i];
        for (size_t j = 0; j < op->param_count; j++)
            if (op->params[j].schema)
                exported[op->params[j].schema->index] = true;
        for (size_t j = 0; j < op->response_count; j++)
            if (op->responses[j].schema)
                exported[op->responses[j].schema->index] = true;
        if (op->body_schema)
            exported[op->body_schema->index] = true;
    }
}

typedef struct needs {
    const bool *exported;
    bool *needed;
} needs;

static void mark_needed(const ir_schema *s, needs *n);

/* table: a member or items call, where a leaf needs no function */
static void mark_child(const ir_schema *child, needs *n, bool table)
{
    size_t refs;
    const ir_schema *c = child ? ev_callee(child, &refs) : NULL;
    if (c && !(table && ev_leaf(c, n->exported)))
        mark_needed(c, n);
}

/* Every function a needed function calls is needed (mirrors the calls that
 * emit_validate_body.c writes). */
static void mark_needed(const ir_schema *s, needs *n)
{
    if (n->needed[s->index])
        return;
    n->needed[s->index] = true;
    if (s->ref_target)
        mark_child(s->ref_target, n, false);
    for (size_t i = 0; i < s->prop_count; i++)
        mark_child(s->props[i].schema, n, true);
    mark_child(s->addl, n, true);
    mark_child(s->items, n, true);
    for (size_t i = 0; i < s->prefix_count; i++)
        mark_child(s->prefix_items[i], n, false);
    for (size_t i = 0; i < s->all_of_count; i++)
        mark_child(s->all_of[i], n, false);
    for (size_t i = 0; i < s->any_of_count; i++)
        mark_child(s->any_of[i], n, false);
    for (size_t i = 0; i < s->one_of_count; i++)
        mark_child(s->one_of[i], n, false);
    mark_child(s->not_schema, n, false);
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
          " * All violations go to report (see oas_validate.h). */\n", f);
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

static void emit_source(FILE *f, const ir_spec *spec, const bool *exported, const bool *needed)
{
    /* <math.h>: limits beyond the range of double are HUGE_VAL */
    fprintf(f, "#include \"%svalidate.h\"\n#include \"oas_validate_impl.h\"\n#include <math.h>\n"
               "#include <string.h>\n\n",
            spec->prefix);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (needed[i] && !exported[i])
            fprintf(f, "static void %s(const oas_json *in, oas_vctx *ctx);\n",
                    spec->schemas[i]->validator_name);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (needed[i])
            ev_emit_function(f, spec->schemas[i], exported);
    for (size_t i = 0; i < spec->component_count; i++) {
        const ir_schema *s = spec->components[i];
        fprintf(f, "\nbool %s_validate(const oas_json *instance, oas_report *report)\n{\n"
                   "    return oas_validate_run(%s, \"\", instance, report, NULL);\n}\n",
                s->type_name, s->validator_name);
    }
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
    FILE *c = emit_open(ctx, "validate.c");
    if (!c)
        goto out;
    emit_source(c, spec, exported, needed);
    rc = emit_close(ctx, c, "validate.c");
out:
    free(exported);
    free(needed);
    return rc;
}
