/* validate_output.h - how `validate` shows a document's verdict.
 *
 * text (gcc's form, which editors and CI log parsers read; valid documents
 * without warnings print nothing; errors and warnings in document order):
 *   FILE:LINE:COL: error: POINTER: MESSAGE           a violation
 *   FILE:LINE:COL: warning: POINTER: duplicate key "K" (the last one is used)
 *   FILE:LINE:1: note: N more errors not shown (--max-errors M)
 *   FILE:LINE:1: note: N more warnings not shown (--max-errors M)
 *   FILE:LINE:COL: error: malformed JSON (byte offset B): MESSAGE
 * json (one object per document per line; "errors" and "warnings" are
 * always arrays, their elements alike):
 *   {"source":S,"index":I,"line":L,"valid":B,"errorCount":N,"errors":[...],
 *    "warningCount":W,"warnings":[...]}
 *   {"source":S,"index":I,"line":L,"valid":false,"errorCount":1,
 *    "errors":[{"keyword":"syntax",...,"offset":B,"line":L,"column":K}],
 *    "warningCount":0,"warnings":[],
 *    "error":{"code":C,"message":M,"offset":B,"line":L,"column":K}}
 * Duplicate object keys are warnings (keyword "duplicateKey"; the schema
 * judged the last occurrence), errors with --strict-json.
 * junit, sarif, github: validate_ci_output.h.
 * LINE/COL and "error"'s offset are positions in the source (for NDJSON, in
 * the stream); an "errors" element's own "offset" is relative to its
 * document. */
#ifndef VALIDATE_OUTPUT_H
#define VALIDATE_OUTPUT_H

#include <stdio.h>
#include "oas_buf.h"
#include "oas_validate.h"
#include "validate_doc.h"

/* Line/column of successive offsets in one document, without rescanning it
 * from its start for each (violations mostly come in document order). */
typedef struct validate_locator {
    const char *bytes;
    size_t len;
    size_t offset;
    unsigned long line, column;
} validate_locator;

void validate_locator_init(validate_locator *l, const char *bytes, size_t len);
/* line and column in the document (1-based) of a byte offset in it */
void validate_locate(validate_locator *l, size_t offset, unsigned long *line,
                     unsigned long *column);

/* A document's verdict: valid when errors holds none. */
void validate_output_verdict(validate_format fmt, const validate_doc *doc,
                             const oas_report *errors, const oas_report *warnings,
                             size_t max_errors, oas_buf *out);

/* The recorded errors and warnings of one document, merged in document
 * order (errors first at equal offsets). */
typedef struct validate_entries {
    const oas_report *errors, *warnings;
    size_t e, w;
} validate_entries;
/* The next entry, or NULL; *warning says which list it is from. */
const oas_violation *validate_entries_next(validate_entries *it, bool *warning);

/* Why a document got no schema verdict. */
typedef struct validate_failure {
    const oas_error *err;
    const char *what;    /* "malformed JSON", or "cannot validate" when
                            validation could not finish (memory, nesting) */
    const char *keyword; /* its "keyword" in json/sarif: "syntax", "incomplete" */
    const char *hint;    /* appended to the message after "; ", or NULL */
} validate_failure;

void validate_output_malformed(validate_format fmt, const validate_doc *doc,
                               const validate_failure *f, oas_buf *out);

/* The failure's message without the parser's position (see
 * validate_error_message_length), then "; " and the hint if any. */
void validate_failure_message(const validate_failure *f, oas_buf *out);

/* Where the failure is in the source: line, column, byte offset. */
void validate_failure_position(const validate_doc *doc, const oas_error *err,
                               unsigned long *line, unsigned long *column, size_t *offset);

/* "N documents, V valid, I invalid, M malformed, E errors" */
void validate_output_summary(const validate_stats *stats, FILE *fp);
/* The same counts as one JSON object (--summary-only --format json). */
void validate_output_summary_json(const validate_stats *stats, FILE *fp);

/* Length of err->message without the parser's trailing " at line L, column
 * C (byte offset B)", for callers that print the position their own way. */
size_t validate_error_message_length(const oas_error *err);

/* A stable token for a status, e.g. "json_syntax" (the json "error.code"). */
const char *validate_error_code(oas_status code);

#endif
