/* validate_ci_output.c - JUnit XML, SARIF 2.1.0 and GitHub workflow
 * command renderings of verdicts (validate_ci_output.h). */
#include "validate_ci_output.h"

#include <string.h>

#include "oas_param.h" /* oas_percent_encode */
#include "oas_version.h"

/* ---- shared ---------------------------------------------------------------- */

static const char *pointer_shown(const oas_violation *v)
{
    return v->instance_location[0] ? v->instance_location : "(root)";
}

/* A violation's position in the source. */
static void violation_position(validate_locator *loc, const validate_doc *doc,
                               const oas_violation *v, unsigned long *line, unsigned long *column)
{
    unsigned long l;
    validate_locate(loc, v->offset, &l, column);
    *line = doc->line_no + l - 1;
}

/* ---- JUnit ----------------------------------------------------------------- */

static void xml(oas_buf *out, const char *s) { oas_buf_xml_text(out, s, strlen(s)); }

void ci_junit_case_open(oas_buf *out, const char *classname, const char *name, size_t name_len)
{
    oas_buf_puts(out, "  <testcase classname=\"");
    xml(out, classname);
    oas_buf_puts(out, "\" name=\"");
    oas_buf_xml_text(out, name, name_len);
    oas_buf_putc(out, '"');
}

static void junit_case_head(const validate_doc *doc, oas_buf *out)
{
    oas_buf name = OAS_BUF_INIT;
    oas_buf_puts(&name, doc->source);
    if (doc->stream_line)
        oas_buf_printf(&name, ":%lu", doc->line_no);
    if (oas_buf_status(&name) != OAS_OK)
        out->failed = oas_buf_status(&name);
    ci_junit_case_open(out, doc->source, name.data ? name.data : "", name.len);
    oas_buf_free(&name);
}

/* "FILE:LINE:COL: [warning: ]POINTER: MESSAGE" lines of one list. */
static void junit_lines(const validate_doc *doc, const oas_report *r, const char *severity,
                        oas_buf *out)
{
    validate_locator loc;
    validate_locator_init(&loc, doc->bytes, doc->len);
    for (size_t i = 0; i < r->count; i++) {
        const oas_violation *v = &r->items[i];
        unsigned long line, column;
        violation_position(&loc, doc, v, &line, &column);
        xml(out, doc->source);
        oas_buf_printf(out, ":%lu:%lu: %s", line, column, severity);
        xml(out, pointer_shown(v));
        oas_buf_puts(out, ": ");
        xml(out, v->message);
        oas_buf_putc(out, '\n');
    }
}

/* A <failure> listing the errors, and the warnings in <system-out>. */
static void junit_verdict(const validate_doc *doc, const oas_report *errors,
                          const oas_report *warnings, size_t max_errors, oas_buf *out)
{
    junit_case_head(doc, out);
    if (!errors->total && !warnings->total) {
        oas_buf_puts(out, "/>\n");
        return;
    }
    oas_buf_puts(out, ">\n");
    if (errors->total) {
        oas_buf_printf(out, "    <failure type=\"schema\" message=\"%zu error%s\">", errors->total,
                       errors->total == 1 ? "" : "s");
        junit_lines(doc, errors, "", out);
        if (errors->total > errors->count)
            oas_buf_printf(out, "%zu more errors not shown (--max-errors %zu)\n",
                           errors->total - errors->count, max_errors);
        oas_buf_puts(out, "</failure>\n");
    }
    if (warnings->total) {
        oas_buf_puts(out, "    <system-out>");
        junit_lines(doc, warnings, "warning: ", out);
        if (warnings->total > warnings->count)
            oas_buf_printf(out, "%zu more warnings not shown (--max-errors %zu)\n",
                           warnings->total - warnings->count, max_errors);
        oas_buf_puts(out, "</system-out>\n");
    }
    oas_buf_puts(out, "  </testcase>\n");
}

static void junit_malformed(const validate_doc *doc, const validate_failure *f,
                            const char *message, size_t message_len, oas_buf *out)
{
    unsigned long line, column;
    size_t offset;
    validate_failure_position(doc, f->err, &line, &column, &offset);
    junit_case_head(doc, out);
    oas_buf_puts(out, ">\n    <error type=\"");
    xml(out, f->keyword);
    oas_buf_puts(out, "\" message=\"");
    xml(out, f->what);
    oas_buf_puts(out, "\">");
    xml(out, doc->source);
    oas_buf_printf(out, ":%lu:%lu: %s (byte offset %zu): ", line, column, f->what, offset);
    oas_buf_xml_text(out, message, message_len);
    oas_buf_puts(out, "\n</error>\n  </testcase>\n");
}

/* ---- SARIF ----------------------------------------------------------------- */

/* A relative path as a URI reference: each '/'-separated segment
 * percent-encoded (RFC 3986 unreserved characters kept). */
static void sarif_uri(oas_buf *out, const char *path)
{
    oas_buf uri = OAS_BUF_INIT;
    for (const char *seg = path;;) {
        const char *slash = strchr(seg, '/');
        size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
        oas_percent_encode(&uri, seg, len, false);
        if (!slash)
            break;
        oas_buf_putc(&uri, '/');
        seg = slash + 1;
    }
    if (oas_buf_status(&uri) != OAS_OK)
        out->failed = oas_buf_status(&uri);
    oas_buf_json_string(out, uri.data ? uri.data : "", uri.len);
    oas_buf_free(&uri);
}

static void json_str(oas_buf *out, const char *s) { oas_buf_json_string(out, s, strlen(s)); }

static void sarif_location(oas_buf *out, const char *source, unsigned long line,
                           unsigned long column, const char *pointer)
{
    oas_buf_puts(out, "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    sarif_uri(out, source);
    oas_buf_printf(out, "},\"region\":{\"startLine\":%lu,\"startColumn\":%lu}}", line, column);
    if (pointer) {
        oas_buf_puts(out, ",\"logicalLocations\":[{\"fullyQualifiedName\":");
        json_str(out, pointer);
        oas_buf_puts(out, ",\"kind\":\"object\"}]");
    }
    oas_buf_puts(out, "}]");
}

void ci_sarif_write(oas_buf *out, const ci_sarif_result *r)
{
    oas_buf_putc(out, CI_SARIF_SEPARATOR);
    oas_buf_puts(out, "\n{\"ruleId\":");
    json_str(out, r->rule);
    oas_buf_printf(out, ",\"level\":\"%s\",\"message\":{\"text\":", r->level);
    oas_buf_json_string(out, r->text, r->text_len);
    oas_buf_puts(out, "},");
    sarif_location(out, r->source, r->line, r->column, r->pointer);
    if (r->pointer) {
        oas_buf_puts(out, ",\"properties\":{\"instancePath\":");
        json_str(out, r->pointer);
        oas_buf_puts(out, ",\"schemaPath\":");
        if (r->schema_path)
            json_str(out, r->schema_path);
        else
            oas_buf_puts(out, "null"); /* duplicate keys: no schema says it */
        oas_buf_putc(out, '}');
    }
    oas_buf_putc(out, '}');
}

const char *ci_buf_text(oas_buf *text, oas_buf *out)
{
    if (oas_buf_status(text) != OAS_OK)
        out->failed = oas_buf_status(text);
    return text->data ? text->data : "";
}

static void sarif_verdict(const validate_doc *doc, const oas_report *errors,
                          const oas_report *warnings, oas_buf *out)
{
    validate_locator loc;
    validate_locator_init(&loc, doc->bytes, doc->len);
    validate_entries it = {errors, warnings, 0, 0};
    const oas_violation *v;
    bool warning;
    while ((v = validate_entries_next(&it, &warning))) {
        ci_sarif_result r = {v->keyword, warning ? "warning" : "error", NULL, 0, doc->source, 0,
                             0, v->instance_location, v->absolute_keyword_location};
        violation_position(&loc, doc, v, &r.line, &r.column);
        oas_buf text = OAS_BUF_INIT;
        oas_buf_puts(&text, pointer_shown(v));
        oas_buf_puts(&text, ": ");
        oas_buf_puts(&text, v->message);
        r.text = ci_buf_text(&text, out);
        r.text_len = text.len;
        ci_sarif_write(out, &r);
        oas_buf_free(&text);
    }
}

static void sarif_malformed(const validate_doc *doc, const validate_failure *f,
                            const char *message, size_t message_len, oas_buf *out)
{
    ci_sarif_result r = {f->keyword, "error", NULL, 0, doc->source, 0, 0, NULL, NULL};
    size_t offset;
    validate_failure_position(doc, f->err, &r.line, &r.column, &offset);
    oas_buf text = OAS_BUF_INIT;
    oas_buf_printf(&text, "%s (byte offset %zu): ", f->what, offset);
    oas_buf_append(&text, message, message_len);
    r.text = ci_buf_text(&text, out);
    r.text_len = text.len;
    ci_sarif_write(out, &r);
    oas_buf_free(&text);
}

/* ---- GitHub workflow commands ------------------------------------------------ */

/* GitHub's escapes: '%', CR, LF in the message; also ':' and ',' in a
 * property. Everything else goes through the terminal escaping, so no
 * other control character reaches the log either. */
static void github_text(oas_buf *out, const char *s, size_t len, bool property)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *e = NULL;
        switch (s[i]) {
        case '%': e = "%25"; break;
        case '\r': e = "%0D"; break;
        case '\n': e = "%0A"; break;
        case ':': e = property ? "%3A" : NULL; break;
        case ',': e = property ? "%2C" : NULL; break;
        default: break;
        }
        if (!e)
            continue;
        oas_buf_terminal_text(out, s + run, i - run);
        oas_buf_puts(out, e);
        run = i + 1;
    }
    oas_buf_terminal_text(out, s + run, len - run);
}

static void github_head(oas_buf *out, const char *command, const char *source,
                        unsigned long line, const unsigned long *column)
{
    oas_buf_printf(out, "::%s file=", command);
    github_text(out, source, strlen(source), true);
    oas_buf_printf(out, ",line=%lu", line);
    if (column)
        oas_buf_printf(out, ",col=%lu", *column);
    oas_buf_puts(out, "::");
}

void ci_github_line(oas_buf *out, const char *command, const char *source, unsigned long line,
                    const unsigned long *column, const char *text, size_t len)
{
    github_head(out, command, source, line, column);
    github_text(out, text, len, false);
    oas_buf_putc(out, '\n');
}

static void github_not_shown(oas_buf *out, const validate_doc *doc, const oas_report *r,
                             const char *what, size_t max_errors)
{
    if (r->total <= r->count)
        return;
    github_head(out, "warning", doc->source, doc->line_no, NULL);
    oas_buf_printf(out, "%zu more %s not shown (--max-errors %zu)\n", r->total - r->count, what,
                   max_errors);
}

static void github_verdict(const validate_doc *doc, const oas_report *errors,
                           const oas_report *warnings, size_t max_errors, oas_buf *out)
{
    validate_locator loc;
    validate_locator_init(&loc, doc->bytes, doc->len);
    validate_entries it = {errors, warnings, 0, 0};
    const oas_violation *v;
    bool warning;
    while ((v = validate_entries_next(&it, &warning))) {
        unsigned long line, column;
        violation_position(&loc, doc, v, &line, &column);
        github_head(out, warning ? "warning" : "error", doc->source, line, &column);
        const char *p = pointer_shown(v);
        github_text(out, p, strlen(p), false);
        oas_buf_puts(out, ": ");
        github_text(out, v->message, strlen(v->message), false);
        oas_buf_putc(out, '\n');
    }
    github_not_shown(out, doc, errors, "errors", max_errors);
    github_not_shown(out, doc, warnings, "warnings", max_errors);
}

static void github_malformed(const validate_doc *doc, const validate_failure *f,
                             const char *message, size_t message_len, oas_buf *out)
{
    unsigned long line, column;
    size_t offset;
    validate_failure_position(doc, f->err, &line, &column, &offset);
    github_head(out, "error", doc->source, line, &column);
    oas_buf_printf(out, "%s (byte offset %zu): ", f->what, offset);
    github_text(out, message, message_len, false);
    oas_buf_putc(out, '\n');
}

/* ---- per document -------------------------------------------------------------- */

void ci_output_verdict(validate_format fmt, const validate_doc *doc, const oas_report *errors,
                       const oas_report *warnings, size_t max_errors, oas_buf *out)
{
    if (fmt == VALIDATE_FORMAT_JUNIT)
        junit_verdict(doc, errors, warnings, max_errors, out);
    else if (fmt == VALIDATE_FORMAT_SARIF)
        sarif_verdict(doc, errors, warnings, out);
    else if (fmt == VALIDATE_FORMAT_GITHUB)
        github_verdict(doc, errors, warnings, max_errors, out);
}

void ci_output_malformed(validate_format fmt, const validate_doc *doc,
                         const validate_failure *f, oas_buf *out)
{
    oas_buf msg = OAS_BUF_INIT;
    validate_failure_message(f, &msg);
    if (oas_buf_status(&msg) != OAS_OK)
        out->failed = oas_buf_status(&msg);
    const char *m = msg.data ? msg.data : "";
    if (fmt == VALIDATE_FORMAT_JUNIT)
        junit_malformed(doc, f, m, msg.len, out);
    else if (fmt == VALIDATE_FORMAT_SARIF)
        sarif_malformed(doc, f, m, msg.len, out);
    else if (fmt == VALIDATE_FORMAT_GITHUB)
        github_malformed(doc, f, m, msg.len, out);
    oas_buf_free(&msg);
}

/* ---- the run's beginning and end ------------------------------------------- */

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

void ci_output_begin(validate_format fmt, FILE *fp)
{
    if (fmt == VALIDATE_FORMAT_SARIF)
        fputs("{\"$schema\":\"" SARIF_SCHEMA "\",\"version\":\"2.1.0\",\"runs\":[{\"results\":[",
              fp);
}

static bool copy_body(FILE *body, FILE *fp)
{
    char chunk[65536];
    size_t n;
    if (fflush(body) != 0 || fseek(body, 0, SEEK_SET) != 0)
        return false;
    while ((n = fread(chunk, 1, sizeof chunk, body)) > 0)
        fwrite(chunk, 1, n, fp);
    return !ferror(body);
}

/* "syntax", "incomplete", "duplicateKey" and the HAR checks (validate_har.h)
 * are validate's own rules;
 * the others are the keywords of the spec's schemas. */
static void rule_description(oas_buf *desc, const char *keyword)
{
    static const struct {
        const char *keyword, *text;
    } own[] = {
        {"syntax", "the document is not well-formed JSON"},
        {"incomplete", "validation could not finish (memory, nesting)"},
        {"har", "the file or entry is not a readable HAR 1.2 capture"},
        {"operation", "no operation of the spec matches the call's method and path"},
        {"status", "the response status is not documented for the operation"},
        {"contentType", "the response content type is not declared for its status"},
        {"body", "the capture holds no response body"},
        {"json", "the response body is not well-formed JSON"},
        {"duplicateKey", "an object repeats a key (RFC 8259 leaves duplicates to the receiver; "
                         "the last one is used)"},
    };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strcmp(keyword, own[i].keyword) == 0) {
            oas_buf_puts(desc, own[i].text);
            return;
        }
    oas_buf_printf(desc, "JSON Schema keyword \"%s\"", keyword);
}

static void sarif_end(const char *prog, const validate_stats *stats, FILE *fp)
{
    oas_buf out = OAS_BUF_INIT;
    oas_buf_puts(&out, "\n],\"tool\":{\"driver\":{\"name\":");
    json_str(&out, prog);
    oas_buf_puts(&out, ",\"version\":");
    json_str(&out, oas_runtime_version());
    oas_buf_puts(&out, ",\"rules\":[");
    for (size_t i = 0; i < stats->keyword_count; i++) {
        oas_buf_puts(&out, i ? ",{\"id\":" : "{\"id\":");
        json_str(&out, stats->keywords[i]);
        oas_buf_puts(&out, ",\"shortDescription\":{\"text\":");
        oas_buf desc = OAS_BUF_INIT;
        rule_description(&desc, stats->keywords[i]);
        oas_buf_json_string(&out, desc.data ? desc.data : "", desc.len);
        oas_buf_free(&desc);
        oas_buf_puts(&out, "}}");
    }
    oas_buf_puts(&out, "]}}}]}\n");
    if (oas_buf_status(&out) == OAS_OK)
        fwrite(out.data, 1, out.len, fp);
    oas_buf_free(&out);
}

bool ci_output_end(validate_format fmt, const char *prog, const validate_stats *stats,
                   bool quiet, FILE *body, FILE *fp)
{
    if (fmt == VALIDATE_FORMAT_SARIF) {
        sarif_end(prog, stats, fp);
        return true;
    }
    if (fmt != VALIDATE_FORMAT_JUNIT)
        return true;
    oas_buf head = OAS_BUF_INIT;
    oas_buf_puts(&head, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"");
    xml(&head, prog);
    /* a testcase per verdict (a file that is not a HAR has one, though it
       holds no entry); --quiet leaves the valid ones out of the suite too */
    oas_buf_printf(&head, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
                   (quiet ? 0 : stats->valid) + stats->invalid + stats->malformed,
                   stats->invalid, stats->malformed);
    if (oas_buf_status(&head) == OAS_OK)
        fwrite(head.data, 1, head.len, fp);
    oas_buf_free(&head);
    bool ok = !body || copy_body(body, fp);
    fputs("</testsuite>\n", fp);
    return ok;
}
