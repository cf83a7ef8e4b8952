/* diag.c - prints generator diagnostics as "file:line:col: level: message". */
#include "diag.h"

#include <stdarg.h>

void diag_init(diag *d, FILE *out)
{
    d->out = out;
    d->errors = 0;
    d->notes = 0;
    d->max_errors = 0;
}

static void diag_vprint(FILE *out, const char *file, unsigned line, unsigned col,
                        const char *level, const char *fmt, va_list ap)
{
    if (!out)
        return;
    fprintf(out, "%s:%u:%u: %s: ", file ? file : "<input>", line, col, level);
    vfprintf(out, fmt, ap);
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
