/* emit_ops.c - writes <prefix>ops.h and <prefix>ops.c: for every operation a
 * typed params struct, a result struct and one request function. The
 * function is a thin wrapper: it lists the parameters it was given as typed
 * arguments and hands them, with the operation's response table, to
 * oas_call_typed() (runtime/include/oas/oas_call.h), which does the rest from the
 * registry's descriptor of the operation.
 *
 * Parameter types follow the schema, whatever the location: integer ->
 * int64_t, number -> double, boolean -> bool (each with has_<name> when
 * optional), an enum -> its generated enum (0, the _UNKNOWN constant, is
 * absent), a string or anything else -> const char * (NULL absent), arrays
 * -> pointer + <name>_count, objects -> oas_param_item key/text pairs. A
 * header named Accept, Content-Type or Authorization is no member (OpenAPI
 * ignores such parameters: the client and the security schemes own them).
 * A request body is the model struct (body, serialized by the model) or
 * JSON text (body_json, body_json_len). A parameter whose schema admits one
 * value only may be left unset, required or not: the runtime sends that
 * value (oas_call.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "emit.h"
#include "emit_model_common.h"
#include "oc_alloc.h"

static bool ignored_header(const ir_param *p)
{
    return strcmp(p->in, "header") == 0 &&
           (strcasecmp(p->name, "Accept") == 0 || strcasecmp(p->name, "Content-Type") == 0 ||
            strcasecmp(p->name, "Authorization") == 0);
}

/* What a parameter is in the params struct, and how it goes to the runtime. */
typedef enum pkind {
    PK_TEXT, PK_INT, PK_DOUBLE, PK_BOOL, PK_ENUM,
    PK_TEXTS, PK_INTS, PK_DOUBLES, PK_BOOLS, PK_MEMBERS
} pkind;

static const ir_schema *param_schema(const ir_param *p)
{
    return p->schema ? ir_deref(p->schema) : NULL;
}

static pkind param_kind(const ir_param *p)
{
    const ir_schema *s = param_schema(p);
    if (!s)
        return PK_TEXT;
    switch (s->ckind) {
    case CK_INT64: return PK_INT;
    case CK_DOUBLE: return PK_DOUBLE;
    case CK_BOOL: return PK_BOOL;
    case CK_ENUM: return model_defines_type(s) ? PK_ENUM : PK_TEXT;
    case CK_STRUCT:
    case CK_MAP: return PK_MEMBERS;
    case CK_ARRAY: {
        const ir_schema *e = s->element ? ir_deref(s->element) : NULL;
        switch (e ? e->ckind : CK_STRING) {
        case CK_INT64: return PK_INTS;
        case CK_DOUBLE: return PK_DOUBLES;
        case CK_BOOL: return PK_BOOLS;
        default: return PK_TEXTS;
        }
    }
    default: return PK_TEXT;
    }
}

/* A constant is optional here even when the spec requires it: left unset,
 * the runtime sends its one value. */
static bool param_has_flag(const ir_param *p)
{
    pkind k = param_kind(p);
    return (!p->required || p->constant) && (k == PK_INT || k == PK_DOUBLE || k == PK_BOOL);
}

static const ir_schema *typed_body(const ir_schema *schema)
{
    const ir_schema *s = schema ? ir_deref(schema) : NULL;
    if (!s || !model_defines_type(s))
        return NULL;
    return s->ckind == CK_ENUM ? NULL : s;
}

/* "200" -> "200", "4XX" -> "4xx": the suffix of body_<status>. */
static void status_suffix(char *out, size_t cap, const char *status)
{
    size_t i = 0;
    for (; status[i] && i + 1 < cap; i++)
        out[i] = isalnum((unsigned char)status[i]) ? (char)tolower((unsigned char)status[i]) : '_';
    out[i] = '\0';
}

static void emit_param_member(FILE *h, const ir_param *p)
{
    const char *n = p->c_name;
    switch (param_kind(p)) {
    case PK_INT: fprintf(h, "    int64_t %s;\n", n); break;
    case PK_DOUBLE: fprintf(h, "    double %s;\n", n); break;
    case PK_BOOL: fprintf(h, "    bool %s;\n", n); break;
    case PK_ENUM:
        fprintf(h, "    %s_enum %s; /* 0 = absent */\n", param_schema(p)->type_name, n);
        break;
    case PK_TEXT: fprintf(h, "    const char *%s; /* NULL = absent */\n", n); break;
    case PK_TEXTS: fprintf(h, "    const char *const *%s;\n    size_t %s_count;\n", n, n); break;
    case PK_INTS: fprintf(h, "    const int64_t *%s;\n    size_t %s_count;\n", n, n); break;
    case PK_DOUBLES: fprintf(h, "    const double *%s;\n    size_t %s_count;\n", n, n); break;
    case PK_BOOLS: fprintf(h, "    const bool *%s;\n    size_t %s_count;\n", n, n); break;
    case PK_MEMBERS:
        fprintf(h, "    const oas_param_item *%s; /* key/text pairs */\n    size_t %s_count;\n", n, n);
        break;
    }
    if (param_has_flag(p))
        fprintf(h, "    bool has_%s;\n", n);
}

static void emit_params_struct(FILE *h, const ir_operation *op)
{
    fprintf(h, "typedef struct %s_params {\n", op->c_name);
    size_t members = 0;
    for (size_t i = 0; i < op->param_count; i++) {
        const ir_param *p = &op->params[i];
        if (ignored_header(p))
            continue;
        /* The whole text, however long: a fixed buffer would cut it, possibly
           inside a UTF-8 sequence. */
        bool quoted = param_kind(p) == PK_TEXT || param_kind(p) == PK_ENUM;
        char *dflt = p->constant ? oc_printf("; defaults to %s%s%s, the only value allowed",
                                             quoted ? "\"" : "", p->constant, quoted ? "\"" : "")
                                 : oc_strdup("");
        char *note = oc_printf("%s%s(%s %s, %s%s)", p->description ? p->description : "",
                               p->description ? " " : "", p->in, p->name,
                               p->required ? "required" : "optional", dflt);
        free(dflt);
        emit_comment(h, "    ", note);
        free(note);
        emit_param_member(h, p);
        members++;
    }
    if (op->body_content_type) {
        const ir_schema *t = typed_body(op->body_schema);
        char *note = oc_printf("request body (%s, %s): %s", op->body_content_type,
                               op->body_required ? "required" : "optional",
                               t ? "the model, or JSON text" : "JSON text");
        emit_comment(h, "    ", note);
        free(note);
        if (t)
            fprintf(h, "    const %s *body;\n", t->type_name);
        fputs("    const char *body_json;\n    size_t body_json_len;\n", h);
        members++;
    }
    if (!members)
        fputs("    char unused; /* the operation has no parameters */\n", h);
    fprintf(h, "} %s_params;\n\n", op->c_name);
}

static void emit_result_struct(FILE *h, const ir_operation *op)
{
    fprintf(h, "typedef struct %s_result {\n", op->c_name);
    fputs("    oas_http_result http; /* status, raw body, rate limits, retries, validation */\n", h);
    for (size_t i = 0; i < op->response_count; i++) {
        const ir_response *r = &op->responses[i];
        const ir_schema *t = typed_body(r->schema);
        if (!t)
            continue;
        char sfx[32];
        status_suffix(sfx, sizeof sfx, r->status);
        char *note = oc_printf("%s: %s (NULL unless this response came and parsed)", r->status,
                               r->description ? r->description : "");
        emit_comment(h, "    ", note);
        free(note);
        fprintf(h, "    %s *body_%s;\n", t->type_name, sfx);
    }
    fprintf(h, "} %s_result;\n\n", op->c_name);
}

static void emit_op_header(FILE *h, const ir_operation *op)
{
    char *note = oc_printf("%s %s (operationId %s)%s%s", op->method, op->path,
                           op->operation_id, op->summary ? ": " : "",
                           op->summary ? op->summary : "");
    emit_comment(h, "", note);
    free(note);
    emit_params_struct(h, op);
    emit_result_struct(h, op);
    fprintf(h, "void %s_result_init(%s_result *r);\n", op->c_name, op->c_name);
    fprintf(h, "void %s_result_free(%s_result *r); /* NULL-safe; re-inits */\n", op->c_name,
            op->c_name);
    fputs("/* OAS_OK for a 2xx whose body parsed (and validated, in strict mode).\n"
          " * A non-2xx status is OAS_ERR_HTTP_STATUS with *result filled (typed error\n"
          " * body when declared, raw body always); transport errors OAS_ERR_HTTP_*.\n"
          " * The request is checked before any I/O: OAS_ERR_USAGE for a missing\n"
          " * parameter or credential, OAS_ERR_INVALID for parameters or a body the\n"
          " * spec does not allow (unless the client's validation is off).\n"
          " * Always free *result with _result_free, whatever the status. */\n", h);
    fprintf(h, "oas_status %s(oas_client *client, const %s_params *params,\n"
               "    %s_result *result, oas_error *err);\n\n", op->c_name, op->c_name, op->c_name);
}

static void emit_responses_table(FILE *c, const ir_operation *op)
{
    if (!op->response_count)
        return;
    fprintf(c, "static const oas_typed_response %s_response[] = {\n", op->c_name);
    for (size_t i = 0; i < op->response_count; i++) {
        const ir_response *r = &op->responses[i];
        const ir_schema *t = typed_body(r->schema);
        fputs("    {", c);
        emit_c_string(c, r->status, strlen(r->status));
        fputs(", ", c);
        const char *d = r->description ? r->description : "";
        emit_c_string(c, d, strlen(d));
        if (t) {
            char sfx[32];
            status_suffix(sfx, sizeof sfx, r->status);
            char *desc = model_node_desc_ref(r->schema);
            fprintf(c, ", %s, offsetof(%s_result, body_%s)},\n", desc, op->c_name, sfx);
            free(desc);
        } else {
            fputs(", NULL, 0},\n", c);
        }
    }
    fputs("};\n\n", c);
}

static const char *const in_enum[] = {"OAS_PARAM_IN_PATH", "OAS_PARAM_IN_QUERY",
                                      "OAS_PARAM_IN_HEADER", "OAS_PARAM_IN_COOKIE"};

static const char *param_in(const ir_param *p)
{
    return !strcmp(p->in, "path") ? in_enum[0] : !strcmp(p->in, "query") ? in_enum[1]
           : !strcmp(p->in, "header") ? in_enum[2] : in_enum[3];
}

/* One line per parameter: when present, it joins the argument list. */
static void emit_arg(FILE *c, const ir_param *p)
{
    const char *n = p->c_name;
    pkind k = param_kind(p);
    bool array = k >= PK_TEXTS;
    if (param_has_flag(p))
        fprintf(c, "        if (params->has_%s)\n    ", n);
    else if (k == PK_TEXT || k == PK_ENUM || array)
        fprintf(c, "        if (params->%s)\n    ", n);
    fputs("        args[n++] = (oas_typed_arg){", c);
    emit_c_string(c, p->name, strlen(p->name));
    fprintf(c, ", %s, ", param_in(p));
    switch (k) {
    case PK_TEXT: fprintf(c, "OAS_ARG_TEXT, 1, {.text = params->%s}};\n", n); break;
    case PK_INT: fprintf(c, "OAS_ARG_INT64, 1, {.i = params->%s}};\n", n); break;
    case PK_DOUBLE: fprintf(c, "OAS_ARG_DOUBLE, 1, {.d = params->%s}};\n", n); break;
    case PK_BOOL: fprintf(c, "OAS_ARG_BOOL, 1, {.b = params->%s}};\n", n); break;
    case PK_ENUM:
        fprintf(c, "OAS_ARG_TEXT, 1,\n                {.text = oas_enum_name(&%s_desc, (int)params->%s)}};\n",
                param_schema(p)->type_name, n);
        break;
    case PK_TEXTS: fprintf(c, "OAS_ARG_TEXTS, params->%s_count, {.texts = params->%s}};\n", n, n); break;
    case PK_INTS: fprintf(c, "OAS_ARG_INT64S, params->%s_count, {.ints = params->%s}};\n", n, n); break;
    case PK_DOUBLES:
        fprintf(c, "OAS_ARG_DOUBLES, params->%s_count, {.doubles = params->%s}};\n", n, n);
        break;
    case PK_BOOLS: fprintf(c, "OAS_ARG_BOOLS, params->%s_count, {.bools = params->%s}};\n", n, n); break;
    case PK_MEMBERS:
        fprintf(c, "OAS_ARG_MEMBERS, params->%s_count, {.members = params->%s}};\n", n, n);
        break;
    }
}

static void emit_op_source(FILE *c, const emit_ctx *ctx, const ir_operation *op)
{
    const char *n = op->c_name, *prefix = ctx->spec->prefix ? ctx->spec->prefix : "";
    size_t args = 0;
    for (size_t i = 0; i < op->param_count; i++)
        args += !ignored_header(&op->params[i]);
    emit_responses_table(c, op);
    char *table = op->response_count ? oc_printf("%s_response", n) : oc_printf("NULL");
    char count[32];
    snprintf(count, sizeof count, "%zu", op->response_count);
    fprintf(c, "void %s_result_init(%s_result *r)\n{\n    memset(r, 0, sizeof *r);\n"
               "    oas_http_result_init(&r->http);\n}\n\n", n, n);
    fprintf(c, "void %s_result_free(%s_result *r)\n{\n    if (!r)\n        return;\n"
               "    oas_typed_result_free(%s, %s, r, &r->http);\n    %s_result_init(r);\n}\n\n",
            n, n, table, count, n);
    fprintf(c, "oas_status %s(oas_client *client, const %s_params *params,\n"
               "    %s_result *result, oas_error *err)\n{\n", n, n, n);
    fprintf(c, "    if (result)\n        %s_result_init(result);\n", n);
    if (args)
        fprintf(c, "    oas_typed_arg args[%zu];\n", args);
    fputs("    size_t n = 0;\n", c);
    if (args || op->body_content_type)
        fputs("    if (params) {\n", c);
    for (size_t i = 0; i < op->param_count; i++)
        if (!ignored_header(&op->params[i]))
            emit_arg(c, &op->params[i]);
    if (args || op->body_content_type)
        fputs("    }\n", c);
    const ir_schema *body = typed_body(op->body_schema);
    fprintf(c, "    oas_typed_call call = {&%sregistry, ", prefix);
    emit_c_string(c, op->operation_id, strlen(op->operation_id));
    fprintf(c, ", %s, n,\n", args ? "args" : "NULL");
    if (body) {
        char *desc = model_node_desc_ref(op->body_schema);
        fprintf(c, "        %s, params ? params->body : NULL,\n", desc);
        free(desc);
    } else
        fputs("        NULL, NULL,\n", c);
    if (op->body_content_type)
        fputs("        params ? params->body_json : NULL, params ? params->body_json_len : 0,\n", c);
    else
        fputs("        NULL, 0,\n", c);
    fprintf(c, "        %s, %s};\n", table, count);
    fputs("    return oas_call_typed(client, params ? &call : NULL, result, result ? &result->http : NULL,\n"
          "                          err);\n}\n\n", c);
    free(table);
}

/* Every {name} of the path template must be a declared path parameter. */
static int check_path(const emit_ctx *ctx, const ir_operation *op)
{
    for (const char *s = op->path; (s = strchr(s, '{')) != NULL;) {
        const char *close = strchr(s, '}');
        if (!close)
            break;
        size_t len = (size_t)(close - s - 1), i = 0;
        while (i < op->param_count && !(strcmp(op->params[i].in, "path") == 0 &&
                                        strlen(op->params[i].name) == len &&
                                        strncmp(op->params[i].name, s + 1, len) == 0))
            i++;
        if (i == op->param_count) {
            diag_error(ctx->d, op->loc.file, op->loc.line, op->loc.col,
                       "path template %s names an undeclared path parameter", op->path);
            return -1;
        }
        s = close + 1;
    }
    return 0;
}

static void emit_guard(FILE *f, const char *prefix, const char *suffix)
{
    for (const char *p = prefix; p && *p; p++)
        fputc(isalnum((unsigned char)*p) ? toupper((unsigned char)*p) : '_', f);
    fputs(suffix, f);
}

int emit_ops(const emit_ctx *ctx)
{
    const ir_spec *spec = ctx->spec;
    const char *prefix = spec->prefix ? spec->prefix : "";
    FILE *h = emit_open(ctx, "ops.h");
    if (!h)
        return -1;
    fputs("#ifndef ", h);
    emit_guard(h, prefix, "OPS_H\n#define ");
    emit_guard(h, prefix, "OPS_H\n\n");
    fprintf(h, "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
               "#include \"oas_call.h\"\n#include \"oas_http.h\"\n#include \"oas_http_op.h\"\n"
               "#include \"%smodel.h\"\n\n"
               "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n", prefix);
    for (size_t i = 0; i < spec->operation_count; i++)
        emit_op_header(h, &spec->operations[i]);
    fputs("#ifdef __cplusplus\n}\n#endif\n#endif\n", h);
    if (emit_close(ctx, h, "ops.h") != 0)
        return -1;

    /* One item per operation (emit_parts.c): its response table and its
       three functions; with --parts N, <p>ops.c, <p>ops_part2.c, ... */
    unsigned parts = ctx->parts > 1 ? ctx->parts : 1;
    emit_items items = {.function_weight = 1200};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < spec->operation_count; i++) {
        rc = check_path(ctx, &spec->operations[i]);
        if (rc == 0) {
            emit_op_source(emit_item_begin(&items), ctx, &spec->operations[i]);
            emit_item_end(&items, 3);
        }
    }
    emit_items_split(&items, parts);
    for (unsigned p = 0; p < parts; p++) {
        char name[64];
        emit_part_name(name, sizeof name, "ops", p);
        FILE *c = emit_open(ctx, name);
        if (!c) {
            rc = -1;
            break;
        }
        fprintf(c, "#include \"%sops.h\"\n\n#include <stddef.h>\n#include <string.h>\n"
                   "#include \"%svalidate.h\"\n\n", prefix, prefix);
        bool any = false;
        for (size_t i = 0; i < items.count; i++)
            if (items.v[i].part == p) {
                fwrite(items.v[i].text, 1, items.v[i].len, c);
                any = true;
            }
        if (!any)
            fputs("typedef int oas_no_operations; /* keeps the unit non-empty */\n", c);
        if (emit_close(ctx, c, name) != 0)
            rc = -1;
    }
    emit_items_free(&items);
    return rc;
}
