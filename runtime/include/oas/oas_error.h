/* oas_error.h - the one status enum and the one caller-owned error struct.
 *
 * Every fallible runtime or generated function returns an oas_status and,
 * when given a non-NULL oas_error *, fills it on failure. The caller owns the
 * struct (usually on its stack); nothing in it needs freeing. The library
 * never prints: the message is for the caller to show. */
#ifndef OAS_ERROR_H
#define OAS_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum oas_status {
    OAS_OK = 0,
    OAS_ERR_NOMEM,          /* an allocation failed */
    OAS_ERR_INVALID_ARG,    /* a NULL or out-of-range argument */
    OAS_ERR_JSON_SYNTAX,    /* input is not RFC 8259 JSON */
    OAS_ERR_JSON_UTF8,      /* invalid UTF-8, or a lone surrogate escape */
    OAS_ERR_JSON_DEPTH,     /* nesting deeper than the configured limit */
    OAS_ERR_JSON_NUMBER,    /* a number a double cannot hold (e.g. 1e400) */
    OAS_ERR_JSON_LIMIT,     /* input larger than a configured size limit */
    OAS_ERR_TYPE,           /* typed parse: a member has the wrong JSON type */
    OAS_ERR_MISSING,        /* typed parse: a required member is absent */
    OAS_ERR_RANGE,          /* typed parse: integer does not fit the C type */
    OAS_ERR_NUL_IN_STRING,  /* typed parse: "\u0000" cannot live in a C string */
    OAS_ERR_INVALID,        /* schema validation failed */
    OAS_ERR_IO,             /* reading or writing a file or stream */
    OAS_ERR_USAGE,          /* a request is missing a required parameter etc. */
    OAS_ERR_HTTP_TRANSPORT, /* connect, DNS, TLS, timeout: see message */
    OAS_ERR_HTTP_TIMEOUT,   /* the overall deadline passed */
    OAS_ERR_HTTP_TOO_LARGE, /* response body over the cap */
    OAS_ERR_HTTP_STATUS,    /* a non-2xx status (see oas_error.http_status) */
    OAS_ERR_HTTP_CONTENT,   /* a 2xx body that is not the declared content */
    OAS_ERR_HTTP_REDIRECT,  /* too many or forbidden redirects */
    OAS_ERR_UNSUPPORTED,    /* a feature the build does not support */
    OAS_ERR_VERSION,        /* generated code and runtime versions disagree */
    OAS_ERR_SCHEMA_DEPTH,   /* validation: schemas applied through dynamic
                               references nest deeper than the limit */
    OAS_STATUS_COUNT
} oas_status;

#define OAS_ERROR_MESSAGE_MAX 256
#define OAS_ERROR_POINTER_MAX 512
#define OAS_NO_OFFSET ((size_t)-1)

typedef struct oas_error {
    oas_status code;
    char message[OAS_ERROR_MESSAGE_MAX]; /* one line, no trailing newline */
    char pointer[OAS_ERROR_POINTER_MAX]; /* RFC 6901 JSON pointer, "" = root or n/a */
    size_t offset;                       /* byte offset in the input, OAS_NO_OFFSET if n/a */
    unsigned long line, column;          /* 1-based position of offset; 0 if n/a */
    long http_status;                    /* HTTP status for OAS_ERR_HTTP_*, else 0 */
} oas_error;

/* A static, never-NULL English name for a status ("out of memory", ...). */
const char *oas_strerror(oas_status code);

/* Reset to "no error": code OAS_OK, empty strings, offset OAS_NO_OFFSET. */
void oas_error_clear(oas_error *err);

/* Fill err (if non-NULL) and return code. The message is printf-formatted and
 * truncated to fit. pointer may be NULL. Returns code so callers can write
 * `return oas_error_set(err, OAS_ERR_TYPE, ...)`. */
oas_status oas_error_set(oas_error *err, oas_status code, const char *pointer,
                         size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Compute err->line/err->column from err->offset over the given input. */
void oas_error_locate(oas_error *err, const char *input, size_t len);

#ifdef __cplusplus
}
#endif
#endif
