/* oas_http_internal.h - the client handle's layout, shared by the files that
 * implement oas_http.h; not installed, not for users. */
#ifndef OAS_HTTP_INTERNAL_H
#define OAS_HTTP_INTERNAL_H

#include "oas_curl.h"
#include "oas_buf.h"
#include "oas_http.h"
#include "oas_http_op.h"
#include "oas_json.h"

/* What one attempt collects; lives in the client so that curl's callback
 * data pointers are set once, not per attempt. */
typedef struct oas_http_attempt {
    struct oas_client *owner; /* whose rate-limit headers and clock apply */
    oas_buf body;
    oas_buf headers;        /* final response's header lines, kept only when tracing */
    char *content_type;
    oas_rate_limit rl;
    size_t max_body;
    bool keep_headers;
    bool too_large;
    bool nomem;             /* an allocation of ours (or curl's option copy) failed */
    long status;
    char errbuf[CURL_ERROR_SIZE];
} oas_http_attempt;

struct oas_client {
    CURL *curl;            /* one easy handle: its connection cache gives reuse */
    char *server;          /* base URL without trailing '/' */
    char *token;           /* sent only as the Authorization header value */
    struct oas_credential_store *credentials; /* per security scheme (oas_client_credentials.c) */
    char *user_agent;      /* full header value */
    char *ca_file;
    long connect_ms, attempt_ms, deadline_ms, max_redirects;
    size_t max_body;
    oas_retry_policy retry;
    oas_http_clock clock;  /* every member set (real ones fill the gaps) */
    uint64_t rng;          /* xorshift state of the default random_u32 */
    void *random_ctx;      /* what clock.random_u32 gets: clock.ctx, or &rng for the real one */
    oas_http_trace_fn trace;
    void *trace_ctx;
    oas_validation_mode validation;
    bool assert_formats;   /* validation asserts `format` */
    oas_rate_limit last_rate_limit;
    /* The rate-limit headers honoured: the default list, or rate_owned (a
       copy, names included, in one block). rate_chosen: a list was set (by
       the caller or from a registry), so a registry met later keeps out. */
    const oas_rate_limit_header *rate_headers;
    size_t rate_header_count;
    void *rate_owned;
    bool rate_chosen;

    /* Request state reused from one request to the next, so that a repeated
     * request neither allocates nor re-sets curl's fixed options. */
    bool curl_ready;       /* the fixed options are set; setters clear it */
    char *curl_method;     /* method (and body or not) the handle is set for */
    bool curl_has_body;
    struct curl_slist *header_list; /* built from header_lines, set on curl */
    bool header_list_set;
    oas_buf header_lines;  /* "Name: value\0" lines of header_list (holds the token) */
    oas_buf header_next;   /* the lines of the request being prepared */
    oas_buf trace_headers; /* redacted request headers, built only when tracing */
    oas_buf url;
    oas_http_attempt attempt;
    /* The typed calls' parse buffers, kept from one response to the next
       (see oas_json_scratch); made on first use. */
    oas_json_scratch *parse_scratch;
    /* The index of the operation the last typed call named (a guess, checked
       by name against the registry at hand before use). */
    size_t last_operation;
};

void oas_http_rate_limit_reset(oas_rate_limit *rl);
/* oas_http_rate_limit.c: a registry's list, unless the client has one other
 * than the default already or the registry declares none. */
oas_status oas_client_adopt_rate_limit_headers(oas_client *c, const oas_rate_limit_header *list,
                                               size_t count, oas_error *err);
void oas_client_rate_limit_free(oas_client *c);
/* Wipe and free the client's per-scheme credentials. */
void oas_client_credentials_free(oas_client *c);
/* The credentials the client holds (for oas_call); *out valid until the
 * next oas_client_set_credential. */
struct oas_credential;
size_t oas_client_credentials(const oas_client *c, const struct oas_credential **out);
/* Release everything the reused request state holds, wiping the token. */
void oas_http_request_state_free(oas_client *c);

/* oas_http_headers.c: check req's headers and make c->header_list match
 * them (rebuilt, and header_list_set cleared, only when they changed); the
 * redacted trace text goes to c->trace_headers when tracing. */
oas_status oas_http_prepare_headers(oas_client *c, const oas_http_request *req, oas_error *err);
void oas_http_headers_free(oas_client *c); /* wipes the token's copies */

/* oas_http_op.c: oas_op_validate_doc once the operation's response for
 * r->status is known (re, NULL when none is declared): for a caller that
 * needs it too and has looked it up already. The body is parsed with
 * scratch (may be NULL). */
oas_status oas_op_validate_response(const oas_client *c, const oas_response_entry *re,
                                    const char *operation_id, oas_http_result *r,
                                    oas_json_scratch *scratch, oas_json_doc **keep,
                                    oas_error *err);
/* The client's parse scratch, made on first use; NULL when out of memory. */
oas_json_scratch *oas_client_parse_scratch(oas_client *c);

#endif
