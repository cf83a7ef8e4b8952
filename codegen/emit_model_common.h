/* emit_model_common.h - layout decisions of the typed model, shared by the
 * header and source emitters so both agree on every member and pointer. */
#ifndef OAS2C_EMIT_MODEL_COMMON_H
#define OAS2C_EMIT_MODEL_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include "ir.h"

typedef struct model_info {
    const ir_spec *spec;
    size_t *scc;         /* strongly connected component per schema index */
    bool *standalone;    /* per schema index: a value of it exists on its own
                            (component, root, $ref target, item, map value,
                            variant), not only flattened into a struct */
    /* The null aliases (model_null_alias) that stand on their own (a
     * component, an operation body, an array's items) and so get a type
     * table of their own:
     * null_first per content schema index, null_next per alias index, each
     * 1 + the index of an alias (in schema order), 0: no more. */
    size_t *null_first, *null_next;
} model_info;

void model_info_init(model_info *mi, const ir_spec *spec);
void model_info_free(model_info *mi);

/* A schema node that carries content (not a $ref to another node). */
bool model_is_content(const ir_schema *s);
/* Content nodes that get their own C type definition. */
bool model_defines_type(const ir_schema *s);
/* Components whose C type is a typedef of another (scalars, aliases). */
bool model_is_alias(const ir_schema *s);

/* The C type of one value of `content` (e.g. "int64_t", "char *",
 * "ld_link"); static storage for scalars, else content->type_name. */
const char *model_ctype(const ir_schema *content);
/* The descriptor expression: "&oas_type_int64" or "&desc_ld_link". */
char *model_desc_ref(const ir_schema *content);

/* Whether the type gets the seven T_* functions. Inline arrays and maps
 * that only ever appear flattened into a struct member (x, x_count) get
 * none: nobody could hold one on its own. */
bool model_has_functions(const model_info *mi, const ir_schema *s);

bool model_nullable(const ir_schema *node);
/* Struct member decisions. */
bool model_field_pointer(const model_info *mi, const ir_schema *container, const ir_prop *p);
bool model_field_has_flag(const ir_prop *p);
bool model_field_null_flag(const ir_prop *p);
/* An integer/number member: has char *<name>_text, the number's JSON text
 * when the typed value would not write back as it came. */
bool model_field_text(const ir_prop *p);
/* An array or map of integers/numbers: the array keeps char **texts (an
 * array member char **<name>_texts), each map entry char *value_text. */
bool model_seq_text(const ir_schema *seq);
/* An array member of integers/numbers: has char **<name>_texts. */
bool model_field_texts(const ir_prop *p);
bool model_is_seq(const ir_schema *content); /* array or map: flattened */
/* JSON null is valid for the schema node (nullable, a "null" type, or an
 * object schema that states no type at all, like each allOf branch). */
bool model_accepts_null(const ir_schema *node);
/* The items of an array or the values of a map as the model holds them: an
 * array item that is a scalar and may be null (items: {type: [integer,
 * "null"]}) is boxed (model_item_box); otherwise the element's own type,
 * read with the table of its null alias if it has one. A map entry whose
 * value may be null has `bool value_is_null`, as a struct member has
 * x_is_null. */
const char *model_element_ctype(const ir_schema *seq);
char *model_element_desc(const ir_schema *seq);
bool model_entry_null_flag(const ir_schema *map);
/* A struct keeps the members its schema does not declare (in the member
 * MODEL_ADDITIONAL_MEMBER, an oas_raw_json) unless its schema, or an allOf
 * branch merged into it, says `additionalProperties: false`. */
#define MODEL_ADDITIONAL_MEMBER "additional_members"
bool model_keeps_additional(const ir_schema *content);

/* A discriminator base: a struct whose schema names a discriminator. Its
 * subtypes are the structs the discriminator can name (mapping targets, then
 * components whose allOf includes the base), each once; a base with any
 * gets MODEL_SUBTYPE_MEMBER, an oas_subtype. Returns the count; *out is
 * malloc'd (NULL when none). */
#define MODEL_SUBTYPE_MEMBER "as_subtype"
size_t model_subtypes(const ir_spec *spec, const ir_schema *base, const ir_schema ***out);

/* A type whose schema accepts JSON null as a whole value (a component, an
 * item, a variant, a map value): it gets MODEL_NULL_MEMBER, a bool set for
 * null. Only types that exist on their own (model_info.standalone): a
 * member's null is its container's x_is_null. Free-form values keep null as
 * their text instead. */
#define MODEL_NULL_MEMBER "is_null"
/* The type has MODEL_NULL_MEMBER: it accepts null, or a null alias of it
 * has a table of its own. */
bool model_type_null(const model_info *mi, const ir_schema *s);
/* The type's own table reads null into MODEL_NULL_MEMBER (its schema
 * accepts null); a type that has the member only for its null aliases
 * still refuses null through its own functions. */
bool model_type_takes_null(const model_info *mi, const ir_schema *s);
/* A null alias: `node` accepts null (3.0 `nullable: true, allOf: [$ref:
 * X]`, 3.1 `anyOf: [$ref: X, {type: "null"}]`, or a $ref to such a node)
 * but its content X, a type with a table (struct, union, enum, array,
 * map), does not. Returns the node that says null (node or a $ref target
 * of it), whose table is X's with null_offset set, or NULL. */
const ir_schema *model_null_alias(const ir_schema *node);
/* The table a value of `node` is read with where it stands on its own (a
 * component, an operation's body, an array's items): its null alias's, or
 * model_desc_ref of its content. */
char *model_node_desc_ref(const ir_schema *node);
/* A scalar component (model_is_alias) that is a number or accepts null: its
 * C type is struct { T value; [char *text;] [bool is_null;] } with its own
 * type table <T>_desc instead of a typedef of the scalar. So is an array's
 * items node that is a scalar and may be null (model_boxed_item), unless a
 * boxed component on its $ref chain holds it already. */
bool model_boxed_scalar(const ir_schema *s);
bool model_boxed_text(const ir_schema *s);   /* it has char *text */
bool model_boxed_null(const ir_schema *s);   /* it has bool is_null */
bool model_boxed_item(const ir_schema *s);   /* an items node boxed under its own name */
/* The boxed type (model_boxed_scalar) that holds an item of array seq that
 * is a scalar and may be null: a boxed component on the items' $ref chain,
 * else the items node itself; NULL when the items are not such scalars. */
const ir_schema *model_item_box(const ir_schema *seq);
/* A union with a variant that is an integer/number: has char *text, the
 * number's JSON text when that variant would not write as it came. */
bool model_union_text(const ir_schema *u);
/* The type table of a named type's functions and of its model_types row:
 * model_desc_ref of its content, a boxed scalar's own, or a null alias's. */
char *model_type_desc_ref(const ir_schema *s);

/* The variants of a union, in order: its oneOf (or else anyOf) branches
 * but `{type: "null"}` ones beside others when the union accepts null. Null
 * is read into is_null (or the container's x_is_null, value_is_null)
 * before any variant is tried, so such a branch could never be chosen.
 * Returns the count; *out is malloc'd (free it). */
size_t model_variants(const ir_schema *u, const ir_schema ***out);
/* Member names of the variants, unique within the union (malloc'd array of
 * malloc'd strings; free with model_names_free). Each is the name it had
 * before null branches were left out, so that leaving one out renames
 * nothing. */
char **model_variant_names(const ir_spec *spec, const ir_schema *u);
void model_names_free(char **names, size_t n);
bool model_variant_pointer(const model_info *mi, const ir_schema *u, const ir_schema *variant);

#endif
