/* oas_model.h - the typed-model runtime that generated ld_model.c calls.
 *
 * Generated code describes each C type with a constant oas_type table
 * (member names, offsets, presence flags) and every T_init/T_free/
 * T_from_json/T_to_json is one call into the generic walkers here. That
 * keeps the generated code thin and puts every rule (integer exactness,
 * null handling, JSON pointers in errors, allocation-failure cleanup) in one
 * tested place.
 *
 * Value layouts the walkers rely on (all-zero bytes is the "init" state):
 *   bool / int64_t / double / char * / oas_raw_json   as themselves
 *   a scalar component that is a number or accepts null, or an array
 *   item that is a scalar and may be null (a type with entry_text_offset
 *   or null_offset): struct { T value; [char *text;] [bool is_null;] }
 *   enum     struct { <enum type, int-sized> value; char *str; [bool is_null;] }
 *   array    struct { T *items; size_t count; [char **texts;] [bool is_null;] }
 *   map      struct { struct { char *key; T value; [bool value_is_null;]
 *                              [char *value_text;] } *items;
 *                     size_t count; [bool is_null;] }
 *            (texts, value_text: integer/number items, see below)
 *   union    struct { <tag enum, int-sized> tag; union {...} u; [char *text;]
 *                     [bool is_null;] }  tag 0 = none
 *   struct   members as listed in its oas_field table [, bool is_null]
 *   (is_null where the type's null_offset says: see "null" below)
 *
 * Parsing rules (documented in README "The typed model"):
 *  - integers need OAS_JSON_F_INTEGER (1.0 and 1e2 are integers), else
 *    OAS_ERR_TYPE, and OAS_JSON_F_INT64, else OAS_ERR_RANGE; a double
 *    refuses a number beyond its range (1e400) with OAS_ERR_RANGE;
 *  - except where a number has a text slot (every generated integer/number
 *    member has char *x_text, an array of them char **x_texts or texts, a
 *    map of them char *value_text in each entry): there its JSON text is kept
 *    (owned) whenever writing the typed value would give other text ("1.10",
 *    "1E2", "-0" in an integer, 1e400, 1e-400, a 400-digit integer; NULL for
 *    the common numbers), and the typed value is the nearest the C type
 *    holds: a double gets +-HUGE_VAL or +-0 as oas_json_number_double()
 *    does, an int64_t INT64_MAX or INT64_MIN. Writing puts x_text back while
 *    reading it that way still gives the typed value (the caller did not
 *    change it), else the typed value. The texts of an array are NULL
 *    when no item needs one (nothing allocated), else one per item, NULL
 *    where the item needs none. A union with a number variant has char
 *    *text for it, a scalar component that is a number char *text beside
 *    its value. A number without a text slot (a hand-written table without
 *    text offsets, the shared oas_type_int64/oas_type_double) keeps the
 *    rules above: "1.10" comes back as "1.1";
 *  - a value whose type has a null_offset (generated: a component, item,
 *    variant or map value whose schema accepts null as a whole, and the
 *    table of an "X or null" alias, which is X's with null_offset set)
 *    reads JSON null as is_null = true, everything else in the init state,
 *    and writes null while is_null is set; other types refuse null
 *    (OAS_ERR_TYPE), except as members, items and map values (below);
 *  - "\u0000" in a string or map key is OAS_ERR_NUL_IN_STRING;
 *  - `"x": null` for an optional member that is not nullable counts as
 *    absent (the validator reports it); for a required one it is OAS_ERR_TYPE;
 *  - a missing required member is OAS_ERR_MISSING whose pointer names the
 *    missing member and whose offset is the enclosing object's;
 *  - members a struct does not declare are kept, in order, as one JSON
 *    object text in its additional-members store (when the type has one:
 *    every struct whose schema does not say `additionalProperties: false`)
 *    and written back after the declared members; with duplicate keys the
 *    last one wins (maps and the store keep one entry per key, at the
 *    position of its last occurrence);
 *  - oneOf/anyOf: with a discriminator whose value is in the mapping (or
 *    equals a variant's component name) that variant is parsed; otherwise
 *    the first variant whose typed parse succeeds and that drops no member
 *    (a closed struct without an additional-members store would) is
 *    chosen, else the first whose typed parse succeeds;
 *  - a struct whose schema has a discriminator and subtypes (mapping
 *    targets, components that allOf it) also parses the whole object as the
 *    subtype named, into its oas_subtype (one level: a subtype's own
 *    subtypes are not followed).
 * A failed parse leaves the output initialised with nothing allocated. */
#ifndef OAS_MODEL_H
#define OAS_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "oas_error.h"
#include "oas_buf.h"
#include "oas_json.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A free-form value kept as its compact JSON text (owned, NUL-terminated);
 * text == NULL means absent. */
typedef struct oas_raw_json {
    char *text;
    size_t len;
} oas_raw_json;

typedef enum oas_kind {
    OAS_K_BOOL, OAS_K_INT64, OAS_K_DOUBLE, OAS_K_STRING, OAS_K_JSON,
    OAS_K_ENUM, OAS_K_STRUCT, OAS_K_ARRAY, OAS_K_MAP, OAS_K_UNION
} oas_kind;

typedef struct oas_type oas_type;

#define OAS_NO_FIELD ((size_t)-1)
#define OAS_FIELD_REQUIRED 0x1u  /* absent -> OAS_ERR_MISSING */
#define OAS_FIELD_POINTER  0x2u  /* struct/union held as T * (NULL = absent) */
#define OAS_FIELD_NULLABLE 0x4u  /* JSON null sets the _is_null flag */

/* One member of a struct. Array and map members are flattened into the
 * struct: `offset` is the items pointer, `count_offset` the count. */
typedef struct oas_field {
    const char *name;      /* JSON member name */
    size_t name_len;
    const oas_type *type;
    size_t offset;
    size_t count_offset;   /* arrays/maps, else OAS_NO_FIELD */
    size_t has_offset;     /* bool has_x, or OAS_NO_FIELD */
    size_t null_offset;    /* bool x_is_null, or OAS_NO_FIELD */
    unsigned flags;        /* OAS_FIELD_* */
    size_t text_offset;    /* integer/number members: char *x_text; arrays of
                              them: char **x_texts (see oas_type.entry_text_offset);
                              or 0 (none; the value comes first, so no text is
                              at offset 0) */
} oas_field;

typedef struct oas_variant {
    const char *name;      /* component name (implicit discriminator value) or NULL */
    const oas_type *type;
    size_t offset;         /* of the variant inside the union struct */
    bool pointer;          /* held as T * (recursive variants) */
} oas_variant;

typedef struct oas_mapping {
    const char *value;     /* discriminator value */
    size_t variant;        /* index into variants */
} oas_mapping;

struct oas_type {
    oas_kind kind;
    const char *name;      /* C type name, for messages */
    size_t size;           /* sizeof one value */
    /* OAS_K_STRUCT */
    const oas_field *fields;
    size_t field_count;
    /* OAS_K_ARRAY: item type; OAS_K_MAP: value type */
    const oas_type *element;
    size_t entry_size;          /* OAS_K_MAP: sizeof one {key, value} entry */
    size_t entry_value_offset;  /* OAS_K_MAP: offsetof(entry, value);
                                   OAS_K_ENUM: offsetof(T, str) */
    size_t entry_null_offset;   /* OAS_K_MAP: offsetof(entry, value_is_null), a
                                   bool set for a null value; 0 (the key's
                                   offset): values cannot be null */
    size_t entry_text_offset;   /* a number's text slot, 0: none. OAS_K_MAP:
                                   offsetof(entry, value_text), a char *;
                                   OAS_K_ARRAY: offsetof(T, texts), a char **;
                                   OAS_K_UNION: offsetof(T, text), a char *
                                   for the variant that is a number;
                                   OAS_K_INT64/OAS_K_DOUBLE: offsetof(T, text),
                                   a char *, in a value laid out as
                                   struct { <number> value; char *text; ... } */
    /* OAS_K_ENUM: value i+1 is enum_values[i]; 0 is "unknown" */
    const char *const *enum_values;
    size_t enum_count;
    /* OAS_K_UNION: tag i+1 is variants[i] */
    const oas_variant *variants;
    size_t variant_count;
    const char *discriminator;  /* property name or NULL */
    const oas_mapping *mappings;
    size_t mapping_count;
    /* OAS_K_STRUCT: the members the fields do not name are kept in an
       oas_raw_json at additional_offset, as the text of one JSON object
       ({"k":v,...}, in input order; text NULL: none). */
    bool keeps_additional;
    /* Any kind: offsetof(T, is_null), a bool set when the value is JSON null
       as a whole (its schema accepts null); 0: the type takes no null (the
       value comes first, so no flag is at offset 0). 32 bits: it fits in
       the padding after keeps_additional, so no table grows. */
    uint32_t null_offset;
    size_t additional_offset;
    /* OAS_K_STRUCT with variants (a discriminator base): the subtypes, found
       like a union's variants; the one the instance names is parsed in full
       into the oas_subtype at subtype_offset. */
    size_t subtype_offset;
};

/* A discriminator base's subtype: the whole object, parsed as the struct
 * the discriminator value names (explicit mapping, else component name).
 * type NULL: none (no value, an unknown one, or the object does not parse
 * as that subtype: the base and its additional members still hold it all).
 * value is owned; _to_json writes the subtype instead of the base. */
typedef struct oas_subtype {
    const oas_type *type;
    void *value;
} oas_subtype;

/* Descriptors of the scalar kinds, shared by all generated code. */
extern const oas_type oas_type_bool;
extern const oas_type oas_type_int64;
extern const oas_type oas_type_double;
extern const oas_type oas_type_string;
extern const oas_type oas_type_json;

/* The operations behind every generated T_* function. `value` points at one
 * value of `type` (type->size bytes). */
void oas_model_init(const oas_type *type, void *value);
void oas_model_free(const oas_type *type, void *value);   /* NULL-safe; re-inits */
oas_status oas_model_from_json(const oas_type *type, const oas_json *node, void *value,
                               oas_error *err);
/* Strict parse (oas_json_parse) then from_json; err gets line/column. */
oas_status oas_model_parse(const oas_type *type, const char *bytes, size_t len, void *value,
                           oas_error *err);
oas_status oas_model_from_cjson(const oas_type *type, const struct cJSON *item, void *value,
                                oas_error *err);
/* Appends compact JSON; members in spec order, absent optional members
 * omitted. Returns oas_buf_status(out) (OAS_ERR_INVALID_ARG for a
 * non-finite double, unless its kept text (x_text, an item's or map value's)
 * still denotes it). */
oas_status oas_model_to_json(const oas_type *type, const void *value, oas_buf *out);
/* A new cJSON tree (cJSON_Delete it), NULL on failure. */
struct cJSON *oas_model_to_cjson(const oas_type *type, const void *value);

/* A binding's component schemas by name: <prefix>model_types, sorted by
 * name, so that tools can parse by schema name. */
typedef struct oas_model_entry {
    const char *name;      /* component name as in the spec: "InsightScores" */
    const oas_type *type;
} oas_model_entry;

/* The type of the component `name` in a sorted table, or NULL. */
const oas_type *oas_model_find(const oas_model_entry *types, size_t count, const char *name);

/* The original string of an enum value, or NULL. */
const char *oas_enum_name(const oas_type *type, int value);

#ifdef __cplusplus
}
#endif
#endif
