/* diag.h - diagnostics of the generator, always "file:line:col: level: message".
 * Errors make generation fail (non-zero exit); notes do not. */
#ifndef OAS2C_DIAG_H
#define OAS2C_DIAG_H

#include <stdio.h>
#include <stddef.h>

typedef struct diag {
    FILE *out;          /* where messages go (stderr in main; a memstream in tests) */
    size_t errors;
    size_t notes;
    size_t max_errors;  /* stop reporting after this many; 0 = unlimited */
} diag;

void diag_init(diag *d, FILE *out);
/* Writes n bytes of spec text escaped for a terminal as the runtime's
 * oas_buf_terminal_text() does (oas_terminal_text.h: controls, invalid
 * UTF-8, bidi and invisible characters, backslashes), so that a spec can
 * neither forge output lines nor send escape sequences to a terminal nor
 * reorder what is shown: every message, and --dump-ir, quote spec text
 * through it. */
void diag_put_visible(FILE *out, const char *s, size_t n);
void diag_error(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_note(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
