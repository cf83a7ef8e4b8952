/* validate_har_ci_output.c - JUnit XML, SARIF 2.1.0 and GitHub workflow
 * command renderings of HAR entry verdicts (validate_har_output.h), built
 * from the shared pieces of validate_ci_output.c. Each entry's lines read
 * as in text ("entry N METHOD PATH STATUS: ..."), at the HAR position text
 * shows. */
#include "validate_har_output.h"

#include <string.h>

#include "validate_ci_output.h"

/* "entry N METHOD URL", or "entry N" before the request was read. */
static void case_name(const har_entry *e, oas_buf *name)
{
    oas_buf_printf(name, "entry %zu", e->index);
    if (!e->method)
        return;
    oas_buf_putc(name, ' ');
    oas_buf_append(name, e->method, e->method_len);
    oas_buf_putc(name, ' ');
    oas_buf_append(name, e->url, e->url_len);
}

/* The testcase of an entry, or of the file when e is NULL; open: the
 * caller adds its content and end. */
static void junit_case(har_output *o, const har_entry *e, bool open)
{
    oas_buf name = OAS_BUF_INIT;
    if (e)
        case_name(e, &name);
    else
        oas_buf_puts(&name, o->source);
    ci_junit_case_open(o->out, o->source, ci_buf_text(&name, o->out), name.len);
    oas_buf_puts(o->out, open ? ">\n" : "/>\n");
    oas_buf_free(&name);
}

static void xml(oas_buf *out, const char *s) { oas_buf_xml_text(out, s, strlen(s)); }

/* FILE:LINE:COL: [warning: ]ENTRY-LINE lines of one list, then the note
 * on those not shown. */
static void junit_lines(har_output *o, const har_entry *e, const oas_report *r, bool in_body,
                        const char *severity, const char *what, unsigned long line,
                        unsigned long column)
{
    oas_buf text = OAS_BUF_INIT;
    for (size_t i = 0; i < r->count; i++) {
        oas_buf_reset(&text);
        har_entry_line(e, &r->items[i], in_body, &text);
        xml(o->out, o->source);
        oas_buf_printf(o->out, ":%lu:%lu: %s", line, column, severity);
        oas_buf_xml_text(o->out, ci_buf_text(&text, o->out), text.len);
        oas_buf_putc(o->out, '\n');
    }
    oas_buf_free(&text);
    if (r->total > r->count)
        oas_buf_printf(o->out, "%zu more %s not shown (--max-errors %zu)\n", r->total - r->count,
                       what, o->max_errors);
}

static void junit_verdict(har_output *o, const har_entry *e, const validate_entries *found,
                          bool in_body, unsigned long line, unsigned long column)
{
    const oas_report *r = found->errors, *w = found->warnings;
    if (r->total == 0 && w->total == 0) {
        junit_case(o, e, false);
        return;
    }
    junit_case(o, e, true);
    if (r->total) {
        /* the failure's type: "schema" for the body's violations, else the
           entry-level keyword (operation, status, contentType, body, json) */
        oas_buf_puts(o->out, "    <failure type=\"");
        xml(o->out, in_body ? "schema" : r->items[0].keyword);
        oas_buf_printf(o->out, "\" message=\"%zu error%s\">", r->total,
                       r->total == 1 ? "" : "s");
        junit_lines(o, e, r, in_body, "", "errors", line, column);
        oas_buf_puts(o->out, "</failure>\n");
    }
    if (w->total) {
        oas_buf_puts(o->out, "    <system-out>");
        junit_lines(o, e, w, true, "warning: ", "warnings", line, column);
        oas_buf_puts(o->out, "</system-out>\n");
    }
    oas_buf_puts(o->out, "  </testcase>\n");
}

static void sarif_verdict(har_output *o, const har_entry *e, validate_entries it, bool in_body,
                          unsigned long line, unsigned long column)
{
    oas_buf text = OAS_BUF_INIT;
    const oas_violation *v;
    bool warning;
    while ((v = validate_entries_next(&it, &warning))) {
        bool body = in_body || warning;
        oas_buf_reset(&text);
        har_entry_line(e, v, body, &text);
        ci_sarif_result res = {v->keyword, warning ? "warning" : "error",
                               ci_buf_text(&text, o->out), text.len, o->source, line, column,
                               body ? v->instance_location : NULL, v->absolute_keyword_location};
        ci_sarif_write(o->out, &res);
    }
    oas_buf_free(&text);
}

static void github_verdict(har_output *o, const har_entry *e, validate_entries it, bool in_body,
                           unsigned long line, unsigned long column)
{
    oas_buf text = OAS_BUF_INIT;
    const oas_violation *v;
    bool warning;
    while ((v = validate_entries_next(&it, &warning))) {
        oas_buf_reset(&text);
        har_entry_line(e, v, in_body || warning, &text);
        ci_github_line(o->out, warning ? "warning" : "error", o->source, line, &column,
                       ci_buf_text(&text, o->out), text.len);
    }
    for (int k = 0; k < 2; k++) {
        const oas_report *l = k ? it.warnings : it.errors;
        if (l->total <= l->count)
            continue;
        oas_buf_reset(&text);
        oas_buf_printf(&text, "%zu more %s not shown (--max-errors %zu)", l->total - l->count,
                       k ? "warnings" : "errors", o->max_errors);
        ci_github_line(o->out, "warning", o->source, line, NULL, ci_buf_text(&text, o->out),
                       text.len);
    }
    oas_buf_free(&text);
}

void har_ci_verdict(har_output *o, const har_entry *e, const validate_entries *found,
                    bool in_body, unsigned long line, unsigned long column)
{
    if (o->format == VALIDATE_FORMAT_JUNIT)
        junit_verdict(o, e, found, in_body, line, column);
    else if (o->format == VALIDATE_FORMAT_SARIF)
        sarif_verdict(o, e, *found, in_body, line, column);
    else if (o->format == VALIDATE_FORMAT_GITHUB)
        github_verdict(o, e, *found, in_body, line, column);
}

const char *har_malformed_rule(const har_entry *e, const char *code)
{
    if (strcmp(code, "har") == 0)
        return "har";
    return e ? "incomplete" : "syntax";
}

void har_ci_malformed(har_output *o, const har_entry *e, const char *code, const char *message,
                      size_t message_len, size_t at, unsigned long line, unsigned long column)
{
    oas_buf text = OAS_BUF_INIT;
    oas_buf_puts(&text, "malformed HAR");
    if (e)
        oas_buf_printf(&text, " entry %zu", e->index);
    oas_buf_printf(&text, " (byte offset %zu): ", at);
    oas_buf_append(&text, message, message_len);
    const char *t = ci_buf_text(&text, o->out);
    if (o->format == VALIDATE_FORMAT_JUNIT) {
        junit_case(o, e, true);
        oas_buf_puts(o->out, "    <error type=\"");
        xml(o->out, code);
        oas_buf_printf(o->out, "\" message=\"malformed HAR%s\">", e ? " entry" : "");
        xml(o->out, o->source);
        oas_buf_printf(o->out, ":%lu:%lu: ", line, column);
        oas_buf_xml_text(o->out, t, text.len);
        oas_buf_puts(o->out, "\n</error>\n  </testcase>\n");
    } else if (o->format == VALIDATE_FORMAT_SARIF) {
        ci_sarif_result res = {har_malformed_rule(e, code), "error", t, text.len, o->source,
                               line, column, NULL, NULL};
        ci_sarif_write(o->out, &res);
    } else if (o->format == VALIDATE_FORMAT_GITHUB) {
        ci_github_line(o->out, "error", o->source, line, &column, t, text.len);
    }
    oas_buf_free(&text);
}
