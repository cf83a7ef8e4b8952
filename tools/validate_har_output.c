/* validate_har_output.c - text and JSON renderings of HAR entry verdicts
 * (the CI formats are in validate_har_ci_output.c).
 * In text, everything the capture brings in (file name, method, path,
 * pointer keys, messages quoting content types or values) is escaped for
 * the terminal. */
#include "validate_har_output.h"

#include <string.h>

void har_output_init(har_output *o, const char *source, validate_format format,
                     validate_show show, size_t max_errors, const char *bytes, size_t len,
                     oas_buf *out)
{
    o->source = source;
    o->format = format;
    o->show = show;
    o->max_errors = max_errors;
    o->loc = har_locator_start(bytes, len);
    o->out = out;
}

/* Columns count bytes, as oas_error_locate's do. */
void har_locate(har_locator *l, size_t offset, unsigned long *line, unsigned long *column)
{
    if (offset > l->len)
        offset = l->len;
    if (offset < l->offset) {
        l->offset = 0;
        l->line = 1;
        l->column = 1;
    }
    const char *p = l->bytes + l->offset, *end = l->bytes + offset, *nl;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        l->line++;
        l->column = 1;
        p = nl + 1;
    }
    l->column += (unsigned long)(end - p);
    l->offset = offset;
    *line = l->line;
    *column = l->column;
}

static void json_head(har_output *o, const har_entry *e)
{
    oas_buf_puts(o->out, "{\"source\":");
    oas_buf_json_string(o->out, o->source, strlen(o->source));
    if (!e)
        return;
    unsigned long line, column;
    har_locate(&o->loc, e->offset, &line, &column);
    oas_buf_puts(o->out, ",\"index\":");
    oas_buf_json_uint64(o->out, e->index);
    oas_buf_puts(o->out, ",\"line\":");
    oas_buf_json_uint64(o->out, line);
}

static void json_entry_facts(oas_buf *out, const har_entry *e)
{
    oas_buf_puts(out, ",\"method\":");
    oas_buf_json_string(out, e->method, e->method_len);
    oas_buf_puts(out, ",\"url\":");
    oas_buf_json_string(out, e->url, e->url_len);
    oas_buf_puts(out, ",\"status\":");
    oas_buf_json_int64(out, e->status);
    oas_buf_puts(out, ",\"operation\":");
    if (e->op)
        oas_buf_json_string(out, e->op->operation_id, strlen(e->op->operation_id));
    else
        oas_buf_puts(out, "null");
    oas_buf_puts(out, ",\"response\":");
    if (e->response)
        oas_buf_json_string(out, e->response->status, strlen(e->response->status));
    else
        oas_buf_puts(out, "null");
}

void har_output_verdict(har_output *o, const har_entry *e, const oas_report *r, bool in_body,
                        size_t at)
{
    bool valid = !r || r->total == 0;
    if (o->show == VALIDATE_SHOW_NONE || (valid && o->show == VALIDATE_SHOW_PROBLEMS))
        return;
    if (o->format == VALIDATE_FORMAT_JSON) {
        json_head(o, e);
        json_entry_facts(o->out, e);
        /* without printf, as validate_output.c: a line per entry */
        oas_buf_puts(o->out, valid ? ",\"valid\":true,\"errorCount\":"
                                   : ",\"valid\":false,\"errorCount\":");
        oas_buf_json_uint64(o->out, r ? r->total : 0);
        oas_buf_puts(o->out, ",\"errors\":");
        oas_report_write_json(valid ? NULL : r, o->out);
        oas_buf_puts(o->out, ",\"warningCount\":");
        oas_buf_json_uint64(o->out, e->warnings ? e->warnings->total : 0);
        oas_buf_puts(o->out, ",\"warnings\":");
        oas_report_write_json(e->warnings, o->out);
        oas_buf_puts(o->out, "}\n");
        return;
    }
    unsigned long line, column;
    har_locate(&o->loc, at, &line, &column);
    oas_report none;
    oas_report_init(&none, 0);
    validate_entries it = {r ? r : &none, e->warnings ? e->warnings : &none, 0, 0};
    if (o->format != VALIDATE_FORMAT_TEXT) {
        har_ci_verdict(o, e, &it, in_body, line, column);
        return;
    }
    oas_buf text = OAS_BUF_INIT;
    const oas_violation *v;
    bool warning;
    while ((v = validate_entries_next(&it, &warning))) {
        oas_buf_reset(&text);
        har_entry_line(e, v, in_body || warning, &text);
        if (oas_buf_status(&text) != OAS_OK)
            o->out->failed = oas_buf_status(&text);
        oas_buf_terminal_text(o->out, o->source, strlen(o->source));
        oas_buf_printf(o->out, ":%lu:%lu: %s: ", line, column, warning ? "warning" : "error");
        oas_buf_terminal_text(o->out, text.data ? text.data : "", text.len);
        oas_buf_putc(o->out, '\n');
    }
    oas_buf_free(&text);
    for (int k = 0; k < 2; k++) {
        const oas_report *l = k ? it.warnings : it.errors;
        if (l->total <= l->count)
            continue;
        oas_buf_terminal_text(o->out, o->source, strlen(o->source));
        oas_buf_printf(o->out, ":%lu:1: note: %zu more %s not shown (--max-errors %zu)\n", line,
                       l->total - l->count, k ? "warnings" : "errors", o->max_errors);
    }
}

void har_entry_line(const har_entry *e, const oas_violation *v, bool in_body, oas_buf *out)
{
    oas_buf_printf(out, "entry %zu ", e->index);
    oas_buf_append(out, e->method, e->method_len);
    oas_buf_putc(out, ' ');
    oas_buf_append(out, e->path, e->path_len);
    oas_buf_printf(out, " %lld: ", (long long)e->status);
    if (in_body) {
        oas_buf_puts(out, v->instance_location[0] ? v->instance_location : "(root)");
        oas_buf_puts(out, ": ");
    }
    oas_buf_puts(out, v->message);
}

void har_output_malformed(har_output *o, const har_entry *e, const char *code,
                          const char *message, size_t message_len, size_t at)
{
    unsigned long line, column;
    if (o->show == VALIDATE_SHOW_NONE)
        return;
    if (o->format == VALIDATE_FORMAT_JSON) {
        json_head(o, e);
        har_locate(&o->loc, at, &line, &column);
        oas_buf_printf(o->out, ",\"valid\":false,\"error\":{\"code\":\"%s\",\"message\":", code);
        oas_buf_json_string(o->out, message, message_len);
        oas_buf_printf(o->out, ",\"offset\":%zu,\"line\":%lu,\"column\":%lu}}\n", at, line,
                       column);
        return;
    }
    har_locate(&o->loc, at, &line, &column);
    if (o->format != VALIDATE_FORMAT_TEXT) {
        har_ci_malformed(o, e, code, message, message_len, at, line, column);
        return;
    }
    oas_buf_terminal_text(o->out, o->source, strlen(o->source));
    oas_buf_printf(o->out, ":%lu:%lu: error: malformed HAR", line, column);
    if (e)
        oas_buf_printf(o->out, " entry %zu", e->index);
    oas_buf_printf(o->out, " (byte offset %zu): ", at);
    oas_buf_terminal_text(o->out, message, message_len);
    oas_buf_putc(o->out, '\n');
}

void har_output_summary(const validate_stats *s, FILE *fp)
{
    fprintf(fp, "%zu entr%s, %zu valid, %zu invalid, %zu malformed, %zu error%s", s->documents,
            s->documents == 1 ? "y" : "ies", s->valid, s->invalid, s->malformed, s->errors,
            s->errors == 1 ? "" : "s");
    if (s->warnings)
        fprintf(fp, ", %zu warning%s", s->warnings, s->warnings == 1 ? "" : "s");
    fputc('\n', fp);
}
