/* cjson_floor.c - the floor: cJSON parse + free per NDJSON line, nothing else.
 * Any validator that builds a cJSON tree per document is slower than this. */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

static bool parse_and_free(const char *line, size_t len)
{
    cJSON *root = cJSON_ParseWithLength(line, len);
    cJSON_Delete(root);
    return root != NULL;
}

#include "floor_main.h"
