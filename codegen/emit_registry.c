/* emit_registry.c - writes <prefix>registry.c: the spec as data (schemas
 * sorted by name, operations sorted by operation id, with their parameters,
 * responses and examples; webhooks and callbacks; servers), for tools that
 * validate by name. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "emit.h"
#include "emit_examples.h" /* synthesized examples */
#include "oc_alloc.h"

static void str_or_null(FILE *f, const char *s)
{
    if (s)
        emit_c_string(f, s, strlen(s));
    else
        fputs("NULL", f);
}

static int by_operation_id(const void *a, const void *b)
{
    const ir_operation *x = *(const ir_operation *const *)a;
    const ir_operation *y = *(const ir_operation *const *)b;
    return strcmp(x->operation_id, y->operation_id);
}

/* The NULL-terminated list of s's members whose arrays may be read in runs
 * (oas_schema_entry.array_members), as a static array named NAME; false
 * (nothing written) when there are none. */
static bool emit_array_members(FILE *f, const ir_schema *s, const char *name)
{
    const ir_schema *owner = s ? ir_object_array_members(s) : NULL;
    if (!owner)
        return false;
    fprintf(f, "static const char *const %s[] = {", name);
    for (size_t i = 0; i < owner->prop_count; i++) {
        if (!ir_object_array_member_at(owner, i))
            continue;
        str_or_null(f, owner->props[i].name);
        fputs(", ", f);
    }
    fputs("NULL};\n", f);
    return true;
}

static void emit_schemas(FILE *f, const ir_spec *spec)
{
    if (!spec->component_count)
        return;
    const ir_schema **sorted = emit_components_by_name(spec);
    bool *members = oc_calloc(spec->component_count, sizeof *members);
    char name[64];
    for (size_t i = 0; i < spec->component_count; i++) {
        snprintf(name, sizeof name, "array_members_%zu", i);
        members[i] = emit_array_members(f, sorted[i], name);
    }
    fputs("static const oas_schema_entry schemas[] = {\n", f);
    for (size_t i = 0; i < spec->component_count; i++) {
        fputs("    {", f);
        str_or_null(f, sorted[i]->component_name);
        fputs(", ", f);
        str_or_null(f, sorted[i]->location);
        fprintf(f, ", %s, %s, ", sorted[i]->validator_name,
                ir_array_verdict_per_item(sorted[i]) ? "true" : "false");
        if (members[i])
            fprintf(f, "array_members_%zu},\n", i);
        else
            fputs("NULL},\n", f);
    }
    free(members);
    fputs("};\n\n", f);
    free(sorted);
}

/* How a parameter goes on the wire, from its schema: arrays and objects
 * are shapes of their own; the text kind is what the (items') type says. */
static const char *param_shape(const ir_schema *s)
{
    s = s ? ir_deref(s) : NULL;
    if (s && s->types == IR_T_ARRAY)
        return "OAS_PARAM_ARRAY";
    if (s && s->types == IR_T_OBJECT)
        return "OAS_PARAM_OBJECT";
    return "OAS_PARAM_PRIMITIVE";
}

static const char *param_text_kind(const ir_schema *s)
{
    s = s ? ir_deref(s) : NULL;
    if (s && s->types == IR_T_ARRAY)
        s = s->items ? ir_deref(s->items) : NULL;
    else if (s && s->types == IR_T_OBJECT)
        s = s->addl ? ir_deref(s->addl) : NULL;
    unsigned t = s ? s->types & ~IR_T_NULL : 0;
    if (s && !t && s->has_enum) /* an enum without a type: its values say */
        return "OAS_TEXT_ANY";
    switch (t) {
    case IR_T_STRING: return "OAS_TEXT_STRING";
    case IR_T_INTEGER: return "OAS_TEXT_INTEGER";
    case IR_T_NUMBER:
    case IR_T_NUMBER | IR_T_INTEGER: return "OAS_TEXT_NUMBER";
    case IR_T_BOOLEAN: return "OAS_TEXT_BOOLEAN";
    case 0: return s ? "OAS_TEXT_ANY" : "OAS_TEXT_STRING";
    default: return "OAS_TEXT_ANY";
    }
}

static const char *param_in_enum(const char *in)
{
    return strcmp(in, "path") == 0    ? "OAS_PARAM_IN_PATH"
           : strcmp(in, "query") == 0 ? "OAS_PARAM_IN_QUERY"
           : strcmp(in, "header") == 0 ? "OAS_PARAM_IN_HEADER"
                                       : "OAS_PARAM_IN_COOKIE";
}

static const char *param_style_enum(const char *style)
{
    static const char *const names[][2] = {
        {"simple", "OAS_STYLE_SIMPLE"}, {"form", "OAS_STYLE_FORM"},
        {"label", "OAS_STYLE_LABEL"}, {"matrix", "OAS_STYLE_MATRIX"},
        {"spaceDelimited", "OAS_STYLE_SPACE_DELIMITED"},
        {"pipeDelimited", "OAS_STYLE_PIPE_DELIMITED"}, {"deepObject", "OAS_STYLE_DEEP_OBJECT"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], style) == 0)
            return names[i][1];
    return "OAS_STYLE_SIMPLE"; /* unreachable: the front end refuses other styles */
}

static void emit_params(FILE *f, const ir_operation *op)
{
    fprintf(f, "static const oas_param_entry params_%s[] = {\n", op->c_name);
    for (size_t i = 0; i < op->param_count; i++) {
        const ir_param *p = &op->params[i];
        fputs("    {", f);
        str_or_null(f, p->name);
        fputs(", ", f);
        str_or_null(f, p->in);
        fprintf(f, ", %d, ", p->required ? 1 : 0);
        str_or_null(f, p->schema ? p->schema->location : NULL);
        fprintf(f, ", %s,\n        %s, %s, %s, %s, %s, %s, ",
                p->schema ? p->schema->validator_name : "NULL", param_in_enum(p->in),
                param_style_enum(p->style), p->explode ? "true" : "false",
                p->allow_reserved ? "true" : "false", param_shape(p->schema),
                param_text_kind(p->schema));
        str_or_null(f, p->constant);
        fprintf(f, ", %d},\n", p->missing_status);
    }
    fputs("};\n", f);
}

static void emit_body(FILE *f, const ir_operation *op)
{
    const ir_schema *s = op->body_schema;
    fprintf(f, "static const oas_body_entry body_%s = {", op->c_name);
    str_or_null(f, op->body_content_type);
    fprintf(f, ", %d, ", op->body_required ? 1 : 0);
    str_or_null(f, s ? ir_deref(s)->component_name : NULL);
    fputs(", ", f);
    str_or_null(f, s ? s->location : NULL);
    fprintf(f, ", %s};\n", s ? s->validator_name : "NULL");
}

static void emit_security(FILE *f, const ir_operation *op)
{
    for (size_t i = 0; i < op->security_count; i++) {
        const ir_security_requirement *r = &op->security[i];
        if (!r->count)
            continue;
        fprintf(f, "static const unsigned short security_%s_%zu[] = {", op->c_name, i);
        for (size_t k = 0; k < r->count; k++)
            fprintf(f, "%s%zu", k ? ", " : "", r->schemes[k]);
        fputs("};\n", f);
    }
    fprintf(f, "static const oas_security_requirement security_%s[] = {\n", op->c_name);
    for (size_t i = 0; i < op->security_count; i++) {
        if (op->security[i].count)
            fprintf(f, "    {security_%s_%zu, %zu},\n", op->c_name, i, op->security[i].count);
        else
            fputs("    {NULL, 0},\n", f);
    }
    fputs("};\n", f);
}

/* C99/C11 only promise string literals of 4095 bytes (-Woverlength-strings
 * under -pedantic), so longer examples become byte arrays. */
#define LONGEST_LITERAL 4000

/* H5b: without a spec example, one synthesized from the schema
   (emit_examples.c), so tools such as `ldrest mock` always have a body. */
static char *response_example(emit_example_cache *cache, const ir_response *r, size_t *len,
                              diag *d)
{
    *len = 0;
    if (r->example)
        return ir_value_to_json(r->example, len);
    char *text = emit_example_synthesize_cached(cache, r->schema, len);
    if (!text && r->schema)
        diag_note(d, r->loc.file, r->loc.line, r->loc.col,
                  "no example synthesized for response %s: an instance of its schema would "
                  "exceed 1 MiB, merge more than 100,000 schemas, nest values more than 48 "
                  "deep or chain $ref/allOf more than 256 deep (give it an `example`)",
                  r->status ? r->status : "?");
    return text;
}

typedef struct example_text {
    char *text;  /* NULL: no example */
    size_t len;
} example_text;

/* The bytes of an example as the elements of a char array, 24 to a line:
 * formatted here rather than with one fprintf per byte (a large
 * spec has hundreds of kilobytes of them). */
static void emit_byte_elements(FILE *f, const char *bytes, size_t len)
{
    char line[24 * 4 + 8];  /* ",\n    " and 24 times ",255" */
    size_t n = 0;
    for (size_t k = 0; k < len; k++) {
        if (k % 24 == 0) {
            fwrite(line, 1, n, f);
            n = 0;
            const char *start = k == 0 ? "\n    " : ",\n    ";
            memcpy(line, start, strlen(start));
            n = strlen(start);
        } else {
            line[n++] = ',';
        }
        unsigned byte = (unsigned char)bytes[k];
        if (byte >= 100)
            line[n++] = (char)('0' + byte / 100);
        if (byte >= 10)
            line[n++] = (char)('0' + byte / 10 % 10);
        line[n++] = (char)('0' + byte % 10);
    }
    fwrite(line, 1, n, f);
}

static void emit_long_examples(FILE *f, const ir_operation *op, const example_text *examples)
{
    for (size_t i = 0; i < op->response_count; i++) {
        if (examples[i].text && examples[i].len > LONGEST_LITERAL) {
            fprintf(f, "static const char example_%s_%zu[] = {", op->c_name, i);
            emit_byte_elements(f, examples[i].text, examples[i].len);
            fputs(",0\n};\n", f);
        }
    }
}

/* The named examples of op's response i, when it has any: a table
 * (values longer than a literal may be as byte arrays). */
static void emit_named_examples(FILE *f, const ir_operation *op, size_t i)
{
    const ir_response *r = &op->responses[i];
    if (!r->example_count)
        return;
    char **texts = oc_calloc(r->example_count, sizeof *texts);
    size_t *lens = oc_calloc(r->example_count, sizeof *lens);
    for (size_t k = 0; k < r->example_count; k++) {
        texts[k] = ir_value_to_json(r->examples[k].value, &lens[k]);
        if (lens[k] > LONGEST_LITERAL) {
            fprintf(f, "static const char example_%s_%zu_%zu[] = {", op->c_name, i, k);
            emit_byte_elements(f, texts[k], lens[k]);
            fputs(",0\n};\n", f);
        }
    }
    fprintf(f, "static const oas_example_entry examples_%s_%zu[] = {\n", op->c_name, i);
    for (size_t k = 0; k < r->example_count; k++) {
        fputs("    {", f);
        str_or_null(f, r->examples[k].name);
        fputs(", ", f);
        if (lens[k] > LONGEST_LITERAL)
            fprintf(f, "example_%s_%zu_%zu", op->c_name, i, k);
        else
            emit_c_string(f, texts[k], lens[k]);
        fputs("},\n", f);
        free(texts[k]);
    }
    fputs("};\n", f);
    free(texts);
    free(lens);
}

static void emit_responses(FILE *f, const ir_operation *op, emit_example_cache *cache, diag *d)
{
    /* Built once per response: both the long-example arrays and the table
       need them, and synthesis is one of the generator's costlier steps. */
    example_text *examples = oc_calloc(op->response_count, sizeof *examples);
    for (size_t i = 0; i < op->response_count; i++)
        examples[i].text = response_example(cache, &op->responses[i], &examples[i].len, d);
    emit_long_examples(f, op, examples);
    for (size_t i = 0; i < op->response_count; i++)
        emit_named_examples(f, op, i);
    bool *members = oc_calloc(op->response_count, sizeof *members);
    for (size_t i = 0; i < op->response_count; i++) {
        char *name = oc_printf("array_members_%s_%zu", op->c_name, i);
        members[i] = emit_array_members(f, op->responses[i].schema, name);
        free(name);
    }
    fprintf(f, "static const oas_response_entry responses_%s[] = {\n", op->c_name);
    for (size_t i = 0; i < op->response_count; i++) {
        const ir_response *r = &op->responses[i];
        const ir_schema *s = r->schema;
        fputs("    {", f);
        str_or_null(f, r->status);
        fputs(", ", f);
        str_or_null(f, r->content_type);
        fputs(", ", f);
        str_or_null(f, s ? ir_deref(s)->component_name : NULL);
        fputs(", ", f);
        str_or_null(f, s ? s->location : NULL);
        fprintf(f, ", %s, ", s ? s->validator_name : "NULL");
        if (examples[i].text && examples[i].len > LONGEST_LITERAL)
            fprintf(f, "example_%s_%zu", op->c_name, i);
        else if (examples[i].text)
            emit_c_string(f, examples[i].text, examples[i].len);
        else
            fputs("NULL", f);
        free(examples[i].text);
        if (r->example_count)
            fprintf(f, ", examples_%s_%zu, %zu", op->c_name, i, r->example_count);
        else
            fputs(", NULL, 0", f);
        fprintf(f, ", %s, ", s && ir_array_verdict_per_item(s) ? "true" : "false");
        if (members[i])
            fprintf(f, "array_members_%s_%zu},\n", op->c_name, i);
        else
            fputs("NULL},\n", f);
    }
    fputs("};\n", f);
    free(members);
    free(examples);
}

/* The tables an operation's entry points to. */
static void emit_operation_tables(FILE *f, const ir_operation *op, emit_example_cache *cache,
                                  diag *d)
{
    if (op->param_count)
        emit_params(f, op);
    if (op->response_count)
        emit_responses(f, op, cache, d);
    if (op->body_content_type)
        emit_body(f, op);
    if (op->security_count)
        emit_security(f, op);
}

/* An oas_operation_entry initializer, without a line end. */
static void emit_operation_entry(FILE *f, const ir_operation *op)
{
    fputs("{", f);
    str_or_null(f, op->operation_id);
    fputs(", ", f);
    str_or_null(f, op->method);
    fputs(", ", f);
    str_or_null(f, op->path);
    if (op->param_count)
        fprintf(f, ", params_%s, %zu", op->c_name, op->param_count);
    else
        fputs(", NULL, 0", f);
    if (op->response_count)
        fprintf(f, ", responses_%s, %zu", op->c_name, op->response_count);
    else
        fputs(", NULL, 0", f);
    if (op->body_content_type)
        fprintf(f, ",\n        &body_%s", op->c_name);
    else
        fputs(",\n        NULL", f);
    if (op->security_count)
        fprintf(f, ", security_%s, %zu}", op->c_name, op->security_count);
    else
        fputs(", NULL, 0}", f);
}

static size_t path_segments(const char *path)
{
    size_t n = 1;
    for (; *path; path++)
        n += *path == '/';
    return n;
}

/* An operation's place in path_order (oas_registry.path_order). */
typedef struct path_key {
    const char *method;
    size_t segments;
    size_t index; /* in operations[] */
} path_key;

static int by_path_key(const void *a, const void *b)
{
    const path_key *x = a, *y = b;
    int c = strcmp(x->method, y->method);
    if (c)
        return c;
    if (x->segments != y->segments)
        return x->segments < y->segments ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* operations[] (sorted by id) and path_order, the same operations by
 * method and segment count, so that a path is matched against the
 * templates that can match it only. */
static void emit_operations(FILE *f, const ir_spec *spec, emit_example_cache *cache, diag *d)
{
    size_t n = spec->operation_count;
    if (!n)
        return;
    const ir_operation **sorted = oc_calloc(n, sizeof *sorted);
    path_key *keys = oc_calloc(n, sizeof *keys);
    for (size_t i = 0; i < n; i++)
        sorted[i] = &spec->operations[i];
    qsort(sorted, n, sizeof *sorted, by_operation_id);
    for (size_t i = 0; i < n; i++)
        emit_operation_tables(f, sorted[i], cache, d);
    fputs("\nstatic const oas_operation_entry operations[] = {\n", f);
    for (size_t i = 0; i < n; i++) {
        fputs("    ", f);
        emit_operation_entry(f, sorted[i]);
        fputs(",\n", f);
        keys[i] = (path_key){sorted[i]->method, path_segments(sorted[i]->path), i};
    }
    fputs("};\n\n", f);
    qsort(keys, n, sizeof *keys, by_path_key);
    fputs("static const uint32_t path_order[] = {", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s%zu", i ? "," : "", i % 16 ? " " : "\n    ", keys[i].index);
    fputs("\n};\n\n", f);
    free(keys);
    free(sorted);
}

static int cmp_or_null(const char *x, const char *y)
{
    return x && y ? strcmp(x, y) : (x != NULL) - (y != NULL);
}

/* Webhooks and callbacks: owner (none first), name, then method. */
static int by_owner_name_method(const void *a, const void *b)
{
    const ir_operation *x = *(const ir_operation *const *)a;
    const ir_operation *y = *(const ir_operation *const *)b;
    int c = cmp_or_null(x->owner_id, y->owner_id);
    if (!c)
        c = strcmp(x->event_name, y->event_name);
    return c ? c : strcmp(x->method, y->method);
}

/* The webhooks table, then the callbacks table; *webhooks gets the count
 * of the first. */
static void emit_events(FILE *f, const ir_spec *spec, emit_example_cache *cache, diag *d,
                        size_t *webhooks)
{
    size_t n = spec->event_count;
    *webhooks = 0;
    if (!n)
        return;
    const ir_operation **sorted = oc_calloc(n, sizeof *sorted);
    for (size_t i = 0; i < n; i++) {
        sorted[i] = &spec->events[i];
        *webhooks += sorted[i]->owner_id == NULL;
    }
    qsort(sorted, n, sizeof *sorted, by_owner_name_method);
    for (size_t i = 0; i < n; i++)
        emit_operation_tables(f, sorted[i], cache, d);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || i == *webhooks)
            fprintf(f, "%sstatic const oas_event_entry %s[] = {\n", i ? "};\n" : "\n",
                    i < *webhooks ? "webhooks" : "callbacks");
        fputs("    {", f);
        str_or_null(f, sorted[i]->owner_id);
        fputs(", ", f);
        str_or_null(f, sorted[i]->event_name);
        fputs(", ", f);
        emit_operation_entry(f, sorted[i]);
        fputs("},\n", f);
    }
    fputs("};\n\n", f);
    free(sorted);
}

static void emit_server_variables(FILE *f, const ir_server *sv, size_t index)
{
    for (size_t v = 0; v < sv->variable_count; v++) {
        const ir_server_variable *var = &sv->variables[v];
        if (!var->enum_count)
            continue;
        fprintf(f, "static const char *const server%zu_var%zu_enum[] = {", index, v);
        for (size_t e = 0; e < var->enum_count; e++) {
            fputs(e ? ", " : "", f);
            str_or_null(f, var->enum_values[e]);
        }
        fputs("};\n", f);
    }
    fprintf(f, "static const oas_server_variable server%zu_vars[] = {\n", index);
    for (size_t v = 0; v < sv->variable_count; v++) {
        const ir_server_variable *var = &sv->variables[v];
        fputs("    {", f);
        str_or_null(f, var->name);
        fputs(", ", f);
        str_or_null(f, var->default_value);
        if (var->enum_count)
            fprintf(f, ", server%zu_var%zu_enum, %zu},\n", index, v, var->enum_count);
        else
            fputs(", NULL, 0},\n", f);
    }
    fputs("};\n", f);
}

static void emit_servers(FILE *f, const ir_spec *spec)
{
    if (!spec->server_count)
        return;
    for (size_t i = 0; i < spec->server_count; i++)
        if (spec->servers[i].variable_count)
            emit_server_variables(f, &spec->servers[i], i);
    fputs("static const oas_server_entry servers[] = {\n", f);
    for (size_t i = 0; i < spec->server_count; i++) {
        const ir_server *sv = &spec->servers[i];
        fputs("    {", f);
        str_or_null(f, sv->name);
        fputs(", ", f);
        str_or_null(f, sv->url);
        if (sv->variable_count)
            fprintf(f, ", server%zu_vars, %zu},\n", i, sv->variable_count);
        else
            fputs(", NULL, 0},\n", f);
    }
    fputs("};\n\n", f);
}

static const char *security_kind_enum(ir_security_kind k)
{
    switch (k) {
    case IR_SEC_API_KEY: return "OAS_SECURITY_API_KEY";
    case IR_SEC_HTTP_BEARER: return "OAS_SECURITY_HTTP_BEARER";
    case IR_SEC_HTTP_BASIC: return "OAS_SECURITY_HTTP_BASIC";
    case IR_SEC_OTHER: break;
    }
    return "OAS_SECURITY_OTHER";
}

static void emit_security_schemes(FILE *f, const ir_spec *spec)
{
    if (!spec->security_scheme_count)
        return;
    fputs("static const oas_security_scheme_entry security_schemes[] = {\n", f);
    for (size_t i = 0; i < spec->security_scheme_count; i++) {
        const ir_security_scheme *sc = &spec->security_schemes[i];
        fputs("    {", f);
        str_or_null(f, sc->name);
        fprintf(f, ", %s, %s, ", security_kind_enum(sc->kind),
                sc->in ? param_in_enum(sc->in) : "OAS_PARAM_IN_HEADER");
        str_or_null(f, sc->param_name);
        fputs("},\n", f);
    }
    fputs("};\n\n", f);
}

static const char *rate_limit_meaning_enum(ir_rate_limit_meaning m)
{
    switch (m) {
    case IR_RL_RETRY_AFTER: return "OAS_RATE_LIMIT_RETRY_AFTER";
    case IR_RL_RESET_EPOCH_MS: return "OAS_RATE_LIMIT_RESET_EPOCH_MS";
    case IR_RL_RESET_EPOCH_S: return "OAS_RATE_LIMIT_RESET_EPOCH_S";
    case IR_RL_RESET_DELTA_S: return "OAS_RATE_LIMIT_RESET_DELTA_S";
    case IR_RL_REMAINING: break;
    }
    return "OAS_RATE_LIMIT_REMAINING";
}

/* Retry-After is HTTP's own: a declared list replaces the client's default
 * one (Retry-After alone), so it goes first unless the spec names it. */
static bool names_retry_after(const ir_spec *spec)
{
    for (size_t i = 0; i < spec->rate_limit_header_count; i++)
        if (strcasecmp(spec->rate_limit_headers[i].name, "Retry-After") == 0)
            return true;
    return false;
}

static size_t rate_limit_header_count(const ir_spec *spec)
{
    if (!spec->rate_limit_header_count)
        return 0;
    return spec->rate_limit_header_count + !names_retry_after(spec);
}

static void emit_rate_limit_headers(FILE *f, const ir_spec *spec)
{
    if (!spec->rate_limit_header_count)
        return;
    fputs("static const oas_rate_limit_header rate_limit_headers[] = {\n", f);
    if (!names_retry_after(spec))
        fputs("    {\"Retry-After\", OAS_RATE_LIMIT_RETRY_AFTER},\n", f);
    for (size_t i = 0; i < spec->rate_limit_header_count; i++) {
        const ir_rate_limit_header *h = &spec->rate_limit_headers[i];
        fputs("    {", f);
        str_or_null(f, h->name);
        fprintf(f, ", %s},\n", rate_limit_meaning_enum(h->meaning));
    }
    fputs("};\n\n", f);
}

int emit_registry_source(const emit_ctx *ctx)
{
    const ir_spec *spec = ctx->spec;
    FILE *f = emit_open(ctx, "registry.c");
    if (!f)
        return -1;
    const char *prefix = spec->prefix ? spec->prefix : "";
    fprintf(f, "#include <stddef.h>\n#include \"oas_registry.h\"\n#include \"%svalidate.h\"\n\n",
            prefix);
    emit_schemas(f, spec);
    /* Examples are synthesized once per schema, whoever's response it is. */
    emit_example_cache *cache = emit_example_cache_new();
    emit_operations(f, spec, cache, ctx->d);
    size_t webhooks = 0;
    emit_events(f, spec, cache, ctx->d, &webhooks);
    emit_example_cache_free(cache);
    emit_servers(f, spec);
    emit_security_schemes(f, spec);
    emit_rate_limit_headers(f, spec);
    fprintf(f, "const oas_registry %sregistry = {\n    ", prefix);
    str_or_null(f, spec->title);
    fputs(", ", f);
    str_or_null(f, spec->api_version);
    fputs(", ", f);
    str_or_null(f, spec->path);
    fprintf(f, ", \"%s\",\n", spec->sha256);
    fprintf(f, "    %s, %zu,\n", spec->component_count ? "schemas" : "NULL", spec->component_count);
    fprintf(f, "    %s, %zu,\n", spec->operation_count ? "operations" : "NULL",
            spec->operation_count);
    fprintf(f, "    %s, %zu,\n", spec->server_count ? "servers" : "NULL", spec->server_count);
    fprintf(f, "    %s, %zu,\n", spec->security_scheme_count ? "security_schemes" : "NULL",
            spec->security_scheme_count);
    size_t rl = rate_limit_header_count(spec);
    fprintf(f, "    %s, %zu,\n", rl ? "rate_limit_headers" : "NULL", rl);
    size_t callbacks = spec->event_count - webhooks;
    fprintf(f, "    %s, %zu,\n", webhooks ? "webhooks" : "NULL", webhooks);
    fprintf(f, "    %s, %zu,\n", callbacks ? "callbacks" : "NULL", callbacks);
    fprintf(f, "    %s,\n};\n", spec->operation_count ? "path_order" : "NULL");
    return emit_close(ctx, f, "registry.c");
}
