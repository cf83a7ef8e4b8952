/* metaschemas.c - which references name an embedded meta-schema. */
#include <string.h>

#include "metaschemas.h"

size_t metaschema_uri_prefix(const char *ref)
{
    for (size_t i = 0; i < oc_metaschema_file_count; i++) {
        size_t len = strlen(oc_metaschema_files[i].uri);
        if (strncmp(ref, oc_metaschema_files[i].uri, len) == 0 && (!ref[len] || ref[len] == '#'))
            return len;
    }
    return 0;
}
