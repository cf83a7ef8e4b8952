/* validate_har.c - walk a HAR file's entries; each is read (structure),
 * matched (operation, status, content type) and its body validated. */
#include "validate_har.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_json.h"
#include "oas_validate.h"
#include "validate_har_base64.h"
#include "validate_har_entry.h"
#include "validate_har_match.h"
#include "validate_har_output.h"
#include "validate_output.h"

typedef struct har_run {
    const har_settings *s;
    har_output out;
    validate_stats *stats;
    size_t shift; /* the capture's offsets less the parsed text's */
    /* The last entry's method and path and the operation they matched
       (method NULL: none yet): a capture calls the same path over and over
       (polling, paging). */
    har_entry last;
} har_run;

static const oas_operation_entry *match_operation(har_run *run, const har_entry *e)
{
    const har_entry *l = &run->last;
    if (l->method && l->method_len == e->method_len && l->path_len == e->path_len &&
        memcmp(l->method, e->method, e->method_len) == 0 &&
        memcmp(l->path, e->path, e->path_len) == 0)
        return l->op;
    run->last = *e;
    run->last.op = har_match_operation(run->s->reg, e->method, e->path, e->path_len);
    return run->last.op;
}

static void malformed_entry(har_run *run, const har_entry *e, const char *code,
                            const char *message, size_t at)
{
    run->stats->malformed++;
    if (run->s->format == VALIDATE_FORMAT_SARIF)
        validate_stats_note_keyword(run->stats, har_malformed_rule(e, code));
    har_output_malformed(&run->out, e, code, message, strlen(message), at + run->shift);
}

static void verdict(har_run *run, const har_entry *e, const oas_report *r, bool in_body,
                    size_t at)
{
    if (r->status != OAS_OK) {
        char msg[128];
        snprintf(msg, sizeof msg, "validation could not finish: %s", oas_strerror(r->status));
        malformed_entry(run, e, validate_error_code(r->status), msg, at);
        return;
    }
    if (r->total == 0) {
        run->stats->valid++;
    } else {
        run->stats->invalid++;
        run->stats->errors += r->total;
    }
    const oas_report *w = e->warnings;
    run->stats->warnings += w ? w->total : 0;
    for (size_t i = 0; run->s->format == VALIDATE_FORMAT_SARIF && i < r->count; i++)
        validate_stats_note_keyword(run->stats, r->items[i].keyword);
    for (size_t i = 0; w && run->s->format == VALIDATE_FORMAT_SARIF && i < w->count; i++)
        validate_stats_note_keyword(run->stats, w->items[i].keyword);
    har_output_verdict(&run->out, e, r, in_body, at + run->shift);
}

/* The body as the server sent it: content.text, base64-decoded when asked.
 * *owned is set when the bytes were allocated. false after reporting the
 * entry malformed. */
static bool body_bytes(har_run *run, const har_entry *e, const har_fields *f, const char **bytes,
                       size_t *len, char **owned)
{
    *owned = NULL;
    *bytes = f->text->u.str.ptr;
    *len = f->text->u.str.len;
    if (!f->encoding)
        return true;
    if (strcmp(f->encoding->u.str.ptr, "base64") != 0 ||
        f->encoding->u.str.len != strlen("base64")) {
        malformed_entry(run, e, "har",
                        "response.content.encoding is not \"base64\", the only encoding HAR uses",
                        f->encoding->offset);
        return false;
    }
    size_t bad;
    oas_status st = har_base64_decode(*bytes, *len, owned, len, &bad);
    if (st != OAS_OK) {
        char msg[128];
        if (st == OAS_ERR_NOMEM)
            snprintf(msg, sizeof msg, "%s", oas_strerror(st));
        else if (bad == f->text->u.str.len)
            snprintf(msg, sizeof msg,
                     "response.content.text is not valid base64 (length %zu is not a multiple"
                     " of 4)", bad);
        else
            snprintf(msg, sizeof msg,
                     "response.content.text is not valid base64 (character %zu)", bad);
        malformed_entry(run, e, st == OAS_ERR_NOMEM ? "nomem" : "har", msg, f->text->offset);
        return false;
    }
    *bytes = *owned;
    return true;
}

static void check_body(har_run *run, har_entry *e, const har_fields *f, oas_report *r)
{
    const oas_response_entry *resp = e->response;
    if (!f->text) {
        har_violation_body_missing(r, e);
        verdict(run, e, r, false, f->content->offset);
        return;
    }
    const char *bytes;
    size_t len;
    char *owned;
    if (!body_bytes(run, e, f, &bytes, &len, &owned))
        return;
    oas_json_options opts = {.max_bytes = run->s->max_document};
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_error_clear(&err);
    if (oas_json_parse(bytes, len, &opts, &doc, &err) != OAS_OK) {
        har_violation_not_json(r, e, &err);
        verdict(run, e, r, false, f->text->offset);
    } else {
        /* the body's duplicate keys: warnings, or errors with --strict-json */
        oas_report warnings;
        oas_report_init(&warnings, run->s->max_errors);
        const oas_json *root = oas_json_doc_root(doc);
        oas_validate_options vopts = {.assert_formats = run->s->assert_formats};
        oas_validate_run(resp->validate, "", root, r, &vopts);
        if (r->status == OAS_OK)
            oas_report_duplicate_keys(root, run->s->strict_json ? r : &warnings, NULL);
        if (r->status == OAS_OK)
            r->status = warnings.status;
        e->warnings = &warnings;
        verdict(run, e, r, true, f->text->offset);
        e->warnings = NULL;
        oas_report_free(&warnings);
    }
    oas_json_doc_free(doc);
    oas_free(owned);
}

static void check_entry(har_run *run, const oas_json *node, size_t index)
{
    har_entry e;
    memset(&e, 0, sizeof e);
    e.index = index;
    e.offset = node->offset + run->shift;
    run->stats->documents++;
    har_fields f;
    har_problem problem;
    if (!har_read_entry(node, &e, &f, &problem)) {
        malformed_entry(run, &e, "har", problem.message, problem.offset);
        return;
    }
    oas_report r;
    oas_report_init(&r, run->s->max_errors);
    e.op = match_operation(run, &e);
    if (!e.op) {
        har_violation_operation(&r, &e);
        verdict(run, &e, &r, false, f.url->offset);
    } else if (!(e.response = oas_operation_find_response(
                     e.op, e.status >= 0 && e.status <= 999 ? (int)e.status : -1))) {
        har_violation_status(&r, &e);
        verdict(run, &e, &r, false, f.status->offset);
    } else if (!e.response->content_type) {
        verdict(run, &e, &r, false, f.status->offset); /* nothing declared to check */
    } else {
        const char *type;
        size_t type_len;
        har_media_type(f.mime ? f.mime->u.str.ptr : "", f.mime ? f.mime->u.str.len : 0, &type,
                       &type_len);
        const oas_response_entry *declared = har_response_for_media(e.op, e.response, type,
                                                                    type_len);
        if (!declared) {
            har_violation_content_type(&r, &e, type, type_len);
            verdict(run, &e, &r, false, f.mime ? f.mime->offset : f.content->offset);
        } else if (!declared->validate) {
            e.response = declared;
            verdict(run, &e, &r, false, f.content->offset); /* no schema declared */
        } else {
            e.response = declared;
            check_body(run, &e, &f, &r);
        }
    }
    oas_report_free(&r);
}

void har_check_entries(const har_settings *s, const char *source, const char *bytes, size_t len,
                       const oas_json *entries, size_t first_index, size_t shift,
                       const har_locator *at, oas_buf *out, validate_stats *stats)
{
    har_run run = {s, {0}, stats, shift, {0}};
    har_output_init(&run.out, source, s->format, s->show, s->max_errors, bytes, len, out);
    run.out.loc = *at;
    for (size_t i = 0; i < entries->u.arr.count; i++)
        check_entry(&run, &entries->u.arr.items[i], first_index + i);
}

void validate_har(const har_settings *s, const char *source, const char *bytes, size_t len,
                  oas_buf *out, validate_stats *stats)
{
    if (s->jobs > 1 && len >= HAR_RUNS_MIN_BYTES &&
        har_check_in_runs(s, source, bytes, len, 0, out, stats))
        return;
    har_run run = {s, {0}, stats, 0, {0}};
    har_output_init(&run.out, source, s->format, s->show, s->max_errors, bytes, len, out);
    oas_json_doc *doc = NULL;
    oas_error err;
    oas_error_clear(&err);
    if (oas_json_parse(bytes, len, NULL, &doc, &err) != OAS_OK) {
        stats->malformed++;
        if (s->format == VALIDATE_FORMAT_SARIF)
            validate_stats_note_keyword(stats, "syntax");
        har_output_malformed(&run.out, NULL, validate_error_code(err.code), err.message,
                             validate_error_message_length(&err),
                             err.offset == OAS_NO_OFFSET ? 0 : err.offset);
        return;
    }
    const oas_json *root = oas_json_doc_root(doc);
    const oas_json *log = oas_json_get(root, "log", 3);
    const oas_json *entries = oas_json_get(log, "entries", 7);
    if (!entries || entries->type != OAS_JSON_ARRAY) {
        stats->malformed++;
        if (s->format == VALIDATE_FORMAT_SARIF)
            validate_stats_note_keyword(stats, "har");
        const char *msg = "not a HAR file: no log.entries array";
        har_output_malformed(&run.out, NULL, "har", msg, strlen(msg),
                             entries ? entries->offset : log ? log->offset : root->offset);
    } else {
        har_locator top = har_locator_start(bytes, len);
        har_check_entries(s, source, bytes, len, entries, 0, 0, &top, out, stats);
    }
    oas_json_doc_free(doc);
}
