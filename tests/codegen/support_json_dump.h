/* support_json_dump.h - a ynode tree as canonical JSON text, so tests can
 * compare trees (a spec after overlays, JSONPath results) with expected
 * files exactly: members in document order, scalars as the loader typed
 * them (numbers keep their spelling), strings escaped as JSON requires. */
#ifndef OAS_TEST_SUPPORT_JSON_DUMP_H
#define OAS_TEST_SUPPORT_JSON_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "ynode.h"

/* pretty: two-space indentation, one member or item per line. */
void json_dump(FILE *out, const ynode *n, bool pretty);
/* The same into a malloc'd string. */
char *json_dump_string(const ynode *n, bool pretty);

#endif
