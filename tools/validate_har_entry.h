/* validate_har_entry.h - one HAR entry: the members `validate --har` needs,
 * read with their types checked, and the entry-level violations (keywords
 * operation, status, contentType, body, json; see validate_har.h) recorded
 * into an oas_report like any schema violation. */
#ifndef VALIDATE_HAR_ENTRY_H
#define VALIDATE_HAR_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include "oas_json.h"
#include "oas_validate.h"
#include "validate_har_output.h"

typedef struct har_fields {
    const oas_json *url, *status, *content; /* always present after a read */
    const oas_json *mime, *text, *encoding; /* strings, or NULL when absent */
} har_fields;

typedef struct har_problem {
    char message[160];
    size_t offset; /* in the HAR */
} har_problem;

/* Fill e (method, url, path, status) and f from an entry; false with the
 * first problem when a needed member is missing or of the wrong type. */
bool har_read_entry(const oas_json *entry, har_entry *e, har_fields *f, har_problem *problem);

void har_violation_operation(oas_report *r, const har_entry *e);
void har_violation_status(oas_report *r, const har_entry *e);
void har_violation_content_type(oas_report *r, const har_entry *e, const char *type,
                                size_t type_len);
void har_violation_body_missing(oas_report *r, const har_entry *e);
void har_violation_not_json(oas_report *r, const har_entry *e, const oas_error *err);

#endif
