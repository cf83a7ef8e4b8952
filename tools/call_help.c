/* call_help.c - `call --help`, the operation list and `call OPERATION
 * --help`, all from the registry. */
#include <string.h>
#include <strings.h>

#include "cmd_call.h"

void call_usage(const char *prog, const char *token_env, FILE *out)
{
    fprintf(out,
            "Usage: %s OPERATION_ID [-p NAME=VALUE]... [--body FILE|-]\n"
            "       [--server NAME|URL] [--server-var NAME=VALUE]... [--header NAME=VALUE]...\n"
            "       [--format json|text] [--assert-formats]\n"
            "       %s OPERATION_ID --help    what the operation takes\n"
            "\n"
            "Perform one operation of the spec. Parameters and body are checked against\n"
            "the spec first (nothing is sent when they violate it); the response body is\n"
            "printed on stdout and checked against the spec too.\n"
            "\n"
            "  -p, --param NAME=VALUE   a parameter by its name in the spec; repeat it for\n"
            "                           each element of an array, NAME=KEY=VALUE for each\n"
            "                           member of an object, IN:NAME=VALUE (query:id) when\n"
            "                           the name is in two locations\n"
            "  -b, --body FILE          the JSON request body ('-': standard input)\n"
            "  -s, --server NAME|URL    the base URL, or one of the spec's servers by name\n"
            "                           (default: the first, \"default\")\n"
            "      --server-var NAME=VALUE\n"
            "                           a variable of that server (default: its default)\n"
            "  -H, --header NAME=VALUE  one more request header (\"NAME: VALUE\" works too)\n"
            "  -f, --format FMT         json: the body as received (default unless stdout\n"
            "                           is a terminal); text: JSON indented\n"
            "      --assert-formats     check format too, request and response: int32,\n"
            "                           int64, float, double, date-time, date, uuid, uri,\n"
            "                           email (default: an annotation, as JSON Schema\n"
            "                           2020-12 says)\n"
            "  -h, --help               show this help\n"
            "\n"
            "The credential is read from %s and offered to every security scheme\n"
            "the operation accepts (http basic: \"user:password\").\n"
            "\n"
            "Exit status: 0 ok, 1 the response violates the spec, 2 usage or an invalid\n"
            "request (nothing sent), 3 auth (401, 403), 4 rate limited (429), 5 network,\n"
            "6 any other error status or a response that is not the declared content.\n",
            prog, prog, token_env);
}

void call_list_operations(const oas_registry *reg, FILE *out)
{
    int width = 0;
    for (size_t i = 0; i < reg->operation_count; i++) {
        int n = (int)strlen(reg->operations[i].operation_id);
        width = n > width ? n : width;
    }
    fprintf(out, "Operations:\n");
    for (size_t i = 0; i < reg->operation_count; i++) {
        const oas_operation_entry *op = &reg->operations[i];
        fprintf(out, "  %-*s  %s %s\n", width, op->operation_id, op->method, op->path);
    }
}

static const char *const location_names[] = {"path", "query", "header", "cookie"};

static const char *kind_name(oas_text_kind k)
{
    switch (k) {
    case OAS_TEXT_INTEGER: return "integer";
    case OAS_TEXT_NUMBER: return "number";
    case OAS_TEXT_BOOLEAN: return "boolean";
    case OAS_TEXT_ANY: return "any";
    default: return "string";
    }
}

/* Header parameters the request sets itself (OpenAPI ignores them). */
static bool set_by_request(const oas_param_entry *p)
{
    return p->where == OAS_PARAM_IN_HEADER &&
           (strcasecmp(p->name, "Accept") == 0 || strcasecmp(p->name, "Content-Type") == 0 ||
            strcasecmp(p->name, "Authorization") == 0);
}

static void describe_param(const oas_param_entry *p, FILE *out)
{
    char type[64];
    if (p->shape == OAS_PARAM_ARRAY)
        snprintf(type, sizeof type, "array of %s", kind_name(p->text_kind));
    else if (p->shape == OAS_PARAM_OBJECT)
        snprintf(type, sizeof type, "object of %s", kind_name(p->text_kind));
    else
        snprintf(type, sizeof type, "%s", kind_name(p->text_kind));
    bool required = p->required || p->where == OAS_PARAM_IN_PATH;
    fprintf(out, "  %-20s %-7s %-18s %-9s %s%s", p->name, location_names[p->where], type,
            required ? "required" : "", oas_param_style_name(p->style),
            p->explode ? ", explode" : "");
    /* The only value allowed, sent when -p does not give one. */
    if (p->constant)
        fprintf(out, " (default \"%s\")", p->constant);
    fputc('\n', out);
}

static void describe_scheme(const oas_security_scheme_entry *s, FILE *out)
{
    switch (s->kind) {
    case OAS_SECURITY_API_KEY:
        fprintf(out, "%s (apiKey in %s %s)", s->name, location_names[s->in], s->param_name);
        break;
    case OAS_SECURITY_HTTP_BEARER: fprintf(out, "%s (bearer)", s->name); break;
    case OAS_SECURITY_HTTP_BASIC: fprintf(out, "%s (basic, user:password)", s->name); break;
    default: fprintf(out, "%s (not sent per request)", s->name); break;
    }
}

void call_describe(const oas_registry *reg, const oas_operation_entry *op,
                   const char *token_env, FILE *out)
{
    fprintf(out, "%s: %s %s\n", op->operation_id, op->method, op->path);
    size_t shown = 0;
    for (size_t i = 0; i < op->param_count; i++)
        shown += !set_by_request(&op->params[i]);
    if (shown) {
        fprintf(out, "Parameters (-p NAME=VALUE):\n");
        for (size_t i = 0; i < op->param_count; i++)
            if (!set_by_request(&op->params[i]))
                describe_param(&op->params[i], out);
    } else {
        fprintf(out, "Parameters: none\n");
    }
    if (op->body)
        fprintf(out, "Body (--body FILE): %s%s%s%s\n", op->body->content_type,
                op->body->required ? ", required" : ", optional",
                op->body->schema_name ? ", schema " : "",
                op->body->schema_name ? op->body->schema_name : "");
    else
        fprintf(out, "Body: none\n");
    if (!op->security_count) {
        fprintf(out, "Credentials: none\n");
    } else {
        fprintf(out, "Credentials (from %s), one of:\n", token_env);
        for (size_t r = 0; r < op->security_count; r++) {
            const oas_security_requirement *q = &op->security[r];
            fprintf(out, "  ");
            if (!q->count)
                fprintf(out, "none (anonymous)");
            for (size_t k = 0; k < q->count; k++) {
                if (k)
                    fprintf(out, " + ");
                describe_scheme(&reg->security_schemes[q->schemes[k]], out);
            }
            fprintf(out, "\n");
        }
    }
    fprintf(out, "Responses:");
    for (size_t i = 0; i < op->response_count; i++) /* one per status, not per media type */
        if (i == 0 || strcmp(op->responses[i].status, op->responses[i - 1].status) != 0)
            fprintf(out, " %s", op->responses[i].status);
    fprintf(out, "\n");
}
