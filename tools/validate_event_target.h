/* validate_event_target.h - `validate --webhook NAME` and `validate
 * --operation ID --callback NAME`: the schema of what the API sends to a
 * webhook or callback receiver (its request body), or with --status of
 * what the receiver answers. Works for any generated binding's registry. */
#ifndef VALIDATE_EVENT_TARGET_H
#define VALIDATE_EVENT_TARGET_H

#include <stdbool.h>
#include <stdio.h>
#include "oas_registry.h"
#include "validate_options.h"
#include "validate_target.h"

/* Called when opts->webhook or opts->callback is set. Returns 0, or 2
 * after printing a usage error that lists the choices to err. */
int validate_event_target_select(const oas_registry *reg, const validate_options *opts,
                                 validate_target *out, const char *prog, FILE *err);

/* The webhooks and callbacks of reg, a line each (as "choose one of" lists
 * print them), skipping a kind the spec has none of. */
void validate_list_events(const oas_registry *reg, FILE *err);

#endif
