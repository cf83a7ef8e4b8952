/* oas_buf.h - a growable byte buffer, used to write JSON and generated text.
 *
 * Errors are sticky: after an allocation failure every further append is a
 * no-op and oas_buf_status() reports OAS_ERR_NOMEM, so writers can append
 * freely and check once at the end. */
#ifndef OAS_BUF_H
#define OAS_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "oas_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct oas_buf {
    char *data;     /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    oas_status failed; /* sticky: OAS_OK, or the first failure */
} oas_buf;

#define OAS_BUF_INIT {NULL, 0, 0, OAS_OK}

void oas_buf_init(oas_buf *b);
void oas_buf_free(oas_buf *b);            /* frees data, re-inits; NULL-safe */
void oas_buf_reset(oas_buf *b);           /* len = 0, keeps capacity */
oas_status oas_buf_status(const oas_buf *b);

/* Hand the bytes to the caller (who frees them with oas_free) and re-init.
 * Returns NULL if the buffer failed; an empty buffer yields "". */
char *oas_buf_steal(oas_buf *b, size_t *len);

void oas_buf_append(oas_buf *b, const void *data, size_t len);
/* Append a copy of the n bytes b holds from byte `from` on (to write a
 * value twice without escaping it twice); nothing when they are not all
 * in b. */
void oas_buf_append_copy(oas_buf *b, size_t from, size_t n);
void oas_buf_puts(oas_buf *b, const char *s);
void oas_buf_putc(oas_buf *b, char c);
void oas_buf_printf(oas_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* JSON writers: a quoted, escaped string (UTF-8 passes through; control
 * characters, '"' and '\\' escaped; embedded NULs as \u0000), an int64 or
 * uint64 in decimal, and a finite double in the shortest form that reads
 * back to the same value. A non-finite double marks the buffer failed with
 * OAS_ERR_INVALID_ARG. */
void oas_buf_json_string(oas_buf *b, const char *s, size_t len);
void oas_buf_json_int64(oas_buf *b, int64_t v);
void oas_buf_json_uint64(oas_buf *b, uint64_t v);
void oas_buf_json_double(oas_buf *b, double v);

/* RFC 6901 token escaping ('~' -> "~0", '/' -> "~1") of a key appended
 * after a '/'. Appends the '/' itself, then the escaped key: "" + "a/b" ->
 * "/a~1b". */
void oas_buf_pointer_token(oas_buf *b, const char *key, size_t len);

/* Untrusted text (response bodies, captures, file names, spec strings) for
 * a terminal or a log line: printable ASCII and well-formed UTF-8 pass; a
 * backslash is doubled; C0 controls (TAB, LF and CR too), DEL, C1 controls
 * (U+0080..U+009F: the two bytes, \xC2\x9B) and each byte of invalid UTF-8
 * become \xNN (upper-case hex); bidi controls and other invisible format
 * characters become \u{202E}. NULs in s[0..len) are escaped like any C0
 * control. Not for JSON output, which has its own escaping. */
void oas_buf_terminal_text(oas_buf *b, const char *s, size_t len);

/* Untrusted text for XML character data or a quoted attribute value: '&',
 * '<', '>', '"' and '\'' as entities, TAB/LF/CR as character references;
 * what XML cannot hold (C0 controls, invalid UTF-8, U+FFFE/U+FFFF) and DEL
 * and C1 controls become U+FFFD. */
void oas_buf_xml_text(oas_buf *b, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
