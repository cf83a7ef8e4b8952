/* emit_util.c - helpers every emitter shares: opening output files with the
 * banner line, C string literals and block comments that are safe for any
 * bytes the spec contains, and numbers from the spec as C constants. */
#include <errno.h>
#include <float.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "oc_alloc.h"
#include "oas_utf8.h"

/* Code points that reorder or hide text in editors (bidirectional controls,
 * line and paragraph separators): in a comment they let code read
 * differently than it compiles ("Trojan Source"), and GCC's default
 * -Wbidi-chars rejects the unpaired ones, so -Werror builds would fail. */
static bool hides_text(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* Writes the n bytes of s so that they stay inside a block comment on one
 * line, and the file stays valid UTF-8:
 *  - "*" "/" would end the comment, "/" "*" trips -Wcomment, and "??" could
 *    start a trigraph ("??/" splices lines): each gets a space between;
 *  - control characters (newline, CR, NUL...) become spaces;
 *  - bytes that are not UTF-8 become a visible \xNN, code points that hide
 *    text a visible \uNNNN.
 * A backslash stays: the only line it can splice is the comment's own next
 * line, which starts with " *". Plain runs go out with one fwrite (this is
 * on the hot path of every emitter: descriptions become comments). */
static void put_comment_safe_n(FILE *f, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    char prev = 0;
    size_t run = 0;  /* start of the bytes not yet written */
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (u[i] >= 0x80) {
            uint32_t cp = 0;
            size_t len = oas_utf8_sequence(u + i, n - i, &cp);
            if (len && !hides_text(cp)) {
                i += len;
                prev = 0;
                continue;
            }
            fwrite(s + run, 1, i - run, f);
            if (len)
                fprintf(f, "\\u%04X", (unsigned)cp);
            else
                fprintf(f, "\\x%02X", u[i]);
            i += len ? len : 1;
            run = i;
            prev = 0;
            continue;
        }
        bool control = u[i] < 0x20 || u[i] == 0x7f;
        bool split = (prev == '*' && c == '/') || (prev == '/' && c == '*') ||
                     (prev == '?' && c == '?');
        if (control || split) {
            fwrite(s + run, 1, i - run, f);
            if (split)
                fputc(' ', f);
            if (control)
                c = ' ';
            fputc(c, f);
            run = i + 1;
        }
        prev = c;
        i++;
    }
    fwrite(s + run, 1, n - run, f);
}

static void put_comment_safe(FILE *f, const char *s)
{
    if (s)
        put_comment_safe_n(f, s, strlen(s));
}

static char *output_path(const emit_ctx *ctx, const char *name)
{
    const char *dir = ctx->outdir ? ctx->outdir : ".";
    const char *prefix = ctx->spec->prefix ? ctx->spec->prefix : "";
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + 2;
    char *path = malloc(n);
    if (path)
        snprintf(path, n, "%s/%s%s", dir, prefix, name);
    return path;
}

/* Output files get a 1 MiB stdio buffer (a 659-schema spec emits
 * 12 MB: ~3,000 write calls with the default 4 KiB, a dozen with this). The
 * generator is single-threaded and keeps at most a few files open at once. */
#define EMIT_BUFFER_SIZE (1u << 20)
#define EMIT_MAX_OPEN 8
static struct {
    FILE *file;
    char *buffer;
} open_buffers[EMIT_MAX_OPEN];

static void buffer_attach(FILE *f)
{
    for (size_t i = 0; i < EMIT_MAX_OPEN; i++)
        if (!open_buffers[i].file) {
            char *b = malloc(EMIT_BUFFER_SIZE);
            if (b && setvbuf(f, b, _IOFBF, EMIT_BUFFER_SIZE) == 0) {
                open_buffers[i].file = f;
                open_buffers[i].buffer = b;
            } else {
                free(b); /* the default buffer serves */
            }
            return;
        }
}

/* The slot holding f's buffer, found before fclose (f is dead after it). */
static size_t buffer_slot(FILE *f)
{
    for (size_t i = 0; i < EMIT_MAX_OPEN; i++)
        if (open_buffers[i].file == f)
            return i;
    return EMIT_MAX_OPEN;
}

/* After fclose: the buffer is no longer in use. */
static void buffer_release(size_t slot)
{
    if (slot >= EMIT_MAX_OPEN)
        return;
    free(open_buffers[slot].buffer);
    open_buffers[slot].file = NULL;
    open_buffers[slot].buffer = NULL;
}

FILE *emit_open(const emit_ctx *ctx, const char *name)
{
    char *path = output_path(ctx, name);
    if (!path) {
        diag_error(ctx->d, name, 0, 0, "out of memory");
        return NULL;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        diag_error(ctx->d, path, 0, 0, "cannot open for writing: %s", strerror(errno));
        free(path);
        return NULL;
    }
    free(path);
    buffer_attach(f);
    fputs("/* Generated by oas2c " OAS2C_VERSION " from ", f);
    put_comment_safe(f, ctx->spec->path ? ctx->spec->path : "-");
    fprintf(f, " (sha256 %s)", ctx->spec->sha256);
    for (size_t i = 0; i < ctx->overlay_count; i++) {
        fputs(i == 0 ? " with overlay " : ", overlay ", f);
        put_comment_safe(f, ctx->overlays[i].path);
        fprintf(f, " (sha256 %s)", ctx->overlays[i].sha256);
    }
    fputs(". Do not edit. */\n", f);
    return f;
}

int emit_close(const emit_ctx *ctx, FILE *f, const char *name)
{
    if (!f)
        return -1;
    int failed = ferror(f);
    size_t slot = buffer_slot(f);
    if (fclose(f) != 0)
        failed = 1;
    buffer_release(slot);
    if (failed) {
        char *path = output_path(ctx, name);
        diag_error(ctx->d, path ? path : name, 0, 0, "write error");
        free(path);
        return -1;
    }
    return 0;
}

/* Printable ASCII that stands for itself inside a C string literal. */
static bool c_string_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?';
}

void emit_c_string(FILE *f, const char *s, size_t len)
{
    /* After a \x or octal escape a following hex digit would be swallowed,
     * so octal escapes are always 3 digits and '?' is escaped (trigraphs).
     * Plain runs and escapes are gathered in a local buffer and written in
     * large pieces: registry examples make this one of the busiest loops. */
    char buf[4096];
    size_t n = 0;
    buf[n++] = '"';
    for (size_t i = 0; i < len; i++) {
        size_t run = i;
        while (run < len && c_string_plain((unsigned char)s[run]))
            run++;
        if (run - i > sizeof buf - n) {
            fwrite(buf, 1, n, f);
            n = 0;
            fwrite(s + i, 1, run - i, f);
        } else {
            memcpy(buf + n, s + i, run - i);
            n += run - i;
        }
        if (run == len)
            break;
        if (n > sizeof buf - 8) {  /* room for an escape and the closing quote */
            fwrite(buf, 1, n, f);
            n = 0;
        }
        unsigned char c = (unsigned char)s[run];
        buf[n++] = '\\';
        switch (c) {
        case '"': case '\\': case '?': buf[n++] = (char)c; break;
        case '\n': buf[n++] = 'n'; break;
        case '\t': buf[n++] = 't'; break;
        case '\r': buf[n++] = 'r'; break;
        default:
            buf[n++] = (char)('0' + (c >> 6));
            buf[n++] = (char)('0' + ((c >> 3) & 7));
            buf[n++] = (char)('0' + (c & 7));
        }
        i = run;
    }
    if (n > sizeof buf - 1) {
        fwrite(buf, 1, n, f);
        n = 0;
    }
    buf[n++] = '"';
    fwrite(buf, 1, n, f);
}

void emit_comment(FILE *f, const char *indent, const char *text)
{
    if (!text)
        return;
    const char *ind = indent ? indent : "";
    fputs(ind, f);
    fputs("/*", f);
    const char *line = text;
    int first = 1;
    for (;;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        /* trailing blanks (controls print as blanks) would only pad the line */
        while (n > 0 && ((unsigned char)line[n - 1] <= ' ' || line[n - 1] == 0x7f))
            n--;
        if (!end && n == 0 && !first)
            break;
        if (first) {
            fputs(n ? " " : "", f);
        } else {
            fputc('\n', f);
            fputs(ind, f);
            fputs(n ? " * " : " *", f);
        }
        /* A line starting with '/' after " * " is fine; only "*" "/" ends it. */
        put_comment_safe_n(f, line, n);
        first = 0;
        if (!end)
            break;
        line = end + 1;
    }
    fputs(" */\n", f);
}

void emit_comment_inline(FILE *f, const char *text)
{
    fputs("/* ", f);
    put_comment_safe(f, text);
    fputs(" */", f);
}

void emit_int64_literal(FILE *f, int64_t v)
{
    /* -9223372036854775808LL is the negation of a constant too large for
       long long, not a literal: INT64_MIN has to be computed. */
    if (v == INT64_MIN)
        fputs("(-9223372036854775807LL - 1)", f);
    else
        fprintf(f, "%lldLL", (long long)v);
}

void emit_double_literal(FILE *f, double v)
{
    /* A number beyond the range of double (1e400) reads as infinity, which
       has no literal; %.17g gives back every finite double exactly. */
    if (v > DBL_MAX)
        fputs("HUGE_VAL", f);
    else if (v < -DBL_MAX)
        fputs("(-HUGE_VAL)", f);
    else
        fprintf(f, "%.17g", v);
}

static int by_component_name(const void *a, const void *b)
{
    const ir_schema *x = *(const ir_schema *const *)a, *y = *(const ir_schema *const *)b;
    return strcmp(x->component_name, y->component_name);
}

const ir_schema **emit_components_by_name(const ir_spec *spec)
{
    size_t n = spec->component_count;
    const ir_schema **sorted = oc_calloc(n ? n : 1, sizeof *sorted);
    if (n)
        memcpy(sorted, spec->components, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_component_name);
    return sorted;
}
