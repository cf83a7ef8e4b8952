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

/* Numbers in a member with a text slot (oas_model_number.c). The typed value
 * of a JSON number, saturated where the C type cannot hold it (int64:
 * INT64_MAX/INT64_MIN; double: as oas_json_number_double()); kind is
 * OAS_K_INT64 or OAS_K_DOUBLE and an integer kind needs OAS_JSON_F_INTEGER. */
void oas_model_number_value(oas_kind kind, const oas_json *num, void *value);
/* -?(0|[1-9][0-9]*) but not "-0": the text oas_buf_json_int64 writes. */
static inline bool oas_model_plain_integer(const char *t)
{
    bool negative = *t == '-';
    if (negative)
        t++;
    if (t[0] == '0') /* not t[-1]: for "0" that is the byte before the text */
        return t[1] == '\0' && !negative;
    if (*t < '1' || *t > '9')
        return false;
    while (*t >= '0' && *t <= '9')
        t++;
    return *t == '\0';
}

/* Whether an int64 read from num writes back as num's text (or num has
 * none): oas_model_number_writes_as for OAS_K_INT64, inline for the read's
 * common case. */
static inline bool oas_model_int64_writes_as(const oas_json *num)
{
    return !num->u.num.text ||
           ((num->flags & OAS_JSON_F_INT64) && oas_model_plain_integer(num->u.num.text));
}

/* Whether writing the typed value gives the number's own text. */
bool oas_model_number_writes_as(oas_kind kind, const void *value, const oas_json *num);
/* Whether the text, read as the parser reads a member, still gives the
 * typed value (the caller has not changed the value since). */
bool oas_model_number_text_denotes(oas_kind kind, const char *text, const void *value);

#endif
