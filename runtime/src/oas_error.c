/* oas_error.c - status names and the caller-owned error struct. */
#include "oas_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[OAS_STATUS_COUNT] = {
    [OAS_OK] = "success",
    [OAS_ERR_NOMEM] = "out of memory",
    [OAS_ERR_INVALID_ARG] = "invalid argument",
    [OAS_ERR_JSON_SYNTAX] = "invalid JSON syntax",
    [OAS_ERR_JSON_UTF8] = "invalid UTF-8 or lone surrogate in JSON",
    [OAS_ERR_JSON_DEPTH] = "JSON nesting too deep",
    [OAS_ERR_JSON_NUMBER] = "JSON number out of range",
    [OAS_ERR_JSON_LIMIT] = "JSON input too large",
    [OAS_ERR_TYPE] = "wrong JSON type",
    [OAS_ERR_MISSING] = "required member missing",
    [OAS_ERR_RANGE] = "integer out of range",
    [OAS_ERR_NUL_IN_STRING] = "NUL character in string",
    [OAS_ERR_INVALID] = "schema validation failed",
    [OAS_ERR_IO] = "I/O error",
    [OAS_ERR_USAGE] = "usage error",
    [OAS_ERR_HTTP_TRANSPORT] = "HTTP transport error",
    [OAS_ERR_HTTP_TIMEOUT] = "HTTP timeout",
    [OAS_ERR_HTTP_TOO_LARGE] = "HTTP response too large",
    [OAS_ERR_HTTP_STATUS] = "HTTP error status",
    [OAS_ERR_HTTP_CONTENT] = "unexpected HTTP response content",
    [OAS_ERR_HTTP_REDIRECT] = "HTTP redirect refused",
    [OAS_ERR_UNSUPPORTED] = "unsupported feature",
    [OAS_ERR_VERSION] = "runtime version mismatch",
    [OAS_ERR_SCHEMA_DEPTH] = "schema references nest too deep",
};

const char *oas_strerror(oas_status code)
{
    if ((unsigned)code < OAS_STATUS_COUNT && status_names[code])
        return status_names[code];
    return "unknown error";
}

void oas_error_clear(oas_error *err)
{
    if (!err)
        return;
    /* Field by field, not memset: the two text buffers are 768 bytes, and
     * every parse clears its error whether or not it fails. */
    err->code = OAS_OK;
    err->message[0] = '\0';
    err->pointer[0] = '\0';
    err->offset = OAS_NO_OFFSET;
    err->line = err->column = 0;
    err->http_status = 0;
}

oas_status oas_error_set(oas_error *err, oas_status code, const char *pointer,
                         size_t offset, const char *fmt, ...)
{
    if (!err)
        return code;
    oas_error_clear(err);
    err->code = code;
    err->offset = offset;
    if (pointer) {
        /* Truncation keeps a valid prefix; snprintf always terminates. */
        snprintf(err->pointer, sizeof err->pointer, "%s", pointer);
    }
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    /* The message is documented as one line. */
    for (char *p = err->message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return code;
}

void oas_error_locate(oas_error *err, const char *input, size_t len)
{
    if (!err)
        return;
    if (err->offset == OAS_NO_OFFSET || !input) {
        err->line = err->column = 0;
        return;
    }
    size_t end = err->offset < len ? err->offset : len;
    unsigned long line = 1;
    size_t line_start = 0;
    for (const char *p = input; (p = memchr(p, '\n', (size_t)(input + end - p))) != NULL; p++) {
        line++;
        line_start = (size_t)(p - input) + 1;
    }
    err->line = line;
    err->column = (unsigned long)(err->offset - line_start) + 1;
}
