/* validate_output.c - text and JSON renderings of verdicts (the CI formats
 * are in validate_ci_output.c). Writes into a buffer so parallel workers can
 * render and the caller can print in order. In text, everything that comes
 * from the input (file name, keys in the pointer, values quoted by
 * messages) is escaped for the terminal. */
#include "validate_output.h"

#include <string.h>

#include "validate_ci_output.h"

void validate_locator_init(validate_locator *l, const char *bytes, size_t len)
{
    l->bytes = bytes;
    l->len = len;
    l->offset = 0;
    l->line = 1;
    l->column = 1;
}

/* oas_error_locate defines what a column is; scanning resumes from the
 * previous offset when offsets grow. */
void validate_locate(validate_locator *l, size_t offset, unsigned long *line,
                     unsigned long *column)
{
    if (offset > l->len)
        offset = l->len;
    if (offset < l->offset)
        validate_locator_init(l, l->bytes, l->len);
    oas_error e;
    oas_error_clear(&e);
    e.offset = offset - l->offset;
    oas_error_locate(&e, l->bytes + l->offset, l->len - l->offset);
    if (e.line > 1) {
        l->line += e.line - 1;
        l->column = e.column;
    } else {
        l->column += e.column - 1;
    }
    l->offset = offset;
    *line = l->line;
    *column = l->column;
}

const char *validate_error_code(oas_status code)
{
    switch (code) {
    case OAS_ERR_JSON_SYNTAX: return "json_syntax";
    case OAS_ERR_JSON_UTF8: return "json_utf8";
    case OAS_ERR_JSON_DEPTH: return "json_depth";
    case OAS_ERR_SCHEMA_DEPTH: return "schema_depth";
    case OAS_ERR_JSON_NUMBER: return "json_number";
    case OAS_ERR_JSON_LIMIT: return "json_limit";
    case OAS_ERR_NOMEM: return "nomem";
    case OAS_ERR_IO: return "io";
    default: return "error";
    }
}

/* Written without printf: a verdict line is short, and validating a
 * corpus of small documents writes one per document. */
static void json_head(const validate_doc *doc, oas_buf *out)
{
    oas_buf_puts(out, "{\"source\":");
    oas_buf_json_string(out, doc->source, strlen(doc->source));
    oas_buf_puts(out, ",\"index\":");
    oas_buf_json_uint64(out, doc->index);
    oas_buf_puts(out, ",\"line\":");
    oas_buf_json_uint64(out, doc->line_no);
}

static void text_field(oas_buf *out, const char *s)
{
    oas_buf_terminal_text(out, s, strlen(s));
}

const oas_violation *validate_entries_next(validate_entries *it, bool *warning)
{
    const oas_violation *e = it->e < it->errors->count ? &it->errors->items[it->e] : NULL;
    const oas_violation *w = it->w < it->warnings->count ? &it->warnings->items[it->w] : NULL;
    *warning = w && (!e || (e->offset != OAS_NO_OFFSET && w->offset < e->offset));
    if (*warning) {
        it->w++;
        return w;
    }
    if (e)
        it->e++;
    return e;
}

/* "FILE:LINE:COL: error: " (or warning) */
static void text_head(oas_buf *out, const char *source, unsigned long line,
                      unsigned long column, const char *severity)
{
    text_field(out, source);
    oas_buf_printf(out, ":%lu:%lu: %s: ", line, column, severity);
}

static void text_not_shown(oas_buf *out, const validate_doc *doc, const oas_report *r,
                           const char *what, size_t max_errors)
{
    if (r->total <= r->count)
        return;
    text_field(out, doc->source);
    oas_buf_printf(out, ":%lu:1: note: %zu more %s not shown (--max-errors %zu)\n", doc->line_no,
                   r->total - r->count, what, max_errors);
}

static void json_warnings(oas_buf *out, const oas_report *warnings)
{
    oas_buf_puts(out, ",\"warningCount\":");
    oas_buf_json_uint64(out, warnings->total);
    oas_buf_puts(out, ",\"warnings\":");
    oas_report_write_json(warnings, out);
}

void validate_output_verdict(validate_format fmt, const validate_doc *doc,
                             const oas_report *errors, const oas_report *warnings,
                             size_t max_errors, oas_buf *out)
{
    if (fmt == VALIDATE_FORMAT_JSON) {
        json_head(doc, out);
        if (!errors->total && !warnings->total) { /* most lines: the branch below, written at once */
            oas_buf_puts(out, ",\"valid\":true,\"errorCount\":0,\"errors\":[],"
                              "\"warningCount\":0,\"warnings\":[]}\n");
            return;
        }
        oas_buf_puts(out, errors->total ? ",\"valid\":false,\"errorCount\":"
                                        : ",\"valid\":true,\"errorCount\":");
        oas_buf_json_uint64(out, errors->total);
        oas_buf_puts(out, ",\"errors\":");
        oas_report_write_json(errors, out);
        json_warnings(out, warnings);
        oas_buf_puts(out, "}\n");
        return;
    }
    if (fmt != VALIDATE_FORMAT_TEXT) {
        ci_output_verdict(fmt, doc, errors, warnings, max_errors, out);
        return;
    }
    validate_locator loc;
    validate_locator_init(&loc, doc->bytes, doc->len);
    validate_entries it = {errors, warnings, 0, 0};
    const oas_violation *v;
    bool warning;
    while ((v = validate_entries_next(&it, &warning))) {
        unsigned long line, column;
        validate_locate(&loc, v->offset, &line, &column);
        text_head(out, doc->source, doc->line_no + line - 1, column, warning ? "warning" : "error");
        text_field(out, v->instance_location[0] ? v->instance_location : "(root)");
        oas_buf_puts(out, ": ");
        text_field(out, v->message);
        oas_buf_putc(out, '\n');
    }
    text_not_shown(out, doc, errors, "errors", max_errors);
    text_not_shown(out, doc, warnings, "warnings", max_errors);
}

/* The parser's message may end in its own " at line L, column C (byte
 * offset B)"; that position is relative to the parsed text, which for
 * NDJSON is one line, so drop it: the caller prints the source position. */
size_t validate_error_message_length(const oas_error *err)
{
    char suffix[128];
    int n = snprintf(suffix, sizeof suffix, " at line %lu, column %lu (byte offset %zu)", err->line,
                     err->column, err->offset);
    size_t len = strlen(err->message);
    if (n > 0 && (size_t)n < sizeof suffix && len >= (size_t)n &&
        memcmp(err->message + len - (size_t)n, suffix, (size_t)n) == 0)
        return len - (size_t)n;
    return len;
}

void validate_failure_message(const validate_failure *f, oas_buf *out)
{
    oas_buf_append(out, f->err->message, validate_error_message_length(f->err));
    if (f->hint) {
        oas_buf_puts(out, "; ");
        oas_buf_puts(out, f->hint);
    }
}

void validate_failure_position(const validate_doc *doc, const oas_error *err,
                               unsigned long *line, unsigned long *column, size_t *offset)
{
    *offset = doc->offset + (err->offset == OAS_NO_OFFSET ? 0 : err->offset);
    *line = doc->line_no + (err->line ? err->line - 1 : 0);
    *column = err->column ? err->column : 1;
}

void validate_output_malformed(validate_format fmt, const validate_doc *doc,
                               const validate_failure *f, oas_buf *out)
{
    if (fmt != VALIDATE_FORMAT_TEXT && fmt != VALIDATE_FORMAT_JSON) {
        ci_output_malformed(fmt, doc, f, out);
        return;
    }
    unsigned long line, column;
    size_t offset;
    validate_failure_position(doc, f->err, &line, &column, &offset);
    oas_buf msg = OAS_BUF_INIT;
    validate_failure_message(f, &msg);
    if (oas_buf_status(&msg) != OAS_OK)
        out->failed = oas_buf_status(&msg);
    const char *m = msg.data ? msg.data : "";
    if (fmt == VALIDATE_FORMAT_JSON) {
        /* one "errors" element, as violations are, so .errors[] always works */
        json_head(doc, out);
        oas_buf_puts(out, ",\"valid\":false,\"errorCount\":1,\"errors\":[{"
                          "\"instanceLocation\":");
        oas_buf_json_string(out, f->err->pointer, strlen(f->err->pointer));
        oas_buf_puts(out, ",\"instancePath\":"); /* ajv's name, same value */
        oas_buf_json_string(out, f->err->pointer, strlen(f->err->pointer));
        oas_buf_puts(out, ",\"keywordLocation\":\"\",\"absoluteKeywordLocation\":null,"
                          "\"schemaPath\":null,\"keyword\":");
        oas_buf_json_string(out, f->keyword, strlen(f->keyword));
        oas_buf_printf(out, ",\"params\":{\"code\":\"%s\"},\"message\":",
                       validate_error_code(f->err->code));
        oas_buf_json_string(out, m, msg.len);
        oas_buf_printf(out, ",\"offset\":%zu,\"line\":%lu,\"column\":%lu}]",
                       offset - doc->offset, line, column);
        oas_buf_puts(out, ",\"warningCount\":0,\"warnings\":[]");
        oas_buf_printf(out, ",\"error\":{\"code\":\"%s\",\"message\":",
                       validate_error_code(f->err->code));
        oas_buf_json_string(out, m, msg.len);
        oas_buf_printf(out, ",\"offset\":%zu,\"line\":%lu,\"column\":%lu}}\n", offset, line,
                       column);
    } else {
        text_head(out, doc->source, line, column, "error");
        oas_buf_printf(out, "%s (byte offset %zu): ", f->what, offset);
        oas_buf_terminal_text(out, m, msg.len);
        oas_buf_putc(out, '\n');
    }
    oas_buf_free(&msg);
}

void validate_output_summary(const validate_stats *s, FILE *fp)
{
    fprintf(fp, "%zu document%s, %zu valid, %zu invalid, %zu malformed, %zu error%s",
            s->documents, s->documents == 1 ? "" : "s", s->valid, s->invalid, s->malformed,
            s->errors, s->errors == 1 ? "" : "s");
    if (s->warnings) /* only duplicate keys warn: rare, so said only when there */
        fprintf(fp, ", %zu warning%s", s->warnings, s->warnings == 1 ? "" : "s");
    fputc('\n', fp);
}

void validate_output_summary_json(const validate_stats *s, FILE *fp)
{
    fprintf(fp,
            "{\"documents\":%zu,\"valid\":%zu,\"invalid\":%zu,\"malformed\":%zu,"
            "\"errors\":%zu,\"warnings\":%zu}\n",
            s->documents, s->valid, s->invalid, s->malformed, s->errors, s->warnings);
}
