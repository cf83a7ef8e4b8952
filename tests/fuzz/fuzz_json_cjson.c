/* fuzz_json_cjson.c - target 5 (differential): our strict reader against
 * Debian's cJSON 1.7.15 on the same bytes.
 *
 * What is compared (cJSON is the lenient one, see runtime/include/oas/oas_json.h):
 *  - acceptance one way only: whatever we accept, cJSON must accept too
 *    (cJSON accepting more - "01", raw control characters, invalid UTF-8,
 *    1e400 - is its known leniency, not compared);
 *  - for input both accept: the same tree - types, array lengths, member
 *    order and keys, string bytes, and numbers as doubles (both read with
 *    correctly rounded strtod semantics).
 * Known differences filtered out: cJSON cuts strings and keys at "\u0000"
 * (compared only up to the cut, and we must have a NUL there); cJSON turns
 * numbers into doubles (compared as doubles); cJSON's nesting limit (1000)
 * is above ours (256), so it never rejects what we accept for depth. */
#include <cjson/cJSON.h>
#include <string.h>

#include "fuzz_target.h"
#include "oas_json.h"

/* cJSON stops at the first NUL; ours keeps the length. Equal when the
 * bytes agree up to cJSON's end and ours ends there or continues with NUL. */
static bool same_text(const char *ours, size_t len, const char *theirs)
{
    size_t n = strlen(theirs);
    if (n > len || memcmp(ours, theirs, n) != 0)
        return false;
    return n == len || ours[n] == '\0';
}

static void compare(const oas_json *a, const cJSON *b)
{
    switch (a->type) {
    case OAS_JSON_NULL: FUZZ_CHECK(cJSON_IsNull(b)); break;
    case OAS_JSON_FALSE: FUZZ_CHECK(cJSON_IsFalse(b)); break;
    case OAS_JSON_TRUE: FUZZ_CHECK(cJSON_IsTrue(b)); break;
    case OAS_JSON_NUMBER:
        FUZZ_CHECK(cJSON_IsNumber(b));
        FUZZ_CHECK(oas_json_number_double(a) == b->valuedouble);
        break;
    case OAS_JSON_STRING:
        FUZZ_CHECK(cJSON_IsString(b));
        FUZZ_CHECK(same_text(a->u.str.ptr, a->u.str.len, b->valuestring));
        break;
    case OAS_JSON_ARRAY: {
        FUZZ_CHECK(cJSON_IsArray(b));
        const cJSON *item = b->child;
        for (size_t i = 0; i < a->u.arr.count; i++, item = item->next) {
            FUZZ_CHECK(item != NULL);
            compare(&a->u.arr.items[i], item);
        }
        FUZZ_CHECK(item == NULL);
        break;
    }
    case OAS_JSON_OBJECT: {
        FUZZ_CHECK(cJSON_IsObject(b));
        const cJSON *item = b->child;
        for (size_t i = 0; i < a->u.obj.count; i++, item = item->next) {
            const oas_json_member *m = &a->u.obj.members[i];
            FUZZ_CHECK(item != NULL);
            FUZZ_CHECK(same_text(m->key, m->key_len, item->string));
            compare(&m->value, item);
        }
        FUZZ_CHECK(item == NULL);
        break;
    }
    default: FUZZ_CHECK(!"unknown node type");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    oas_json_doc *doc = NULL;
    oas_error err;
    if (oas_json_parse((const char *)data, size, NULL, &doc, &err) != OAS_OK)
        return 0;
    /* Accepted input holds no NUL byte (outside strings it is not JSON,
     * inside them a raw control character), so a NUL-terminated copy is the
     * same text for cJSON; require_null_terminated makes it reject trailing
     * content, as we do. */
    char *text = malloc(size + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    const char *end = NULL;
    cJSON *theirs = cJSON_ParseWithOpts(text, &end, 1);
    FUZZ_CHECK(theirs != NULL);
    compare(oas_json_doc_root(doc), theirs);
    cJSON_Delete(theirs);
    free(text);
    oas_json_doc_free(doc);
    return 0;
}
