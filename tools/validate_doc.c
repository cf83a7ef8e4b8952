/* validate_doc.c - one document: strict parse, then the target's validator.
 * A parse failure is a "malformed" verdict, never a schema verdict. */
#include "validate_doc.h"

#include <string.h>

#include "oas_json.h"
#include "oas_validate.h"
#include "validate_input.h"
#include "validate_output.h"
#include "validate_parts.h"

void validate_stats_note_keyword(validate_stats *stats, const char *keyword)
{
    for (size_t i = 0; i < stats->keyword_count; i++)
        if (strcmp(stats->keywords[i], keyword) == 0)
            return;
    if (stats->keyword_count < VALIDATE_KEYWORDS_MAX)
        stats->keywords[stats->keyword_count++] = keyword;
}

void validate_stats_add(validate_stats *into, const validate_stats *from)
{
    into->documents += from->documents;
    into->valid += from->valid;
    into->invalid += from->invalid;
    into->malformed += from->malformed;
    into->errors += from->errors;
    into->warnings += from->warnings;
    for (size_t i = 0; i < from->keyword_count; i++)
        validate_stats_note_keyword(into, from->keywords[i]);
}

static bool shows_problems(const validate_settings *s) { return s->show != VALIDATE_SHOW_NONE; }

static void report_failure(const validate_settings *s, const validate_doc *doc,
                           const validate_failure *f, oas_buf *out, validate_stats *stats)
{
    stats->documents++;
    stats->malformed++;
    if (s->format == VALIDATE_FORMAT_SARIF)
        validate_stats_note_keyword(stats, f->keyword);
    if (shows_problems(s))
        validate_output_malformed(s->format, doc, f, out);
}

void validate_document_too_long(const validate_settings *s, const validate_doc *doc,
                                oas_buf *out, validate_stats *stats)
{
    oas_error err;
    oas_error_clear(&err);
    oas_error_set(&err, OAS_ERR_JSON_LIMIT, NULL, 0,
                  "line longer than the %zu-byte document limit; skipped", s->max_document);
    err.line = 1;
    err.column = 1;
    validate_failure f = {&err, "malformed JSON", "syntax", NULL};
    report_failure(s, doc, &f, out, stats);
}

/* A whole file that fails to parse, whose first line alone is a complete
 * JSON document followed by more: most likely NDJSON read as one document. */
static bool looks_like_ndjson(const validate_settings *s, const validate_doc *doc,
                              const oas_error *err)
{
    if (doc->stream_line || err->code != OAS_ERR_JSON_SYNTAX)
        return false;
    const char *nl = memchr(doc->bytes, '\n', doc->len);
    if (!nl)
        return false;
    size_t first = (size_t)(nl - doc->bytes);
    if (validate_is_blank(doc->bytes, first) ||
        validate_is_blank(nl + 1, doc->len - first - 1))
        return false;
    oas_json_options opts = {.max_bytes = s->max_document};
    oas_json_doc *json = NULL;
    bool complete = oas_json_parse(doc->bytes, first, &opts, &json, NULL) == OAS_OK;
    oas_json_doc_free(json);
    return complete;
}

void validate_scratch_init(validate_scratch *scratch)
{
    scratch->json = oas_json_scratch_new();
    scratch->text = (validate_text)VALIDATE_TEXT_INIT;
}

void validate_scratch_free(validate_scratch *scratch)
{
    oas_json_scratch_free(scratch->json);
    scratch->json = NULL;
    validate_text_free(&scratch->text);
}

bool validate_tree(const validate_settings *s, const oas_json *root, oas_report *violations,
                   oas_report *dups)
{
    /* Keyword paths start at the target schema itself, as the generated
     * <type>_validate() functions do. The schema sees the last of
     * duplicate keys. */
    oas_validate_options vopts = {.assert_formats = s->assert_formats};
    oas_validate_run(s->target->validate, "", root, violations, &vopts);
    return violations->status == OAS_OK &&
           oas_report_duplicate_keys(root, dups, NULL) == OAS_OK;
}

/* Parse doc whole and validate its tree into report and warnings; false
 * after reporting it malformed. */
static bool check_whole(const validate_settings *s, validate_scratch *scratch,
                        const validate_doc *doc, oas_report *report, oas_report *warnings,
                        oas_buf *out, validate_stats *stats)
{
    oas_json_options opts = {.max_bytes = s->max_document,
                             .scratch = scratch ? scratch->json : NULL};
    oas_json_doc *json = NULL;
    oas_error err;
    oas_error_clear(&err);
    if (oas_json_parse(doc->bytes, doc->len, &opts, &json, &err) != OAS_OK) {
        validate_failure f = {&err, "malformed JSON", "syntax",
                              looks_like_ndjson(s, doc, &err) ? "looks like NDJSON; use --ndjson"
                                                              : NULL};
        report_failure(s, doc, &f, out, stats);
        return false;
    }
    /* The duplicate keys are warnings, or errors with --strict-json. */
    validate_tree(s, oas_json_doc_root(json), report, s->strict_json ? report : warnings);
    oas_json_doc_free(json);
    return true;
}

void validate_document(const validate_settings *s, validate_scratch *scratch,
                       const validate_doc *doc, oas_buf *out, validate_stats *stats)
{
    oas_report report, warnings;
    oas_report_init(&report, s->max_errors);
    oas_report_init(&warnings, s->max_errors);
    bool in_parts = !doc->stream_line && validate_parts_apply(s->target, doc->len) &&
                    validate_in_parts(s, scratch, doc, VALIDATE_PARTS_RUN_BYTES, &report,
                                      &warnings);
    if (!in_parts && !check_whole(s, scratch, doc, &report, &warnings, out, stats)) {
        oas_report_free(&warnings);
        oas_report_free(&report);
        return;
    }
    if (report.status == OAS_OK)
        report.status = warnings.status;
    if (report.status != OAS_OK) {
        /* Validation could not finish (memory, depth): no verdict to give;
           where, when the report knows (the schema depth bound). */
        oas_error err;
        oas_error_clear(&err);
        if (report.stopped_at && report.stopped_offset != OAS_NO_OFFSET) {
            oas_error_set(&err, report.status, report.stopped_at, report.stopped_offset,
                          "validation could not finish at %s: %s",
                          report.stopped_at[0] ? report.stopped_at : "(root)",
                          oas_strerror(report.status));
            oas_error_locate(&err, doc->bytes, doc->len);
        } else {
            oas_error_set(&err, report.status, NULL, 0, "validation could not finish: %s",
                          oas_strerror(report.status));
            err.line = 1;
            err.column = 1;
        }
        validate_failure f = {&err, "cannot validate", "incomplete", NULL};
        report_failure(s, doc, &f, out, stats);
    } else {
        bool valid = report.total == 0;
        stats->documents++;
        stats->valid += valid;
        stats->invalid += !valid;
        stats->errors += report.total;
        stats->warnings += warnings.total;
        for (size_t i = 0; s->format == VALIDATE_FORMAT_SARIF && i < report.count; i++)
            validate_stats_note_keyword(stats, report.items[i].keyword);
        for (size_t i = 0; s->format == VALIDATE_FORMAT_SARIF && i < warnings.count; i++)
            validate_stats_note_keyword(stats, warnings.items[i].keyword);
        if (valid ? s->show == VALIDATE_SHOW_ALL : shows_problems(s))
            validate_output_verdict(s->format, doc, &report, &warnings, s->max_errors, out);
    }
    oas_report_free(&warnings);
    oas_report_free(&report);
}

ndjson_event validate_ndjson_stream(const validate_settings *s, validate_scratch *scratch,
                                    ndjson_reader *reader, const char *source, oas_buf *out,
                                    validate_stats *stats, size_t *bytes,
                                    void (*line_done)(void *ctx, oas_buf *out), void *ctx)
{
    size_t index = 0;
    ndjson_line line;
    ndjson_event ev;
    while ((ev = ndjson_reader_next(reader, &line)) == NDJSON_LINE || ev == NDJSON_TOO_LONG) {
        *bytes += line.len + 1;
        if (ev == NDJSON_LINE && validate_is_blank(line.bytes, line.len))
            continue;
        validate_doc doc = {source, index++, line.line_no, line.offset, line.bytes, line.len, true};
        if (ev == NDJSON_TOO_LONG)
            validate_document_too_long(s, &doc, out, stats);
        else
            validate_document(s, scratch, &doc, out, stats);
        if (line_done)
            line_done(ctx, out);
    }
    return ev;
}
