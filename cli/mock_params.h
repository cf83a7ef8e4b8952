/* mock_params.h - checks of a request's parameters against an operation's
 * registry entry, collecting every failure as {attribute, reason}. */
#ifndef LDREST_MOCK_PARAMS_H
#define LDREST_MOCK_PARAMS_H

#include <stdbool.h>
#include "mock_handler.h"

/* Append one {"attribute":...,"reason":...} object per bad parameter to
 * errors (a JSON array's contents, comma-separated). Returns the number of
 * failures. The Authorization header is not checked here (it is 401). */
size_t mock_check_params(const oas_operation_entry *op, const mock_request *req, oas_buf *errors);

/* The value of path variable `name` in a path matching `tpl`
 * ("/a/{k}/b" vs "/a/x/b" -> "x"), copied into out; false if absent. */
bool mock_path_param(const char *tpl, const char *path, const char *name, char *out,
                     size_t cap);

/* True when a parameter named `name` is the Authorization header. */
bool mock_is_auth_param(const oas_param_entry *p);

#endif
