/* oas_http_internal.h - the client handle's layout, shared by the files that
 * implement oas_http.h; not installed, not for users. */
#ifndef OAS_HTTP_INTERNAL_H
#define OAS_HTTP_INTERNAL_H

#include <curl/curl.h>
#include "oas_http.h"

struct oas_client {
    CURL *curl;            /* one easy handle: its connection cache gives reuse */
    char *server;          /* base URL without trailing '/' */
    char *token;           /* sent only as the Authorization header value */
    char *user_agent;      /* full header value */
    char *ca_file;
    long connect_ms, attempt_ms, deadline_ms, max_redirects;
    size_t max_body;
    oas_retry_policy retry;
    oas_http_clock clock;  /* every member set (real ones fill the gaps) */
    uint64_t rng;          /* xorshift state of the default random_u32 */
    oas_http_trace_fn trace;
    void *trace_ctx;
    oas_validation_mode validation;
    oas_rate_limit last_rate_limit;
};

void oas_http_rate_limit_reset(oas_rate_limit *rl);

#endif
