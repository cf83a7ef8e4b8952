/* diag.c - prints generator diagnostics as "file:line:col: level: message". */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "oas_terminal_text.h"

void diag_init(diag *d, FILE *out)
{
    d->out = out;
    d->errors = 0;
    d->notes = 0;
    d->max_errors = 0;
}

static void put_to_file(void *sink, const char *bytes, size_t len)
{
    fwrite(bytes, 1, len, (FILE *)sink);
}

void diag_put_visible(FILE *out, const char *s, size_t n)
{
    oas_terminal_text_escape(s, n, put_to_file, out);
}

static void diag_vprint(FILE *out, const char *file, unsigned line, unsigned col,
                        const char *level, const char *fmt, va_list ap)
{
    if (!out)
        return;
    fprintf(out, "%s:%u:%u: %s: ", file ? file : "<input>", line, col, level);
    char small[512];
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof small) {
        diag_put_visible(out, small, (size_t)n);
    } else if (n >= 0) {
        char *big = malloc((size_t)n + 1);
        if (big && vsnprintf(big, (size_t)n + 1, fmt, again) == n)
            diag_put_visible(out, big, (size_t)n);
        else
            diag_put_visible(out, small, sizeof small - 1); /* out of memory: the start */
        free(big);
    }
    va_end(again);
    fputc('\n', out);
}

void diag_error(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    d->errors++;
    /* Keep counting past the limit so callers still see that generation failed. */
    if (d->max_errors && d->errors > d->max_errors)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_vprint(d->out, file, line, col, "error", fmt, ap);
    va_end(ap);
}

void diag_note(diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    d->notes++;
    va_list ap;
    va_start(ap, fmt);
    diag_vprint(d->out, file, line, col, "note", fmt, ap);
    va_end(ap);
}
