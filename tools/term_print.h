/* term_print.h - how the CLI prints text it did not write itself (response
 * and capture content, server messages, file names, spec strings, option
 * values) to a terminal or a log: through oas_buf_terminal_text, so no
 * control sequence, invalid UTF-8 or bidi control gets out raw. JSON output
 * does not come here: it has its own escaping.
 *
 * Header-only, so both ldrest (cli/) and the oas_tools library (tools/,
 * linked by every NAME-cli) get it without another source file. */
#ifndef LDREST_TERM_PRINT_H
#define LDREST_TERM_PRINT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_buf.h"

/* Written when the escaped text cannot be built: never the raw text. */
#define TERM_PRINT_NOMEM "(text not shown: out of memory)"

/* s[0..len) escaped; no newline added. */
static inline void term_print(FILE *fp, const char *s, size_t len)
{
    oas_buf b = OAS_BUF_INIT;
    oas_buf_terminal_text(&b, s, len);
    if (oas_buf_status(&b) != OAS_OK)
        fputs(TERM_PRINT_NOMEM, fp);
    else if (b.len)
        fwrite(b.data, 1, b.len, fp);
    oas_buf_free(&b);
}

static inline void term_puts(FILE *fp, const char *s)
{
    if (s)
        term_print(fp, s, strlen(s));
}

/* One line: fmt formatted, the whole of it escaped, then '\n'. fmt's own
 * text is plain ASCII and passes unchanged, so only what the arguments bring
 * in is escaped; a newline inside an argument cannot start a line. */
static inline void term_line(FILE *fp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static inline void term_line(FILE *fp, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    char *text = small;
    if (n >= 0 && (size_t)n >= sizeof small) {
        text = oas_malloc((size_t)n + 1);
        if (text)
            vsnprintf(text, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    if (n < 0 || !text)
        fputs(TERM_PRINT_NOMEM, fp);
    else
        term_print(fp, text, (size_t)n);
    fputc('\n', fp);
    if (text != small)
        oas_free(text);
}

#endif
