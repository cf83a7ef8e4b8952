/* oas_model_number.c - the typed model's number members that keep their
 * JSON text: the typed value of any JSON number (saturated where the C type
 * cannot hold it) and whether the text is needed to write the number back
 * as it came. */
#include <math.h>
#include <string.h>
#include "oas_json_internal.h"
#include "oas_model_internal.h"

void oas_model_number_value(oas_kind kind, const oas_json *num, void *value)
{
    if (kind == OAS_K_DOUBLE) {
        *(double *)value = oas_json_number_double(num);
        return;
    }
    if (num->flags & OAS_JSON_F_INT64)
        *(int64_t *)value = num->u.num.i;
    else /* an integer beyond int64: the nearest end */
        *(int64_t *)value = signbit(num->u.num.dbl) ? INT64_MIN : INT64_MAX;
}

bool oas_model_number_writes_as(oas_kind kind, const void *value, const oas_json *num)
{
    const char *text = num->u.num.text;
    if (!text) /* a node built without text: nothing to keep */
        return true;
    if (kind == OAS_K_INT64)
        return oas_model_int64_writes_as(num);
    /* an integer of at most 15 digits: %.15g writes it digit for digit */
    if ((num->flags & OAS_JSON_F_INT64) && oas_model_plain_integer(text) &&
        strlen(text) - (text[0] == '-') <= 15)
        return true;
    double d = *(const double *)value;
    if (!isfinite(d) || (num->flags & OAS_JSON_F_BEYOND_DOUBLE))
        return false;
    char mine[OAS_DOUBLE_TEXT_MAX];
    oas_double_text(mine, d);
    return strcmp(mine, text) == 0;
}

bool oas_model_number_text_denotes(oas_kind kind, const char *text, const void *value)
{
    oas_json_doc *doc = NULL;
    if (oas_json_parse(text, strlen(text), NULL, &doc, NULL) != OAS_OK)
        return false;
    const oas_json *num = oas_json_doc_root(doc);
    bool same = false;
    if (num->type == OAS_JSON_NUMBER &&
        (kind == OAS_K_DOUBLE || (num->flags & OAS_JSON_F_INTEGER))) {
        union { int64_t i; double d; } was;
        oas_model_number_value(kind, num, &was);
        if (kind == OAS_K_INT64)
            same = was.i == *(const int64_t *)value;
        else /* -0 and 0 differ in text */
            same = was.d == *(const double *)value &&
                   signbit(was.d) == signbit(*(const double *)value);
    }
    oas_json_doc_free(doc);
    return same;
}
