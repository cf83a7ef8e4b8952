/* oas_param.h - OpenAPI parameter serialization: `style` and `explode` for
 * path, query, header and cookie parameters, percent-encoded per RFC 3986.
 *
 * A parameter's value arrives as text items, already formatted (integers in
 * decimal, booleans as true/false, enums as their spec string): one item for
 * a primitive, one per element for an array, one per member (key + text) for
 * an object. The serializer only places delimiters and encodes; it never
 * guesses a type.
 *
 * What each location produces (name "color", explode as given):
 *   path    the text that replaces "{color}": "blue", ".blue", ";color=blue"
 *   query   "color=blue&color=black" (no leading '?' or '&'; an empty array
 *           or object produces nothing, as RFC 6570 leaves it undefined)
 *   header  the header's value: "blue,black" (no encoding; CR, LF and NUL
 *           are refused)
 *   cookie  "color=blue" pairs joined by "; "
 *
 * Encoding: everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~)
 * is percent-encoded in names, keys and values, so a value can never add a
 * path segment, a query parameter or a delimiter of its own. allowReserved
 * (query only) keeps the reserved set :/?[]@!$&'()*+,;= as it is; '#' is
 * encoded all the same, as it would end the query. The delimiters follow the
 * corrected OpenAPI 3.1.1 table (RFC 6570): label explode=false joins with
 * ',' (".blue,black"), spaceDelimited uses "%20", pipeDelimited "%7C",
 * deepObject writes "color%5BR%5D=100". */
#ifndef OAS_PARAM_H
#define OAS_PARAM_H

#include <stdbool.h>
#include <stddef.h>
#include "oas_buf.h"
#include "oas_error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum oas_param_in {
    OAS_PARAM_IN_PATH,
    OAS_PARAM_IN_QUERY,
    OAS_PARAM_IN_HEADER,
    OAS_PARAM_IN_COOKIE
} oas_param_in;

typedef enum oas_param_style {
    OAS_STYLE_SIMPLE,
    OAS_STYLE_FORM,
    OAS_STYLE_LABEL,
    OAS_STYLE_MATRIX,
    OAS_STYLE_SPACE_DELIMITED,
    OAS_STYLE_PIPE_DELIMITED,
    OAS_STYLE_DEEP_OBJECT
} oas_param_style;

typedef enum oas_param_shape {
    OAS_PARAM_PRIMITIVE,
    OAS_PARAM_ARRAY,
    OAS_PARAM_OBJECT
} oas_param_shape;

/* How the spec declares one parameter. Generated descriptors spell every
 * field out; oas_param_default_style/_explode give OpenAPI's defaults. */
typedef struct oas_param_desc {
    const char *name;
    oas_param_in in;
    oas_param_style style;
    bool explode;
    bool allow_reserved;
} oas_param_desc;

/* One element (array), one member (object: key set) or the value itself
 * (primitive). Text is not NUL-terminated necessarily: lengths count. */
typedef struct oas_param_item {
    const char *key;
    size_t key_len;
    const char *text;
    size_t text_len;
} oas_param_item;

typedef struct oas_param_value {
    oas_param_shape shape;
    const oas_param_item *items;
    size_t count; /* 1 for a primitive */
} oas_param_value;

/* OpenAPI's defaults: form for query and cookie, simple for path and header;
 * explode is true for form and false for every other style. */
oas_param_style oas_param_default_style(oas_param_in in);
bool oas_param_default_explode(oas_param_style style);

/* The style's name as the spec spells it ("spaceDelimited"); NULL if none.
 * oas_param_style_from_name is its inverse: false for an unknown name. */
const char *oas_param_style_name(oas_param_style style);
bool oas_param_style_from_name(const char *name, oas_param_style *out);

/* Append the serialization of v per p to out (see the top of this file).
 * OAS_ERR_INVALID_ARG when the style does not apply to the location or the
 * shape (the OpenAPI table: matrix/label in path; form in query or cookie;
 * simple in path or header; spaceDelimited/pipeDelimited for query arrays and
 * objects; deepObject for query objects), for a primitive whose count is not
 * 1, or for a header or cookie value the protocol cannot carry; out is then
 * left as it was. OAS_ERR_NOMEM when out failed. */
oas_status oas_param_serialize(const oas_param_desc *p, const oas_param_value *v, oas_buf *out,
                               oas_error *err);

/* RFC 3986 percent-encoding of s: unreserved characters stay, everything
 * else becomes %XX (upper-case hex); with keep_reserved the reserved set
 * other than '#' stays too. */
void oas_percent_encode(oas_buf *out, const char *s, size_t len, bool keep_reserved);

#ifdef __cplusplus
}
#endif
#endif
