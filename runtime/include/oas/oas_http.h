/* oas_http.h - the HTTP client every generated binding calls: one opaque
 * handle in libcurl's style (create, typed setters, request, destroy).
 *
 * Safety rules it enforces (not options):
 *  - TLS peer and host verification always on, TLS 1.2 minimum; only the
 *    http and https protocols, also for redirects.
 *  - The token only ever travels in the Authorization header: never in the
 *    URL, the trace or an error message. libcurl drops a caller-set
 *    Authorization header when a redirect goes to another host, port or
 *    scheme; CURLOPT_UNRESTRICTED_AUTH is explicitly off.
 *  - A token, header name or header value containing CR, LF or NUL is
 *    refused before any network I/O, as are a blank token and a server URL
 *    with a user name or password in it.
 *  - Headers the runtime sets (Authorization, User-Agent, Accept, ...)
 *    replace a caller's header of the same name (case-insensitive); a
 *    caller's header list never yields two headers of one name.
 *  - Response bodies are capped (default 8 MiB) in the write callback and by
 *    CURLOPT_MAXFILESIZE_LARGE.
 *
 * Retries: 429, 502, 503, 504, and transient transport errors (connect
 * refused/failed, timeouts, resets, empty replies) for idempotent methods.
 * The wait is what the response's rate-limit headers say: its retry-after
 * delay, else the time until its reset (a reset in the past means 0), else
 * capped exponential backoff with full jitter: uniform in
 * [0, min(cap, base * 2^retry)]. Which headers say what is a list the
 * client holds (oas_client_set_rate_limit_headers): by default only
 * Retry-After (delta seconds or an HTTP date); an API that reports its
 * reset time or the requests left in headers of its own declares them
 * (x-oas2c-rate-limit-headers in the spec: the registry's list, which
 * requests through a registry apply). Never retried: any other status (notably
 * 400/401/403/404), TLS failures, over-cap bodies, redirect errors. An
 * overall deadline bounds everything: a wait that would pass it ends the
 * retries ("gave up") with the last response or error.
 *
 * Threads: one client per thread; distinct clients are independent. The
 * library never prints. */
#ifndef OAS_HTTP_H
#define OAS_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "oas_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* libcurl is loaded when first needed, by this call or the first
 * oas_client_create() (oas_dynlib.h says why): a program that links the
 * runtime only to validate never loads it. Either fails with
 * OAS_ERR_HTTP_TRANSPORT, naming libcurl.so.4 and the reason, when it
 * cannot be loaded. */

/* Loads libcurl and calls curl_global_init(CURL_GLOBAL_DEFAULT). Call once,
 * from one thread, before creating any client (as libcurl requires);
 * idempotent. */
oas_status oas_http_global_init(oas_error *err);
/* Wraps curl_global_cleanup(), after the last client is destroyed. */
void oas_http_global_cleanup(void);

typedef struct oas_client oas_client;


#define OAS_HTTP_DEFAULT_MAX_BODY ((size_t)8 * 1024 * 1024)
#define OAS_HTTP_DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define OAS_HTTP_DEFAULT_TIMEOUT_MS 30000L   /* per attempt */
#define OAS_HTTP_DEFAULT_DEADLINE_MS 60000L  /* all attempts and waits */
#define OAS_HTTP_DEFAULT_MAX_REDIRECTS 3L

oas_status oas_client_create(oas_client **out, oas_error *err);
void oas_client_destroy(oas_client *c); /* NULL-safe; wipes the token */

/* The base URL every request goes to; there is none until it is set (a
 * request without one fails with OAS_ERR_INVALID_ARG before any I/O). An
 * http(s) URL, parsed by libcurl's URL parser and kept in its normal form without trailing '/' (it may carry a
 * path prefix). Refused with OAS_ERR_INVALID_ARG: other schemes, no host, a
 * user name or password, a query or fragment, a backslash, and spaces,
 * control or non-ASCII characters. Error messages show the URL only through
 * oas_http_url_redacted. */
oas_status oas_client_set_server(oas_client *c, const char *url, oas_error *err);
const char *oas_client_server(const oas_client *c); /* NULL until set */

/* The raw value of the Authorization header: sent as "Authorization:
 * <token>", exactly as given (no "Bearer " or other scheme word added), on
 * every request, replacing any Authorization the request carries. For APIs
 * whose keys go bare in that header. A spec's security schemes (apiKey,
 * http bearer or basic) are applied per request with
 * oas_client_set_credential instead, which sends each credential where and
 * as its scheme says. NULL clears it. Refused when it is empty, only spaces
 * or tabs, or contains CR, LF or NUL. */
oas_status oas_client_set_token(oas_client *c, const char *token, oas_error *err);
bool oas_client_has_token(const oas_client *c);

/* The secret for one of the spec's security schemes, by its name under
 * components.securitySchemes: an API key, a bearer token, or
 * "user:password" for http basic. Requests built from the spec's security
 * requirements (oas_call.h) send it as the scheme says; it never appears in
 * a trace or an error message. NULL removes it; a blank secret (empty or
 * only spaces and tabs) or one with CR, LF or NUL is refused. */
oas_status oas_client_set_credential(oas_client *c, const char *scheme, const char *secret,
                                     oas_error *err);

/* The product part of the User-Agent, e.g. "ldrest/0.1.0"; the header is
 * "<product> oas2c-runtime/<OAS_VERSION>". Default "oas2c-client". */
oas_status oas_client_set_user_agent(oas_client *c, const char *product, oas_error *err);
oas_status oas_client_set_ca_file(oas_client *c, const char *path, oas_error *err);

/* Milliseconds; values <= 0 restore the defaults. */
void oas_client_set_timeouts(oas_client *c, long connect_ms, long per_attempt_ms, long deadline_ms);
void oas_client_set_max_body(oas_client *c, size_t max_bytes); /* 0 = default */
void oas_client_set_max_redirects(oas_client *c, long max);    /* 0 = no redirects */

typedef struct oas_retry_policy {
    unsigned max_attempts; /* total attempts including the first; 1 = no retry */
    long base_ms;          /* first backoff ceiling */
    long cap_ms;           /* largest backoff ceiling */
} oas_retry_policy;
/* Default {4, 500, 8000}. */
void oas_client_set_retry(oas_client *c, const oas_retry_policy *policy);

/* Time and randomness, injectable so tests run fast and assert exact waits.
 * Any NULL member uses the real one (CLOCK_MONOTONIC, CLOCK_REALTIME,
 * nanosleep, a per-client xorshift seeded from the clock). */
typedef struct oas_http_clock {
    int64_t (*monotonic_ms)(void *ctx);
    int64_t (*wall_ms)(void *ctx);            /* Unix epoch milliseconds */
    void (*sleep_ms)(void *ctx, int64_t ms);
    uint32_t (*random_u32)(void *ctx);
    void *ctx;
} oas_http_clock;
void oas_client_set_clock(oas_client *c, const oas_http_clock *clock); /* NULL = real */

/* Response validation against the spec, applied by generated request
 * functions: off, warn (result.validation filled, call succeeds) or strict
 * (a violating 2xx body, or one whose validation could not finish, fails
 * with OAS_ERR_INVALID). In warn mode the caller reads result.validated and
 * result.validation to tell valid, invalid and could-not-finish apart
 * (oas_http_op.h, oas_http_result). */
typedef enum oas_validation_mode {
    OAS_VALIDATE_OFF = 0,
    OAS_VALIDATE_WARN,
    OAS_VALIDATE_STRICT
} oas_validation_mode;
void oas_client_set_validation(oas_client *c, oas_validation_mode mode);
oas_validation_mode oas_client_validation(const oas_client *c);
/* Whether that validation (and the request validation of typed calls)
 * asserts `format`: false by default, as JSON Schema 2020-12 says
 * (oas_validate_options.assert_formats). */
void oas_client_set_assert_formats(oas_client *c, bool assert_formats);
bool oas_client_asserts_formats(const oas_client *c);

/* ---- tracing ----------------------------------------------------------- */
typedef struct oas_http_trace {
    const char *method;
    const char *url;              /* never contains the token */
    unsigned attempt;             /* 1-based */
    long status;                  /* 0 when no response */
    const char *error;            /* curl's message, or NULL */
    double connect_ms, tls_ms, first_byte_ms, total_ms; /* curl timings */
    const char *request_headers;  /* "Name: value\r\n"..., Authorization redacted */
    const char *response_headers; /* as received (final response only) */
    int64_t next_wait_ms;         /* wait before the next attempt; -1 if none */
} oas_http_trace;
typedef void (*oas_http_trace_fn)(const oas_http_trace *event, void *ctx);
/* Called once per attempt, after it completes. NULL disables. */
void oas_client_set_trace(oas_client *c, oas_http_trace_fn fn, void *ctx);

/* ---- requests ------------------------------------------------------------ */
typedef struct oas_http_header {
    const char *name;
    const char *value;
} oas_http_header;

typedef struct oas_http_request {
    const char *method;           /* "GET", "POST", ... (upper case) */
    const char *path_and_query;   /* "/api/v2/...?a=b", already encoded; starts with '/' */
    const oas_http_header *headers;
    size_t header_count;
    const char *body;             /* may be NULL */
    size_t body_len;
    const char *content_type;     /* for body; NULL = application/json */
} oas_http_request;

/* ---- rate limits ---------------------------------------------------------- */
/* What a response header says about the rate limit. */
typedef enum oas_rate_limit_meaning {
    OAS_RATE_LIMIT_RETRY_AFTER,    /* a delay: delta seconds or an HTTP date (as Retry-After) */
    OAS_RATE_LIMIT_RESET_EPOCH_MS, /* the limit resets at this Unix time, in milliseconds */
    OAS_RATE_LIMIT_RESET_EPOCH_S,  /* ... at this Unix time, in seconds */
    OAS_RATE_LIMIT_RESET_DELTA_S,  /* ... this many seconds after the response */
    OAS_RATE_LIMIT_REMAINING       /* requests left in the current window */
} oas_rate_limit_meaning;

typedef struct oas_rate_limit_header {
    const char *name;              /* matched case-insensitively */
    oas_rate_limit_meaning meaning;
} oas_rate_limit_header;

/* The headers the client reads rate limits from, copied; they replace the
 * whole list, so keep Retry-After in it to keep honouring it. list NULL
 * (count 0) restores the default, Retry-After alone. A list set here stays
 * when requests go through a registry that declares another
 * (oas_client_use_registry in oas_call.h replaces it explicitly).
 * OAS_ERR_INVALID_ARG, the list unchanged, for a name that is not an HTTP
 * header name (RFC 9110 token) or a meaning out of range. */
oas_status oas_client_set_rate_limit_headers(oas_client *c, const oas_rate_limit_header *list,
                                             size_t count, oas_error *err);

/* Rate-limit information of a response, from the client's rate-limit
 * headers; -1 = no such header, or none with a usable value. Several
 * headers of one kind combine cautiously. */
typedef struct oas_rate_limit {
    int64_t retry_after_ms;       /* RETRY_AFTER: the delay from receipt (the longest) */
    int64_t reset_epoch_ms;       /* RESET_*, as Unix epoch milliseconds (the latest) */
    int64_t remaining;            /* REMAINING: the smallest count */
} oas_rate_limit;

typedef enum oas_http_giveup {
    OAS_GIVEUP_NONE = 0,          /* the last attempt's outcome was final */
    OAS_GIVEUP_ATTEMPTS,          /* still retryable, but max_attempts reached */
    OAS_GIVEUP_DEADLINE           /* still retryable, but the wait passes the deadline */
} oas_http_giveup;

typedef struct oas_http_response {
    long status;                  /* final HTTP status; 0 when none */
    char *body;                   /* owned, NUL-terminated (not counted in body_len) */
    size_t body_len;
    char *content_type;           /* owned, or NULL */
    oas_rate_limit rate_limit;
    unsigned attempts;
    int64_t waited_ms;            /* total of the waits between attempts */
    oas_http_giveup gave_up;
} oas_http_response;

void oas_http_response_init(oas_http_response *r);
void oas_http_response_free(oas_http_response *r); /* NULL-safe; re-inits */

/* Perform a request with retries. OAS_OK when a complete HTTP response was
 * received, whatever its status (the caller interprets it; after giving up
 * on 429/5xx, resp->gave_up says why). Otherwise OAS_ERR_HTTP_TRANSPORT
 * (curl's message), OAS_ERR_HTTP_TIMEOUT, OAS_ERR_HTTP_TOO_LARGE,
 * OAS_ERR_HTTP_REDIRECT, OAS_ERR_INVALID_ARG (bad header, no server) or
 * OAS_ERR_NOMEM; resp then still has attempts/waited_ms and no body. */
oas_status oas_client_request(oas_client *c, const oas_http_request *req,
                              oas_http_response *resp, oas_error *err);

/* Rate-limit headers of the last response the client received. */
const oas_rate_limit *oas_client_last_rate_limit(const oas_client *c);

/* ---- pure helpers (exposed for tests and fuzzing) --------------------- */
/* url for an error message or a log, into out (always NUL-terminated, cut
 * to cap): everything between "://" and the last '@' becomes "***", so no
 * user name or password shows, however it is written. */
void oas_http_url_redacted(const char *url, char *out, size_t cap);
/* True when s[0..len) has no CR, LF or NUL. */
bool oas_http_header_value_ok(const char *s, size_t len);
/* RFC 7230 token characters only, non-empty. */
bool oas_http_header_name_ok(const char *s, size_t len);

/* HTTP date (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", also RFC 850 and
 * asctime forms) to epoch milliseconds. -1 when malformed. */
int64_t oas_http_parse_date(const char *s, size_t len);
/* Retry-After: delta seconds or an HTTP date, as a delay from now_wall_ms
 * (a date in the past = 0). -1 when malformed. Surrounding spaces allowed. */
int64_t oas_http_parse_retry_after(const char *s, size_t len, int64_t now_wall_ms);
/* A Unix time in milliseconds. -1 when malformed. */
int64_t oas_http_parse_epoch_ms(const char *s, size_t len);
/* A non-negative decimal integer header value; -1 when malformed or huge. */
int64_t oas_http_parse_count(const char *s, size_t len);
/* Full-jitter backoff for the retry-th retry (0-based): uniform in
 * [0, min(cap, base * 2^retry)] using r. */
int64_t oas_http_backoff_ms(unsigned retry, long base_ms, long cap_ms, uint32_t r);
/* The wait a response asks for, from its rate-limit info at now_wall_ms:
 * retry_after if set, else reset - now clamped to >= 0, else -1. */
int64_t oas_http_server_wait_ms(const oas_rate_limit *rl, int64_t now_wall_ms);
/* One header's value, of the given meaning, into rl, for a response
 * received at now_wall_ms (what the client does with each header of its
 * list): a retry-after delay is kept if longer, a reset (as epoch ms) if
 * later, a remaining count if smaller. A malformed value changes nothing. */
void oas_http_rate_limit_add(oas_rate_limit *rl, oas_rate_limit_meaning meaning,
                             const char *value, size_t len, int64_t now_wall_ms);


#ifdef __cplusplus
}
#endif
#endif
