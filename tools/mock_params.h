/* mock_params.h - the mock's checks of a request against its operation's
 * registry entry: credentials per security requirement, parameters as their
 * style puts them on the wire, the JSON body; every failure collected as
 * {attribute, reason}. Path and query values arrive as sent and are
 * percent-decoded here, strictly: "%00" or a malformed escape is a failure
 * naming the parameter, never a value cut short. */
#ifndef OAS_TOOL_MOCK_PARAMS_H
#define OAS_TOOL_MOCK_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include "mock_handler.h"

/* Append one {"attribute":...,"reason":...} object per bad parameter to
 * errors (a JSON array's contents, comma-separated). req->path is the path
 * without any server prefix. Returns the number of failures. Authorization
 * header parameters are not checked here (mock_credentials_missing is).
 * Array parameters are split per their style and checked item by item;
 * object parameters are checked for presence only. */
size_t mock_check_params(const oas_operation_entry *op, const mock_request *req, oas_buf *errors);

/* The status a missing (or empty) required parameter asks for with
 * x-oas2c-missing-status (oas_param_entry.missing_status), the first in
 * declaration order, with a message naming it in why; 0 when no such
 * parameter is missing. req->path as for mock_check_params. */
unsigned mock_missing_status(const oas_operation_entry *op, const mock_request *req, char *why,
                             size_t cap);

/* The same for the request body: required and absent, not JSON, or each
 * violation of its schema ("/body/note"). */
size_t mock_check_body(const oas_operation_entry *op, const mock_request *req, oas_buf *errors);

/* False when the request carries what one of op's security requirements
 * asks for, or op asks for none; else true with what is missing in why.
 * A required Authorization header parameter counts as a requirement. */
bool mock_credentials_missing(const oas_registry *reg, const oas_operation_entry *op,
                              const mock_request *req, char *why, size_t cap);

/* The value of path variable `name` in a path matching `tpl`
 * ("/a/{k}/b" vs "/a/x/b" -> "x"), copied into out; false if absent. */
bool mock_path_param(const char *tpl, const char *path, const char *name, char *out,
                     size_t cap);

/* True when a parameter named `name` is the Authorization header. */
bool mock_is_auth_param(const oas_param_entry *p);

/* Percent-decoding (RFC 3986 section 2.1) of a path segment or a query
 * name/value as sent. Strict: a "%" not followed by two hex digits is an
 * error, and so is "%00", because a C string would silently end there. */
typedef enum mock_decode_status {
    MOCK_DECODE_OK,
    MOCK_DECODE_BAD_ESCAPE, /* "%" without two hex digits after it */
    MOCK_DECODE_NUL,        /* "%00" */
} mock_decode_status;

/* Decode text into out (decoding never lengthens: strlen(text) + 1 bytes
 * always suffice; out may be text itself). plus_is_space: "+" means a space,
 * as in query strings (HTML forms); in a path it is a plain "+". On an
 * error, out holds the bytes decoded so far. */
mock_decode_status mock_percent_decode(const char *text, bool plus_is_space, char *out);

/* The reason reported for a value that failed mock_percent_decode(). */
const char *mock_decode_reason(mock_decode_status st);

/* Is the query parameter name `sent` (as sent, percent-encoded) the name
 * `name` once decoded? A malformed escape or "%00" matches nothing. */
bool mock_query_name_is(const char *sent, const char *name);

/* Copy a request path (as sent) into out for routing, decoding only the
 * escapes of unreserved characters (RFC 3986 section 6.2.2.2: "%41" and
 * "A" are the same path). Other escapes stay, so "%2F" does not become a
 * segment separator and "%00" reaches the parameter check. False when out
 * is too small. */
bool mock_normalize_path(const char *path, char *out, size_t cap);

/* The status asked for by a Prefer header (RFC 7240): the first "code"
 * preference (name case-insensitive, value a token or quoted string of
 * three digits, 100..599), else 0. Preferences that are not understood or
 * not well-formed are ignored, as RFC 7240 section 2 asks; so "xcode=429" is
 * not "code=429". */
int mock_preferred_status(const char *prefer);

/* The example asked for by a Prefer header: the first "example" preference
 * with a non-empty value (a token or quoted string; Prism's name for it),
 * copied into name (cap bytes, cut short if longer, *too_long then true).
 * False when there is none. */
bool mock_preferred_example(const char *prefer, char *name, size_t cap, bool *too_long);

#endif
