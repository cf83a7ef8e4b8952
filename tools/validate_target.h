/* validate_target.h - which schema `validate` checks documents against,
 * chosen from a registry by --schema, --operation/--status or the spec's only
 * operation. Works for any generated binding's registry. */
#ifndef VALIDATE_TARGET_H
#define VALIDATE_TARGET_H

#include <stdbool.h>
#include <stdio.h>
#include "oas_registry.h"

typedef struct validate_target {
    oas_validate_fn validate;
    char label[256];           /* "InsightScores", "get-insights-scores 200", "updateOrder request" */
    bool array_per_item;       /* the registry entry's: a long array may be read in runs */
    const char *const *array_members; /* the registry entry's: so may these members' arrays */
} validate_target;

/* schema_name / operation_id may be NULL; status < 0 means "200"; request:
 * the operation's request body instead of a response (with operation_id
 * only); default_operation (may be NULL) stands for operation_id when
 * neither it nor schema_name is given. Returns 0, or 2 after printing a
 * usage error that lists the choices to err. */
int validate_target_select(const oas_registry *reg, const char *schema_name,
                           const char *operation_id, int status, bool request,
                           const char *default_operation, validate_target *out,
                           const char *prog, FILE *err);

#endif
