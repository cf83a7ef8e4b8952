/* cmd_call.c - `call OPERATION_ID [-p NAME=VALUE]...`: one operation of any
 * registry from text arguments (oas_call_build), sent with the runtime's
 * client, the response checked against the spec and printed; the exit
 * status tells the outcomes apart (oas_tool.h). */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd_call.h"
#include "oas_alloc.h"
#include "oas_tool.h"
#include "term_print.h"
#include "validate_input.h"

static bool blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* The scheme a caller without a credential cannot do without, or NULL when
 * some requirement needs nothing that is sent per request. */
static const oas_security_scheme_entry *needed_scheme(const oas_registry *reg,
                                                      const oas_operation_entry *op)
{
    const oas_security_scheme_entry *first = NULL;
    for (size_t r = 0; r < op->security_count; r++) {
        const oas_security_requirement *q = &op->security[r];
        const oas_security_scheme_entry *sent = NULL;
        for (size_t k = 0; k < q->count && !sent; k++)
            if (reg->security_schemes[q->schemes[k]].kind != OAS_SECURITY_OTHER)
                sent = &reg->security_schemes[q->schemes[k]];
        if (!sent)
            return NULL;
        if (!first)
            first = sent;
    }
    return first;
}

static bool is_http_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* --server URL as given, else the named (default: first) server of the spec
 * with its variables filled. */
static int base_url(const oas_registry *reg, const call_options *o, oas_buf *url,
                    const char *prog)
{
    size_t index = 0;
    if (o->server) {
        index = SIZE_MAX;
        for (size_t i = 0; i < reg->server_count && index == SIZE_MAX; i++)
            if (strcmp(reg->servers[i].name, o->server) == 0)
                index = i;
    }
    if (index == SIZE_MAX) {
        if (!is_http_url(o->server)) {
            oas_buf names = OAS_BUF_INIT;
            for (size_t i = 0; i < reg->server_count; i++) {
                oas_buf_puts(&names, i ? ", " : " (");
                oas_buf_puts(&names, reg->servers[i].name);
            }
            oas_buf_puts(&names, reg->server_count ? ")" : "");
            term_line(stderr, "%s: --server wants an http:// or https:// URL or a server of the "
                      "spec%s, got '%s'", prog,
                      oas_buf_status(&names) == OAS_OK && names.data ? names.data : "", o->server);
            oas_buf_free(&names);
            return OAS_TOOL_EXIT_USAGE;
        }
        if (o->var_count) {
            term_line(stderr, "%s: --server-var applies to the spec's servers, not to a URL", prog);
            return OAS_TOOL_EXIT_USAGE;
        }
        oas_buf_puts(url, o->server);
        return OAS_TOOL_EXIT_OK;
    }
    oas_error err;
    if (oas_registry_server_url(reg, index, o->var_names, o->var_values, o->var_count, url,
                                &err) != OAS_OK) {
        term_line(stderr, "%s: %s%s", prog, err.message, o->server ? "" : " (give --server URL)");
        return OAS_TOOL_EXIT_USAGE;
    }
    return OAS_TOOL_EXIT_OK;
}

static int read_body(const char *path, char **bytes, size_t *len, const char *prog)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        term_line(stderr, "%s: %s: %s", prog, path, strerror(errno));
        return OAS_TOOL_EXIT_USAGE;
    }
    oas_status st = validate_read_all(fp, VALIDATE_MAX_DOCUMENT_BYTES, bytes, len);
    int read_errno = errno;
    if (!is_stdin)
        fclose(fp);
    if (st == OAS_OK)
        return OAS_TOOL_EXIT_OK;
    term_line(stderr, "%s: %s: %s", prog, is_stdin ? "<stdin>" : path,
            st == OAS_ERR_IO ? strerror(read_errno) : oas_strerror(st));
    return OAS_TOOL_EXIT_USAGE;
}

/* The built request's headers and the --header ones, which may add but not
 * replace: a parameter, credential or body already says what it sends. */
static int merge_headers(const oas_call_request *req, const call_options *o,
                         oas_http_header **out, const char *prog)
{
    size_t n = req->header_count + o->header_count;
    *out = oas_calloc(n ? n : 1, sizeof **out);
    if (!*out) {
        term_line(stderr, "%s: out of memory", prog);
        return OAS_TOOL_EXIT_SERVER;
    }
    for (size_t i = 0; i < req->header_count; i++)
        (*out)[i] = req->headers[i];
    for (size_t i = 0; i < o->header_count; i++) {
        const oas_http_header *h = &o->headers[i];
        bool taken = req->content_type && strcasecmp(h->name, "Content-Type") == 0;
        for (size_t k = 0; k < req->header_count && !taken; k++)
            taken = strcasecmp(h->name, req->headers[k].name) == 0;
        if (taken) {
            term_line(stderr, "%s: --header %s: the request already sets that header", prog,
                    h->name);
            return OAS_TOOL_EXIT_USAGE;
        }
        if (!oas_http_header_name_ok(h->name, strlen(h->name)) ||
            !oas_http_header_value_ok(h->value, strlen(h->value))) {
            term_line(stderr, "%s: --header %s: not a valid header name or value", prog, h->name);
            return OAS_TOOL_EXIT_USAGE;
        }
        (*out)[req->header_count + i] = *h;
    }
    return OAS_TOOL_EXIT_OK;
}

/* Locations and messages quote the response's keys and values: escaped. */
static void print_violations(const oas_report *r, FILE *out)
{
    for (size_t i = 0; i < r->count; i++)
        term_line(out, "%s: %s",
                  r->items[i].instance_location[0] ? r->items[i].instance_location : "/",
                  r->items[i].message);
    if (r->total > r->count)
        term_line(out, "... and %zu more", r->total - r->count);
}

/* Why building failed, on stderr; the exit status. */
static int build_failed(oas_status st, const oas_report *violations, const oas_error *err,
                        const char *prog)
{
    if (st == OAS_ERR_INVALID && violations->count)
        print_violations(violations, stderr);
    else
        term_line(stderr, "%s: %s", prog, err->message);
    return oas_tool_exit_status(st, 0);
}

/* What came back: checked against the spec, printed, judged. */
static int judge_response(oas_client *client, const oas_registry *reg,
                          const oas_operation_entry *op, oas_http_result *result, bool pretty,
                          const char *prog)
{
    oas_error err;
    oas_error_clear(&err);
    oas_status st = oas_op_validate(client, reg, op->operation_id, result, &err);
    call_print_body(result->body, result->body_len, pretty, stdout);
    if (st == OAS_ERR_INVALID && !result->validation.count) {
        term_line(stderr, "%s: %s", prog, err.message); /* no verdict: why, and where */
        return OAS_TOOL_EXIT_INVALID;
    }
    if (st == OAS_ERR_INVALID) {
        term_line(stderr, "%s: %s: the HTTP %ld response violates the spec:", prog,
                op->operation_id, result->status);
        print_violations(&result->validation, stderr);
        return OAS_TOOL_EXIT_INVALID;
    }
    if (st == OAS_OK && (result->status < 200 || result->status > 299))
        st = oas_op_status_error(result, op->operation_id, NULL, &err);
    const oas_response_entry *declared = oas_operation_find_response(op, (int)result->status);
    if (st == OAS_OK && declared && declared->content_type && result->body_len) {
        st = oas_op_check_json(result, &err);
        if (st == OAS_OK && declared->validate && !result->validated) {
            term_line(stderr, "%s: %s: the HTTP %ld response body is not JSON", prog,
                    op->operation_id, result->status);
            return OAS_TOOL_EXIT_INVALID;
        }
        if (st != OAS_OK) {
            term_line(stderr, "%s: %s: %s", prog, op->operation_id, err.message);
            return OAS_TOOL_EXIT_SERVER;
        }
    }
    if (st != OAS_OK)
        term_line(stderr, "%s: %s", prog, err.message);
    return oas_tool_exit_status(st, err.http_status);
}

/* Send req and judge the answer; the exit status. */
static int send_request(const oas_tool_binding *b, const char *prog, const oas_operation_entry *op,
                        const call_options *o, const char *url, const oas_call_request *req,
                        const oas_http_header *headers, size_t header_count)
{
    oas_error err;
    oas_error_clear(&err);
    oas_client *client = NULL;
    if (oas_http_global_init(&err) != OAS_OK || oas_client_create(&client, &err) != OAS_OK) {
        term_line(stderr, "%s: %s", prog, err.message);
        return OAS_TOOL_EXIT_NETWORK;
    }
    int rc = OAS_TOOL_EXIT_OK;
    /* The spec's rate-limit headers decide the waits between retries. */
    if (oas_client_set_server(client, url, &err) != OAS_OK ||
        oas_client_set_user_agent(client, b->program, &err) != OAS_OK ||
        oas_client_use_registry(client, b->registry, &err) != OAS_OK) {
        term_line(stderr, "%s: %s", prog, err.message);
        rc = oas_tool_exit_status(err.code, 0);
    }
    oas_client_set_validation(client, OAS_VALIDATE_STRICT);
    oas_client_set_assert_formats(client, o->assert_formats);
    oas_http_result result;
    oas_http_result_init(&result);
    if (rc == OAS_TOOL_EXIT_OK) {
        oas_http_request http = {req->method,   req->target,   headers,          header_count,
                                 req->body,     req->body_len, req->content_type};
        oas_status st = oas_op_send_request(client, &http, &result, &err);
        bool pretty = o->format == CALL_FORMAT_TEXT ||
                      (o->format == CALL_FORMAT_AUTO && isatty(STDOUT_FILENO) == 1);
        if (st != OAS_OK) {
            term_line(stderr, "%s: %s", prog, err.message);
            rc = oas_tool_exit_status(st, err.http_status);
        } else {
            rc = judge_response(client, b->registry, op, &result, pretty, prog);
        }
    }
    oas_http_result_free(&result);
    oas_client_destroy(client);
    oas_http_global_cleanup();
    if (fflush(stdout) != 0 || ferror(stdout)) {
        term_line(stderr, "%s: writing the response: %s", prog, strerror(errno));
        return rc ? rc : OAS_TOOL_EXIT_USAGE;
    }
    return rc;
}

/* Everything checked before any I/O, then the request. */
static int run(const oas_tool_binding *b, const char *prog, const oas_operation_entry *op,
               const call_options *o)
{
    const oas_registry *reg = b->registry;
    const char *token = getenv(b->token_env);
    if (token && blank(token)) {
        term_line(stderr, "%s: %s is blank", prog, b->token_env);
        return OAS_TOOL_EXIT_USAGE;
    }
    const oas_security_scheme_entry *needed = token ? NULL : needed_scheme(reg, op);
    if (needed) {
        term_line(stderr, "%s: %s needs a credential for security scheme \"%s\": set %s", prog,
                op->operation_id, needed->name, b->token_env);
        return OAS_TOOL_EXIT_USAGE;
    }
    oas_buf url = OAS_BUF_INIT;
    int rc = base_url(reg, o, &url, prog);
    if (rc == OAS_TOOL_EXIT_OK && oas_buf_status(&url) != OAS_OK) {
        term_line(stderr, "%s: out of memory", prog);
        rc = OAS_TOOL_EXIT_SERVER;
    }
    char *body = NULL;
    size_t body_len = 0;
    if (rc == OAS_TOOL_EXIT_OK && o->body_path)
        rc = read_body(o->body_path, &body, &body_len, prog);
    size_t scheme_count = token ? reg->security_scheme_count : 0;
    oas_credential *credentials = oas_calloc(scheme_count ? scheme_count : 1, sizeof *credentials);
    if (rc == OAS_TOOL_EXIT_OK && !credentials) {
        term_line(stderr, "%s: out of memory", prog);
        rc = OAS_TOOL_EXIT_SERVER;
    }
    for (size_t i = 0; credentials && i < scheme_count; i++)
        credentials[i] = (oas_credential){reg->security_schemes[i].name, token};

    oas_call_request req = {0};
    oas_report violations;
    oas_report_init(&violations, 0);
    oas_http_header *headers = NULL;
    if (rc == OAS_TOOL_EXIT_OK) {
        oas_call_input in = {o->args,     o->arg_count,  body,  body_len,
                             credentials, scheme_count, false, o->assert_formats};
        oas_error err;
        oas_status st = oas_call_build(reg, op, &in, &req, &violations, &err);
        if (st != OAS_OK)
            rc = build_failed(st, &violations, &err, prog);
    }
    if (rc == OAS_TOOL_EXIT_OK)
        rc = merge_headers(&req, o, &headers, prog);
    if (rc == OAS_TOOL_EXIT_OK)
        rc = send_request(b, prog, op, o, url.data, &req, headers,
                          req.header_count + o->header_count);
    oas_free(headers);
    oas_report_free(&violations);
    oas_call_request_free(&req);
    oas_free(credentials);
    oas_free(body);
    oas_buf_free(&url);
    return rc;
}

int oas_tool_call(const oas_tool_binding *b, const char *prog, int argc, char **argv)
{
    call_options o;
    int rc = call_options_parse(prog, argc, argv, &o);
    const oas_operation_entry *op = NULL;
    if (rc == OAS_TOOL_EXIT_OK && o.operation) {
        op = oas_registry_find_operation(b->registry, o.operation);
        if (!op) {
            term_line(stderr, "%s: unknown operation \"%s\"; choose one of:", prog, o.operation);
            call_list_operations(b->registry, stderr);
            rc = OAS_TOOL_EXIT_USAGE;
        }
    }
    if (rc == OAS_TOOL_EXIT_OK && o.help && op) {
        call_describe(b->registry, op, b->token_env, stdout);
    } else if (rc == OAS_TOOL_EXIT_OK && o.help) {
        call_usage(prog, b->token_env, stdout);
        fprintf(stdout, "\n");
        call_list_operations(b->registry, stdout);
    } else if (rc == OAS_TOOL_EXIT_OK) {
        rc = run(b, prog, op, &o);
    }
    call_options_free(&o);
    return rc;
}
