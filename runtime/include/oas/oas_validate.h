/* oas_validate.h - JSON Schema (2020-12, as OpenAPI 3.1 uses it; 3.0 mapped)
 * validation results, and the small runtime that generated validators call
 * once per keyword.
 *
 * A validator reports ALL violations (up to report->max_errors), each with
 * the RFC 6901 location of the offending instance, the keyword's evaluation
 * path and its absolute location in the spec, ajv-named params and a message.
 *
 * Ownership: an oas_report owns its violations and every string in them;
 * oas_report_free() releases all of it. */
#ifndef OAS_VALIDATE_H
#define OAS_VALIDATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "oas_error.h"
#include "oas_json.h"
#include "oas_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct oas_violation {
    char *instance_location;         /* "/scores" ; "" is the document root */
    char *keyword_location;          /* evaluation path: "/properties/scores/$ref/required" */
    char *absolute_keyword_location; /* "#/components/schemas/InsightGroupScores/required" */
    const char *keyword;             /* "required", "type", ... (static) */
    char *params;                    /* JSON object text: {"missingProperty":"score"} */
    char *message;                   /* English, one line */
    size_t offset;                   /* byte offset of the instance in the input */
} oas_violation;

typedef struct oas_report {
    oas_violation *items;
    size_t count;
    size_t cap;
    size_t max_errors;   /* stop recording after this many; 0 = unlimited */
    size_t total;        /* violations found, including ones not recorded */
    oas_status status;   /* OAS_OK, or OAS_ERR_NOMEM / OAS_ERR_JSON_DEPTH /
                            OAS_ERR_SCHEMA_DEPTH if validation could not finish */
    /* OAS_ERR_SCHEMA_DEPTH: the instance location ("" the root) and byte
     * offset of the value where the bound was hit; else NULL and
     * OAS_NO_OFFSET (also when recording them ran out of memory) */
    char *stopped_at;
    size_t stopped_offset;
} oas_report;

void oas_report_init(oas_report *r, size_t max_errors);
void oas_report_clear(oas_report *r);  /* drop violations, keep settings */
void oas_report_free(oas_report *r);   /* NULL-safe; re-inits */

/* Append the report's violations as a JSON array of objects with members
 * instanceLocation, instancePath, keywordLocation, absoluteKeywordLocation,
 * schemaPath, keyword, params, message, offset (instancePath and schemaPath
 * are ajv's names for instanceLocation and absoluteKeywordLocation). */
void oas_report_write_json(const oas_report *r, oas_buf *out);

/* For checking a long array a run of items at a time, each run validated
 * in a document of its own (the array's items cut down to the run's) into a
 * report `run` with room for every violation that counts: move run's
 * violations into `into` as if they had been found in the whole document.
 * Those inside an item of the array at array_pointer ("" the root,
 * "/items" a member: "<array_pointer>/<index>...") get first_index added
 * to the index (the run's item 0 is the array's item first_index) and
 * offset_delta to the byte offset; the others (the rest of the document,
 * found again with each run and counted once elsewhere) are dropped, and
 * `others` says how many of run's total they are. into keeps document
 * order and its max_errors; its total grows by run's total - others. run
 * is left empty (its settings kept). OAS_ERR_INVALID_ARG when more than
 * `others` violations lie outside the items, or one inside has no offset;
 * OAS_ERR_NOMEM; either is also set as into->status, and the violations
 * not moved are dropped. */
oas_status oas_report_move_items(oas_report *into, oas_report *run, const char *array_pointer,
                                 size_t first_index, size_t offset_delta, size_t others);

/* Move every violation of `from` into `into` unchanged (document order,
 * into's max_errors; totals added); from is left empty. OAS_ERR_NOMEM
 * (also set as into->status). */
oas_status oas_report_merge(oas_report *into, oas_report *from);

/* Zero-initialised (or NULL) options mean the defaults. */
typedef struct oas_validate_options {
    size_t max_depth;  /* instance nesting limit; 0 = OAS_JSON_DEFAULT_MAX_DEPTH */
    /* Assert `format` (the formats oas_format lists; others are always
     * annotations). false, the default, is 2020-12's: format is an
     * annotation and costs nothing; true reports a value outside its
     * format as a violation (keyword "format"), as python-jsonschema's
     * format_checker and ajv's validateFormats with ajv-formats do. */
    bool assert_formats;
} oas_validate_options;

/* ---- interface for generated validators ----------------------------------
 * The validation context keeps the instance path and the keyword path as
 * stacks of borrowed segments, so a violation's strings are only built when
 * a violation is recorded. Defined in oas_validate_impl.h, which generated
 * code includes; users need only the declarations above. */
typedef struct oas_vctx oas_vctx;
typedef void (*oas_validate_fn)(const oas_json *instance, oas_vctx *ctx);

/* Run one generated validator on an instance. Returns true when the instance
 * is valid and validation completed; violations go to report. */
bool oas_validate_run(oas_validate_fn fn, const char *root_keyword_location,
                      const oas_json *instance, oas_report *report,
                      const oas_validate_options *opts);

/* Duplicate object keys anywhere under root, as report entries: RFC 8259
 * leaves them to the receiver, and the reader, typed parses and validators
 * all use the LAST occurrence, so a validator's verdict never depends on
 * them; whether they are warnings or errors is the caller's choice. One
 * entry per repeated occurrence, added in document order as violations are
 * (max_errors, total): keyword "duplicateKey", instance_location the
 * object's pointer, offset the repeated key's, params {"duplicateKey":K},
 * message `duplicate key "K" (the last one is used)`, keyword_location ""
 * and absolute_keyword_location NULL (no schema says it; JSON null in
 * oas_report_write_json). Linear in the document whatever its keys.
 * Returns OAS_OK, OAS_ERR_NOMEM, or OAS_ERR_JSON_DEPTH past
 * opts->max_depth (also set as report->status). */
oas_status oas_report_duplicate_keys(const oas_json *root, oas_report *report,
                                     const oas_validate_options *opts);

/* Free the `pattern` programs compiled so far (they are otherwise kept for
 * the life of the process). Only while no validation runs, with the same
 * allocator installed as when they were compiled: e.g. at exit, or in a test
 * that checks for leaks. Later validations compile them again. */
void oas_v_regex_release_all(void);

#ifdef __cplusplus
}
#endif
#endif
