/* oas_validate_internal.h - shared by the validator's runtime files only. */
#ifndef OAS_VALIDATE_INTERNAL_H
#define OAS_VALIDATE_INTERNAL_H

#include "oas_validate_impl.h"

/* Count a violation at instance offset; true when it should be built and
 * recorded (not quiet, not stopped, not beyond max_errors). */
bool oas_v_fail_begin(oas_vctx *c, size_t offset);

/* The tests of oas_v_enum() and oas_v_format_assert(), recording nothing. */
bool oas_v_enum_has(const oas_json *in, const oas_json *values, size_t n);
bool oas_v_format_ok(const oas_json *in, oas_format fmt);

/* Record a violation at the current instance path; takes over (frees)
 * params (JSON object text) and message. */
void oas_v_record(oas_vctx *c, const char *keyword, const char *sloc, size_t offset,
                  oas_buf *params, oas_buf *message);

/* Insert v into r in document order (as violations are recorded: a full
 * report keeps the first max_errors); takes over v's strings, freeing
 * them when v is not kept. false when out of memory (v freed). Does not
 * count r->total. */
bool oas_report_add(oas_report *r, oas_violation *v);

/* Does patternProperties' pattern match member m's name? A pattern that
 * cannot be applied is a violation of obj (keyword patternProperties). */
bool oas_v_key_matches(oas_vctx *c, const oas_json *obj, const char *sloc, oas_v_regex *pattern,
                       const oas_json_member *m);

/* Validation cannot go on: the report's status becomes `status` (unless
 * one is set already) and the run unwinds. Returns false. */
bool oas_v_stop(oas_vctx *c, oas_status status);
/* oas_v_stop, the report keeping where: the instance path and offset. */
bool oas_v_stop_at(oas_vctx *c, oas_status status, size_t offset);

/* Validation cannot go on: memory ran out (report status OAS_ERR_NOMEM). */
void oas_v_out_of_memory(oas_vctx *c);

/* A copy of the evaluated marks of `in` (when a record is open for it)
 * taken before a branch that may fail; restoring drops the branch's marks.
 * oas_v_eval_restore frees the copy either way. */
typedef struct oas_v_eval_saved {
    oas_v_eval *e;              /* NULL: nothing recorded for `in` */
    unsigned char *marks;
    unsigned char small[32];
} oas_v_eval_saved;
void oas_v_eval_save(oas_vctx *c, const oas_json *in, oas_v_eval_saved *s);
void oas_v_eval_restore(oas_v_eval_saved *s, bool undo);

/* params of one string member, {"name":"value"} (value JSON-escaped). */
void oas_v_string_param(oas_buf *params, const char *name, const char *value, size_t len);

/* Append ", found <type> <excerpt>" to a message: the instance's JSON type
 * and the start of its value (at most OAS_V_EXCERPT bytes of a string or
 * number, JSON-escaped; sizes of objects and arrays), so a message says what
 * was there, not only what was expected. */
#define OAS_V_EXCERPT 32
void oas_v_found(oas_buf *m, const oas_json *in);

/* Network formats (oas_format_net.c). IPv4 dotted quads: leading_zeros
 * admits "010" (RFC 5321 address literals; RFC 3986 has none). */
bool oas_ipv4_ok(const char *s, size_t len, bool leading_zeros);
bool oas_ipv6_ok(const char *s, size_t len);
bool oas_uri_ok(const char *s, size_t len);
bool oas_email_ok(const char *s, size_t len);

#endif
