/* validate_output.h - how `validate` shows a document's verdict.
 *
 * text (one line per problem; valid documents print nothing):
 *   FILE:LINE:COL  INSTANCE  MESSAGE                 a violation
 *   FILE:LINE: N more errors not shown (--max-errors M)
 *   FILE:LINE:COL: malformed JSON (byte offset B): MESSAGE
 * json (one object per document per line):
 *   {"source":S,"index":I,"line":L,"valid":B,"errorCount":N,"errors":[...]}
 *   {"source":S,"index":I,"line":L,"valid":false,
 *    "error":{"code":C,"message":M,"offset":B,"line":L,"column":K}}
 * LINE/COL/offset are positions in the source (for NDJSON, in the stream);
 * each violation's own "offset" in "errors" is relative to its document. */
#ifndef VALIDATE_OUTPUT_H
#define VALIDATE_OUTPUT_H

#include <stdio.h>
#include "oas_buf.h"
#include "oas_validate.h"
#include "validate_doc.h"

void validate_output_valid(validate_format fmt, const validate_doc *doc, oas_buf *out);
void validate_output_violations(validate_format fmt, const validate_doc *doc,
                                const oas_report *report, size_t max_errors, oas_buf *out);
/* what: "malformed JSON", or "cannot validate" when validation could not
 * finish (out of memory, nesting) */
void validate_output_malformed(validate_format fmt, const validate_doc *doc,
                               const oas_error *err, const char *what, oas_buf *out);

/* "N documents, V valid, I invalid, M malformed, E errors" */
void validate_output_summary(const validate_stats *stats, FILE *fp);

/* Length of err->message without the parser's trailing " at line L, column
 * C (byte offset B)", for callers that print the position their own way. */
size_t validate_error_message_length(const oas_error *err);

/* A stable token for a status, e.g. "json_syntax" (the json "error.code"). */
const char *validate_error_code(oas_status code);

#endif
