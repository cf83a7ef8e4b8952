/* oas_json.h - a strict RFC 8259 JSON reader and the read-only document tree
 * that validators and typed parsers walk.
 *
 * Why not cJSON's parser: cJSON 1.7.15 accepts "01", "1.", raw control
 * characters and invalid UTF-8, cuts strings at \u0000, turns 1e400 into
 * infinity, keeps integers only as doubles and recurses once per nesting
 * level. This reader rejects what RFC 8259 rejects (with the byte offset),
 * keeps strings with their length, keeps integers exactly (int64 when they
 * fit, and says when they do not), keeps every number's text, and
 * is iterative: nesting past max_depth is an error before any recursion.
 *
 * Rules worth knowing (documented in README "Strict JSON"):
 *  - Lone surrogates in \u escapes are rejected (they have no UTF-8 form).
 *  - Duplicate object keys are accepted (RFC 8259 allows them); all members
 *    are kept in order, the object is flagged OAS_JSON_F_DUPKEYS, lookups and
 *    typed parses and validators use the LAST occurrence (as JSON.parse and
 *    Python do); oas_report_duplicate_keys (oas_validate.h) lists them.
 *  - Every number the grammar allows is accepted, whatever its size: one
 *    beyond the range of double (1e400, 1e-400) keeps its exact text, its
 *    double is its rounding (+-infinity or 0) and it is flagged
 *    OAS_JSON_F_BEYOND_DOUBLE; the validator compares such numbers on
 *    their text.
 *
 * Ownership: a document owns every node and string in it (one arena); free it
 * with oas_json_doc_free(). Nodes are valid until then; the input bytes may
 * be freed as soon as oas_json_parse() returns. */
#ifndef OAS_JSON_H
#define OAS_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "oas_error.h"
#include "oas_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum oas_json_type {
    OAS_JSON_NULL = 0,
    OAS_JSON_FALSE,
    OAS_JSON_TRUE,
    OAS_JSON_NUMBER,
    OAS_JSON_STRING,
    OAS_JSON_ARRAY,
    OAS_JSON_OBJECT
} oas_json_type;

/* oas_json.flags */
#define OAS_JSON_F_INTEGER 0x01u /* number: mathematically an integer (1, 1.0, 1e2) */
#define OAS_JSON_F_INT64   0x02u /* number: an integer that fits int64; num.i is exact */
#define OAS_JSON_F_DUPKEYS 0x04u /* object: some key occurs more than once */
/* number: a double cannot hold it: its double is +-infinity (1e400, a
 * 400-digit integer) or 0 (1e-400) and only num.text is its value. */
#define OAS_JSON_F_BEYOND_DOUBLE 0x08u
/* 0x10-0x80 are the reader's own notes on containers it read (test flags
 * with &, not ==); a tree built by hand leaves them 0. */

typedef struct oas_json oas_json;
typedef struct oas_json_member oas_json_member;

/* 24 bytes a value, 40 a member: a document of small values is mostly
 * nodes ([0,0,...] has one every 2 bytes), so every field is as small as
 * the value it holds allows. Documents are shorter than 4 GiB
 * (OAS_JSON_MAX_BYTES), so offsets and key lengths fit 32 bits. */
struct oas_json {
    uint8_t type;    /* oas_json_type */
    uint8_t flags;   /* OAS_JSON_F_* */
    uint32_t offset; /* byte offset of the value's first character in the input */
    union {
        struct { const char *ptr; size_t len; } str;          /* NUL-terminated too */
        /* The text is the number, NUL-terminated (its length is strlen's);
         * i is exact with OAS_JSON_F_INT64, else dbl is the text's correctly
         * rounded double. Read the double of any number with
         * oas_json_number_double(). */
        struct {
            const char *text;
            union { int64_t i; double dbl; };
        } num;
        struct { oas_json *items; size_t count; } arr;        /* contiguous */
        struct { oas_json_member *members; size_t count; } obj; /* input order */
    } u;
};

struct oas_json_member {
    const char *key;     /* NUL-terminated; may contain NULs, so use key_len */
    uint32_t key_len;
    uint32_t key_offset; /* byte offset of the key's opening quote */
    oas_json value;
};

/* The largest input oas_json_parse() reads (4 GiB - 2), so that no offset
 * is OAS_JSON_NO_OFFSET. */
#define OAS_JSON_MAX_BYTES ((size_t)UINT32_MAX - 1)
/* offset / key_offset of a node not read from text (the cJSON bridge);
 * oas_json_offset() turns it into OAS_NO_OFFSET. */
#define OAS_JSON_NO_OFFSET UINT32_MAX

/* A node offset as the rest of the API spells offsets (size_t,
 * OAS_NO_OFFSET when there is none). */
static inline size_t oas_json_offset(size_t offset)
{
    return offset == OAS_JSON_NO_OFFSET ? OAS_NO_OFFSET : offset;
}

/* The double nearest a number's value (+-infinity beyond the range of
 * double, see OAS_JSON_F_BEYOND_DOUBLE; -0 for "-0"). */
static inline double oas_json_number_double(const oas_json *num)
{
    if (!(num->flags & OAS_JSON_F_INT64))
        return num->u.num.dbl;
    if (num->u.num.i == 0 && num->u.num.text && num->u.num.text[0] == '-')
        return -0.0;
    return (double)num->u.num.i;
}

typedef struct oas_json_doc oas_json_doc;

/* The working memory of a parse (staging buffers for open containers'
 * children, their frames, the duplicate-key table, a large input's
 * container counts), kept for the next parse that names the same scratch
 * in its options instead of being allocated and freed per document: for a
 * caller reading a stream of documents. A buffer that grew past
 * OAS_JSON_SCRATCH_KEEP bytes is freed after its parse, so one huge
 * document does not pin its memory. One per thread: two parses must not
 * use the same scratch at the same time. Documents do not depend on it. */
typedef struct oas_json_scratch oas_json_scratch;
#define OAS_JSON_SCRATCH_KEEP ((size_t)1 << 20)
oas_json_scratch *oas_json_scratch_new(void); /* NULL when out of memory */
void oas_json_scratch_free(oas_json_scratch *scratch); /* NULL-safe */

typedef struct oas_json_options {
    size_t max_depth;  /* arrays+objects nesting; 0 = OAS_JSON_DEFAULT_MAX_DEPTH */
    size_t max_bytes;  /* input size limit; 0 = unlimited */
    oas_json_scratch *scratch; /* NULL: the parse allocates its own and frees it */
} oas_json_options;

#define OAS_JSON_DEFAULT_MAX_DEPTH 256

/* Parse exactly one JSON text (surrounding whitespace allowed, nothing else)
 * of at most OAS_JSON_MAX_BYTES. On success *out is a new document. On failure *out is NULL, nothing stays
 * allocated (but what opts->scratch keeps), and err holds the code, the
 * message, the byte offset and its line/column. opts may be NULL for
 * defaults. */
oas_status oas_json_parse(const char *input, size_t len, const oas_json_options *opts,
                          oas_json_doc **out, oas_error *err);

const oas_json *oas_json_doc_root(const oas_json_doc *doc);
void oas_json_doc_free(oas_json_doc *doc); /* NULL-safe */

/* Object member lookup, exact (case-sensitive) key compare, LAST occurrence
 * wins. NULL when absent or when obj is not an object. */
const oas_json *oas_json_get(const oas_json *obj, const char *key, size_t key_len);

/* Deep equality as JSON Schema defines it (enum, const, uniqueItems):
 * numbers compare by mathematical value (1 == 1.0), objects ignore member
 * order. */
bool oas_json_equal(const oas_json *a, const oas_json *b);

/* Write a node back as compact JSON (numbers keep their original text). */
void oas_json_write(const oas_json *v, oas_buf *out);

/* The JSON type name as JSON Schema spells it: "null", "boolean", "object",
 * "array", "number", "string" ("integer" is never returned). */
const char *oas_json_type_name(const oas_json *v);

/* ---- cJSON interop ------------------------------------------------------
 * For callers that already hold a cJSON tree. cJSON has already lost what it
 * loses (numbers are doubles); the conversion itself is lossless. */
struct cJSON;
oas_status oas_json_from_cjson(const struct cJSON *item, oas_json_doc **out, oas_error *err);
/* A new cJSON tree (free with cJSON_Delete); NULL on allocation failure. */
struct cJSON *oas_json_to_cjson(const oas_json *v);

#ifdef __cplusplus
}
#endif
#endif
