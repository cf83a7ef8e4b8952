/* resolve_names.c - every C name of the IR, through naming.c, in a fixed
 * order so that a spec always gets the same names: component types, then
 * operations, then inline schemas (named after their parents), then the
 * members of each struct and the parameters of each operation. */
#include <stdlib.h>
#include <string.h>

#include "naming.h"
#include "oc_alloc.h"
#include "resolve_ctx.h"
#include "strmap.h"

/* Every name an emitter derives from a type name (model header and source,
 * validators, registry), so that none of them can meet another type's
 * names: functions, the enum/entry typedefs, the file-scope tables. */
static const char *const type_patterns[] = {
    "%s_init", "%s_free", "%s_parse", "%s_from_json", "%s_from_cjson", "%s_to_json",
    "%s_to_cjson", "%s_validate", "%s_validate_node", "%s_entry", "%s_enum",
    "%s_desc", "values_%s", "fields_%s", "variants_%s", "mappings_%s", NULL,
};
/* emit_ops.c and emit_registry.c: params/result types, their functions and
 * the registry's per-operation tables. */
static const char *const operation_patterns[] = {
    "%s_params", "%s_result", "%s_result_init", "%s_result_free", "%s_response",
    "params_%s", "responses_%s", NULL,
};
static const char *const member_patterns[] = {"has_%s", "%s_count", "%s_is_null", "%s_text",
                                                 "%s_texts", NULL};
/* Members every params struct has besides the parameters (emit_ops.c). */
static const char *const params_struct_fixed[] = {"body", "body_json", "body_json_len", "unused",
                                                    NULL};

static char *claim_or_report(naming_scope *scope, char *base, const char *const *patterns,
                             diag *d, ir_loc at, int *rc)
{
    char *name = naming_scope_claim(scope, base, patterns);
    if (!name) {
        resolve_error(d, at, "cannot give \"%s\" a unique C name", base);
        *rc = -1;
    }
    free(base);
    return name;
}

static void name_schema(ir_schema *s, naming_scope *scope, const char *prefix, diag *d, int *rc)
{
    char *base;
    if (s->component_name) {
        base = naming_prefixed(prefix, s->component_name);
    } else if (s->parent && s->parent->type_name) {
        char *part = naming_snake(s->name_hint);
        base = *part ? oc_concat3(s->parent->type_name, "_", part)
                     : oc_printf("%s_%zu", s->parent->type_name, s->index);
        free(part);
    } else {
        base = naming_prefixed(prefix, s->name_hint ? s->name_hint : "schema");
    }
    s->type_name = claim_or_report(scope, base, type_patterns, d, s->loc, rc);
    if (!s->type_name)
        s->type_name = oc_printf("%sschema_%zu", prefix, s->index);
    s->fn_prefix = oc_strdup(s->type_name);
    s->validator_name = oc_concat3(s->type_name, "_validate_node", "");
}

static void name_members(ir_prop *props, size_t count, diag *d, int *rc)
{
    naming_scope *scope = naming_scope_new();
    /* the typed model's own members (emit_model_common.h) */
    naming_scope_reserve(scope, "additional_members");
    naming_scope_reserve(scope, "as_subtype");  /* a discriminator base's subtype */
    naming_scope_reserve(scope, "is_null");     /* a type that accepts null as a whole */
    for (size_t i = 0; i < count; i++)
        props[i].c_name =
            claim_or_report(scope, naming_identifier(props[i].name), member_patterns, d, props[i].loc, rc);
    naming_scope_free(scope);
}

/* Own props of a struct share the member names of model_props. */
static void name_struct_members(ir_schema *s, diag *d, int *rc)
{
    name_members(s->model_props, s->model_prop_count, d, rc);
    strmap *by_name = strmap_new();  /* a struct may have thousands of members */
    for (size_t j = 0; j < s->model_prop_count; j++)
        if (s->model_props[j].c_name)
            strmap_put(by_name, s->model_props[j].name, strlen(s->model_props[j].name),
                       s->model_props[j].c_name);
    for (size_t i = 0; i < s->prop_count; i++) {
        const char *c_name = strmap_get(by_name, s->props[i].name, strlen(s->props[i].name));
        if (!s->props[i].c_name && c_name)
            s->props[i].c_name = oc_strdup(c_name);
    }
    strmap_free(by_name);
}

/* An operation's C name (from base, freed) and its parameters' members. */
static void name_operation(ir_operation *op, char *base, naming_scope *scope, diag *d, int *rc)
{
    op->c_name = claim_or_report(scope, base, operation_patterns, d, op->loc, rc);
    naming_scope *params = naming_scope_new();
    for (size_t k = 0; params_struct_fixed[k]; k++)
        naming_scope_reserve(params, params_struct_fixed[k]);
    for (size_t p = 0; p < op->param_count; p++)
        op->params[p].c_name = claim_or_report(params, naming_identifier(op->params[p].name),
                                               member_patterns, d, op->params[p].loc, rc);
    naming_scope_free(params);
}

/* OpenAPI: an operationId is unique among all the operations of the API,
 * callbacks' and webhooks' included. false after reporting a repeat. */
static bool claim_operation_id(strmap *ids, const ir_operation *op, diag *d, int *rc)
{
    const ir_operation *first = strmap_get(ids, op->operation_id, strlen(op->operation_id));
    if (first) {
        resolve_error(d, op->loc, "duplicate operationId \"%s\" (first at line %u)",
                      op->operation_id, first->loc.line);
        *rc = -1;
        return false;
    }
    strmap_put(ids, op->operation_id, strlen(op->operation_id), (void *)op);
    return true;
}

static void name_operations(ir_spec *spec, naming_scope *scope, diag *d, int *rc)
{
    strmap *ids = strmap_new();
    for (size_t i = 0; i < spec->operation_count; i++) {
        ir_operation *op = &spec->operations[i];
        if (claim_operation_id(ids, op, d, rc))
            name_operation(op, naming_prefixed(spec->prefix, op->operation_id), scope, d, rc);
    }
    /* Webhooks and callbacks after every operation, so that adding one
       never renames an operation's functions. */
    for (size_t i = 0; i < spec->event_count; i++) {
        ir_operation *ev = &spec->events[i];
        if (ev->operation_id_given && !claim_operation_id(ids, ev, d, rc))
            continue;
        char *id = ev->owner_id ? oc_printf("%s_%s_callback_%s", ev->owner_id, ev->event_name, ev->method)
                                : oc_printf("%s_webhook_%s", ev->event_name, ev->method);
        name_operation(ev, naming_prefixed(spec->prefix, id), scope, d, rc);
        free(id);
    }
    strmap_free(ids);
}

static size_t count_patterns(const char *const *patterns)
{
    size_t n = 0;
    while (patterns[n])
        n++;
    return n;
}

int resolve_names(ir_spec *spec, diag *d)
{
    int rc = 0;
    /* Every schema and operation claims its name and each derived one. */
    size_t names = spec->schema_count * (1 + count_patterns(type_patterns)) +
                   (spec->operation_count + spec->event_count) * (1 + count_patterns(operation_patterns));
    naming_scope *scope = naming_scope_new_sized(names + 2);
    char *registry = oc_concat3(spec->prefix, "registry", "");
    naming_scope_reserve(scope, registry);
    free(registry);
    char *model_types = oc_concat3(spec->prefix, "model_types", "");  /* emit_model_source.c */
    naming_scope_reserve(scope, model_types);
    free(model_types);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (spec->schemas[i]->component_name)
            name_schema(spec->schemas[i], scope, spec->prefix, d, &rc);
    name_operations(spec, scope, d, &rc);
    for (size_t i = 0; i < spec->schema_count; i++)
        if (!spec->schemas[i]->type_name)
            name_schema(spec->schemas[i], scope, spec->prefix, d, &rc);
    naming_scope_free(scope);
    for (size_t i = 0; i < spec->schema_count; i++) {
        ir_schema *s = spec->schemas[i];
        if (s->ckind == CK_STRUCT)
            name_struct_members(s, d, &rc);
        /* Validators read props of every schema; give the rest names too. */
        bool unnamed = false;
        for (size_t p = 0; p < s->prop_count; p++)
            unnamed |= s->props[p].c_name == NULL;
        if (unnamed && s->ckind != CK_STRUCT)
            name_members(s->props, s->prop_count, d, &rc);
    }
    return rc;
}
