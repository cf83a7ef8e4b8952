/* mock_params.h - the mock's checks of a request against its operation's
 * registry entry: credentials per security requirement, parameters as their
 * style puts them on the wire, the JSON body; every failure collected as
 * {attribute, reason}. */
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

#endif
