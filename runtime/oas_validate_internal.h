/* oas_validate_internal.h - shared by the validator's runtime files only. */
#ifndef OAS_VALIDATE_INTERNAL_H
#define OAS_VALIDATE_INTERNAL_H

#include "oas_validate_impl.h"

/* Count a violation at instance offset; true when it should be built and
 * recorded (not quiet, not stopped, not beyond max_errors). */
bool oas_v_fail_begin(oas_vctx *c, size_t offset);

/* Record a violation at the current instance path; takes over (frees)
 * params (JSON object text) and message. */
void oas_v_record(oas_vctx *c, const char *keyword, const char *sloc, size_t offset,
                  oas_buf *params, oas_buf *message);

/* Append ", found <type> <excerpt>" to a message: the instance's JSON type
 * and the start of its value (at most OAS_V_EXCERPT bytes of a string or
 * number, JSON-escaped; sizes of objects and arrays), so a message says what
 * was there, not only what was expected. */
#define OAS_V_EXCERPT 32
void oas_v_found(oas_buf *m, const oas_json *in);

#endif
