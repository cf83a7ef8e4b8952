/* validate_har_output.h - how `validate --har` shows each entry's verdict.
 *
 * text (gcc's form, as validate_output.h; valid entries print nothing;
 * LINE:COL is in the HAR file, at the field at fault, or at
 * response.content.text for body violations):
 *   FILE:LINE:COL: error: entry N METHOD PATH STATUS: INSTANCE: MESSAGE  body
 *   FILE:LINE:COL: error: entry N METHOD PATH STATUS: MESSAGE            entry
 *   FILE:LINE:COL: warning: entry N METHOD PATH STATUS: INSTANCE: MESSAGE  body
 *   FILE:LINE:1: note: N more errors not shown (--max-errors M)
 *   FILE:LINE:COL: error: malformed HAR entry N (byte offset B): MESSAGE
 *   FILE:LINE:COL: error: malformed HAR (byte offset B): MESSAGE
 * json (one object per entry per line):
 *   {"source":S,"index":I,"line":L,"method":M,"url":U,"status":N,
 *    "operation":ID|null,"response":KEY|null,"valid":B,"errorCount":N,
 *    "errors":[...],"warningCount":W,"warnings":[...]}
 *   {"source":S,"index":I,"line":L,"valid":false,"error":{"code":C,...}}
 *   {"source":S,"valid":false,"error":{...}}      the file is not a HAR
 * junit (a testcase per entry named "entry N METHOD URL", "entry N" when
 * the request could not be read, or FILE for a file that is not a HAR; a
 * <failure> of type "schema" for body violations or the entry-level
 * keyword, an <error> per malformed entry), sarif (a result per violation,
 * ruleId its keyword, the body pointer as logical location) and github
 * (::error lines): each line as text's, after FILE:LINE:COL. Warnings
 * (duplicate keys in a body; errors with --strict-json) as validate_output.h
 * shows them: JUnit <system-out>, SARIF level "warning", ::warning.
 * "errors" are shaped as oas_report_write_json writes them; a body
 * violation's "offset" is relative to the decoded body, the entry-level
 * ones (keywords operation, status, contentType, body, json: see
 * validate_har.h) have a null offset except json's (in the body). */
#ifndef VALIDATE_HAR_OUTPUT_H
#define VALIDATE_HAR_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "oas_buf.h"
#include "oas_registry.h"
#include "oas_validate.h"
#include "validate_doc.h"
#include "validate_output.h"

/* What is known about one entry by the time its verdict is given. */
typedef struct har_entry {
    size_t index;
    size_t offset;            /* of the entry object in the HAR */
    const char *method, *url; /* NULL until read */
    size_t method_len, url_len;
    const char *path;         /* the URL's path, as captured */
    size_t path_len;
    int64_t status;
    const oas_operation_entry *op;     /* NULL when nothing matched */
    const oas_response_entry *response; /* NULL when the status is undocumented */
    const oas_report *warnings; /* the body's duplicate keys; NULL: none */
} har_entry;

/* Line/column of growing offsets in the HAR without rescanning it. */
typedef struct har_locator {
    const char *bytes;
    size_t len, offset;
    unsigned long line, column;
} har_locator;

/* A locator at the start of bytes[0..len). */
static inline har_locator har_locator_start(const char *bytes, size_t len)
{
    har_locator l = {bytes, len, 0, 1, 1};
    return l;
}

/* Line and column of offset; offsets after the last one located cost only
 * the bytes between them (an earlier one starts again from the top). */
void har_locate(har_locator *l, size_t offset, unsigned long *line, unsigned long *column);

typedef struct har_output {
    const char *source;
    validate_format format;
    validate_show show;
    size_t max_errors;
    har_locator loc;
    oas_buf *out;
} har_output;

void har_output_init(har_output *o, const char *source, validate_format format,
                     validate_show show, size_t max_errors, const char *bytes, size_t len,
                     oas_buf *out);

/* The verdict of an entry that could be checked: valid when r has no
 * violations. in_body: r holds the body's schema violations rather than
 * one entry-level violation. at: HAR offset shown in text. */
void har_output_verdict(har_output *o, const har_entry *e, const oas_report *r, bool in_body,
                        size_t at);

/* An entry (e != NULL) or the whole file that cannot be read as HAR. code
 * is "har" for a structural problem, else validate_error_code()'s token. */
void har_output_malformed(har_output *o, const har_entry *e, const char *code,
                          const char *message, size_t message_len, size_t at);

/* "entry N METHOD PATH STATUS: [INSTANCE: ]MESSAGE" (unescaped): what a
 * line says about violation v of entry e, in every format. */
void har_entry_line(const har_entry *e, const oas_violation *v, bool in_body, oas_buf *out);

/* junit, sarif, github (validate_har_ci_output.c), at the HAR's line and
 * column as text shows them; called by the two above. */
void har_ci_verdict(har_output *o, const har_entry *e, const validate_entries *found,
                    bool in_body, unsigned long line, unsigned long column);
void har_ci_malformed(har_output *o, const har_entry *e, const char *code, const char *message,
                      size_t message_len, size_t at, unsigned long line, unsigned long column);
/* The SARIF rule of a malformed verdict: "har" for a structural problem,
 * "syntax" for a file that is not JSON, "incomplete" for an entry whose
 * body could not be checked (memory, nesting). */
const char *har_malformed_rule(const har_entry *e, const char *code);

/* "N entries, V valid, I invalid, M malformed, E errors[, W warnings]" */
void har_output_summary(const validate_stats *stats, FILE *fp);

#endif
