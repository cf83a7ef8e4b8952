/* emit_ops.c - writes <prefix>ops.h and <prefix>ops.c: for every operation a
 * params struct, a result struct and one request function, thin wrappers
 * over runtime/oas_http_op.h.
 *
 * Decisions (see docs/DESIGN.md and the generated header's comments):
 *  - Query parameters keep their type (int64_t/double/bool with has_ flags
 *    when optional; arrays of strings as pointer + count, form-exploded);
 *    path, header and other query parameters are `const char *`.
 *  - A header parameter named Authorization is the client's token
 *    (oas_client_set_token), not a struct member; the request fails before
 *    any I/O when the token is required and unset.
 *  - Cookie parameters are not supported (listed in a comment).
 *  - A request body is passed as JSON text (body, body_len).
 *  - Beta operations: an operation whose tag or summary contains the word
 *    "beta" (as a word or a camel-case part: "subpackage_fooBeta",
 *    "Foo (beta)") sends "LD-API-Version: beta", LaunchDarkly's opt-in for
 *    beta endpoints (they answer 403 without it). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "emit.h"
#include "emit_model_common.h"
#include "oc_alloc.h"

#define BETA_HEADER_NAME "LD-API-Version"
#define BETA_HEADER_VALUE "beta"

static bool word_beta(const char *s)
{
    for (size_t i = 0; s && s[i]; i++) {
        if (strncasecmp(s + i, "beta", 4) != 0)
            continue;
        bool start = i == 0 || !isalpha((unsigned char)s[i - 1]) ||
                     (s[i] == 'B' && islower((unsigned char)s[i - 1]));
        bool end = !islower((unsigned char)s[i + 4]);
        if (start && end)
            return true;
    }
    return false;
}

static bool op_is_beta(const ir_operation *op)
{
    for (size_t i = 0; i < op->tag_count; i++)
        if (word_beta(op->tags[i]))
            return true;
    return word_beta(op->summary);
}

static bool is_token_header(const ir_param *p)
{
    return strcmp(p->in, "header") == 0 && strcasecmp(p->name, "Authorization") == 0;
}

typedef enum pkind { PK_STRING, PK_INT, PK_DOUBLE, PK_BOOL, PK_STRINGS } pkind;

static pkind param_kind(const ir_param *p)
{
    const ir_schema *s = p->schema ? ir_deref(p->schema) : NULL;
    if (!s || strcmp(p->in, "query") != 0)
        return PK_STRING;
    switch (s->ckind) {
    case CK_INT64: return PK_INT;
    case CK_DOUBLE: return PK_DOUBLE;
    case CK_BOOL: return PK_BOOL;
    case CK_ARRAY: {
        const ir_schema *e = s->element ? ir_deref(s->element) : NULL;
        return e && (e->ckind == CK_STRING || e->ckind == CK_ENUM) ? PK_STRINGS : PK_STRING;
    }
    default: return PK_STRING;
    }
}

static bool param_has_flag(const ir_param *p)
{
    pkind k = param_kind(p);
    return !p->required && (k == PK_INT || k == PK_DOUBLE || k == PK_BOOL);
}

static const ir_schema *typed_body(const ir_response *r)
{
    const ir_schema *s = r->schema ? ir_deref(r->schema) : NULL;
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

static void emit_params_struct(FILE *h, const ir_operation *op)
{
    fprintf(h, "typedef struct %s_params {\n", op->c_name);
    size_t members = 0;
    for (size_t i = 0; i < op->param_count; i++) {
        const ir_param *p = &op->params[i];
        if (is_token_header(p) || strcmp(p->in, "cookie") == 0)
            continue;
        char *note = oc_printf("%s%s(%s %s, %s)", p->description ? p->description : "",
                               p->description ? " " : "", p->in, p->name,
                               p->required ? "required" : "optional");
        emit_comment(h, "    ", note);
        free(note);
        switch (param_kind(p)) {
        case PK_INT: fprintf(h, "    int64_t %s;\n", p->c_name); break;
        case PK_DOUBLE: fprintf(h, "    double %s;\n", p->c_name); break;
        case PK_BOOL: fprintf(h, "    bool %s;\n", p->c_name); break;
        case PK_STRINGS:
            fprintf(h, "    const char *const *%s;\n    size_t %s_count;\n", p->c_name, p->c_name);
            break;
        case PK_STRING: fprintf(h, "    const char *%s; /* NULL = absent */\n", p->c_name); break;
        }
        if (param_has_flag(p))
            fprintf(h, "    bool has_%s;\n", p->c_name);
        members++;
    }
    if (op->body_schema) {
        fprintf(h, "    /* request body as JSON text (%s) */\n    const char *body;\n"
                   "    size_t body_len;\n", op->body_required ? "required" : "optional");
        members++;
    }
    if (!members)
        fputs("    char unused; /* the operation has no parameters */\n", h);
    for (size_t i = 0; i < op->param_count; i++) {
        if (is_token_header(&op->params[i]))
            fputs("    /* header Authorization: the client's token (oas_client_set_token) */\n", h);
        else if (strcmp(op->params[i].in, "cookie") == 0) {
            char *note = oc_printf("cookie %s: not supported", op->params[i].name);
            fputs("    ", h);
            emit_comment_inline(h, note);
            fputc('\n', h);
            free(note);
        }
    }
    fprintf(h, "} %s_params;\n\n", op->c_name);
}

static void emit_result_struct(FILE *h, const ir_operation *op)
{
    fprintf(h, "typedef struct %s_result {\n", op->c_name);
    fputs("    oas_http_result http; /* status, raw body, rate limits, retries, validation */\n", h);
    for (size_t i = 0; i < op->response_count; i++) {
        const ir_response *r = &op->responses[i];
        const ir_schema *t = typed_body(r);
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
    /* The whole text, however long: a fixed buffer would cut it, possibly
       inside a UTF-8 sequence. */
    char *note = oc_printf("%s %s (operationId %s)%s%s%s", op->method, op->path,
                           op->operation_id, op->summary ? ": " : "",
                           op->summary ? op->summary : "",
                           op_is_beta(op)
                               ? "\nBeta: sends " BETA_HEADER_NAME ": " BETA_HEADER_VALUE "."
                               : "");
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
          " * Required parameters are checked before any I/O (OAS_ERR_USAGE).\n"
          " * Always free *result with _result_free, whatever the status. */\n", h);
    fprintf(h, "oas_status %s(oas_client *client, const %s_params *params,\n"
               "    %s_result *result, oas_error *err);\n\n", op->c_name, op->c_name, op->c_name);
}

static void emit_required_checks(FILE *c, const ir_operation *op)
{
    for (size_t i = 0; i < op->param_count; i++) {
        const ir_param *p = &op->params[i];
        if (!p->required || strcmp(p->in, "cookie") == 0)
            continue;
        if (is_token_header(p)) {
            fputs("    if (!oas_client_has_token(client))\n"
                  "        return oas_op_missing(err, op_id, \"header\", ", c);
        } else if (param_kind(p) == PK_STRING) {
            fprintf(c, "    if (!params->%s)\n        return oas_op_missing(err, op_id, ",
                    p->c_name);
            emit_c_string(c, p->in, strlen(p->in));
            fputs(", ", c);
        } else if (param_kind(p) == PK_STRINGS) {
            fprintf(c, "    if (!params->%s || !params->%s_count)\n"
                       "        return oas_op_missing(err, op_id, \"query\", ",
                    p->c_name, p->c_name);
        } else {
            continue;  /* a required scalar is always present */
        }
        emit_c_string(c, p->name, strlen(p->name));
        fputs(");\n", c);
    }
    if (op->body_schema && op->body_required)
        fputs("    if (!params->body)\n"
              "        return oas_op_missing(err, op_id, \"body\", \"requestBody\");\n", c);
}

static const ir_param *find_param(const ir_operation *op, const char *in, const char *name,
                                  size_t len)
{
    for (size_t i = 0; i < op->param_count; i++)
        if (!strcmp(op->params[i].in, in) && strlen(op->params[i].name) == len &&
            !strncmp(op->params[i].name, name, len))
            return &op->params[i];
    return NULL;
}

static int emit_path(FILE *c, const emit_ctx *ctx, const ir_operation *op)
{
    const char *s = op->path;
    while (*s) {
        const char *open = strchr(s, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        size_t lit = open && close ? (size_t)(open - s) : strlen(s);
        if (lit) {
            fputs("    oas_buf_puts(&url, ", c);
            emit_c_string(c, s, lit);
            fputs(");\n", c);
        }
        if (!open || !close)
            break;
        const ir_param *p = find_param(op, "path", open + 1, (size_t)(close - open - 1));
        if (!p) {
            diag_error(ctx->d, op->loc.file, op->loc.line, op->loc.col,
                       "path template %s names an undeclared path parameter", op->path);
            return -1;
        }
        fprintf(c, "    if (params->%s)\n        oas_op_path_value(&url, params->%s);\n",
                p->c_name, p->c_name);
        s = close + 1;
    }
    return 0;
}

static void emit_query(FILE *c, const ir_operation *op)
{
    for (size_t i = 0; i < op->param_count; i++) {
        const ir_param *p = &op->params[i];
        if (strcmp(p->in, "query") != 0)
            continue;
        const char *n = p->c_name;
        switch (param_kind(p)) {
        case PK_STRING: fprintf(c, "    if (params->%s)\n        oas_op_query(", n); break;
        case PK_INT: fprintf(c, "    if (%s%s)\n        oas_op_query_int64(", param_has_flag(p) ? "params->has_" : "1", param_has_flag(p) ? n : ""); break;
        case PK_DOUBLE: fprintf(c, "    if (%s%s)\n        oas_op_query_double(", param_has_flag(p) ? "params->has_" : "1", param_has_flag(p) ? n : ""); break;
        case PK_BOOL: fprintf(c, "    if (%s%s)\n        oas_op_query_bool(", param_has_flag(p) ? "params->has_" : "1", param_has_flag(p) ? n : ""); break;
        case PK_STRINGS:
            /* form style, explode (OpenAPI's default): name=a&name=b */
            fprintf(c, "    for (size_t i = 0; params->%s && i < params->%s_count; i++)\n"
                       "        if (params->%s[i])\n            oas_op_query(&url, &sep, ", n, n, n);
            emit_c_string(c, p->name, strlen(p->name));
            fprintf(c, ", params->%s[i]);\n", n);
            continue;
        }
        fputs("&url, &sep, ", c);
        emit_c_string(c, p->name, strlen(p->name));
        fprintf(c, ", params->%s);\n", n);
    }
}

static size_t emit_headers(FILE *c, const ir_operation *op)
{
    size_t count = op_is_beta(op);
    for (size_t i = 0; i < op->param_count; i++)
        count += !strcmp(op->params[i].in, "header") && !is_token_header(&op->params[i]);
    fprintf(c, "    oas_http_header headers[%zu];\n    size_t header_count = 0;\n",
            count ? count : 1);
    if (op_is_beta(op))
        fputs("    headers[header_count++] = (oas_http_header){\"" BETA_HEADER_NAME "\", \""
              BETA_HEADER_VALUE "\"};\n", c);
    for (size_t i = 0; i < op->param_count; i++) {
        const ir_param *p = &op->params[i];
        if (strcmp(p->in, "header") != 0 || is_token_header(p))
            continue;
        fprintf(c, "    if (params->%s)\n        headers[header_count++] = (oas_http_header){",
                p->c_name);
        emit_c_string(c, p->name, strlen(p->name));
        fprintf(c, ", params->%s};\n", p->c_name);
    }
    return count;
}

static void emit_response_cases(FILE *c, const ir_operation *op)
{
    fputs("    static const char *const declared[] = {", c);
    for (size_t i = 0; i < op->response_count; i++) {
        fputs(i ? ", " : "", c);
        emit_c_string(c, op->responses[i].status, strlen(op->responses[i].status));
    }
    fputs(op->response_count ? "};\n" : "\"\"};\n", c);
    fputs("    static const char *const descriptions[] = {", c);
    for (size_t i = 0; i < op->response_count; i++) {
        const char *d = op->responses[i].description ? op->responses[i].description : "";
        fputs(i ? ", " : "", c);
        emit_c_string(c, d, strlen(d));
    }
    fputs(op->response_count ? "};\n" : "\"\"};\n", c);
    fprintf(c, "    int which = oas_op_select(result->http.status, declared, %zu);\n"
               "    bool ok = result->http.status >= 200 && result->http.status <= 299;\n"
               "    switch (which) {\n", op->response_count);
    for (size_t i = 0; i < op->response_count; i++) {
        const ir_schema *t = typed_body(&op->responses[i]);
        if (!t)
            continue;
        char sfx[32];
        status_suffix(sfx, sizeof sfx, op->responses[i].status);
        fprintf(c, "    case %zu:\n"
                   "        if (ok && (st = oas_op_check_json(&result->http, err)) != OAS_OK) {\n"
                   "            oas_json_doc_free(doc);\n"
                   "            return st;\n"
                   "        }\n"
                   "        result->body_%s = oas_malloc(sizeof *result->body_%s);\n"
                   "        if (!result->body_%s) {\n"
                   "            oas_json_doc_free(doc);\n"
                   "            return oas_error_set(err, OAS_ERR_NOMEM, NULL, OAS_NO_OFFSET, \"out of memory\");\n"
                   "        }\n"
                   "        %s_init(result->body_%s);\n"
                   "        st = doc ? %s_from_json(oas_json_doc_root(doc), result->body_%s, err)\n"
                   "                 : %s_parse(result->http.body, result->http.body_len, result->body_%s, err);\n"
                   "        oas_op_parsed(&result->http, &doc, st, err);\n"
                   "        if (st != OAS_OK) {\n"
                   "            oas_free(result->body_%s);\n"
                   "            result->body_%s = NULL;\n"
                   "            if (ok || st == OAS_ERR_NOMEM)\n"
                   "                return ok ? oas_op_parse_failed(err, op_id, result->http.status) : st;\n"
                   "        }\n"
                   "        break;\n",
                i, sfx, sfx, sfx, t->fn_prefix, sfx, t->fn_prefix, sfx, t->fn_prefix, sfx, sfx, sfx);
    }
    fputs("    default:\n        break;\n    }\n"
          "    oas_json_doc_free(doc);\n"
          "    if (!ok)\n"
          "        return oas_op_status_error(&result->http, op_id, which >= 0 ? descriptions[which] : NULL, err);\n"
          "    return OAS_OK;\n}\n\n", c);
}

static int emit_op_source(FILE *c, const emit_ctx *ctx, const ir_operation *op)
{
    const char *n = op->c_name;
    fprintf(c, "void %s_result_init(%s_result *r)\n{\n    memset(r, 0, sizeof *r);\n"
               "    oas_http_result_init(&r->http);\n}\n\n", n, n);
    fprintf(c, "void %s_result_free(%s_result *r)\n{\n    if (!r)\n        return;\n"
               "    oas_http_result_free(&r->http);\n", n, n);
    for (size_t i = 0; i < op->response_count; i++) {
        const ir_schema *t = typed_body(&op->responses[i]);
        if (!t)
            continue;
        char sfx[32];
        status_suffix(sfx, sizeof sfx, op->responses[i].status);
        fprintf(c, "    %s_free(r->body_%s);\n    oas_free(r->body_%s);\n", t->fn_prefix, sfx, sfx);
    }
    fprintf(c, "    %s_result_init(r);\n}\n\n", n);
    fprintf(c, "oas_status %s(oas_client *client, const %s_params *params,\n"
               "    %s_result *result, oas_error *err)\n{\n    static const char op_id[] = ",
            n, n, n);
    emit_c_string(c, op->operation_id, strlen(op->operation_id));
    fprintf(c, ";\n    if (!result)\n"
               "        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, \"%%s: result is NULL\", op_id);\n"
               "    %s_result_init(result);\n"
               "    if (!client || !params)\n"
               "        return oas_error_set(err, OAS_ERR_INVALID_ARG, NULL, OAS_NO_OFFSET, \"%%s: client and params are required\", op_id);\n",
            n);
    emit_required_checks(c, op);
    fputs("    oas_buf url = OAS_BUF_INIT;\n    char sep = '?';\n", c);
    if (emit_path(c, ctx, op) != 0)
        return -1;
    emit_query(c, op);
    fputs("    (void)sep;\n", c);
    emit_headers(c, op);
    fputs("    oas_status st = oas_op_send(client, ", c);
    emit_c_string(c, op->method, strlen(op->method));
    fprintf(c, ", &url, headers, header_count, %s, &result->http, err);\n"
               "    oas_buf_free(&url);\n    if (st != OAS_OK)\n        return st;\n"
               "    oas_json_doc *doc = NULL; /* the body as validation parsed it */\n"
               "    st = oas_op_validate_doc(client, &%sregistry, op_id, &result->http, &doc, err);\n"
               "    if (st != OAS_OK)\n        return st;\n",
            op->body_schema ? "params->body, params->body ? params->body_len : 0" : "NULL, 0",
            ctx->spec->prefix ? ctx->spec->prefix : "");
    emit_response_cases(c, op);
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
               "#include \"oas_http.h\"\n#include \"oas_http_op.h\"\n#include \"%smodel.h\"\n\n"
               "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n", prefix);
    for (size_t i = 0; i < spec->operation_count; i++)
        emit_op_header(h, &spec->operations[i]);
    fputs("#ifdef __cplusplus\n}\n#endif\n#endif\n", h);
    if (emit_close(ctx, h, "ops.h") != 0)
        return -1;

    FILE *c = emit_open(ctx, "ops.c");
    if (!c)
        return -1;
    fprintf(c, "#include \"%sops.h\"\n\n#include <string.h>\n#include \"oas_alloc.h\"\n"
               "#include \"%svalidate.h\"\n\n", prefix, prefix);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < spec->operation_count; i++)
        rc = emit_op_source(c, ctx, &spec->operations[i]);
    if (spec->operation_count == 0)
        fputs("typedef int oas_no_operations; /* keeps the unit non-empty */\n", c);
    if (emit_close(ctx, c, "ops.c") != 0)
        return -1;
    return rc;
}
