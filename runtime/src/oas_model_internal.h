/* oas_model_internal.h - shared between the typed-model runtime files:
 * the JSON-pointer path of the value being read, built on the C stack. */
#ifndef OAS_MODEL_INTERNAL_H
#define OAS_MODEL_INTERNAL_H

#include "oas_model.h"

typedef struct oas_mpath {
    const struct oas_mpath *up;
    const char *key;    /* member name, or NULL for an array index */
    size_t key_len;
    size_t index;
} oas_mpath;

/* Free everything a value owns, without re-initialising it. */
void oas_model_release(const oas_type *type, void *value);
oas_status oas_model_read(const oas_type *type, const oas_json *node, void *value,
                          const oas_mpath *path, oas_error *err);
void oas_model_write(const oas_type *type, const void *value, oas_buf *out);

#endif
