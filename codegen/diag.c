/* diag.c - prints generator diagnostics as "file:line:col: level: message". */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

void diag_init(diag *d, FILE *out)
{
    d->out = out;
    d->errors = 0;
    d->notes = 0;
    d->max_errors = 0;
}

void diag_put_visible(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\n')
            fputs("\\n", out);
        else if (p[i] == '\r')
            fputs("\\r", out);
        else if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f)
            fprintf(out, "\\x%02X", p[i]);
        else if (p[i] == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
            fprintf(out, "\\u%04X", p[++i]);
        else
            fputc(p[i], out);
    }
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
