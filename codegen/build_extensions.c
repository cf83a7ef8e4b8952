/* build_extensions.c - oas2c's own x-oas2c-* extensions: facts about an API
 * that OpenAPI has no field for, declared in the spec (or an overlay) so
 * that the generator and the runtime need no knowledge of any vendor.
 *
 *   parameter  x-oas2c-missing-status: 403
 *              what the API (and so the mock) answers when the parameter is
 *              missing, instead of 400 */
#include <stdlib.h>
#include <string.h>

#include "build_ctx.h"

#define MISSING_STATUS "x-oas2c-missing-status"

int build_missing_status(build_ctx *b, const ynode *param, bool required)
{
    const ynode *n = ynode_get(param, MISSING_STATUS);
    if (!n)
        return 0;
    /* A plain integer only: "403" quoted, 4.03e2 or 0x193 are not. */
    bool digits = n->kind == YN_SCALAR && n->stype == YS_INT && n->len == 3 &&
                  strspn(n->str, "0123456789") == 3;
    int status = digits ? atoi(n->str) : 0;
    if (status < 400 || status > 599) {
        build_error(b, n, "'" MISSING_STATUS "' must be an integer from 400 to 599");
        return 0;
    }
    if (!required) {
        build_error(b, n, "'" MISSING_STATUS "' needs a required parameter (only a required "
                          "one can be missing)");
        return 0;
    }
    return status;
}
