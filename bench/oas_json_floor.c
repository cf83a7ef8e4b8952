/* oas_json_floor.c - the second floor: the project's strict JSON reader
 * (oas_json_parse + oas_json_doc_free) per NDJSON line, no validation. */
#include <stdbool.h>
#include <stddef.h>

#include "oas_json.h"

static bool parse_and_free(const char *line, size_t len)
{
    oas_json_doc *doc = NULL;
    oas_error err; /* filled only on failure */
    bool ok = oas_json_parse(line, len, NULL, &doc, &err) == OAS_OK;
    oas_json_doc_free(doc);
    return ok;
}

#include "floor_main.h"
